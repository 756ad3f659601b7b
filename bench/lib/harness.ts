/**
 * The pieces every bench section shares: statistics, timed child processes, figures with their
 * targets and floors, and the section contract. Sections live in bench/sections/*.ts and export
 * `section: Section`; bench/run.ts finds and runs them in `order`.
 */
import { spawnSync } from 'node:child_process';
import type { AppContext } from '../../src/app/context.js';
import type { NetworkInfo } from '../generate.js';

export interface Figure {
  section: string;
  name: string;
  unit: 'ms' | 'MB';
  runs: number;
  median: number;
  p90?: number | undefined;
  /** Upper bound the median must stay at or under. */
  target?: number | undefined;
  /** What the same machine does with no work at all, measured in the same run. */
  floor?: { name: string; median: number } | undefined;
  ratio?: number | undefined;
  pass?: boolean | undefined;
  note?: string | undefined;
}

export interface BenchContext {
  root: string;
  /** A private copy of the generated database: sections may write to it. */
  dbFile: string;
  /** The CLI bundle (dist/tend.cjs). */
  cli: string;
  network: NetworkInfo;
  /** The day the network was generated around, and a fixed clock on it (09:00 UTC). */
  today: string;
  clock: () => Date;
  runs: { process: number; inProcess: number };
  /** `--cpu-prof`: write CPU profiles of process runs here. */
  profileDir?: string | undefined;
  record(f: Omit<Figure, 'section' | 'ratio' | 'pass'>): Figure;
  note(text: string): void;
  /** Extra detail kept in latest.json (breakdowns, counts). */
  detail(key: string, value: unknown): void;
  log(line: string): void;
  /** The app as the CLI opens it, on the bench database, with the fixed clock. */
  openApp(): Promise<AppContext>;
}

export interface Section {
  name: string;
  /** Sections run in ascending order; ties by name. */
  order: number;
  run(ctx: BenchContext): Promise<void>;
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** Runs a command to completion and returns its wall time in ms; a non-zero exit is an error. */
export function timeProcess(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited with ${String(r.status)}: ${r.stderr.slice(0, 2000)}`);
  return ms;
}

/** Runs `fn` n times after `warmup` unmeasured runs; returns the measured values. */
export async function repeat(
  n: number,
  warmup: number,
  fn: () => Promise<number> | number,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}
