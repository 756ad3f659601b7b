// The daemon's reply cache (docs/decisions/0016-cli-daemon.md): a repeated read is answered from
// its last reply while nothing it depends on has moved. It counts what it does, and why a reply
// was computed rather than repeated, for `tend daemon status`.
import type { DbVersion } from '../../app/context-pool.js';
import type { Frame } from './protocol.js';

/** Replies kept for a repeated read; the oldest go first. */
const MAX_REPLIES = 64;
/** The last few computed replies, with why, shown by `tend daemon status`. */
const RECENT_MISSES = 8;

/** What a reply depends on besides the database: equal parts, equal output. */
export interface ReplyKey {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string>>;
  terminal: readonly [stdoutTTY: boolean, stderrTTY: boolean, columns: number | undefined];
  /** The day on the request's clock. */
  day: string;
}

/**
 * Why a read was computed instead of repeated:
 * - `cacheOff`: the request said `TEND_DAEMON_CACHE=off`;
 * - `firstRead`: no reply is kept for these arguments (never asked, or dropped for room);
 * - `otherDay`, `otherEnvironment`, `otherTerminal`, `otherDirectory`: a reply is kept for these
 *   arguments, asked on another day, with other `TEND_*`/locale/… variables, another terminal or
 *   width, or from another working directory;
 * - `databaseWritten`: another connection committed since (`PRAGMA data_version`);
 * - `schemaChanged`: the schema changed since (`PRAGMA schema_version`);
 * - `databaseReopened`: the file was replaced, or its connection closed and opened again.
 */
export type MissReason =
  | 'cacheOff'
  | 'firstRead'
  | 'otherDay'
  | 'otherEnvironment'
  | 'otherTerminal'
  | 'otherDirectory'
  | 'databaseWritten'
  | 'schemaChanged'
  | 'databaseReopened';

export const missReasons: readonly MissReason[] = [
  'cacheOff',
  'firstRead',
  'otherDay',
  'otherEnvironment',
  'otherTerminal',
  'otherDirectory',
  'databaseWritten',
  'schemaChanged',
  'databaseReopened',
];

/** `tend daemon status`'s account of the reply cache since the daemon started. */
export interface ReplyStats {
  /** Reads answered from a kept reply. */
  fromCache: number;
  /** Reads run, by why no kept reply could answer them. */
  computed: number;
  computedBecause: Record<MissReason, number>;
  /** Computed replies not kept: a failure, or not read from exactly one SQLite database. */
  notKept: number;
  /** Kept replies computed again, unasked, after a write told the daemon (`op: changed`). */
  refreshed: number;
  /** The last computed reads, newest last: the command, why, and what differed. */
  recent: { at: string; command: string; reason: MissReason; detail?: string }[];
}

interface Reply<R> {
  key: ReplyKey;
  /** The request it answered, to compute it again after a write. */
  request: R;
  frames: Frame[];
  code: number;
  /** The database's version now (undefined: unknown, or the file is gone). */
  version: () => DbVersion | undefined;
  at: DbVersion;
}

export type Lookup = { hit: true; frames: Frame[]; code: number } | { hit: false; reason: MissReason };

/** `R`: the request a reply answered, kept to compute it again (`stale`). */
export class ReplyCache<R = unknown> {
  /** In the order of their last use, the latest last. */
  private readonly replies = new Map<string, Reply<R>>();
  private readonly counts: Omit<ReplyStats, 'recent' | 'computedBecause'> = {
    fromCache: 0,
    computed: 0,
    notKept: 0,
    refreshed: 0,
  };
  private readonly because = Object.fromEntries(missReasons.map((r) => [r, 0])) as Record<MissReason, number>;
  private readonly recent: ReplyStats['recent'] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** The kept reply for `key` when the database has not moved since, else why not (counted). */
  lookup(key: ReplyKey, enabled: boolean): Lookup {
    const id = idOf(key);
    const kept = enabled ? this.replies.get(id) : undefined;
    let miss: { reason: MissReason; detail?: string };
    if (!enabled) miss = { reason: 'cacheOff' };
    else if (kept) {
      const moved = change(kept.at, kept.version());
      if (moved === undefined) {
        this.counts.fromCache++;
        this.replies.delete(id);
        this.replies.set(id, kept);
        return { hit: true, frames: kept.frames, code: kept.code };
      }
      this.replies.delete(id);
      miss = moved;
    } else miss = this.nearest(key);
    this.counts.computed++;
    this.because[miss.reason]++;
    this.recent.push({ at: this.now().toISOString(), command: commandOf(key.argv), ...miss });
    if (this.recent.length > RECENT_MISSES) this.recent.shift();
    return { hit: false, reason: miss.reason };
  }

