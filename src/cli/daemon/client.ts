// The first stage of `tend` (docs/decisions/0016-cli-daemon.md): hands a read to the user's
// daemon when one of this build answers. Node's built-ins only: nothing of the bundle loads here.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { STARTING_MS, forwardedEnv, startupEnvOf, type Frame, type RunRequest } from './protocol.js';

/** The daemon did not serve the command; `start` says whether to start one for the next call. */
export interface NotServed {
  start: boolean;
}

/** Without a byte from the daemon for this long, the client gives up and runs the command itself. */
const defaultTimeoutMs = 30_000;

/**
 * Runs the command through the daemon listening on `socket`. Resolves to its exit code once its
 * output is written, or to `NotServed` when no daemon answered or it went away before the end;
 * then nothing was written to stdout, and the caller runs the command in-process.
 */
export function viaDaemon(socket: string, argv: readonly string[]): Promise<number | NotServed> {
  const env = process.env;
  const request: RunRequest = {
    op: 'run',
    argv: [...argv],
    cwd: process.cwd(),
    env: forwardedEnv(env),
    stdoutTTY: tty(process.stdout),
    stderrTTY: tty(process.stderr),
    columns: process.stdout.columns,
    startup: startupEnvOf(env),
  };
  const timeoutMs = Number(env.TEND_DAEMON_TIMEOUT_MS ?? defaultTimeoutMs) || defaultTimeoutMs;
  // A progress bar on a terminal is shown as it moves; everything else waits for the exit code,
  // so that a daemon lost half-way leaves nothing behind when the command is run again here.
  const liveErr = request.stderrTTY;
  return new Promise((resolve) => {
    const out: string[] = [];
    const err: string[] = [];
    let rest = '';
    let settled = false;
    const conn = net.createConnection(socket);
    const finish = (v: number | NotServed): void => {
      if (settled) return;
      settled = true;
      conn.destroy();
      resolve(v);
    };
    conn.setEncoding('utf8');
    conn.setTimeout(timeoutMs, () => {
      finish({ start: false });
    });
    conn.on('connect', () => {
      conn.write(`${JSON.stringify(request)}\n`);
    });
    conn.on('error', () => {
      // No socket, nobody listening, or the daemon gone: start one for the next command.
      finish({ start: true });
    });
    conn.on('close', () => {
      finish({ start: true });
    });
    conn.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') continue;
        let f: Frame;
        try {
          f = JSON.parse(line) as Frame;
        } catch {
          // Not a daemon of ours talking: run the command here.
          finish({ start: false });
          return;
        }
        if (f.t === 'o') out.push(f.d);
        else if (f.t === 'e') {
          if (liveErr) process.stderr.write(f.d);
          else err.push(f.d);
        } else if (f.t === 'f') finish({ start: false });
        else if (f.t === 'x') {
          if (settled) return;
          if (err.length > 0) process.stderr.write(err.join(''));
          if (out.length > 0) process.stdout.write(out.join(''));
          finish(f.c);
        }
      }
    });
  });
}

/**
 * Tells the daemon at `socket`, if one listens, that this command has written: it computes the
 * reads it last answered again before they are asked. Waits for nothing but the hand-over (at
 * most 200 ms); no daemon, no cost but a failed connect.
 */
export function tellChanged(socket: string): Promise<void> {
  return new Promise((resolve) => {
    const conn = net.createConnection(socket);
    const done = (): void => {
      conn.destroy();
      resolve();
    };
    conn.setTimeout(200, done);
    conn.on('error', done);
    conn.on('connect', () => {
      conn.end(`${JSON.stringify({ op: 'changed' })}\n`, done);
    });
  });
}

/**
 * Starts a daemon for the next command, detached from this one. A lock taken for a few seconds
 * keeps a burst of commands from starting one each; the daemon that loses the socket exits.
 */
export async function startDaemon(socket: string, entry: string): Promise<void> {
  const lock = `${socket}.starting`;
  try {
    const st = fs.statSync(lock, { throwIfNoEntry: false });
    if (st && Date.now() - st.mtimeMs < STARTING_MS) return;
    fs.writeFileSync(lock, String(process.pid), { mode: 0o600 });
  } catch {
    return;
  }
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [entry, 'daemon', 'run'], {
    detached: true,
    stdio: 'ignore',
    cwd: path.dirname(socket),
    env: { ...process.env, TEND_DAEMON: 'on' },
  });
  child.on('error', () => undefined);
  child.unref();
}

/** `isTTY` is missing, not false, on a pipe or file. */
const tty = (s: { isTTY?: boolean | undefined }): boolean => s.isTTY === true;
