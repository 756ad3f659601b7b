/**
 * The work of the CLI's daemon per routed read, without processes: CPU time (user + system) of
 * `run` on a kept connection (`ContextPool`, as the daemon serves, reply cache off). Each command
 * is timed twice per round: read again (nothing changed) and first read after a write (a
 * `tend log` on another connection just before). Medians in ms of CPU. CPU time, unlike wall
 * time, holds on a loaded machine. Run it in two checkouts to compare commits.
 *   node --import tsx bench/daemon-work.ts --db FILE [--person ID] [--word W] [--runs 15]
 */
import { ContextPool } from '../src/app/context-pool.js';
import { clockFromEnv, run } from '../src/cli/program.js';
import type { Io } from '../src/cli/runner.js';

const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const db = option('--db');
if (db === undefined) throw new Error('--db FILE: a copy of a generated network (it is written to)');
const person = option('--person') ?? '14397';
const word = option('--word') ?? 'Sofía';
const runs = Number(option('--runs') ?? 15);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  TZ: 'UTC',
  NO_COLOR: '1',
  TEND_NOW: process.env.TEND_NOW ?? new Date().toISOString(),
  TEND_DAEMON: 'off',
};
const clock = clockFromEnv(env) ?? (() => new Date());
const sink = {
  write: () => true,
  isTTY: false,
  columns: 80,
  on: () => sink,
  once: () => sink,
  removeListener: () => sink,
};
const io = { stdout: sink, stderr: sink, env } as unknown as Io;
const pool = new ContextPool();
const commands: Record<string, string[]> = {
  today: ['today', '--db', db],
  show: ['show', person, '--db', db],
  search: ['people', '--search', word, '--db', db],
  match: ['match', person, '--db', db],
};
let writes = 0;
const times: Record<string, number[]> = {};
// Two unmeasured rounds load the matcher and warm what the daemon keeps.
for (let round = 0; round < runs + 2; round++)
  for (const [name, argv] of Object.entries(commands))
    for (const mode of ['read again', 'after a write']) {
      if (mode === 'after a write') {
        const log = ['log', person, '--via', 'message', '--nature', 'touch', '--note', `w${++writes}`];
        if ((await run([...log, '--db', db], io)) !== 0) throw new Error('tend log failed');
      }
      const t0 = process.cpuUsage();
      const code = await run(argv, io, (d) => pool.get(d, env, clock));
      const used = process.cpuUsage(t0);
      if (code !== 0) throw new Error(`tend ${argv.join(' ')}: exit ${code}`);
      if (round >= 2) (times[`${name}, ${mode}`] ??= []).push((used.user + used.system) / 1000);
    }
await pool.closeAll();
for (const [name, t] of Object.entries(times)) {
  const sorted = [...t].sort((a, b) => a - b);
  process.stdout.write(`${name}: ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(1)} ms CPU\n`);
}
