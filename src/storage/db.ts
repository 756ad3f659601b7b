import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { DomainError } from '../core/errors.js';
import { migrationProvider } from './migrations.js';
import { openPostgres } from './postgres.js';
import type { Database } from './schema.js';
import { openSqlite } from './sqlite.js';
import { timeouts } from './timeouts.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  dialect: Dialect;
  /** Where the data lives, for messages (a file path, or the URL without its password). */
  location: string;
  /** PostgreSQL: the schema Tend lives in. */
  schema?: string | undefined;
  /**
   * SQLite only: a number that changes whenever another connection commits (`PRAGMA
   * data_version`), read synchronously from the driver — cheap enough to check per request.
   */
  changeCounter?: (() => number) | undefined;
  /**
   * SQLite only: rows this connection has changed since it opened (`total_changes()`), which
   * `changeCounter` does not count. The two together move on any commit by anyone.
   */
  ownChanges?: (() => number) | undefined;
  /** SQLite only: `PRAGMA schema_version`, which changes when any connection alters the schema. */
  schemaVersion?: (() => number) | undefined;
  /**
   * SQLite only: told that the connection is kept open between commands (the CLI's daemon). It
   * then reads through its own page cache instead of the memory map: a commit by another
   * connection empties that cache either way, and the pages read afresh after it cost about half
   * as much through the cache as through the map.
   */
  keptOpen?: (() => void) | undefined;
  /**
   * Runs `fn` holding the lock that migrations take, in one transaction that commits when `fn`
   * returns and rolls back when it throws; `fn` gets the connection to run its statements on.
   * SQLite: the database's write lock (`BEGIN IMMEDIATE`). PostgreSQL: a transaction-level
   * advisory lock (`pg_advisory_xact_lock`), which needs nothing to survive the transaction and so
   * works through PgBouncer in transaction mode (a session-level lock would be taken on one server
   * connection and released on another). Two processes starting on a new database at once would
   * otherwise both create its tables.
   */
  exclusive: <T>(fn: (db: Db) => Promise<T>) => Promise<T>;
  /** Opened read-only (the file or its folder is not writable): reads work, writes are refused. */
  readOnly: boolean;
  /** Touches the database; a `database_unavailable` error when it does not answer within `ms`. */
  ping(ms: number): Promise<void>;
  /**
   * Told, in one line, about a failure no request is waiting for (PostgreSQL ending an idle
   * pooled connection on a restart or failover); the pool reconnects on the next query.
   */
  onBackgroundError: (message: string) => void;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  migrate?: boolean;
  /** Where the timeouts are read from (`TEND_DB_*_TIMEOUT_MS`, see `timeouts`). */
  env?: NodeJS.ProcessEnv;
}

const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);
const defaultBackgroundLog = (m: string): void => void process.stderr.write(`${m}\n`);

/**
 * Opens the database and brings its schema up to date. A `postgres://` URL selects PostgreSQL
 * (`src/storage/postgres.ts`); anything else is a SQLite file (`src/storage/sqlite.ts`).
 */
