import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const tendBin = path.join(root, 'dist/tend.cjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: () => Record<string, unknown>;
}

/** Runs the built `tend` binary as a user would, with a pinned clock and no colour. */
export function tend(
  db: string,
  args: readonly string[],
  opts: { now?: string; env?: Record<string, string> } = {},
): CliRun {
  const r = spawnSync(process.execPath, [tendBin, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      TEND_DB: db,
      NO_COLOR: '1',
      TZ: 'UTC',
      ...(opts.now ? { TEND_NOW: opts.now } : {}),
      ...opts.env,
    },
    timeout: 60_000,
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json: () => JSON.parse(r.stdout) as Record<string, unknown>,
  };
}
