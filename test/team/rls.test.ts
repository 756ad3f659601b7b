import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type pg from 'pg';
import type { AppContext } from '../../src/app/context.js';
import { addPerson, listPeople } from '../../src/app/people.js';
import { accountContext, withTenant } from '../../src/app/team/context.js';
import { communityTables } from '../../src/storage/team/community-schema.js';
import { account, freshTeam, ownerClient, noTeamBackend } from './helpers.js';

const count = async (ctx: AppContext, table: string): Promise<number> => {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(ctx.db);
  return r.rows[0]?.n ?? -1;
};

describe('team mode: row-level security as the app role', { skip: noTeamBackend }, () => {
  let ctx: AppContext;
  let schema: string;
  let owner: pg.Client;
  let a: Awaited<ReturnType<typeof account>>;
  let b: Awaited<ReturnType<typeof account>>;

  before(async () => {
    ({ ctx, schema } = await freshTeam());
    owner = await ownerClient(schema);
    a = await account(ctx, 'ada');
    b = await account(ctx, 'bob');
    await withTenant(a.id, async () => {
      const c = await accountContext(ctx);
      await addPerson(c, { name: 'Jonas Berg', tags: [], emails: [], phones: [] });
      await addPerson(c, { name: 'Mira Okafor', tags: [], emails: [], phones: [] });
    });
    await withTenant(b.id, async () =>
      addPerson(await accountContext(ctx), { name: 'Bea Lund', tags: [], emails: [], phones: [] }),
    );
  });
  after(async () => {
    await owner.end();
    await ctx.store.close();
  });

  test('the rows exist (the owner, a superuser here, sees all three)', async () => {
    const r = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
    assert.equal(r.rows[0]?.n, 3);
  });

  test('with no tenant set, every private table reads as empty, even a bare SELECT', async () => {
    assert.equal(await count(ctx, 'people'), 0);
    assert.equal(await count(ctx, 'items'), 0);
    assert.equal(await count(ctx, 'accounts'), 0);
  });

  test('account A sees only its own people, through the app and a hand-written query', async () => {
    await withTenant(a.id, async () => {
      assert.equal(await count(ctx, 'people'), 2);
      const r = await sql<{ name: string }>`SELECT name FROM people ORDER BY name`.execute(ctx.db);
      assert.deepEqual(
        r.rows.map((p) => p.name),
        ['Jonas Berg', 'Mira Okafor'],
      );
      const listed = await listPeople(await accountContext(ctx), {}, { limit: 50, offset: 0 });
      assert.deepEqual(listed.people.map((p) => p.person.name).sort(), ['Jonas Berg', 'Mira Okafor']);
      // Its own account row only.
      const accounts = await sql<{ email: string }>`SELECT email FROM accounts`.execute(ctx.db);
      assert.deepEqual(
        accounts.rows.map((x) => x.email),
        ['ada@example.org'],
      );
    });
    await withTenant(b.id, async () => {
      const r = await sql<{ name: string }>`SELECT name FROM people`.execute(ctx.db);
      assert.deepEqual(
        r.rows.map((p) => p.name),
        ['Bea Lund'],
      );
    });
  });

  test("account B can neither change nor delete A's rows, even without a where clause", async () => {
    await withTenant(b.id, async () => {
      const u = await sql`UPDATE people SET name = 'taken'`.execute(ctx.db);
      assert.equal(Number(u.numAffectedRows), 1, 'only its own row');
    });
    const r = await owner.query<{ name: string }>("SELECT name FROM people WHERE name = 'taken'");
    assert.equal(r.rows.length, 1);
    await withTenant(b.id, async () => {
      await sql`UPDATE people SET name = 'Bea Lund'`.execute(ctx.db);
    });
  });

  test("an insert with no tenant fails; one naming another account's id is refused", async () => {
    await assert.rejects(
      sql`INSERT INTO settings (key, value) VALUES ('x', '1')`.execute(ctx.db),
      /null value in column "account_id"|row-level security/,
    );
    await withTenant(a.id, async () => {
      await assert.rejects(
        sql`INSERT INTO settings (key, value, account_id) VALUES ('x', '1', ${b.id})`.execute(ctx.db),
        /row-level security/,
      );
    });
    const r = await owner.query<{ n: number }>("SELECT count(*)::int AS n FROM settings WHERE key = 'x'");
    assert.equal(r.rows[0]?.n, 0);
  });

  test('a transaction runs for its tenant, and nothing of it outlives the transaction', async () => {
    await withTenant(a.id, () =>
      ctx.db.transaction().execute(async (trx) => {
        const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM people`.execute(trx);
        assert.equal(r.rows[0]?.n, 2);
      }),
    );
    // The same pooled connections, used next with no tenant, see nothing and are not the app
    // role at session level (a pooler in transaction mode may hand them to anyone).
    const who = await owner.query<{ role: string }>('SELECT current_user AS role');
    assert.equal(who.rows[0]?.role, 'postgres');
    assert.equal(await count(ctx, 'people'), 0);
  });

  test('the server runs as the app role, which owns no table, so row-level security binds it', async () => {
    const r = await sql<{ u: string }>`SELECT current_user AS u`.execute(ctx.db);
    assert.equal(r.rows[0]?.u, 'tend_app');
    const owned = await owner.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tableowner = 'tend_app'",
      [schema],
    );
    assert.equal(owned.rows[0]?.n, 0);
    // And the role itself, on a plain connection with no tenant, counts no people.
    await owner.query('BEGIN');
    await owner.query('SET LOCAL ROLE tend_app');
    const n = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
    await owner.query('ROLLBACK');
    assert.equal(n.rows[0]?.n, 0);
  });

  test('every table but the migration bookkeeping has row-level security enabled, forced, with a policy', async () => {
    const r = await owner.query<{ name: string; rls: boolean; forced: boolean; policies: number }>(
      `SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
      [schema],
    );
    const bookkeeping = new Set([
      'kysely_migration',
      'kysely_migration_lock',
      'tend_team_migration',
      'tend_team_migration_lock',
    ]);
    const tables = r.rows.filter((t) => !bookkeeping.has(t.name));
    assert.ok(tables.length >= 20, `found ${tables.length} tables`);
    for (const t of [
      'people',
      'items',
      'interactions',
      'promises',
      'settings',
      'events',
      'intros',
      'accounts',
      'passkeys',
      'passkey_challenges',
    ])
      assert.ok(
        tables.some((x) => x.name === t),
        `${t} is in the schema`,
      );
    const unsafe = tables.filter((t) => !t.rls || !t.forced || t.policies === 0).map((t) => t.name);
    assert.deepEqual(unsafe, [], 'tables without forced row-level security and a policy');
    // Every private table carries its account (the sign-in counters are keyed by address and
    // email, and only the sign-in code can read them).
    const cols = await owner.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables t WHERE table_schema = $1
         AND table_type = 'BASE TABLE' AND table_name NOT IN ('accounts', 'auth_attempts') AND NOT EXISTS (
           SELECT 1 FROM information_schema.columns c
           WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'account_id')`,
      [schema],
    );
    // Community tables are scoped by membership (test/team/communities-rls.test.ts), not by an owner.
    const community = new Set<string>(communityTables);
    assert.deepEqual(
      cols.rows.map((c) => c.name).filter((x) => !bookkeeping.has(x) && !community.has(x)),
      [],
    );
  });

  test('per-user keys are per account: two accounts may hold the same setting and person UID', async () => {
    for (const id of [a.id, b.id])
      await withTenant(id, async () => {
        await sql`INSERT INTO settings (key, value) VALUES ('digest.daily', 'true')`.execute(ctx.db);
      });
    const r = await owner.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM settings WHERE key = 'digest.daily'",
    );
    assert.equal(r.rows[0]?.n, 2);
  });
});
