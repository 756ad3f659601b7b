import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { DomainError } from '../../core/errors.js';
import { migrateLocked, retryWhileOtherSchemaVanishes, type Store } from '../db.js';
import { communities, communityLookupRows } from './community-schema.js';
import { digestSchedule } from './digest-schema.js';
import { feedTokens } from './feed.js';
import { passkeys } from './passkey-schema.js';
import { roleName } from './tenant.js';

/**
 * Team mode (docs/decisions/0019-teams.md): one PostgreSQL schema holds every account. The
 * single-user migrations run first, unchanged; this list runs after them with its own migration
 * table. Like the single-user list it is history: append, never edit a released migration.
 */
export const teamMigrationTable = 'tend_team_migration';
export const teamMigrationLockTable = 'tend_team_migration_lock';
/** Kysely's bookkeeping: the only tables without an account and without row-level security. */
export const migrationTables = [
  'kysely_migration',
  'kysely_migration_lock',
  teamMigrationTable,
  teamMigrationLockTable,
] as const;

/** The current account as the policies read it: NULL (no rows) when none is set. */
export const tenantExpr = "NULLIF(current_setting('tend.account_id', true), '')::bigint";
/** Set only by the sign-in code (`withAuth`): opens the credential tables, no private one. */
export const authExpr = "current_setting('tend.auth', true) = 'on'";

/**
 * Keys that are unique per user in single-user mode become unique per account. Each entry names
 * the table, the constraint or index to drop, and the columns of its replacement (account first).
 */
const widened: { table: string; drop: string; kind: 'pk' | 'unique-index'; columns: string[] }[] = [
  { table: 'settings', drop: 'settings_pkey', kind: 'pk', columns: ['key'] },
  { table: 'my_emails', drop: 'my_emails_pkey', kind: 'pk', columns: ['address'] },
  {
    table: 'capture_strangers',
    drop: 'capture_strangers_pk',
    kind: 'pk',
    columns: ['kind', 'key', 'email'],
  },
  { table: 'capture_ignored', drop: 'capture_ignored_pkey', kind: 'pk', columns: ['email'] },
  { table: 'people', drop: 'people_uid', kind: 'unique-index', columns: ['uid'] },
];

/** Tables whose per-user key gained `account_id` (an ON CONFLICT on them names it too). */
export const widenedKeys = new Set(widened.map((w) => w.table));

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Makes one table private per account: an `account_id` that defaults to the current tenant (an
 * insert with none set fails on NOT NULL), an index on it, and row-level security, forced so that
 * even the tables' owner is subject to it, with a policy that sees and writes the tenant's rows only.
 */
export async function tenantise(db: Kysely<unknown>, table: string): Promise<void> {
  const t = quote(table);
  const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.raw(t)}`.execute(db);
  if ((rows.rows[0]?.n ?? 0) > 0)
    throw new DomainError(
      'invalid_input',
      `table ${table} already holds single-user data: team mode starts from an empty database (import each member's data into their account instead)`,
      { table },
    );
  await sql
    .raw(
      `ALTER TABLE ${t} ADD COLUMN account_id bigint NOT NULL DEFAULT ${tenantExpr} REFERENCES accounts(id) ON DELETE CASCADE`,
    )
    .execute(db);
  await sql.raw(`CREATE INDEX ${quote(`${table}_account`)} ON ${t} (account_id)`).execute(db);
  await protect(db, table, `account_id = ${tenantExpr}`);
}

