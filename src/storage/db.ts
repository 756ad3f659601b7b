import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type MigrationResultSet,
  type Driver,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  type TransactionSettings,
} from 'kysely';
import type { PoolClient } from 'pg';
import { DomainError } from '../core/errors.js';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

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

/**
 * How long Tend waits for its database, in milliseconds (docs/decisions/0010-transactions-and-timeouts.md).
 * `busy`: a SQLite writer waiting for another to commit; `connect`: a PostgreSQL connection;
 * `query`: a PostgreSQL statement (server-side `statement_timeout` and client-side read timeout).
 */
export function timeouts(env: NodeJS.ProcessEnv = process.env): {
  busy: number;
  connect: number;
  query: number;
} {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 3_600_000)
      throw new DomainError(
        'invalid_input',
        `${name} must be a whole number of milliseconds between 1 and 3600000, not "${raw}"`,
        { problems: [{ path: name, message: 'not a timeout in milliseconds' }] },
      );
    return n;
  };
  return {
    busy: read('TEND_DB_BUSY_TIMEOUT_MS', 30_000),
    connect: read('TEND_DB_CONNECT_TIMEOUT_MS', 5_000),
    query: read('TEND_DB_QUERY_TIMEOUT_MS', 30_000),
  };
}

/** How much of a SQLite file is read through a memory map (address space, not memory). */
const MMAP_BYTES = 1024 * 1024 * 1024;

const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);
const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;
const defaultBackgroundLog = (m: string): void => void process.stderr.write(`${m}\n`);

/**
 * Opens the database and brings its schema up to date. A `postgres://` URL selects PostgreSQL
 * (an optional `?schema=NAME` keeps Tend in its own schema); anything else is a SQLite file.
 */
export async function openStore(target: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const limits = timeouts(opts.env);
  const store = isPostgresUrl(target) ? await openPostgres(target, limits) : openSqlite(target, limits);
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

/** Writable by its permission bits and by `access(2)` (root passes the latter for any file). */
function writable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return (fs.statSync(p).mode & 0o222) !== 0;
  } catch {
    return false;
  }
}

/** SQLite's failures a user can act on, in words, with the original code kept. */
function sqliteFault(e: unknown, location: string, busyMs: number): unknown {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return e;
  const sqliteMessage = (e as Error).message;
  const details = { path: location, sqliteCode: code };
  if (code.startsWith('SQLITE_FULL'))
    return new DomainError(
      'database_full',
      `the disk is full (or the database reached its size limit): nothing was written to ${location} (SQLite: ${code}, ${sqliteMessage})`,
      details,
    );
  if (code.startsWith('SQLITE_READONLY'))
    return new DomainError(
      'database_read_only',
      `the database ${location} is read-only: reading works, changing it does not (SQLite: ${code})`,
      details,
    );
  if (code.startsWith('SQLITE_BUSY'))
    return new DomainError(
      'database_unavailable',
      `the database ${location} stayed busy with another writer for more than ${seconds(busyMs)}: nothing was written (SQLite: ${code})`,
      details,
    );
  return e;
}

/**
 * Kysely's SQLite driver, with three changes. A write transaction starts with `BEGIN IMMEDIATE`:
 * it waits (busy_timeout) for the write lock up front, where a deferred transaction that reads
 * first fails at once with SQLITE_BUSY when another writer committed meanwhile. A rollback after
 * SQLite already rolled back by itself (SQLITE_FULL does) is skipped, so the real cause is what
 * the user sees. And SQLite's errors a user can act on become domain errors.
 */
class TendSqliteDriver extends SqliteDriver {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly fault: (e: unknown) => unknown,
  ) {
    super({ database: sqlite });
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    const conn = await super.acquireConnection();
    const fault = this.fault;
    return {
      async executeQuery(q) {
        try {
          return await conn.executeQuery(q);
        } catch (e) {
          throw fault(e);
        }
      },
      streamQuery: (q, chunk) => conn.streamQuery(q, chunk),
    };
  }
  override async beginTransaction(
    connection: DatabaseConnection,
    settings?: TransactionSettings,
  ): Promise<void> {
    // A snapshot that only reads (`setAccessMode('read only')`) or a read-only connection needs
    // no write lock: it begins deferred and never waits for, nor blocks, a writer.
    const reads = this.sqlite.readonly || settings?.accessMode === 'read only';
    await connection.executeQuery(CompiledQuery.raw(reads ? 'begin' : 'begin immediate'));
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

class TendSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly fault: (e: unknown) => unknown,
  ) {
    super({ database: sqlite });
  }
  override createDriver(): Driver {
    return new TendSqliteDriver(this.sqlite, this.fault);
  }
}

