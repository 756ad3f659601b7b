import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type TransactionSettings,
} from 'kysely';
import { DomainError } from '../core/errors.js';
import type { Db, Store } from './db.js';
import type { Database } from './schema.js';
import { seconds, type Timeouts } from './timeouts.js';

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

/** Prepared statements kept per connection; past that, the least recently used is dropped. */
export const KEPT_STATEMENTS = 256;

/**
 * better-sqlite3 as Kysely sees it, with its prepared statements kept by their SQL: Kysely
 * prepares every query anew, and SQLite's prepare of a statement run many times (each chunk of
 * a bulk insert, each row's update in an import, a daemon's reads on every request) costs as much
 * as running it. A statement SQLite cannot prepare throws as before and is not kept; SQLite
 * prepares a kept one again by itself when the schema changes. One statement never runs twice at
 * once: Kysely runs one query at a time on a connection, a stream's included.
 */
function keepStatements(sqlite: SQLite.Database, size = KEPT_STATEMENTS): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = kept.get(sql);
      if (statement !== undefined) {
        kept.delete(sql);
        kept.set(sql, statement);
        return statement;
      }
      statement = sqlite.prepare(sql);
      kept.set(sql, statement);
      if (kept.size > size) {
        const oldest = kept.keys().next().value;
        if (oldest !== undefined) kept.delete(oldest);
      }
      return statement;
    },
  };
}

/**
 * Kysely's SQLite driver, with four changes. Its prepared statements are kept (`keepStatements`).
 * A write transaction starts with `BEGIN IMMEDIATE`:
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
    super({ database: keepStatements(sqlite) });
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

/**
 * Opens (or creates) a SQLite file: WAL, foreign keys, the busy timeout; read-only when the file
 * or its folder is not writable.
 */

/** How much of a SQLite file is read through a memory map (address space, not memory). */
const MMAP_BYTES = 1024 * 1024 * 1024;
export function openSqlite(
  file: string,
  limits: Pick<Timeouts, 'busy'>,
  onBackgroundError: (message: string) => void,
): Store {
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
  const totalChanges = sqlite.prepare('SELECT total_changes()').pluck();
  const ownChanges = (): number => totalChanges.get() as number;
  const schemaVersionOf = sqlite.prepare('PRAGMA schema_version').pluck();
  const schemaVersion = (): number => schemaVersionOf.get() as number;
  const keptOpen = (): void => {
    sqlite.pragma('mmap_size = 0');
  };
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
  const exclusive = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    try {
      sqlite.exec('BEGIN IMMEDIATE');
    } catch (e) {
      throw fault(e);
    }
    try {
      const out = await fn(db);
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
    onBackgroundError,
    close,
    changeCounter,
    ownChanges,
    schemaVersion,
    keptOpen,
  };
}
