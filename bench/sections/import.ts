/**
 * Import of a 30,000-row LinkedIn export (LinkedIn's connection limit) as whole processes of the
 * CLI: into an empty database, and again into the database that now holds those people (the
 * merge path: every record looked up, compared, found unchanged). The floor is issue 11's: the
 * same file parsed with csv-parse and its rows inserted into a new Tend database's `people` with
 * one prepared INSERT per row in one transaction, as a whole process (bench/import/floor.ts); so
 * the ratio is the cost of Tend's reading, keys, merging and writing beyond the bare rows. Runs
 * are interleaved so machine drift hits every figure alike. Peak RSS via rss-hook.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { linkedInCsv } from '../../test/import-export/generate.js';
import { median, percentile, timeProcess, type BenchContext, type Section } from '../lib/harness.js';

const ROWS = 30_000;
/** Goals as ratios to the floor: a fresh import at most twice the floor; a re-import that changes nothing, at most the floor. */
const GOAL = { fresh: 2, merge: 1 } as const;

export const section: Section = {
  name: 'import',
  order: 40,
  async run(ctx: BenchContext) {
    const dir = path.join(path.dirname(ctx.dbFile), 'import');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const csv = path.join(dir, 'Connections.csv');
    fs.writeFileSync(csv, linkedInCsv(ROWS));
    const floorScript = path.join(dir, 'floor.mjs');
    await build({
      entryPoints: [path.join(ctx.root, 'bench/import/floor.ts')],
      outfile: floorScript,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      minify: true,
      external: ['better-sqlite3', 'pg-native'],
      // The bundle lives outside the repo: resolve better-sqlite3 from the repo's node_modules.
      banner: {
        js: `import { createRequire as __cr } from 'node:module'; const require = __cr(${JSON.stringify(path.join(ctx.root, 'package.json'))});`,
      },
      logLevel: 'warning',
    });

    const env = { ...process.env, TZ: 'UTC', NO_COLOR: '1', TEND_NOW: ctx.clock().toISOString() };
    const node = process.execPath;
    let n = 0;
    const freshDb = (): string => {
      const f = path.join(dir, `run-${++n}.db`);
      for (const s of ['', '-wal', '-shm']) fs.rmSync(f + s, { force: true });
      return f;
    };
    const importArgs = (db: string): string[] => [ctx.cli, 'import', 'linkedin', csv, '--db', db, '--json'];

    const times = {
      floor: [] as number[],
      bulkIndex: [] as number[],
      fresh: [] as number[],
      merge: [] as number[],
    };
    // One unmeasured round warms the file cache.
    timeProcess(node, [floorScript, csv, freshDb()], env);
    const warm = freshDb();
    timeProcess(node, importArgs(warm), env);
    const runs = Math.max(3, Math.min(ctx.runs.process, 7));
    for (let i = 0; i < runs; i++) {
      times.floor.push(timeProcess(node, [floorScript, csv, freshDb()], env));
      times.bulkIndex.push(timeProcess(node, [floorScript, csv, freshDb(), '--bulk-index'], env));
      const db = freshDb();
      times.fresh.push(timeProcess(node, importArgs(db), env));
      times.merge.push(timeProcess(node, importArgs(db), env));
    }

    const hook = path.join(ctx.root, 'bench', 'rss-hook.mjs');
    const rssFile = path.join(dir, 'rss.txt');
    const rss = (args: readonly string[]): number => {
      fs.rmSync(rssFile, { force: true });
      timeProcess(node, ['--import', hook, ...args], { ...env, TEND_BENCH_RSS_FILE: rssFile });
      return Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    };
    const rssRuns = 3;
    const rssFresh: number[] = [];
    const rssMerge: number[] = [];
    const rssFloor: number[] = [];
    for (let i = 0; i < rssRuns; i++) {
      rssFloor.push(rss([floorScript, csv, freshDb()]));
      const db = freshDb();
      rssFresh.push(rss(importArgs(db)));
      rssMerge.push(rss(importArgs(db)));
    }

    const floor = { name: 'csv-parse + prepared inserts', median: median(times.floor) };
    ctx.record({
      name: `${ROWS.toLocaleString('en-US')} LinkedIn rows: csv-parse + one prepared INSERT per row (floor)`,
      unit: 'ms',
      runs: times.floor.length,
      median: floor.median,
      p90: percentile(times.floor, 90),
    });
    // A reference, not the floor: the same rows with the search index filled in one statement.
    ctx.record({
      name: `${ROWS.toLocaleString('en-US')} LinkedIn rows: the floor with its search index filled at once (reference)`,
      unit: 'ms',
      runs: times.bulkIndex.length,
      median: median(times.bulkIndex),
      p90: percentile(times.bulkIndex, 90),
      floor,
    });
    const fresh = ctx.record({
      name: `tend import linkedin ${ROWS.toLocaleString('en-US')} rows, empty database (process)`,
      unit: 'ms',
      runs: times.fresh.length,
      median: median(times.fresh),
      p90: percentile(times.fresh, 90),
      target: GOAL.fresh * floor.median,
      floor,
      note: `target: ${GOAL.fresh}× the floor`,
    });
    const merge = ctx.record({
      name: `tend import linkedin ${ROWS.toLocaleString('en-US')} rows again: merge path (process)`,
      unit: 'ms',
      runs: times.merge.length,
      median: median(times.merge),
      p90: percentile(times.merge, 90),
      target: GOAL.merge * floor.median,
      floor,
      note: `target: ${GOAL.merge}× the floor`,
    });
    const rssFloorFigure = { name: 'floor', median: median(rssFloor) };
    ctx.record({
      name: 'max RSS import, empty database',
      unit: 'MB',
      runs: rssRuns,
      median: median(rssFresh),
      p90: Math.max(...rssFresh),
      target: 300,
      floor: rssFloorFigure,
    });
    ctx.record({
      name: 'max RSS import, merge path',
      unit: 'MB',
      runs: rssRuns,
      median: median(rssMerge),
      p90: Math.max(...rssMerge),
      target: 300,
      floor: rssFloorFigure,
    });
    const ratio = fresh.median / floor.median;
    ctx.detail('import', {
      rows: ROWS,
      ratioFreshToBulkIndexFloor: fresh.median / median(times.bulkIndex),
      ratioMergeToBulkIndexFloor: merge.median / median(times.bulkIndex),
      ratioFresh: ratio,
      ratioMerge: merge.median / floor.median,
      ratioGoal: GOAL,
    });
    ctx.note(
      `fresh/floor ratio ${ratio.toFixed(2)} (goal ≤ ${GOAL.fresh}), merge/floor ${(merge.median / floor.median).toFixed(2)} (goal ≤ ${GOAL.merge}); against the floor with its search index filled at once: ${(fresh.median / median(times.bulkIndex)).toFixed(2)} and ${(merge.median / median(times.bulkIndex)).toFixed(2)}`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  },
};