function openSqlite(file: string, limits: { busy: number }): Store {
  const resolved = path.resolve(file);
  const dir = path.dirname(resolved);
  if (!fs.existsSync(dir))
    throw new DomainError(
      'database_unavailable',
      `cannot open the database ${resolved}: the folder ${dir} does not exist`,
      { path: resolved },
    );
  const exists = fs.existsSync(resolved);
  if (exists) {
    try {
      fs.accessSync(resolved, fs.constants.R_OK);
    } catch {
      throw new DomainError(
        'database_unavailable',
        `cannot open the database ${resolved}: it is not readable`,
        {
          path: resolved,
        },
      );
    }
  } else if (!writable(dir))
    throw new DomainError(
      'database_unavailable',
      `cannot open the database ${resolved}: the folder ${dir} is not writable`,
      { path: resolved },
    );
  // A file (or folder: WAL keeps two files beside it) that is not writable is opened read-only:
  // reads work, and a write is refused with `database_read_only` instead of nothing working.
  const readOnly = exists && (!writable(resolved) || !writable(dir));
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(resolved, readOnly ? { readonly: true, fileMustExist: true } : {});
    // Waiting for another writer is better than failing: a burst of writers each get their turn.
    // Set first: switching a new file to WAL already needs the lock another process may hold.
    sqlite.pragma(`busy_timeout = ${limits.busy}`);
    if (!readOnly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    // Pages are read through a memory map rather than a system call each: a command that reads
    // rows spread over the file (today's week of interactions) reads them in half the time.
    sqlite.pragma(`mmap_size = ${MMAP_BYTES}`);
    // WAL with NORMAL survives a killed process; only a power cut can lose the last commit.
    if (!readOnly) sqlite.pragma('synchronous = NORMAL');
  } catch (e) {
    throw new DomainError(
      'database_unavailable',
      `cannot open the database ${resolved}: ${(e as Error).message}`,
      { path: resolved },
    );
  }
  const fault = (e: unknown): unknown => sqliteFault(e, resolved, limits.busy);
  const db = new Kysely<Database>({ dialect: new TendSqliteDialect(sqlite, fault) });
  const close = async (): Promise<void> => {
    // SQLite's advice for short-lived connections: keep the planner's statistics fresh on close —
    // after a command that wrote; a read leaves them as they were and need not pay for it.
    try {
      if (!readOnly && (sqlite.prepare('SELECT total_changes()').pluck().get() as number) > 0) {
        sqlite.pragma('analysis_limit = 400');
        sqlite.pragma('optimize');
      }
    } catch {
      // a busy database can skip it
    }
    await db.destroy();
  };
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  const changeCounter = (): number => dataVersion.get() as number;
  const ping = (): Promise<void> => {
    try {
      sqlite.prepare('SELECT 1').get();
      return Promise.resolve();
    } catch (e) {
      const f = fault(e);
      return Promise.reject(
        f instanceof DomainError
          ? f
          : new DomainError(
              'database_unavailable',
              `the database ${resolved} cannot be read: ${(e as Error).message}`,
              { path: resolved },
            ),
      );
    }
  };
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      sqlite.exec('BEGIN IMMEDIATE');
    } catch (e) {
      throw fault(e);
    }
    try {
      const out = await fn();
      sqlite.exec('COMMIT');
      return out;
    } catch (e) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw e;
    }
  };
  return {
    db,
    dialect: 'sqlite',
    exclusive,
    location: resolved,
    readOnly,
    ping,
    onBackgroundError: defaultBackgroundLog,
    close,
    changeCounter,
  };
}

/** Errors that leave a pooled PostgreSQL connection unusable: it is discarded, not reused. */
function brokenConnection(e: unknown): boolean {
  const { code, message } = e as { code?: unknown; message?: unknown };
  // A statement PostgreSQL cancelled at its statement_timeout leaves the connection healthy.
  if (code === '57014') return false;
  if (typeof code === 'string' && (/^(08|57P0[123])/.test(code) || /^E[A-Z]+$/.test(code))) return true;
  return typeof message === 'string' && /timeout|terminated|Connection ended|not queryable/i.test(message);
}

