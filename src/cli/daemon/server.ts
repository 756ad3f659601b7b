// The daemon behind `tend`'s reads (docs/decisions/0016-cli-daemon.md): the program loaded once,
// databases kept open, one request at a time through the same `run` as the command line.
import fs from 'node:fs';
import net from 'node:net';
import { ContextPool } from '../../app/context-pool.js';
import { dayOf } from '../../core/dates.js';
import { clockFromEnv, run } from '../program.js';
import type { Io } from '../runner.js';
import { routed, startupEnvOf, type Frame, type Request, type RunRequest } from './protocol.js';
import { ReplyCache, type ReplyStats } from './replies.js';

export interface DaemonOptions {
  socket: string;
  build: string;
  /** The bundle it was loaded from: when that file is replaced or removed, the daemon ends. */
  entry: string | undefined;
  idleMs: number;
}

export interface DaemonStatus {
  pid: number;
  build: string;
  socket: string;
  startedAt: string;
  requests: number;
  idleMs: number;
  databases: string[];
  rssMb: number;
  /** Reads answered from a kept reply, and those computed, by why. */
  replies: ReplyStats;
}

/** After a write, the last-used replies computed again before anyone asks (each ~10–40 ms). */
const REFRESHED_REPLIES = 4;
/** How often the daemon checks that its bundle is still the one on disk. */
const BUILD_CHECK_MS = 10_000;
/** A long command tells the client it is still working this often (the client gives up after 30 s of silence). */
const KEEPALIVE_MS = 5_000;

/** Serves until idle, stopped, signalled or replaced; resolves once the socket is gone. */
export async function serveDaemon(opts: DaemonOptions): Promise<'taken' | 'ended'> {
  const pool = new ContextPool();
  const replies = new ReplyCache<RunRequest>();
  const startup = startupEnvOf(process.env);
  const startedAt = new Date();
  let requests = 0;
  let queue: Promise<void> = Promise.resolve();
  /** Requests received and not yet begun. */
  let waiting = 0;
  let idle: NodeJS.Timeout | undefined;
  let ending: (() => void) | undefined;
  const ended = new Promise<void>((resolve) => {
    ending = resolve;
  });
  const end = (): void => ending?.();
  const touch = (): void => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(end, opts.idleMs);
  };

  const status = (): DaemonStatus => ({
    pid: process.pid,
    build: opts.build,
    socket: opts.socket,
    startedAt: startedAt.toISOString(),
    requests,
    idleMs: opts.idleMs,
    databases: pool.locations,
    rssMb: Math.round(process.memoryUsage.rss() / 1048576),
    replies: replies.stats(),
  });

  const serve = async (line: string, send: (f: Frame) => void): Promise<void> => {
    let req: Request;
    try {
      req = JSON.parse(line) as typeof req;
    } catch {
      send({ t: 'f', why: 'unreadable request' });
      return;
    }
    if (req.op === 'status') {
      send({ t: 's', status: status() });
      return;
    }
    if (req.op === 'stop') {
      send({ t: 's', status: status() });
      end();
      return;
    }
    if (req.op === 'changed') {
      // A command that writes has committed: the reads last asked are computed again now, while
      // the user has not yet asked (`tend log …` then `tend today` finds Today ready).
      // A read asked meanwhile goes first: the rest are computed when asked.
      for (const stale of replies.stale(REFRESHED_REPLIES)) {
        // Let the socket be read first, so that a request that has arrived is counted.
        await new Promise((resolve) => setImmediate(resolve));
        if (waiting > 0) break;
        await answer(stale, () => undefined, true);
      }
      return;
    }
    if (!Array.isArray(req.argv) || !routed(req.argv)) {
      send({ t: 'f', why: 'not a read' });
      return;
    }
    if (req.startup !== startup) {
      send({ t: 'f', why: 'started with another locale' });
      return;
    }
    await answer(req, send, false);
  };

  /** Runs a read (or answers it from its kept reply); `refresh`: computed again, unasked. */
  const answer = async (req: RunRequest, send: (f: Frame) => void, refresh: boolean): Promise<void> => {
    try {
      process.chdir(req.cwd);
    } catch {
      send({ t: 'f', why: 'working directory unreachable' });
      return;
    }
    if (!refresh) requests++;
    const env: NodeJS.ProcessEnv = { ...req.env };
    // Node reads the zone from process.env.TZ whenever it changes.
    if (env.TZ === undefined) delete process.env.TZ;
    else process.env.TZ = env.TZ;
    const clock = clockFromEnv(env) ?? (() => new Date());
    // The same read on the same day of a database nothing has changed in prints the same: it
    // is answered from the last reply (the HTTP API's response cache does the same, decision
    // 0006). `TEND_DAEMON_CACHE=off` reads every time.
    const cache = env.TEND_DAEMON_CACHE !== 'off';
    const key = {
      argv: req.argv,
      cwd: req.cwd,
      env: req.env,
      terminal: [req.stdoutTTY, req.stderrTTY, req.columns] as const,
      day: dayOf(clock()),
    };
    const found = refresh ? { hit: false as const } : replies.lookup(key, cache);
    if (found.hit) {
      for (const f of found.frames) send(f);
      send({ t: 'x', c: found.code });
      return;
    }
    const frames: Frame[] = [];
    const record = (f: Frame): void => {
      frames.push(f);
      send(f);
    };
    const keepAlive = setInterval(() => {
      send({ t: 'k' });
    }, KEEPALIVE_MS);
    try {
      const io: Io = {
        stdout: captured('o', req.stdoutTTY, req.columns, record),
        stderr: captured('e', req.stderrTTY, req.columns, record),
        // Sent, not kept: a reply given again must not report work again (encoding notes).
        progress: captured('e', req.stderrTTY, req.columns, send),
        env,
      };
      const tracked = pool.track();
      const code = await run(req.argv, io, (db) => pool.get(db, env, clock));
      if (cache) replies.keep(key, req, frames, code, tracked.version, refresh);
      send({ t: 'x', c: code });
    } finally {
      clearInterval(keepAlive);
    }
  };

  const server = net.createServer((conn) => {
    conn.setEncoding('utf8');
    let buf = '';
    const send = (f: Frame): void => {
      if (!conn.destroyed) conn.write(`${JSON.stringify(f)}\n`);
    };
    conn.on('error', () => undefined);
    conn.on('data', (chunk: string) => {
      buf += chunk;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      const line = buf.slice(0, nl);
      buf = '';
      conn.pause();
      waiting++;
      queue = queue
        .then(() => {
          waiting--;
          return serve(line, send);
        })
        .catch(() => {
          send({ t: 'f', why: 'failed' });
        })
        .finally(() => {
          conn.end();
          touch();
        });
    });
  });

  const listening = await listen(server, opts.socket);
  fs.rmSync(`${opts.socket}.starting`, { force: true });
  if (!listening) return 'taken';
  const own = fs.statSync(opts.socket).ino;
  touch();
  const built = opts.entry !== undefined ? stamp(opts.entry) : undefined;
  const buildCheck = setInterval(() => {
    if (opts.entry !== undefined && stamp(opts.entry) !== built) end();
  }, BUILD_CHECK_MS);
  buildCheck.unref();
  process.once('SIGTERM', end);
  process.once('SIGINT', end);

  await ended;
  clearInterval(buildCheck);
  if (idle) clearTimeout(idle);
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  await queue;
  // Only its own socket: a newer daemon of the same build may have taken the name meanwhile.
  if (fs.statSync(opts.socket, { throwIfNoEntry: false })?.ino === own)
    fs.rmSync(opts.socket, { force: true });
  await pool.closeAll();
  return 'ended';
}