  /** Keeps a computed reply: only a success read from one SQLite database whose version is known. */
  keep(
    key: ReplyKey,
    request: R,
    frames: Frame[],
    code: number,
    version: () => DbVersion | undefined,
    refreshed = false,
  ): void {
    const at = version();
    if (code !== 0 || at === undefined) {
      this.counts.notKept++;
      return;
    }
    if (refreshed) this.counts.refreshed++;
    const id = idOf(key);
    this.replies.delete(id);
    if (this.replies.size >= MAX_REPLIES) this.replies.delete(this.replies.keys().next().value ?? '');
    this.replies.set(id, { key, request, frames, code, version, at });
  }

  /**
   * The requests of the replies a commit has made stale, at most `limit`, Today's first, then the
   * latest used: what to compute again, unasked, once a write says it is done. A reply whose file
   * was replaced or whose schema changed is left to be computed when asked.
   */
  stale(limit: number): R[] {
    const latestFirst = [...this.replies.values()].reverse();
    // Today first: it is what people read after they log something.
    const today = (r: Reply<R>): number => (commandOf(r.key.argv) === 'today' ? 0 : 1);
    const out: R[] = [];
    for (const r of latestFirst.sort((a, b) => today(a) - today(b))) {
      if (out.length >= limit) break;
      if (change(r.at, r.version())?.reason === 'databaseWritten') out.push(r.request);
    }
    return out;
  }

  stats(): ReplyStats {
    return {
      ...this.counts,
      computedBecause: { ...this.because },
      recent: this.recent.map((r) => ({ ...r })),
    };
  }

  /**
   * Why no reply answers `key`: of the replies kept for the same arguments, the one that differs
   * from it in the fewest ways (the latest on a tie), and the first of those ways.
   */
  private nearest(key: ReplyKey): { reason: MissReason; detail?: string } {
    const argv = JSON.stringify(key.argv);
    let best: { reason: MissReason; detail?: string }[] | undefined;
    for (const r of this.replies.values()) {
      if (JSON.stringify(r.key.argv) !== argv) continue;
      const ways = differences(r.key, key);
      if (best === undefined || ways.length <= best.length) best = ways;
    }
    return best?.[0] ?? { reason: 'firstRead' };
  }
}

/** How a kept reply's key `k` differs from `key` (same arguments), most telling first. */
function differences(k: ReplyKey, key: ReplyKey): { reason: MissReason; detail?: string }[] {
  const out: { reason: MissReason; detail?: string }[] = [];
  if (k.day !== key.day) out.push({ reason: 'otherDay', detail: `${k.day} → ${key.day}` });
  const env = differing(k.env, key.env);
  if (env.length > 0) out.push({ reason: 'otherEnvironment', detail: env.join(', ') });
  if (JSON.stringify(k.terminal) !== JSON.stringify(key.terminal)) out.push({ reason: 'otherTerminal' });
  if (k.cwd !== key.cwd) out.push({ reason: 'otherDirectory', detail: `${k.cwd} → ${key.cwd}` });
  return out;
}

/** What moved between a reply's version and now, or undefined when nothing did. */
function change(
  then: DbVersion,
  now: DbVersion | undefined,
): { reason: MissReason; detail?: string } | undefined {
  if (now === undefined || now.connection !== then.connection) return { reason: 'databaseReopened' };
  if (now.schema !== then.schema)
    return {
      reason: 'schemaChanged',
      detail: `schema_version ${String(then.schema)} → ${String(now.schema)}`,
    };
  if (now.data !== then.data)
    return { reason: 'databaseWritten', detail: `data_version ${then.data} → ${now.data}` };
  return undefined;
}

/** The names of the variables set differently in `a` and `b` (values are not shown). */
function differing(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}

/** The command word of a command line, after the global options. */
function commandOf(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--db') i++;
    else if (!a.startsWith('-') || a === '--version' || a === '-V') return a;
  }
  return '';
}

const idOf = (k: ReplyKey): string => JSON.stringify([k.argv, k.cwd, k.env, k.terminal, k.day]);
