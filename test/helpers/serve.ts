import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { tendBin } from './cli.js';

export interface Served {
  pid: number;
  port: number;
  url: string;
  instance: string;
  output(): string;
  /** Ends it at once (SIGKILL): a server dying mid-flight, not a graceful stop. */
  kill(): Promise<void>;
  /** SIGTERM and waits for the process to exit. */
  stop(): Promise<void>;
}

/**
 * Runs the built `tend serve --port 0` on `db` and waits for the address it prints. `bin` is
 * another copy of the bundle (the bench runs its own, so a rebuild meanwhile cannot disturb it).
 */
export async function startServe(
  db: string,
  opts: {
    instance: string;
    env?: Record<string, string>;
    args?: string[];
    timeoutMs?: number;
    bin?: string;
    nodeArgs?: string[];
  },
): Promise<Served> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), opts.bin ?? tendBin, 'serve', '--port', '0', ...(opts.args ?? [])],
    {
      env: {
        ...process.env,
        TEND_DB: db,
        TEND_INSTANCE: opts.instance,
        NO_COLOR: '1',
        TZ: 'UTC',
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const until = Date.now() + (opts.timeoutMs ?? 60_000);
  let port = 0;
  while (port === 0) {
    const m = /running at http:\/\/(?:127\.0\.0\.1|localhost):(\d+)\//.exec(out);
    if (m) port = Number(m[1]);
    else if (child.exitCode !== null || Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`tend serve (${opts.instance}) did not start (exit ${child.exitCode}):\n${out}`);
    } else await new Promise((r) => setTimeout(r, 50));
  }
  const ended = (signal: NodeJS.Signals) => async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  return {
    pid: child.pid ?? 0,
    port,
    url: `http://127.0.0.1:${port}`,
    instance: opts.instance,
    output: () => out,
    kill: ended('SIGKILL'),
    stop: ended('SIGTERM'),
  };
}
