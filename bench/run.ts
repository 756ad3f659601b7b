/**
 * The benchmark harness: `npm run bench` (builds dist/tend.cjs first), or while developing
 * `node scripts/build.mjs --cli-only && node --import tsx bench/run.ts [options]`.
 *
 * Options: `--help` (the `usage` text below).
 *
 * Every figure is a median over runs, next to a floor measured in the same run on the same
 * machine (a bare `node -e 0`, a bare `SELECT count(*)`), so the ratio means something across
 * machines. Results: a table on stdout, JSON in bench/results/latest.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openApp } from '../src/app/context.js';
import { ensureNetwork } from './generate.js';
import type { BenchContext, Figure, Section } from './lib/harness.js';

process.env.TZ = 'UTC';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'bench', 'results');

const usage = `usage: node --import tsx bench/run.ts [options]   (npm run bench builds first)

  --scale X            network size (1 = DESIGN.md's 30,000 people; default 1)
  --seed N             generator seed
  --runs N             runs of each process figure (default 9, at least 7 for the record)
  --in-process-runs N  runs of each in-process figure (default 25)
  --only a,b           run only these sections (e.g. cli,capture; a wrong name lists them)
  --cpu-prof           also write one CPU profile per process figure to bench/results/profiles/
  --strict             exit 1 when a figure misses its target (for CI)
  -h, --help           this text

examples:
  npm run bench
  node --import tsx bench/run.ts --only cli,capture --runs 7
  TEND_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/run.ts --only team
`;

interface Options {
  scale: number;
  seed: string | undefined;
  runs: number;
  inProcessRuns: number;
  only: string[] | undefined;
  cpuProf: boolean;
  strict: boolean;
}

/** The command line, checked: an unknown option or a number that is not one is refused (exit 2). */
function options(argv: readonly string[]): Options | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'in-process-runs': { type: 'string' },
      only: { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      strict: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const positive = (name: string, v: string | undefined, fallback: number, whole: boolean): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0 || (whole && !Number.isInteger(n)))
      throw new UsageError(`--${name} ${v}: must be a ${whole ? 'whole ' : ''}number above 0`);
    return n;
  };
  return {
    scale: positive('scale', values.scale, 1, false),
    seed: values.seed,
    runs: positive('runs', values.runs, 9, true),
    inProcessRuns: positive('in-process-runs', values['in-process-runs'], 25, true),
    only: values.only?.split(',').filter((x) => x !== ''),
    cpuProf: values['cpu-prof'] === true,
    strict: values.strict === true,
  };
}

class UsageError extends Error {}

async function loadSections(only: readonly string[] | undefined): Promise<Section[]> {
  const dir = path.join(root, 'bench', 'sections');
  const found: Section[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.ts'))
    .sort()) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { section?: Section };
    if (!mod.section) throw new Error(`bench/sections/${f} exports no \`section\``);
    found.push(mod.section);
  }
  const unknown = (only ?? []).filter((n) => !found.some((s) => s.name === n));
  if (unknown.length > 0)
    throw new UsageError(
      `--only ${unknown.join(',')}: no such section (there are ${found
        .map((s) => s.name)
        .sort()
        .join(', ')})`,
    );
  return found
    .filter((s) => only === undefined || only.includes(s.name))
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

const fmt = (f: Figure, x: number | undefined): string =>
  x === undefined
    ? ''
    : f.unit === 'MB'
      ? `${x.toFixed(0)} MB`
      : x < 10
        ? `${x.toFixed(2)} ms`
        : `${x.toFixed(0)} ms`;

