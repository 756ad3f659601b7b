import assert from 'node:assert/strict';
import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { tend, tendBin } from '../helpers/cli.js';

const built = fs.existsSync(tendBin);
const skip =
  built || process.env.CI ? false : 'dist/tend.cjs is not built (node scripts/build.mjs --cli-only)';

interface Exit {
  code: number | null;
  stderr: string;
}

function run(db: string, args: string[]): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tendBin, ...args], {
      env: { ...process.env, TEND_DB: db, NO_COLOR: '1', TZ: 'UTC' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => {
      resolve({ code, stderr });
    });
  });
}

async function startServe(db: string): Promise<{ url: string; child: ChildProcess; stderr: () => string }> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    [tendBin, 'serve', '--port', '0'],
    {
      env: { ...process.env, TEND_DB: db, NO_COLOR: '1', TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', () => {
      reject(new Error(`serve exited early: ${err}`));
    });
  });
  return { url, child, stderr: () => err };
}

test(
  'hundreds of concurrent writers on one SQLite file all succeed, each write stored exactly once',
  { skip, timeout: 300_000 },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-writers-'));
    const db = path.join(dir, 'tend.db');
    // The writers share one existing person, so `log` writes contend for the same rows too.
    assert.equal(tend(db, ['add', 'Shared Contact']).code, 0);
    const server = await startServe(db);

    const cliWriters = 200;
    const wave = 40; // two cores: more processes at once only queue for the CPU
    const httpWriters = 100;
    const failures: string[] = [];

    // HTTP writes run alongside the CLI waves, a few at a time, against the same file.
    const httpDone = (async () => {
      const statuses: number[] = [];
      for (let i = 0; i < httpWriters; i += 5) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(5, httpWriters - i) }, async (_, k) => {
            const res = await fetch(`${server.url}api/people`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ name: `Http Writer ${i + k + 1}` }),
            });
            if (res.status !== 200 && res.status !== 201)
              failures.push(`POST Http Writer ${i + k + 1}: ${res.status} ${await res.text()}`);
            return res.status;
          }),
        );
        statuses.push(...batch);
      }
      return statuses;
    })();

    const started = Date.now();
    for (let i = 0; i < cliWriters; i += wave) {
      const exits = await Promise.all(
        Array.from({ length: Math.min(wave, cliWriters - i) }, (_, k) => {
          const n = i + k + 1;
          // Half add a person, half log an interaction with the shared one.
          return n % 2 === 0
            ? run(db, ['add', `Cli Writer ${n}`]).then((e) => ({ ...e, what: `add ${n}` }))
            : run(db, [
                'log',
                'Shared Contact',
                '--via',
                'call',
                '--nature',
                'touch',
                '--note',
                `write ${n}`,
              ]).then((e) => ({ ...e, what: `log ${n}` }));
        }),
      );
      for (const e of exits) if (e.code !== 0) failures.push(`${e.what}: exit ${e.code} ${e.stderr.trim()}`);
    }
    await httpDone;
    const elapsed = Date.now() - started;

    server.child.kill('SIGINT');
    await new Promise((resolve) => server.child.on('exit', resolve));
    assert.deepEqual(failures, [], `failed writes (server log: ${server.stderr()})`);

    const check = new Database(db, { readonly: true });
    const names = check.prepare('SELECT name FROM people').pluck().all() as string[];
    const notes = check.prepare('SELECT note FROM interactions').pluck().all() as string[];
    check.close();
    const count = (xs: string[], x: string): number => xs.filter((y) => y === x).length;
    for (let n = 1; n <= cliWriters; n++) {
      if (n % 2 === 0) assert.equal(count(names, `Cli Writer ${n}`), 1, `Cli Writer ${n}`);
      else assert.equal(count(notes, `write ${n}`), 1, `write ${n}`);
    }
    for (let n = 1; n <= httpWriters; n++)
      assert.equal(count(names, `Http Writer ${n}`), 1, `Http Writer ${n}`);
    assert.equal(names.length, 1 + cliWriters / 2 + httpWriters);
    assert.equal(notes.length, cliWriters / 2);
    console.log(`# ${cliWriters} CLI + ${httpWriters} HTTP writers in ${elapsed} ms`);
    fs.rmSync(dir, { recursive: true, force: true });
  },
);

test('writers racing to create a new database file all succeed', { skip, timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-first-'));
  const db = path.join(dir, 'tend.db');
  const exits = await Promise.all(
    Array.from({ length: 20 }, (_, i) => run(db, ['add', `First Writer ${i + 1}`])),
  );
  assert.deepEqual(
    exits.filter((e) => e.code !== 0).map((e) => e.stderr.trim()),
    [],
  );
  const check = new Database(db, { readonly: true });
  const names = check.prepare('SELECT name FROM people ORDER BY id').pluck().all() as string[];
  check.close();
  assert.deepEqual([...names].sort(), Array.from({ length: 20 }, (_, i) => `First Writer ${i + 1}`).sort());
  fs.rmSync(dir, { recursive: true, force: true });
});
