import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
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
  close(): Promise<void>;
}

const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

/**
 * Opens the database and brings its schema up to date. A `postgres://` URL selects PostgreSQL
 * (an optional `?schema=NAME` keeps Tend in its own schema); anything else is a SQLite file.
 */
export async function openStore(target: string, opts: { migrate?: boolean } = {}): Promise<Store> {
  const store = isPostgresUrl(target) ? await openPostgres(target) : openSqlite(target);
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

function openSqlite(file: string): Store {
  const resolved = path.resolve(file);
  const dir = path.dirname(resolved);
  if (!fs.existsSync(dir))
    throw new DomainError(
      'database_unavailable',
      `cannot open the database ${resolved}: the folder ${dir} does not exist`,
      { path: resolved },
    );
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(resolved)) fs.accessSync(resolved, fs.constants.R_OK | fs.constants.W_OK);
  } catch {
    throw new DomainError(
      'database_unavailable',
      `cannot open the database ${resolved}: it is not writable`,
      { path: resolved },
    );
  }
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(resolved);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // WAL with NORMAL survives a killed process; only a power cut can lose the last commit.
    sqlite.pragma('synchronous = NORMAL');
  } catch (e) {
    throw new DomainError(
      'database_unavailable',
      `cannot open the database ${resolved}: ${(e as Error).message}`,
      { path: resolved },
    );
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const close = async (): Promise<void> => {
    // SQLite's advice for short-lived connections: keep the planner's statistics fresh on close —
    // after a command that wrote; a read leaves them as they were and need not pay for it.
    try {
      if ((sqlite.prepare('SELECT total_changes()').pluck().get() as number) > 0) {
        sqlite.pragma('analysis_limit = 400');
        sqlite.pragma('optimize');
      }
    } catch {
      // a read-only or busy database can skip it
    }
    await db.destroy();
  };
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  const changeCounter = (): number => dataVersion.get() as number;
  return { db, dialect: 'sqlite', location: resolved, close, changeCounter };
}

async function openPostgres(url: string): Promise<Store> {
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
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const location = `${parsed.protocol}//${parsed.host}${parsed.pathname}${schema ? ` (schema ${schema})` : ''}`;
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end();
    throw new DomainError(
      'database_unavailable',
      `cannot reach PostgreSQL at ${location}: ${(e as Error).message}`,
      {},
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location, schema: schema ?? 'public', close: () => db.destroy() };
}

export async function migrate(store: Store): Promise<void> {
  if (await upToDate(store)) return;
  // Naming the schema keeps Kysely from mistaking another schema's migration tables for ours.
  const migrator = new Migrator({
    db: store.db,
    provider: migrationProvider(store.dialect),
    ...(store.schema !== undefined ? { migrationTableSchema: store.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
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
