import type { Settings } from '../core/settings.js';
import type { FeedbackModel, Features, MatchIndex } from '../matching/index.js';
import type { Db } from '../storage/db.js';
import type { AppContext } from './context.js';
import type { FItem } from './matching.js';

/** Features kept beyond this many items are dropped all at once (a whole network is ~30,000). */
const MAX_FEATURES = 100_000;

/** The match index and what it was built from, kept between commands and refreshed in place. */
export interface WarmWorld {
  /** The database's version when it was last brought up to date. */
  version: string | undefined;
  matcherVersion: string;
  mine: FItem[];
  /** Open offers of focus and network people, by id: the index holds exactly these. */
  network: Map<number, FItem>;
  index: MatchIndex;
  /** What was learned from the user's answers (read again with the lists). */
  feedback: FeedbackModel;
  score: (need: Features, offer: Features, offerKey?: string) => number;
  dismissed: ReadonlySet<string>;
  confirmed: ReadonlySet<string>;
}

/**
 * What the CLI's daemon keeps between commands for one open database
 * (docs/decisions/0016-cli-daemon.md): work that is expensive and rarely changes. Nothing in it
 * is trusted without a check against the database.
 *
 * - Features by item: a note's features are a function of its text and the matcher's version
 *   alone, so an item whose text is unchanged needs no read, whatever else changed.
 * - The match world: the index over the network's offers. After any commit the lists of items
 *   are read again and only new, edited and gone offers touch the index.
 * - Settings, parsed, while the database is at the same version; so too the week's activity
 *   that Today's signals read (`readAt`).
 *
 * Only the connection it belongs to uses it: inside a transaction (another `db`), nothing is.
 */
export class Warm {
  private readonly features = new Map<number, { text: string; version: string; f: Features }>();
  world: WarmWorld | undefined;
  /** Reads kept while the database is at the version they were made at, by what was read. */
  private readonly reads = new Map<string, { version: string; value: unknown }>();

  /** `version` changes on every commit, by this connection or another (undefined: unknown). */
  constructor(readonly version: () => string | undefined) {}

  /** The features of this item's text, when known. */
  featuresOf(id: number, text: string, matcherVersion: string): Features | undefined {
    const k = this.features.get(id);
    return k?.text === text && k.version === matcherVersion ? k.f : undefined;
  }

  keepFeatures(id: number, text: string, matcherVersion: string, f: Features): void {
    if (this.features.size >= MAX_FEATURES) this.features.clear();
    this.features.set(id, { text, version: matcherVersion, f });
  }

  /**
   * A read kept under `key` (what was read, with its arguments) while the database stays at the
   * version it was made at, or read now and kept. The value is shared: callers must not change it.
   */
  async readAt<T>(key: string, read: () => Promise<T>): Promise<T> {
    const at = this.version();
    const kept = this.reads.get(key);
    if (at !== undefined && kept?.version === at) return kept.value as T;
    const value = await read();
    if (at === undefined) return value;
    // Reads of an older version are worth nothing now.
    for (const [k, r] of this.reads) if (r.version !== at) this.reads.delete(k);
    this.reads.set(key, { version: at, value });
    return value;
  }

  /** The settings read at this version, or read now and kept; each caller gets its own copy. */
  async settingsAt(read: () => Promise<Settings>): Promise<Settings> {
    return structuredClone(await this.readAt('settings', read));
  }
}

/**
 * What the daemon keeps for this context's connection, when `db` is that connection: inside a
 * transaction (another `db`) nothing kept is used, so a use case that writes sees its own writes.
 */
export function warmFor(ctx: Pick<AppContext, 'db' | 'warm'>, db: Db): Warm | undefined {
  return db === ctx.db ? ctx.warm : undefined;
}