/** A stream that hands each write to the client, telling commands what the client's terminal is. */
function captured(
  t: 'o' | 'e',
  isTTY: boolean,
  columns: number | undefined,
  send: (f: Frame) => void,
): Io['stdout'] {
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const d = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    if (d !== '') send({ t, d });
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  };
  const stream = {
    write,
    isTTY,
    columns,
    on: () => stream,
    once: () => stream,
    removeListener: () => stream,
  };
  return stream as unknown as Io['stdout'];
}

/** Listens on the socket (0600); false when a live daemon already holds it. A dead one's socket is replaced. */
async function listen(server: net.Server, socket: string): Promise<boolean> {
  const attempt = (): Promise<NodeJS.ErrnoException | undefined> =>
    new Promise((resolve) => {
      const old = process.umask(0o177);
      server.once('error', resolve);
      server.listen(socket, () => {
        server.off('error', resolve);
        resolve(undefined);
      });
      process.umask(old);
    });
  let e = await attempt();
  if (e?.code === 'EADDRINUSE') {
    if (await answers(socket)) return false;
    fs.rmSync(socket, { force: true });
    e = await attempt();
  }
  if (e) throw e;
  fs.chmodSync(socket, 0o600);
  return true;
}

function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.createConnection(socket);
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => {
      resolve(false);
    });
  });
}

function stamp(file: string): string | undefined {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  return st ? `${st.ino}:${st.mtimeMs}:${st.size}` : undefined;
}

/** Asks the daemon at `socket` for its status, or to stop; undefined when none answers. */
export function ask(socket: string, op: 'status' | 'stop'): Promise<DaemonStatus | undefined> {
  return new Promise((resolve) => {
    const c = net.createConnection(socket);
    let buf = '';
    c.setEncoding('utf8');
    c.setTimeout(5000, () => {
      c.destroy();
      resolve(undefined);
    });
    c.on('connect', () => c.write(`${JSON.stringify({ op })}\n`));
    c.on('data', (d: string) => {
      buf += d;
    });
    c.on('error', () => {
      resolve(undefined);
    });
    c.on('close', () => {
      try {
        const f = JSON.parse(buf.split('\n')[0] ?? '') as Frame;
        resolve(f.t === 's' ? (f.status as DaemonStatus) : undefined);
      } catch {
        resolve(undefined);
      }
    });
  });
}
