/**
 * The CLI as people run it: whole processes of `tend today` and `tend show PERSON` on the
 * generated network, against the floor of a bare `node -e 0` measured the same way, runs
 * interleaved so drift hits every figure alike; and peak memory (max RSS) of `tend today`.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { median, percentile, timeProcess, type BenchContext, type Section } from '../lib/harness.js';

/** A focus person with open needs: the profile that does the most matching work. */
function focusPerson(dbFile: string): { id: number; name: string } {
  const db = new SQLite(dbFile, { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT p.id, p.name FROM people p JOIN items i ON i.person_id = p.id
         WHERE p.circle = 'focus' AND p.deleted_at IS NULL AND i.side = 'need' AND i.status = 'open'
         GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`,
      )
      .get() as { id: number; name: string } | undefined;
    if (!row) throw new Error('the generated network has no focus person with open needs');
    return row;
  } finally {
    db.close();
  }
}

export const section: Section = {
  name: 'cli',
  order: 10,
  run(ctx: BenchContext) {
    const env = { ...process.env, TZ: 'UTC', NO_COLOR: '1', TEND_NOW: ctx.clock().toISOString() };
    const person = focusPerson(ctx.dbFile);
    ctx.detail('showPerson', person);
    const node = process.execPath;
    const cases = {
      floor: ['-e', '0'],
      // Start-up alone (the bundle loads, no database, no command): splits a command's time.
      version: [ctx.cli, '--version'],
      today: [ctx.cli, 'today', '--db', ctx.dbFile],
      show: [ctx.cli, 'show', String(person.id), '--db', ctx.dbFile],
    } as const;
    const times: Record<keyof typeof cases, number[]> = { floor: [], version: [], today: [], show: [] };
    // One unmeasured round warms the file cache and the OS.
    for (const args of Object.values(cases)) timeProcess(node, args, env);
    for (let i = 0; i < ctx.runs.process; i++)
      for (const [name, args] of Object.entries(cases) as [keyof typeof cases, readonly string[]][])
        times[name].push(timeProcess(node, args, env));
    const floor = { name: 'node -e 0', median: median(times.floor) };
    ctx.record({
      name: 'node -e 0 (floor)',
      unit: 'ms',
      runs: times.floor.length,
      median: floor.median,
      p90: percentile(times.floor, 90),
    });
    ctx.record({
      name: 'tend --version (process: start-up only)',
      unit: 'ms',
      runs: times.version.length,
      median: median(times.version),
      p90: percentile(times.version, 90),
      floor,
    });
    ctx.record({
      name: 'tend today (process)',
      unit: 'ms',
      runs: times.today.length,
      median: median(times.today),
      p90: percentile(times.today, 90),
      target: 300,
      floor,
    });
    ctx.record({
      name: `tend show #${person.id} (process)`,
      unit: 'ms',
      runs: times.show.length,
      median: median(times.show),
      p90: percentile(times.show, 90),
      target: 150,
      floor,
    });

    // Peak memory, in separate runs: the preloaded hook writes maxRSS (KiB) on exit.
    const hook = path.join(ctx.root, 'bench', 'rss-hook.mjs');
    const rssFile = path.join(path.dirname(ctx.dbFile), 'rss.txt');
    const rss = (args: readonly string[]): number => {
      fs.rmSync(rssFile, { force: true });
      timeProcess(node, ['--import', hook, ...args], { ...env, TEND_BENCH_RSS_FILE: rssFile });
      return Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    };
    const rssRuns = Math.max(3, Math.min(5, ctx.runs.process));
    const floorRss = Array.from({ length: rssRuns }, () => rss(cases.floor));
    const todayRss = Array.from({ length: rssRuns }, () => rss(cases.today));
    const showRss = Array.from({ length: rssRuns }, () => rss(cases.show));
    const rssFloor = { name: 'node -e 0', median: median(floorRss) };
    ctx.record({ name: 'max RSS node -e 0 (floor)', unit: 'MB', runs: rssRuns, median: rssFloor.median });
    ctx.record({
      name: 'max RSS tend today',
      unit: 'MB',
      runs: rssRuns,
      median: median(todayRss),
      p90: Math.max(...todayRss),
      target: 250,
      floor: rssFloor,
      note: 'p90 column: the largest run',
    });
    ctx.record({
      name: `max RSS tend show #${person.id}`,
      unit: 'MB',
      runs: rssRuns,
      median: median(showRss),
      p90: Math.max(...showRss),
      floor: rssFloor,
      note: 'p90 column: the largest run',
    });

    // The CLI re-encodes any item whose stored features are of another matcher version: if that
    // happened, the figures above include the model and the matcher changed under the bench.
    const db = new SQLite(ctx.dbFile, { readonly: true });
    const versions = db
      .prepare('SELECT version, count(*) AS n FROM match_features GROUP BY version')
      .all() as {
      version: string;
      n: number;
    }[];
    db.close();
    ctx.detail('featureVersionsAfterCli', versions);
    if (versions.length > 1)
      ctx.note(
        `the CLI re-encoded features (versions in the database after the runs: ${versions.map((v) => `${v.version} ×${v.n}`).join(', ')}): dist/tend.mjs was built from another matcher than the generated index; rebuild and rerun`,
      );

    if (ctx.profileDir) {
      for (const name of ['today', 'show'] as const) {
        const args = cases[name];
        timeProcess(
          node,
          ['--cpu-prof', '--cpu-prof-dir', ctx.profileDir, '--cpu-prof-name', `${name}.cpuprofile`, ...args],
          env,
        );
      }
      ctx.note(
        `CPU profiles of one run each: ${path.relative(ctx.root, ctx.profileDir)}/{today,show}.cpuprofile`,
      );
    }
    return Promise.resolve();
  },
};