/** PostgreSQL's failures to reach or answer, as `database_unavailable` naming where (no password). */
/** How much longer than the statement timeout the client waits for any answer. */
const readGrace = 1000;

function postgresFault(e: unknown, location: string, limits: { connect: number; query: number }): unknown {
  if (e instanceof DomainError) return e;
  const { code, message } = e as { code?: unknown; message?: unknown };
  const msg = typeof message === 'string' ? message : String(e);
  if (code === '57014')
    return new DomainError(
      'database_unavailable',
      `PostgreSQL at ${location} did not finish a statement within ${seconds(limits.query)}: nothing was written`,
      { location, pgCode: code },
    );
  if (/^timeout expired|connection timeout/i.test(msg))
    return new DomainError(
      'database_unavailable',
      `PostgreSQL at ${location} did not answer within ${seconds(limits.connect)}`,
      { location },
    );
  if (/query read timeout/i.test(msg))
    return new DomainError(
      'database_unavailable',
      `PostgreSQL at ${location} did not answer within ${seconds(limits.query + readGrace)}`,
      { location },
    );
  if (brokenConnection(e))
    return new DomainError('database_unavailable', `cannot reach PostgreSQL at ${location}: ${msg}`, {
      location,
      ...(typeof code === 'string' ? { pgCode: code } : {}),
    });
  return e;
}

async function openPostgres(url: string, limits: { connect: number; query: number }): Promise<Store> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new DomainError('database_unavailable', `invalid PostgreSQL schema name "${schema}"`, {});
  // Loaded only for PostgreSQL: a SQLite command never pays for the driver.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 10,
    // Finds Tend's connections in pg_stat_activity; an application_name in the URL wins.
    application_name: 'tend',
    connectionTimeoutMillis: limits.connect,
    // PostgreSQL cancels a slow statement itself, leaving the connection healthy; the client's
    // read timeout, a second later, only catches a server that no longer answers at all.
    statement_timeout: limits.query,
    query_timeout: limits.query + readGrace,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const location = `${parsed.protocol}//${parsed.host}${parsed.pathname}${schema ? ` (schema ${schema})` : ''}`;
  const fault = (e: unknown): unknown => postgresFault(e, location, limits);
  const store: Store = {
    db: undefined as unknown as Db,
    dialect: 'postgres',
    location,
    schema: schema ?? 'public',
    readOnly: false,
    onBackgroundError: defaultBackgroundLog,
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  // An idle pooled connection that PostgreSQL ends (a restart, a failover, an administrator) is
  // reported here; without a listener the process would exit. The pool has already dropped it.
  pool.on('error', (e) => {
    store.onBackgroundError(
      `warning: PostgreSQL at ${location} closed an idle connection (${e.message.split('\n')[0] ?? ''}); reconnecting on the next request`,
    );
  });
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    const f = fault(e);
    if (f instanceof DomainError) throw f;
    throw new DomainError(
      'database_unavailable',
      `cannot reach PostgreSQL at ${location}: ${(e as Error).message}`,
      { location },
    );
  }
  // Each checked-out client translates failures, and one left unusable (a timeout, a terminated
  // backend) is destroyed on release instead of going back to the pool.
  const guarded: PostgresPool = {
    async connect(): Promise<PostgresPoolClient> {
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw fault(e);
      }
      let broken: Error | undefined;
      const query = async (
        text: string,
        params: readonly unknown[],
      ): Promise<PostgresQueryResult<unknown>> => {
        if (broken !== undefined) throw broken;
        try {
          return (await client.query(text, [...params])) as unknown as PostgresQueryResult<unknown>;
        } catch (e) {
          const f = fault(e);
          if (brokenConnection(e)) broken = f instanceof Error ? f : new Error(String(f));
          throw f;
        }
      };
      return {
        query: query as PostgresPoolClient['query'],
        release: (destroy?: boolean) => {
          client.release(destroy === true || broken !== undefined);
        },
      };
    },
    end: () => pool.end(),
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: guarded }) });
  store.db = db;
  store.ping = async (ms: number): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new DomainError(
            'database_unavailable',
            `PostgreSQL at ${location} did not answer within ${seconds(ms)}`,
            {
              location,
            },
          ),
        );
      }, ms);
    });
    try {
      await Promise.race([sql`SELECT 1`.execute(db), late]);
    } finally {
      clearTimeout(timer);
    }
  };
  store.close = () => db.destroy();
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
