import { sql, type Kysely } from 'kysely';
import { protect, tenantExpr } from './migrations.js';

/**
 * Communities (docs/decisions/0021-communities.md): a group of accounts that share chosen offers
 * and needs and refer business to each other. Every table is under forced row-level security
 * whose policies follow membership of the current account (`tend.account_id`):
 *
 * - `tend_my_communities()` lists the communities the current account belongs to. It is an
 *   ordinary (invoker) function whose `SET tend.scope = 'lookup'` makes the memberships policy,
 *   while it runs, admit only the caller's own rows: the policy can use it without recursion.
 * - Items stay private. The directory reads other members' shared items through
 *   `tend_directory(community)`, a function whose `SET tend.scope = 'directory'` switches on a
 *   second, SELECT-only policy on items that admits exactly the rows shared with a community the
 *   current account belongs to. Outside that function no query of the private use cases sees
 *   another account's item; inside it, nothing beyond what the directory shows.
 * - The community review reads every referral of the community only as counts, through
 *   `tend_community_review(community)` (`tend.scope = 'review'`).
 * - An invite is found by its bearer token: the accepting code sets `tend.invite` to the token's
 *   SHA-256 (hex) for its transaction, which admits that one invite (and its community's name).
 */
/** Tables shared by a community's members: scoped by membership, not by an `account_id` of their own. */
export const communityTables = ['communities', 'memberships', 'invites', 'referrals', 'thanks'] as const;

