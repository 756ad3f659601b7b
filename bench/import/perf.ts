/**
 * Whole-process timings of a 30,000-row LinkedIn import (fresh and merge path) against the floor
 * (floor.ts), with peak RSS from /usr/bin/time. Needs `node scripts/build.mjs --cli-only` first.
 * Usage: node --import tsx bench/import/perf.ts [ROWS] [RUNS]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { linkedInCsv } from '../../test/import-export/generate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rows = Number(process.argv[2] ?? 30_000);
const runs = Number(process.argv[3] ?? 5);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-perf-'));
const csv = path.join(dir, 'Connections.csv');
fs.writeFileSync(csv, linkedInCsv(rows));
const floor = path.join(dir, 'floor.mjs');
await build({
  entryPoints: [path.join(root, 'bench/import/floor.ts')],
  outfile: floor,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  external: ['better-sqlite3', 'pg-native'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});
fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
const tend = path.join(root, 'dist/tend.cjs');

function timed(args: string[]): { ms: number; rssMb: number } {
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const rssKb = Number(r.stderr.trim().split('\n').pop());
  return { ms, rssMb: rssKb / 1024 };
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fresh = (i: number, k: string): string => path.join(dir, `${k}-${i}.db`);

const out: Record<string, { ms: number[]; rss: number[] }> = {
  fresh: { ms: [], rss: [] },
  merge: { ms: [], rss: [] },
  floor: { ms: [], rss: [] },
};
for (let i = 0; i < runs; i++) {
  const f = timed([floor, csv, fresh(i, 'floor')]);
  out.floor?.ms.push(f.ms);
  out.floor?.rss.push(f.rssMb);
  const db = fresh(i, 'tend');
  const a = timed([tend, 'import', 'linkedin', csv, '--db', db, '--json']);
  out.fresh?.ms.push(a.ms);
  out.fresh?.rss.push(a.rssMb);
  const b = timed([tend, 'import', 'linkedin', csv, '--db', db, '--json']);
  out.merge?.ms.push(b.ms);
  out.merge?.rss.push(b.rssMb);
}
const report = Object.fromEntries(
  Object.entries(out).map(([k, v]) => [
    k,
    { medianMs: Math.round(median(v.ms)), peakRssMb: Math.round(Math.max(...v.rss)) },
  ]),
);
const ratio = (report.fresh?.medianMs ?? 0) / (report.floor?.medianMs ?? 1);
console.log(
  JSON.stringify(
    { rows, runs, ...report, ratio: Math.round(ratio * 100) / 100, load: os.loadavg()[0] },
    null,
    1,
  ),
);
execFileSync('rm', ['-rf', dir]);