function table(figures: readonly Figure[]): string {
  const rows = [
    ['figure', 'median', 'p90', 'runs', 'target', 'floor', 'ratio', ''],
    ...figures.map((f) => [
      `${f.section}: ${f.name}`,
      fmt(f, f.median),
      fmt(f, f.p90),
      String(f.runs),
      f.target === undefined ? '' : `≤ ${fmt(f, f.target)}`,
      f.floor ? `${fmt(f, f.floor.median)} (${f.floor.name})` : '',
      f.ratio === undefined ? '' : `${f.ratio.toFixed(1)}×`,
      f.pass === undefined ? '' : f.pass ? 'pass' : 'FAIL',
    ]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const o = options(argv);
  if (o === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  const { scale, seed, only, runs: processRuns, inProcessRuns } = o;
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  // Loaded first: a misspelt section name is refused before minutes of generating data.
  const sections = await loadSections(only);

  if (!fs.existsSync(path.join(root, 'dist', 'tend.cjs')))
    throw new Error('dist/tend.cjs is missing: run `npm run bench` (or `node scripts/build.mjs --cli-only`)');

  // Sections work on private copies: of the database, so nothing they write leaks into the cache;
  // of the CLI bundle, taken now, because other work in the tree may rebuild dist/ meanwhile; in a
  // directory of this run's own, as other runs may be going on.
  const workDir = path.join(resultsDir, `work-${process.pid}`);
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  fs.cpSync(path.join(root, 'dist'), path.join(workDir, 'dist'), { recursive: true });
  const cli = path.join(workDir, 'dist', 'tend.cjs');

  // The data is generated around the real current day (the CLI has no way to pin its clock yet),
  // so that day is part of the cache key and process runs see the data as in-process runs do.
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const network = await ensureNetwork({
    today,
    scale,
    ...(seed !== undefined ? { seed: Number(seed) } : {}),
    log,
  });
  log(
    network.cached
      ? `network: cached ${path.relative(root, network.file)}`
      : `network: generated in ${((network.generateMs + network.insertMs) / 1000).toFixed(1)} s, index build ${(network.indexBuildMs / 1000).toFixed(1)} s`,
  );

  const dbFile = path.join(workDir, 'tend.db');
  fs.copyFileSync(network.file, dbFile);

  // Other work on the machine moves every figure; the floors absorb some of it, the record keeps it.
  const loadAvgAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const figures: Figure[] = [];
  const notes: string[] = [];
  const details: Record<string, unknown> = {};
  const fixed = new Date(`${today}T09:00:00.000Z`);
  const profileDir = o.cpuProf ? path.join(resultsDir, 'profiles') : undefined;
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });

  for (const section of sections) {
    log(`— ${section.name}`);
    const ctx: BenchContext = {
      root,
      dbFile,
      cli,
      network,
      today,
      clock: () => new Date(fixed),
      runs: { process: processRuns, inProcess: inProcessRuns },
      profileDir,
      record(f) {
        const ratio = f.floor && f.floor.median > 0 ? f.median / f.floor.median : undefined;
        const fig: Figure = {
          section: section.name,
          ...f,
          ratio,
          pass: f.target === undefined ? undefined : f.median <= f.target,
        };
        figures.push(fig);
        log(
          `  ${fig.name}: ${fmt(fig, fig.median)}${fig.target !== undefined ? ` (target ≤ ${fmt(fig, fig.target)})` : ''}`,
        );
        return fig;
      },
      note(text) {
        notes.push(`${section.name}: ${text}`);
        log(`  note: ${text}`);
      },
      detail(key, value) {
        details[`${section.name}.${key}`] = value;
      },
      log: (s) => {
        log(`  ${s}`);
      },
      openApp: () => openApp({ db: dbFile, clock: () => new Date(fixed) }),
    };
    await section.run(ctx);
  }

  const machine = {
    loadAvgAtStart,
    loadAvgAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  process.stdout.write(`\n${table(figures)}\n`);
  if (notes.length > 0) process.stdout.write(`\n${notes.map((n) => `note — ${n}`).join('\n')}\n`);
  process.stdout.write(
    `\nmachine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memGiB} GiB, Node ${machine.node}; load average ${machine.loadAvgAtStart.join(' ')} at start, ${machine.loadAvgAtEnd.join(' ')} at end; network ${network.counts.people ?? 0} people, today ${today}\n`,
  );
  const { file: _file, ...networkInfo } = network;
  fs.writeFileSync(
    path.join(resultsDir, 'latest.json'),
    `${JSON.stringify({ at: now.toISOString(), machine, network: networkInfo, figures, notes, details }, null, 2)}\n`,
  );
  fs.rmSync(workDir, { recursive: true, force: true });
  return o.strict && figures.some((f) => f.pass === false) ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  const bad = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (!bad) throw e;
  process.stderr.write(`bench: ${(e as Error).message}\n\n${usage}`);
  process.exitCode = 2;
}