export async function communities(db: Kysely<unknown>, schema: string): Promise<void> {
  const T = tenantExpr;
  const scope = "coalesce(current_setting('tend.scope', true), '')";
  const mine = '(SELECT tend_my_communities())';
  const invited = "decode(coalesce(current_setting('tend.invite', true), ''), 'hex')";
  const path = `SET search_path = "${schema.replace(/"/g, '""')}"`;
  const run = (text: string) => sql.raw(text).execute(db);

  await run(`CREATE TABLE communities (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id text NOT NULL UNIQUE,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_by bigint NOT NULL DEFAULT ${T} REFERENCES accounts(id),
    created_at timestamptz NOT NULL
  )`);
  await run(`CREATE TABLE memberships (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id text NOT NULL UNIQUE,
    community_id bigint NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    name text NOT NULL,
    email text NOT NULL,
    joined_at timestamptz NOT NULL,
    left_at timestamptz,
    UNIQUE (community_id, account_id)
  )`);
  await run('CREATE INDEX memberships_account ON memberships (account_id) WHERE left_at IS NULL');
  await run(`CREATE TABLE invites (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id bigint NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE,
    created_by bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    used_by bigint REFERENCES accounts(id) ON DELETE SET NULL
  )`);
  await run('CREATE INDEX invites_community ON invites (community_id)');
  await run(`CREATE TABLE shared_items (
    item_id integer NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    community_id bigint NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    account_id bigint NOT NULL DEFAULT ${T} REFERENCES accounts(id) ON DELETE CASCADE,
    shared_at timestamptz NOT NULL,
    PRIMARY KEY (item_id, community_id)
  )`);
  await run('CREATE INDEX shared_items_community ON shared_items (community_id, account_id)');
  await run(`CREATE TABLE referrals (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id text NOT NULL UNIQUE,
    community_id bigint NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    from_member bigint NOT NULL REFERENCES memberships(id),
    to_member bigint NOT NULL REFERENCES memberships(id),
    from_account bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    to_account bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    prospect_name text NOT NULL,
    prospect_email text,
    prospect_phone text,
    consent boolean NOT NULL CHECK (consent),
    note text NOT NULL DEFAULT '',
    status text NOT NULL CHECK (status IN ('proposed', 'accepted', 'contacted', 'closed_won', 'closed_lost', 'declined')),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    accepted_at timestamptz,
    contacted_at timestamptz,
    closed_at timestamptz,
    declined_at timestamptz,
    CHECK (from_member <> to_member)
  )`);
  await run('CREATE INDEX referrals_from ON referrals (from_account)');
  await run('CREATE INDEX referrals_to ON referrals (to_account)');
  await run('CREATE INDEX referrals_community ON referrals (community_id, created_at)');
  await run(`CREATE TABLE thanks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    referral_id bigint NOT NULL UNIQUE REFERENCES referrals(id) ON DELETE CASCADE,
    amount numeric(14, 2) CHECK (amount >= 0),
    currency text CHECK (currency ~ '^[A-Z]{3}$'),
    note text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL
  )`);

  await run(`CREATE FUNCTION tend_my_communities() RETURNS SETOF bigint
    LANGUAGE sql STABLE ${path} SET tend.scope = 'lookup' AS $$
      SELECT community_id FROM memberships WHERE account_id = ${T} AND left_at IS NULL
    $$`);

  await protect(
    db,
    'communities',
    `id IN ${mine} OR created_by = ${T}
    OR id IN (SELECT community_id FROM invites WHERE token_hash = ${invited})`,
  );
  // Fellow members' rows are visible (the directory, roles); each account writes its own
  // membership (accepting an invite) and, by the use cases' role checks, those of its communities.
  await protect(db, 'memberships', `account_id = ${T} OR (${scope} <> 'lookup' AND community_id IN ${mine})`);
  await protect(db, 'invites', `community_id IN ${mine} OR token_hash = ${invited}`);
  await sql
    .raw(
      `ALTER TABLE shared_items ENABLE ROW LEVEL SECURITY; ALTER TABLE shared_items FORCE ROW LEVEL SECURITY;
      CREATE POLICY shared_items_tenant ON shared_items
        USING (account_id = ${T} OR community_id IN ${mine})
        WITH CHECK (account_id = ${T} AND community_id IN ${mine} AND item_id IN (SELECT id FROM items))`,
    )
    .execute(db);
  // A referral is seen by its two members; written by them while both belong to the community.
  await sql
    .raw(
      `ALTER TABLE referrals ENABLE ROW LEVEL SECURITY; ALTER TABLE referrals FORCE ROW LEVEL SECURITY;
      CREATE POLICY referrals_tenant ON referrals
        USING (from_account = ${T} OR to_account = ${T})
        WITH CHECK ((from_account = ${T} OR to_account = ${T}) AND community_id IN ${mine});
      CREATE POLICY referrals_review ON referrals FOR SELECT
        USING (${scope} = 'review' AND community_id IN ${mine})`,
    )
    .execute(db);
  await protect(db, 'thanks', `referral_id IN (SELECT id FROM referrals)`);
  // The directory's window on items: only inside tend_directory(), only shared rows.
  // Through a function: a policy on items naming shared_items, whose check names items, would be
  // a recursion PostgreSQL refuses.
  await run(`CREATE FUNCTION tend_shared_items() RETURNS SETOF integer
    LANGUAGE sql STABLE ${path} AS $$
      SELECT item_id FROM shared_items WHERE community_id IN (SELECT tend_my_communities())
    $$`);
  await run(`CREATE POLICY items_directory ON items FOR SELECT
    USING (${scope} = 'directory' AND id IN (SELECT tend_shared_items()))`);

  await run(`CREATE FUNCTION tend_directory(c bigint)
    RETURNS TABLE (member_id text, item_id integer, side text, text text)
    LANGUAGE sql STABLE ${path} SET tend.scope = 'directory' AS $$
      SELECT m.public_id, i.id, i.side, i.text
      FROM shared_items s
      JOIN memberships m ON m.community_id = s.community_id AND m.account_id = s.account_id AND m.left_at IS NULL
      JOIN items i ON i.id = s.item_id
      WHERE s.community_id = c AND c IN (SELECT tend_my_communities())
        AND i.deleted_at IS NULL AND i.status = 'open' AND i.person_id IS NULL
      ORDER BY m.public_id, i.side, i.id
    $$`);
  await run(`CREATE FUNCTION tend_community_review(c bigint)
    RETURNS TABLE (member_id text, week date, given int, received int, won int, thanked int,
                   amounts jsonb)
    LANGUAGE sql STABLE ${path} SET tend.scope = 'review' AS $$
      WITH r AS (
        SELECT r.*, t.amount, t.currency, t.id AS thanks_id FROM referrals r
        LEFT JOIN thanks t ON t.referral_id = r.id
        WHERE r.community_id = c AND c IN (SELECT tend_my_communities())
      ), per AS (
        SELECT from_member AS member, date_trunc('week', created_at)::date AS week,
               1 AS given, 0 AS received, (status = 'closed_won')::int AS won,
               (thanks_id IS NOT NULL)::int AS thanked, amount, currency FROM r
        UNION ALL
        SELECT to_member, date_trunc('week', created_at)::date, 0, 1, 0, 0, NULL, NULL FROM r
      )
      SELECT m.public_id, p.week, sum(p.given)::int, sum(p.received)::int, sum(p.won)::int,
             sum(p.thanked)::int,
             coalesce(jsonb_object_agg(p.currency, p.total) FILTER (WHERE p.currency IS NOT NULL), '{}')
      FROM (SELECT member, week, sum(given) AS given, sum(received) AS received, sum(won) AS won,
                   sum(thanked) AS thanked, currency, sum(amount) AS total
            FROM per GROUP BY member, week, currency) p
      JOIN memberships m ON m.id = p.member
      GROUP BY m.public_id, p.week
      ORDER BY p.week, m.public_id
    $$`);
}

/**
 * `tend_my_communities()` returns the few communities of one account, but PostgreSQL plans any
 * set-returning function for 1,000 rows. Inside `tend_shared_items()` (the directory's policy on
 * items) that estimate turned `community_id IN (SELECT tend_my_communities())` into a sequential
 * scan of every shared item of every community (about 150 ms at 1,000 communities × 30 members,
 * per directory read); with an honest estimate it is an index scan on `shared_items_community`.
 */
export async function communityLookupRows(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER FUNCTION tend_my_communities() ROWS 10`.execute(db);
}
