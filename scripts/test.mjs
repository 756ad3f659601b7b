// `npm test`: builds the CLI (the end-to-end tests drive the built binary), then runs every
// test file with Node's test runner. Node 20's --test takes no globs, so the files are listed here.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

const b = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
  stdio: 'inherit',
  cwd: root,
});
if (b.status !== 0) process.exit(b.status ?? 1);

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : walk(p);
    return /\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}
const files = walk(path.join(root, 'test'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// Guards so that a stuck test fails the run instead of hanging it: a test that takes longer than
// ten minutes fails by name, and the whole run has a budget (TEND_TEST_BUDGET_MIN, 40 minutes by default),
// past which it is stopped and reported as failed. (Not --test-force-exit: on Node 24 it lost
// some files' test reports at exit, uncounted and unseen.)
const budgetMin = Number(process.env.TEND_TEST_BUDGET_MIN ?? 40);
if (!Number.isFinite(budgetMin) || budgetMin <= 0) {
  console.error(
    `TEND_TEST_BUDGET_MIN must be a positive number of minutes, not "${process.env.TEND_TEST_BUDGET_MIN}"`,
  );
  process.exit(2);
}
// PostgreSQL: the tests that need it read TEND_TEST_POSTGRES_URL. When it is not set, the local
// server at its conventional address (the one .ci/run uses) is tried, so `npm test` on a machine
// that has one runs the whole suite; `TEND_TEST_POSTGRES_URL=off` skips PostgreSQL on purpose.
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';
const testEnv = { ...process.env, TZ: 'UTC', NO_COLOR: '1', TEND_DAEMON: 'off' };
if (testEnv.TEND_TEST_POSTGRES_URL === 'off') delete testEnv.TEND_TEST_POSTGRES_URL;
else if (!testEnv.TEND_TEST_POSTGRES_URL && (await answers(LOCAL_POSTGRES))) {
  testEnv.TEND_TEST_POSTGRES_URL = LOCAL_POSTGRES;
  console.log(
    `npm test: PostgreSQL answers at ${LOCAL_POSTGRES}; its tests run too (TEND_TEST_POSTGRES_URL=off skips them)`,
  );
}

/** Whether a PostgreSQL server accepts a connection at `url` within two seconds. */
async function answers(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const runner = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', ...files],
  {
    stdio: 'inherit',
    cwd: root,
    detached: true, // its own process group, so that the budget stops everything it started
    // No test starts a daemon but the daemon's own (test/cli/daemon.test.ts), which turns it on.
    env: testEnv,
  },
);
const stopAll = (signal) => {
  try {
    process.kill(-runner.pid, signal);
  } catch {
    // already gone
  }
};
let overBudget = false;
const budget = setTimeout(() => {
  overBudget = true;
  console.error(`\nnpm test: the suite ran past its budget of ${budgetMin} minutes and was stopped`);
  stopAll('SIGTERM');
  setTimeout(() => stopAll('SIGKILL'), 10_000).unref();
}, budgetMin * 60_000);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stopAll(sig));
runner.on('exit', (code, signal) => {
  clearTimeout(budget);
  // Whatever a test left running (a server, a browser) ends with the run.
  stopAll('SIGKILL');
  process.exit(overBudget ? 1 : (code ?? (signal ? 1 : 0)));
});
