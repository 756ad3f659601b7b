import {
  Kysely,
  PostgresDialect,
  type Dialect as KyselyDialect,
  sql,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
} from 'kysely';
import type { PoolClient } from 'pg';
import { DomainError } from '../core/errors.js';
import type { Db, Store } from './db.js';
import type { Database } from './schema.js';
import { seconds, type Timeouts } from './timeouts.js';

/** Errors that leave a pooled PostgreSQL connection unusable: it is discarded, not reused. */
function brokenConnection(e: unknown): boolean {
  const { code, message } = e as { code?: unknown; message?: unknown };
  // A statement PostgreSQL cancelled at its statement_timeout leaves the connection healthy.
  if (code === '57014') return false;
  if (typeof code === 'string' && (/^(08|57P0[123])/.test(code) || /^E[A-Z]+$/.test(code))) return true;
  return typeof message === 'string' && /timeout|terminated|Connection ended|not queryable/i.test(message);
}

/**
 * The advisory lock Tend's migrations hold (any fixed 64-bit number; this one spells "tendmigr"),
 * apart from Kysely's own so that our lock is the transaction-level one.
 */
export const migrationLockKey = 0x74656e646d696772n;

/** How much longer than the statement timeout the client waits for any answer. */
const readGrace = 1000;

/** PostgreSQL's failures to reach or answer, as `database_unavailable` naming where (no password). */
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

/**
 * Connects a pool to a `postgres://` URL (an optional `?schema=NAME` keeps Tend in its own
 * schema, created when missing); each connection translates its failures into domain errors.
 */
export async function openPostgres(
  url: string,
  limits: Pick<Timeouts, 'connect' | 'query'>,
  onBackgroundError: (message: string) => void,
  /** Team mode wraps the dialect (src/storage/team/tenant.ts) to set the tenant per transaction. */
  wrapDialect: (d: KyselyDialect) => KyselyDialect = (d) => d,
): Promise<Store> {
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
    exclusive: () => Promise.reject(new Error('not connected')),
    onBackgroundError,
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  // A pooled connection that PostgreSQL ends (a restart, a failover, an administrator) is reported
  // once, here, whether it sat idle in the pool or was checked out between two statements (inside
  // a transaction): without a listener the process would exit. The pool drops it, idle or when it
  // comes back; a statement that was running fails and is reported by whoever ran it.
  pool.on('connect', (client) => {
    client.on('error', (e) => {
      store.onBackgroundError(
        `warning: PostgreSQL at ${location} closed a connection (${e.message.split('\n')[0] ?? ''}); reconnecting on the next request`,
      );
    });
  });
  pool.on('error', () => undefined);
  let current = schema;
  try {
    const client = await pool.connect();
    try {
      // Under the migration lock: two processes creating one schema at once would collide.
      if (schema)
        await client.query(
          `BEGIN; SELECT pg_advisory_xact_lock(${migrationLockKey}); CREATE SCHEMA IF NOT EXISTS ${schema}; COMMIT`,
        );
      // Without ?schema=, Tend lives where the connection's search_path points (a role's or
      // PgBouncer's setting): its migration tables must go there too, not into "public".
      else
        current =
          (await client.query<{ s: string | null }>('SELECT current_schema() AS s')).rows[0]?.s ?? null;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
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
  store.schema = current ?? 'public';
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
  const db = new Kysely<Database>({ dialect: wrapDialect(new PostgresDialect({ pool: guarded })) });
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
  store.exclusive = <T>(fn: (db: Db) => Promise<T>): Promise<T> =>
    db.connection().execute(async (conn) => {
      await sql`BEGIN`.execute(conn);
      try {
        await sql`SELECT pg_advisory_xact_lock(${sql.lit(migrationLockKey)})`.execute(conn);
        const out = await fn(conn);
        await sql`COMMIT`.execute(conn);
        return out;
      } catch (e) {
        await sql`ROLLBACK`.execute(conn).catch(() => undefined);
        throw e;
      }
    });
  store.close = () => db.destroy();
  return store;
}
