import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Who a statement runs for, per async flow (docs/decisions/0019-teams.md). `accountId` scopes
 * every private table through row-level security; `auth` opens the credential tables (accounts,
 * sessions, tokens, sign-in counters) to the sign-in code, which must find an account by email or
 * a session by its token before it knows the tenant.
 */
export interface Tenant {
  accountId?: number | undefined;
  auth?: boolean | undefined;
}

const storage = new AsyncLocalStorage<Tenant>();

/** Runs `fn` with every statement it makes scoped to `accountId` (row-level security). */
export function withTenant<T>(accountId: number, fn: () => T): T {
  if (!Number.isSafeInteger(accountId) || accountId <= 0) throw new Error(`invalid account id ${accountId}`);
  return storage.run({ accountId }, fn);
}

/** Runs `fn` as the sign-in code: the credential tables are readable, no private table is. */
export function withAuth<T>(fn: () => T, accountId?: number): T {
  return storage.run({ auth: true, accountId }, fn);
}

/** The tenant of the current async flow (none outside `withTenant`). */
export function currentTenant(): Tenant | undefined {
  return storage.getStore();
}

export const roleName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The statement that opens each transaction: the tenant and the role, both `SET LOCAL` (via
 * `set_config(…, true)`) so that nothing outlives the transaction and a pooler in transaction
 * mode (PgBouncer) may hand the connection to anyone next. Without a tenant the setting is empty,
 * which the policies read as NULL: no rows.
 */
function scopeStatement(role: string): string {
  const t = currentTenant();
  const id = t?.accountId !== undefined ? String(t.accountId) : '';
  const auth = t?.auth === true ? 'on' : '';
  // Both values are checked above (a safe integer, a fixed word) and the role against `roleName`,
  // so they can be written into the text: one simple-protocol round trip with BEGIN.
  return `SELECT set_config('tend.account_id', '${id}', true), set_config('tend.auth', '${auth}', true), set_config('role', '${role}', true)`;
}

const isolationLevels = new Set(['read uncommitted', 'read committed', 'repeatable read', 'serializable']);
const accessModes = new Set(['read only', 'read write']);

/** `BEGIN`, or `START TRANSACTION` with the settings (each checked against PostgreSQL's words). */
function beginStatement(settings: TransactionSettings): string {
  const { isolationLevel, accessMode } = settings;
  if (isolationLevel === undefined && accessMode === undefined) return 'BEGIN';
  if (isolationLevel !== undefined && !isolationLevels.has(isolationLevel))
    throw new Error(`isolation level "${isolationLevel}" is not PostgreSQL's`);
  if (accessMode !== undefined && !accessModes.has(accessMode))
    throw new Error(`access mode "${accessMode}" is not PostgreSQL's`);
  return [
    'START TRANSACTION',
    ...(isolationLevel !== undefined ? [`ISOLATION LEVEL ${isolationLevel.toUpperCase()}`] : []),
    ...(accessMode !== undefined ? [accessMode.toUpperCase()] : []),
  ].join(' ');
}

/** A connection that wraps each statement outside a transaction in one, with the scope set. */
class TenantConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly role: string,
    private readonly onQuery?: (sql: string) => void,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.onQuery?.(query.sql);
    if (this.inTransaction) return this.inner.executeQuery<R>(query);
    await this.inner.executeQuery(CompiledQuery.raw(`BEGIN; ${scopeStatement(this.role)}`));
    try {
      const result = await this.inner.executeQuery<R>(query);
      await this.inner.executeQuery(CompiledQuery.raw('COMMIT'));
      return result;
    } catch (e) {
      await this.inner.executeQuery(CompiledQuery.raw('ROLLBACK')).catch(() => undefined);
      throw e;
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.inTransaction) {
      yield* this.inner.streamQuery<R>(query, chunkSize);
      return;
    }
    await this.inner.executeQuery(CompiledQuery.raw(`BEGIN; ${scopeStatement(this.role)}`));
    let ok = false;
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
      ok = true;
    } finally {
      await this.inner.executeQuery(CompiledQuery.raw(ok ? 'COMMIT' : 'ROLLBACK')).catch(() => undefined);
    }
  }
}

function tc(c: DatabaseConnection): TenantConnection {
  if (!(c instanceof TenantConnection)) throw new Error('not a connection of the tenant driver');
  return c;
}

/** Wraps the pg driver: every transaction starts by setting the tenant and the app role. */
class TenantDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly role: string,
    private readonly onQuery?: (sql: string) => void,
  ) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new TenantConnection(await this.inner.acquireConnection(), this.role, this.onQuery);
  }
  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const conn = tc(c);
    try {
      // The BEGIN (with its isolation level and access mode, as the pg driver words them) and the
      // scope travel together: one round trip, as for a single statement.
      await conn.inner.executeQuery(
        CompiledQuery.raw(`${beginStatement(settings)}; ${scopeStatement(this.role)}`),
      );
    } catch (e) {
      await this.inner.rollbackTransaction(conn.inner).catch(() => undefined);
      throw e;
    }
    conn.inTransaction = true;
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    const conn = tc(c);
    conn.inTransaction = false;
    await this.inner.commitTransaction(conn.inner);
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    const conn = tc(c);
    conn.inTransaction = false;
    await this.inner.rollbackTransaction(conn.inner);
  }
  async savepoint(
    c: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.inner.savepoint?.(tc(c).inner, name, compile);
  }
  async rollbackToSavepoint(
    c: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.inner.rollbackToSavepoint?.(tc(c).inner, name, compile);
  }
  async releaseSavepoint(
    c: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.inner.releaseSavepoint?.(tc(c).inner, name, compile);
  }
  releaseConnection(c: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(tc(c).inner);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * The pg dialect with the tenant driver: the team server's queries all run as `role` (which does
 * not own the tables, so row-level security applies) for the account of the current flow.
 */
export function tenantDialect(inner: Dialect, role: string, onQuery?: (sql: string) => void): Dialect {
  if (!roleName.test(role)) throw new Error(`invalid role name "${role}"`);
  return {
    createDriver: () => new TenantDriver(inner.createDriver(), role, onQuery),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
  };
}
