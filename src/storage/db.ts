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
   * SQLite only: runs `fn` holding the database's write lock (`BEGIN IMMEDIATE` … `COMMIT`, rolled
   * back when `fn` throws). Kysely runs SQLite migrations without a transaction or a lock, so two
   * processes opening a new file at once would both create its tables.
   */
  exclusive?: (<T>(fn: () => Promise<T>) => Promise<T>) | undefined;
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
  // Naming the schema keeps Kysely from mistaking another schema's migration tables for ours.
  const migrator = new Migrator({
    db: store.db,
    provider: migrationProvider(store.dialect),
    ...(store.schema !== undefined ? { migrationTableSchema: store.schema } : {}),
  });
  let outcome: MigrationResultSet;
  if (store.exclusive) {
    // One process migrates; the others wait for the lock, then find the schema current.
    try {
      outcome = await store.exclusive(async () => {
        if (await upToDate(store)) return { results: [] };
        const r = await migrator.migrateToLatest();
        if (r.error !== undefined) throw new MigrationFailed(r);
        return r;
      });
    } catch (e) {
      if (!(e instanceof MigrationFailed)) throw e;
      outcome = e.outcome;
    }
  } else outcome = await migrator.migrateToLatest();
  const { error, results } = outcome;
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

/**
 * Every command starts by making sure the schema is current. When the applied migrations are
 * exactly the known ones (the usual case), one query says so and the migrator's lock dance is
 * skipped: that is start-up time every command would otherwise pay.
 */
async function upToDate(store: Store): Promise<boolean> {
  const known = Object.keys(await migrationProvider(store.dialect).getMigrations()).sort();
  try {
    const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(
      store.db,
    );
    const applied = rows.rows.map((r) => r.name);
    return applied.length === known.length && applied.every((n, i) => n === known[i]);
  } catch {
    return false; // a new database: no migration table yet
  }
}