/** Row-level security, enabled and forced, with one policy for every command. */
export async function protect(db: Kysely<unknown>, table: string, predicate: string): Promise<void> {
  const t = quote(table);
  await sql.raw(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`).execute(db);
  await sql.raw(`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`).execute(db);
  await sql
    .raw(`CREATE POLICY ${quote(`${table}_tenant`)} ON ${t} USING (${predicate}) WITH CHECK (${predicate})`)
    .execute(db);
}

/** The tables of `schema` that are not yet private: neither migration bookkeeping nor protected. */
async function unprotected(db: Kysely<unknown>, schema: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p') AND NOT c.relrowsecurity
    ORDER BY c.relname`.execute(db);
  return rows.rows.map((r) => r.name).filter((n) => !(migrationTables as readonly string[]).includes(n));
}

async function accounts(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id text NOT NULL UNIQUE,
    email text NOT NULL UNIQUE CHECK (email = lower(btrim(email))),
    name text NOT NULL,
    password_hash text,
    is_admin boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await protect(db, 'accounts', `id = ${tenantExpr} OR ${authExpr}`);
}

async function privateTables(db: Kysely<unknown>, schema: string): Promise<void> {
  for (const table of await unprotected(db, schema)) await tenantise(db, table);
  for (const w of widened) {
    const cols = ['account_id', ...w.columns].map(quote).join(', ');
    if (w.kind === 'pk') {
      await sql.raw(`ALTER TABLE ${quote(w.table)} DROP CONSTRAINT ${quote(w.drop)}`).execute(db);
      await sql.raw(`ALTER TABLE ${quote(w.table)} ADD PRIMARY KEY (${cols})`).execute(db);
    } else {
      await sql.raw(`DROP INDEX ${quote(w.drop)}`).execute(db);
      await sql.raw(`CREATE UNIQUE INDEX ${quote(w.drop)} ON ${quote(w.table)} (${cols})`).execute(db);
    }
  }
}

/**
 * Sign-in: sessions and API tokens (only their SHA-256 is stored), and the sign-in counters that
 * rate-limit login and signup (fixed windows, shared by every server through PostgreSQL).
 */
async function signIn(db: Kysely<unknown>): Promise<void> {
  const owned = `account_id bigint NOT NULL DEFAULT ${tenantExpr} REFERENCES accounts(id) ON DELETE CASCADE`;
  await sql
    .raw(
      `CREATE TABLE sessions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        public_id text NOT NULL UNIQUE,
        ${owned},
        token_hash bytea NOT NULL UNIQUE,
        user_agent text,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`,
    )
    .execute(db);
  await sql`CREATE INDEX sessions_account ON sessions (account_id)`.execute(db);
  await sql
    .raw(
      `CREATE TABLE api_tokens (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        public_id text NOT NULL UNIQUE,
        ${owned},
        name text NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`,
    )
    .execute(db);
  await sql`CREATE INDEX api_tokens_account ON api_tokens (account_id)`.execute(db);
  for (const t of ['sessions', 'api_tokens'])
    await protect(db, t, `account_id = ${tenantExpr} OR ${authExpr}`);
  await sql`CREATE TABLE auth_attempts (
    key text NOT NULL,
    window_start timestamptz NOT NULL,
    count integer NOT NULL,
    PRIMARY KEY (key, window_start)
  )`.execute(db);
  await protect(db, 'auth_attempts', authExpr);
}

export function teamMigrationProvider(schema: string): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '2026-12-03T1000_accounts': {
      up: async (db: Kysely<unknown>) => {
        await accounts(db);
        await privateTables(db, schema);
      },
    },
    '2026-12-03T1100_sign_in': { up: signIn },
    '2026-12-03T1200_communities': { up: (db: Kysely<unknown>) => communities(db, schema) },
    '2026-12-03T1400_passkeys': { up: passkeys },
    '2026-12-03T1500_community_lookup_rows': { up: communityLookupRows },
    '2026-12-03T1600_digest_schedule': { up: (db: Kysely<unknown>) => digestSchedule(db, schema) },
    '2026-12-03T1700_feed_tokens': { up: feedTokens },
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}

/**
 * Brings the team schema up to date (after the single-user migrations, which the caller runs),
 * makes private any table a later single-user migration added, and gives the app role exactly
 * the rights the server needs: rows and sequences, not the schema itself.
 */
export async function migrateTeam(store: Store, appRole: string): Promise<void> {
  if (store.dialect !== 'postgres') throw new Error('team mode needs PostgreSQL');
  if (!roleName.test(appRole))
    throw new DomainError('invalid_input', `--app-role "${appRole}" is not a PostgreSQL role name`, {
      problems: [{ path: '--app-role', message: 'letters, digits and _ only, starting with a letter' }],
    });
  const schema = store.schema ?? 'public';
  const db = store.db as unknown as Kysely<unknown>;
  // Under the store's migration lock, in one transaction (migrateLocked says why: PgBouncer).
  const run = () =>
    migrateLocked(
      store,
      (locked) =>
        new Migrator({
          db: locked,
          provider: teamMigrationProvider(schema),
          migrationTableName: teamMigrationTable,
          migrationLockTableName: teamMigrationLockTable,
          migrationTableSchema: schema,
          disableTransactions: true,
        }),
    );
  // As for the single-user migrations (src/storage/db.ts): another schema dropped while the
  // migrator reads the catalog fails the read, with nothing written; read again.
  const { error, results } = await retryWhileOtherSchemaVanishes(run, schema);
  if (error) {
    if (error instanceof DomainError) throw error;
    const failed = results?.find((r) => r.status === 'Error');
    const msg = error instanceof Error ? error.message : JSON.stringify(error);
    throw new DomainError('internal', `team migration ${failed?.migrationName ?? ''} failed: ${msg}`, {});
  }
  await db.transaction().execute(async (tx) => {
    // Servers starting together take turns (concurrent GRANTs on one table fail in PostgreSQL).
    await sql`SELECT pg_advisory_xact_lock(hashtext('tend_team_grants'))`.execute(tx);
    // A table a later single-user migration created is private from its first team start.
    for (const table of await unprotected(tx, schema)) await tenantise(tx, table);
    await grantApp(tx, schema, appRole);
  });
}

async function grantApp(db: Kysely<unknown>, schema: string, role: string): Promise<void> {
  const r = quote(role);
  const s = quote(schema);
  // Roles are cluster-wide: created once, by whoever gets there first.
  await sql
    .raw(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${r} NOLOGIN; END IF;
       EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    )
    .execute(db);
  // The owner switches to the app role per transaction (SET LOCAL ROLE), so it must be a member.
  await sql
    .raw(
      `DO $$ BEGIN
         IF NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN EXECUTE 'GRANT ${r} TO ' || quote_ident(current_user); END IF;
       END $$`,
    )
    .execute(db);
  await sql.raw(`GRANT USAGE ON SCHEMA ${s} TO ${r}`).execute(db);
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p')`.execute(db);
  const names = tables.rows
    .map((t) => t.name)
    .filter((n) => !(migrationTables as readonly string[]).includes(n))
    .map((n) => `${s}.${quote(n)}`);
  if (names.length > 0)
    await sql.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${names.join(', ')} TO ${r}`).execute(db);
  await sql.raw(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`).execute(db);
  // A backup names the schema version it was written at: the app reads the single-user list.
  await sql.raw(`GRANT SELECT ON ${s}.kysely_migration TO ${r}`).execute(db);
}