export async function openStore(target: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const limits = timeouts(opts.env);
  const store = isPostgresUrl(target)
    ? await openPostgres(target, limits, defaultBackgroundLog)
    : openSqlite(target, limits, defaultBackgroundLog);
  if (opts.migrate !== false) {
    try {
      await migrate(store);
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}

/** Carries a failed migration's outcome out of `exclusive`, so its transaction rolls back. */
class MigrationFailed extends Error {
  constructor(readonly outcome: MigrationResultSet) {
    super('migration failed');
  }
}

export async function migrate(store: Store): Promise<void> {
  if (await upToDate(store)) return;
  if (store.readOnly)
    throw new DomainError(
      'database_read_only',
      `the database ${store.location} is read-only and was written by an older Tend: open it once where it is writable to bring it up to date`,
      { path: store.location },
    );
  // Kysely's migrator reads the catalog of the whole database to find its own tables: another
  // schema dropped at that moment (another Tend sharing the database) fails the read with
  // "schema … does not exist". Nothing was written (one transaction): read again.
  const { error, results } = await retryWhileOtherSchemaVanishes(() => migrateOnce(store), store.schema);
  if (error) {
    // The database going away mid-migration is said as such, not as a failed migration.
    if (error instanceof DomainError) throw error;
    const failed = results?.find((r) => r.status === 'Error');
    const msg = error instanceof Error ? error.message : JSON.stringify(error);
    if (/corrupted migrations|missing migration/i.test(msg))
      throw new DomainError(
        'database_unrecognised',
        `the database ${store.location} was written by a newer or different Tend (${msg}); refusing to touch it`,
        {},
      );
    throw new DomainError('internal', `migration ${failed?.migrationName ?? ''} failed: ${msg}`, {});
  }
}

/** One migration run under the store's lock (one transaction on PostgreSQL). */
function migrateOnce(store: Store): Promise<MigrationResultSet> {
  // One process migrates; the others wait for the lock, then find the schema current.
  return migrateLocked(
    store,
    (db) =>
      // Naming the schema keeps Kysely from mistaking another schema's migration tables for ours.
      new Migrator({
        db,
        provider: migrationProvider(store.dialect),
        disableTransactions: true,
        ...(store.schema !== undefined ? { migrationTableSchema: store.schema } : {}),
      }),
    (db) => upToDate(store, db),
  );
}

/**
 * Runs a migrator (made with `disableTransactions: true` on the `db` it is given) under the
 * store's migration lock, on the locked connection and inside its transaction, unless `current`
 * finds nothing to do (asked first without the lock, then again under it). Kysely's own PostgreSQL lock is session-level (`pg_advisory_lock`, its
 * transaction, `pg_advisory_unlock`): through PgBouncer in transaction mode the lock and the unlock
 * can reach different server connections, the unlock fails, and the lock stays held on a pooled
 * connection for good, so that the next server's migration waits on it until its timeout. Inside
 * one transaction every statement reaches the same server connection. A failed migration rolls
 * back and is answered as Kysely's result set.
 */
export async function migrateLocked(
  store: Store,
  migrator: (db: Db) => Migrator,
  current: (db: Db) => Promise<boolean> = () => Promise.resolve(false),
): Promise<MigrationResultSet> {
  // Up to date is the common case (every start after the first): answered without waiting on the
  // lock, which another store's migration may hold for a while. Checked again under the lock.
  if (await current(store.db)) return { results: [] };
  try {
    return await store.exclusive(async (db) => {
      if (await current(db)) return { results: [] };
      const r = await migrator(db).migrateToLatest();
      if (r.error !== undefined) throw new MigrationFailed(r);
      return r;
    });
  } catch (e) {
    if (!(e instanceof MigrationFailed)) throw e;
    return e.outcome;
  }
}

/**
 * Runs a migration again while it fails only because other schemas went away under its catalog
 * read (`otherSchemaVanished`), waiting a little longer each time: several schemas dropped one
 * after another (a test run, or another Tend, cleaning up) can fail several reads in a row.
 * At most 8 runs over about 3 s; the last outcome is returned whatever it is.
 */
export async function retryWhileOtherSchemaVanishes(
  run: () => Promise<MigrationResultSet>,
  ours: string | undefined,
): Promise<MigrationResultSet> {
  let outcome = await run();
  for (let attempt = 1; attempt < 8 && otherSchemaVanished(outcome.error, ours); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** (attempt - 1)));
    outcome = await run();
  }
  return outcome;
}

/** A catalog read that failed because a schema other than ours went away while it ran. */
export function otherSchemaVanished(error: unknown, ours: string | undefined): boolean {
  if (error === undefined || error instanceof DomainError) return false;
  const code = (error as { code?: unknown }).code;
  const msg = error instanceof Error ? error.message : '';
  const named = /schema "([^"]+)" does not exist/.exec(msg)?.[1];
  return named !== undefined && named !== ours && (code === undefined || code === '3F000');
}

/**
 * Every command starts by making sure the schema is current. When the applied migrations are
 * exactly the known ones (the usual case), one query says so and the migrator's lock dance is
 * skipped: that is start-up time every command would otherwise pay.
 */
async function upToDate(store: Store, db: Db = store.db): Promise<boolean> {
  const known = Object.keys(await migrationProvider(store.dialect).getMigrations()).sort();
  try {
    // A failed statement would abort the PostgreSQL transaction the check runs in: ask first.
    if (store.dialect === 'postgres') {
      const table = `${store.schema ?? 'public'}.kysely_migration`;
      const found = await sql<{ t: string | null }>`SELECT to_regclass(${table})::text AS t`.execute(db);
      if (found.rows[0]?.t == null) return false;
    }
    const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
    const applied = rows.rows.map((r) => r.name);
    return applied.length === known.length && applied.every((n, i) => n === known[i]);
  } catch {
    return false; // a new database: no migration table yet
  }
}
