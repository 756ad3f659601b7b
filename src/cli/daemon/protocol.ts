// What the `tend` client and its daemon share (docs/decisions/0016-cli-daemon.md). The client
// loads this before anything else, so it imports Node's built-ins only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Sent by the client, one JSON line. */
export interface RunRequest {
  op: 'run';
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stdoutTTY: boolean;
  stderrTTY: boolean;
  columns?: number | undefined;
  /** The client's start-up environment (`startupEnvOf`): the daemon's must be the same. */
  startup: string;
}

/** `changed`: a command that writes has committed (the daemon refreshes what it keeps). */
export type Request = RunRequest | { op: 'status' } | { op: 'stop' } | { op: 'changed' };

/** One JSON line each: output (o: stdout, e: stderr), exit code, "run it yourself", keep-alive, status. */
export type Frame =
  | { t: 'o' | 'e'; d: string }
  | { t: 'x'; c: number }
  | { t: 'f'; why: string }
  | { t: 'k' }
  | { t: 's'; status: unknown };

/** Global options before the command: `--db PATH` takes a value, the others none. */
const globalFlags = new Set(['--json', '--no-color']);
/** Commands that only read, served by the daemon. */
const readCommands = new Set(['today', 'show', 'people', 'fading', 'review', 'match']);
/** `tend match` subcommands write feedback: they run in the process the user started. */
const matchWrites = new Set(['confirm', 'dismiss', 'forget', 'help']);

/** Whether the daemon may run this command line: only reads (not their help), and `--version`. */
export function routed(argv: readonly string[]): boolean {
  let i = 0;
  while (i < argv.length) {
    const a = argv[i] ?? '';
    if (a === '--db') i += 2;
    else if (a.startsWith('--db=') || globalFlags.has(a)) i += 1;
    else break;
  }
  const command = argv[i];
  if (command === undefined) return false;
  // Help reads nothing: it is printed here, without starting a helper that lives 15 minutes.
  if (argv.includes('--help') || argv.includes('-h')) return false;
  if (command === '--version' || command === '-V') return i === argv.length - 1;
  if (!readCommands.has(command)) return false;
  if (command === 'match') return !argv.slice(i + 1).some((a) => matchWrites.has(a));
  return true;
}

/**
 * Whether a command line run in-process may have written, so that the daemon is told
 * (`tellChanged`): anything but a read, `--version`, help, or the daemon's own commands.
 */
export function mayWrite(argv: readonly string[]): boolean {
  if (routed(argv) || argv.length === 0) return false;
  const words = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '--db');
  if (argv.includes('--help') || argv.includes('-h') || words[0] === 'help') return false;
  return words[0] !== 'daemon';
}

/** The environment that can change what a command prints; the rest stays with the client. */
export function forwardedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env))
    if (v !== undefined && (/^(TEND_|XDG_|LC_)/.test(k) || forwardedNames.has(k))) out[k] = v;
  return out;
}
const forwardedNames = new Set(['HOME', 'NO_COLOR', 'FORCE_COLOR', 'TERM', 'TZ', 'LANG', 'USER', 'LOGNAME']);

/**
 * Read once when a process starts and never again: a daemon started with other values cannot
 * serve the request, the client runs it itself.
 */
/** How long a starting daemon's lock (`<socket>.starting`) holds off other starts. */
export const STARTING_MS = 10_000;

export const startupEnv = ['LANG', 'LC_ALL', 'LC_MESSAGES', 'LC_CTYPE', 'NODE_OPTIONS', 'NODE_ICU_DATA'];

export function startupEnvOf(env: NodeJS.ProcessEnv): string {
  return startupEnv.map((k) => `${k}=${env[k] ?? ''}`).join('\n');
}

/** The private folder of the user's sockets: `$XDG_RUNTIME_DIR/tend`, else `~/.cache/tend/run`. */
export function socketDir(env: NodeJS.ProcessEnv): string {
  const runtime = env.XDG_RUNTIME_DIR;
  return runtime !== undefined && runtime !== '' && path.isAbsolute(runtime)
    ? path.join(runtime, 'tend')
    : path.join(os.homedir(), '.cache', 'tend', 'run');
}

/**
 * `tend-<build>-<where>.sock`: the bundle's build id, and a hash of where it runs from and on
 * which Node. The bundle's native addons (better-sqlite3) live beside it and are built for one
 * Node, so the same build in another checkout, or on another Node, gets a daemon of its own.
 */
export function socketName(build: string, entry: string | undefined): string {
  return `tend-${build}-${fnv1a(`${path.dirname(entry ?? '')}\0${process.execPath}\0${process.version}`)}.sock`;
}

/** 32-bit FNV-1a, in hex: enough to tell a handful of installs apart, with no crypto to load. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A Unix socket path longer than this does not fit `sockaddr_un` on every system. */
const MAX_SOCKET_PATH = 100;

/**
 * The socket of this build, when its folder is safe to use: a real directory (not a link) of
 * this user, closed to everyone else. `create` makes the folder (0700) when it is missing.
 * Undefined when it is not safe or the path is too long: then no daemon is used.
 */
export function socketPath(
  env: NodeJS.ProcessEnv,
  build: string,
  entry: string | undefined,
  create: boolean,
): string | undefined {
  const dir = socketDir(env);
  const file = path.join(dir, socketName(build, entry));
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH) return undefined;
  return privateDir(dir, create) ? file : undefined;
}

export function privateDir(dir: string, create: boolean): boolean {
  try {
    if (create) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    const uid = process.getuid?.();
    return st.isDirectory() && (uid === undefined || st.uid === uid) && (st.mode & 0o077) === 0;
  } catch {
    return false;
  }
}
