import fs from 'node:fs';
import path from 'node:path';
import type { Matcher } from '../matching/index.js';
import { databaseTarget, loadSettings, openApp, type AppContext } from './context.js';
import { Warm } from './warm.js';

/**
 * Open databases kept between commands by the CLI's daemon (docs/decisions/0016-cli-daemon.md).
 * Each command gets a fresh context (its clock) on the kept connection, and SQLite shows it every
 * commit. What is kept from reads (`Warm`: features, the match index, parsed settings) is checked
 * against the database's version before each use. A connection is dropped and
 * the file opened again when it is no longer the same file (same device and inode: a restore or
 * a copy over it) or another connection changed its schema. PostgreSQL is opened per command.
 */
export class ContextPool {
  private readonly open = new Map<string, Kept>();
  private matcherPromise: Promise<Matcher> | undefined;
  /** The databases opened since `track()`: what a command's reply depended on. */
  private used: Kept[] | undefined;

  constructor(private readonly max = 4) {}

  /** The model and its tables do not depend on the data: one matcher serves every database. */
  readonly matcher = (): Promise<Matcher> => {
    this.matcherPromise ??= import('../matching/index.js').then((m) => m.createMatcher());
    return this.matcherPromise;
  };

  /** Databases open now, most recently used last. */
  get locations(): string[] {
    return [...this.open.values()].map((k) => k.ctx.store.location);
  }

  /**
   * A context for one command, as `openApp` gives: `db` is the `--db` flag, relative paths are
   * resolved against the current directory. Closing its store leaves the connection open.
   */
  async get(db: string | undefined, env: NodeJS.ProcessEnv, clock: () => Date): Promise<AppContext> {
    const target = databaseTarget(db, env);
    if (/^postgres(ql)?:\/\//i.test(target)) return openApp({ db, env, clock, matcher: this.matcher });
    const file = path.resolve(target);
    const key = [file, env.TEND_DB_BUSY_TIMEOUT_MS, env.TEND_DB_QUERY_TIMEOUT_MS].join('\0');
    let kept = this.open.get(key);
    if (kept) {
      this.open.delete(key);
      if (!(await kept.current(file))) {
        await kept.ctx.store.close();
        kept = undefined;
      }
    }
    if (!kept) {
      const ctx = await openApp({ db, env, clock, matcher: this.matcher });
      ctx.store.keptOpen?.();
      kept = new Kept(file, ctx, identity(file), ctx.store.schemaVersion?.());
    }
    this.open.set(key, kept);
    for (const [k, old] of this.open) {
      if (this.open.size <= this.max) break;
      this.open.delete(k);
      await old.ctx.store.close();
    }
    this.used?.push(kept);
    const { ctx } = kept;
    return {
      ...ctx,
      store: { ...ctx.store, close: () => Promise.resolve() },
      clock,
      settings: await kept.warm.settingsAt(() => loadSettings(ctx.db)),
      warm: kept.warm,
    };
  }

  /**
   * Starts noting the databases the next command opens. `version` then stands for all they hold:
   * the same file (device, inode), no commit by another connection since (`PRAGMA data_version`),
   * the same schema. Undefined when that cannot be known (PostgreSQL, no database at all).
   */
  track(): { version: () => DbVersion | undefined } {
    const used: Kept[] = [];
    this.used = used;
    return {
      version: () => {
        if (this.used === used) this.used = undefined;
        if (used.length !== 1) return undefined;
        const [k] = used;
        if (k === undefined || ![...this.open.values()].includes(k)) return undefined;
        return k.version();
      },
    };
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    for (const k of all) await k.ctx.store.close();
  }
}

/** A kept database's version: equal versions, equal reads (see `ContextPool.track`). */
export interface DbVersion {
  /** The connection (a reopened file is another) and the file's device and inode. */
  connection: string;
  /** `PRAGMA data_version`: moves on every commit by another connection. */
  data: number;
  /** `PRAGMA schema_version`. */
  schema: number | undefined;
}

let serials = 0;

class Kept {
  private readonly serial = ++serials;
  /** Moves on any commit to the file, by this connection or another. */
  readonly warm = new Warm(() => {
    const { changeCounter, ownChanges, schemaVersion } = this.ctx.store;
    if (!changeCounter || !ownChanges || !schemaVersion) return undefined;
    return `${changeCounter()}:${ownChanges()}:${schemaVersion()}`;
  });
  constructor(
    readonly file: string,
    readonly ctx: AppContext,
    private readonly id: string | undefined,
    private readonly schema: number | undefined,
  ) {}

  /** See `ContextPool.track`; the object itself is part of it (a reopened file is another). */
  version(): DbVersion | undefined {
    const data = this.ctx.store.changeCounter?.();
    if (data === undefined || this.id === undefined || identity(this.file) !== this.id) return undefined;
    return { connection: `${this.serial}:${this.id}`, data, schema: this.ctx.store.schemaVersion?.() };
  }

  async current(file: string): Promise<boolean> {
    if (this.id === undefined || identity(file) !== this.id) return false;
    try {
      await this.ctx.store.ping(1000);
      return this.ctx.store.schemaVersion?.() === this.schema;
    } catch {
      return false;
    }
  }
}

function identity(file: string): string | undefined {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  return st ? `${st.dev}:${st.ino}` : undefined;
}
