/**
 * The team bench's data (issue 15): 30,000 accounts in 1,000 communities of 30 members, each with
 * a small private network, written in a few set-based statements rather than 30,000 sign-ups.
 *
 * - Accounts, communities, memberships and one session per account: `INSERT … SELECT` over
 *   `generate_series`. Every account gets the same argon2id hash, computed once by the product's
 *   `hashPassword`: hashing 30,000 passwords would take minutes (about 20 ms of CPU each) and
 *   measure nothing, since sign-in verifies one hash per request whatever the others are. The
 *   session secrets are `bench-session-<account id>`; only their SHA-256 is stored, as the product
 *   does, so the load tool can present any account's cookie.
 * - The private network: one account (the template) is filled through the real API, so every
 *   denormalised column (search text, folded names, last contact) is the product's own; its rows
 *   are then copied to every other account by `cloneTemplate`, with ids shifted per account.
 * - Each member shares their own open offers and needs with their community (the directory).
 */
import type pg from 'pg';
import { hashPassword } from '../../src/app/team/passwords.js';

export const COMMUNITIES = 1_000;
export const MEMBERS = 30;
export const PASSWORD = 'a bench passphrase for every member';

export const sessionSecret = (accountId: number): string => `bench-session-${accountId}`;
export const emailOf = (n: number): string => `member${n}@bench.example`;

/** What the load runs need: per account, its session, one person of its own and its community. */
export interface Seeded {
  accounts: { id: number; email: string; personIds: number[]; community: string }[];
  counts: Record<string, number>;
}

/** Accounts, communities, memberships and sessions, as of `now` (the servers' pinned clock). */
export async function seedAccounts(db: pg.Client, now: Date): Promise<number> {
  const accounts = COMMUNITIES * MEMBERS;
  const hash = await hashPassword(PASSWORD);
  // public ids: the product's are random base62; md5 hex of a counter is unique, of the same shape.
  await db.query(
    `INSERT INTO accounts (public_id, email, name, password_hash, created_at)
     SELECT 'acc_' || left(md5('acc-' || g), 22), 'member' || g || '@bench.example', 'Member ' || g, $1, $2
     FROM generate_series(1, $3::int) g ORDER BY g`,
    [hash, now, accounts],
  );
  await db.query(
    `INSERT INTO communities (public_id, name, created_by, created_at)
     SELECT 'com_' || left(md5('com-' || c), 22), 'Chapter ' || c, a.id, $1
     FROM generate_series(1, $2::int) c JOIN accounts a ON a.email = 'member' || ((c - 1) * $3 + 1) || '@bench.example'`,
    [now, COMMUNITIES, MEMBERS],
  );
  await db.query(
    `WITH a AS (SELECT id, name, email, row_number() OVER (ORDER BY id) - 1 AS k FROM accounts)
     INSERT INTO memberships (public_id, community_id, account_id, role, name, email, joined_at)
     SELECT 'mem_' || left(md5('mem-' || a.id), 22), c.id, a.id,
            CASE WHEN a.k % $1 = 0 THEN 'owner' ELSE 'member' END, a.name, a.email, $2
     FROM a JOIN communities c ON c.public_id = 'com_' || left(md5('com-' || (a.k / $1 + 1)), 22)`,
    [MEMBERS, now],
  );
  await db.query(
    `INSERT INTO sessions (public_id, account_id, token_hash, user_agent, created_at, last_seen_at, expires_at)
     SELECT 'ses_' || left(md5('ses-' || id), 22), id, sha256(convert_to('bench-session-' || id, 'UTF8')),
            'autocannon', $1, $1, $1::timestamptz + interval '30 days'
     FROM accounts`,
    [now],
  );
  return accounts;
}

/** The template's private network, through the API of a running team server. */
export async function fillTemplate(base: string, templateId: number): Promise<void> {
  const call = async (path: string, body: object): Promise<Record<string, unknown>> => {
    const res = await fetch(`${base}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `tend_session=${sessionSecret(templateId)}` },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`template: POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const people: [string, 'focus' | 'network' | 'pool', string][] = [
    ['Ada Okafor', 'focus', 'Northwind Bank'],
    ['Bruno Lefèvre', 'focus', 'Atelier Lumen'],
    ['Chiara Rossi', 'network', 'Fondazione Arte'],
    ['Dmitri Volkov', 'network', 'Kestrel Robotics'],
    ['Emi Tanaka', 'network', 'Sora Design'],
    ['Farah Haddad', 'pool', 'Cedar Legal'],
  ];
  for (const [i, [name, circle, company]] of people.entries()) {
    const { person } = (await call('/people', {
      name,
      circle,
      company,
      emails: [`${name.split(' ')[0]?.toLowerCase() ?? 'p'}@example.org`],
      tags: ['bench', circle],
    })) as { person: { id: number } };
    const id = String(person.id);
    await call(`/people/${id}/${i % 2 === 0 ? 'needs' : 'offers'}`, {
      text:
        i % 2 === 0
          ? `an introduction to a seed investor in ${company}'s field`
          : 'advice on hiring a first designer',
    });
    await call(`/people/${id}/interactions`, {
      action: 'log',
      channel: i % 2 === 0 ? 'call' : 'message',
      nature: 'touch',
      note: `caught up with ${name}`,
      date: `${20 + i * 9} days ago`,
    });
    if (circle === 'focus') {
      await call(`/people/${id}/interactions`, {
        action: 'give',
        text: `sent ${name} an article`,
        kind: 'resource',
        date: `${40 + i} days ago`,
      });
      await call(`/people/${id}/promises`, { text: `send ${name} the deck`, due: 'in 3 days' });
    }
  }
  for (const text of ['introductions to climate founders', 'reviews of pitch decks'])
    await call('/me/offers', { text });
  await call('/me/needs', { text: 'a warm introduction to a logistics buyer' });
}

interface Fk {
  column: string;
  ref: string;
}

/** The private tables (an `account_id` of their own) the template wrote rows to. */
async function templateTables(db: pg.Client, schema: string, templateId: number): Promise<string[]> {
  const notPrivate = new Set(['sessions', 'api_tokens', 'memberships', 'shared_items']);
  const { rows } = await db.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.columns
     WHERE table_schema = $1 AND column_name = 'account_id' ORDER BY table_name`,
    [schema],
  );
  const out: string[] = [];
  for (const { t } of rows.filter((r) => !notPrivate.has(r.t))) {
    const n = await db.query(`SELECT 1 FROM "${t}" WHERE account_id = $1 LIMIT 1`, [templateId]);
    if (n.rowCount !== null && n.rowCount > 0) out.push(t);
  }
  return out;
}

async function foreignKeys(db: pg.Client, schema: string, table: string): Promise<Fk[]> {
  const { rows } = await db.query<Fk>(
    `SELECT a.attname AS column, r.relname AS ref
     FROM pg_constraint c
     JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     JOIN pg_class r ON r.oid = c.confrelid
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     WHERE c.contype = 'f' AND n.nspname = $1 AND t.relname = $2 AND cardinality(c.conkey) = 1`,
    [schema, table],
  );
  return rows;
}

/**
 * Copies the template account's rows of every private table to all other accounts, in one
 * `INSERT … SELECT` per table. A serial id (and every reference to one) is shifted by
 * (account's rank) × (the table's largest id), so the copies never collide; the sequences are
 * moved past the copies. Tables are copied after the ones they reference.
 */
export async function cloneTemplate(db: pg.Client, schema: string, templateId: number): Promise<void> {
  const tables = await templateTables(db, schema, templateId);
  const fks = new Map<string, Fk[]>();
  for (const t of tables) fks.set(t, await foreignKeys(db, schema, t));
  const stride = new Map<string, number>();
  for (const t of tables) {
    const hasId = await db.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = 'id'`,
      [schema, t],
    );
    if (hasId.rowCount === 0) continue;
    const m = await db.query<{ m: number | null }>(`SELECT max(id)::int AS m FROM "${t}"`);
    stride.set(t, m.rows[0]?.m ?? 0);
  }
  // The copies are consistent by construction: skipping the per-row foreign-key and trigger
  // work (a superuser's bulk-load switch, this session only) makes the copy several times faster.
  await db.query('SET session_replication_role = replica');
  const done = new Set<string>();
  while (done.size < tables.length) {
    const next = tables.find(
      (t) =>
        !done.has(t) &&
        (fks.get(t) ?? []).every((f) => f.ref === t || done.has(f.ref) || !tables.includes(f.ref)),
    );
    if (next === undefined)
      throw new Error(`template tables reference each other in a cycle: ${tables.join(', ')}`);
    const { rows: cols } = await db.query<{ c: string }>(
      `SELECT column_name AS c FROM information_schema.columns
       WHERE table_schema = $1 AND table_name = $2 AND column_name <> 'account_id' ORDER BY ordinal_position`,
      [schema, next],
    );
    const shiftBy = new Map((fks.get(next) ?? []).map((f) => [f.column, f.ref]));
    if (stride.has(next)) shiftBy.set('id', next);
    const select = cols.map(({ c }) => {
      const ref = shiftBy.get(c);
      const s = ref === undefined ? undefined : stride.get(ref);
      if (ref === 'accounts' || s === undefined) return `t."${c}"`;
      return `t."${c}" + a.k * ${s}`;
    });
    await db.query(
      `WITH a AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM accounts WHERE id <> $1)
       INSERT INTO "${next}" (account_id, ${cols.map(({ c }) => `"${c}"`).join(', ')})
       SELECT a.id, ${select.join(', ')} FROM "${next}" t CROSS JOIN a WHERE t.account_id = $1`,
      [templateId],
    );
    if (stride.has(next))
      await db.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM "${next}"))`, [
        `"${schema}"."${next}"`,
      ]);
    done.add(next);
  }
  await db.query('SET session_replication_role = DEFAULT');
}

/** Fresh planner statistics for the schema's tables (not the whole database, which others share). */
export async function analyze(db: pg.Client, schema: string): Promise<void> {
  const { rows } = await db.query<{ t: string }>(
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = $1 ORDER BY tablename`,
    [schema],
  );
  await db.query(`ANALYZE ${rows.map((r) => `"${schema}"."${r.t}"`).join(', ')}`);
}

/** Each member shares their own open offers and needs with their community. */
export async function shareOwnItems(db: pg.Client, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO shared_items (item_id, community_id, account_id, shared_at)
     SELECT i.id, m.community_id, i.account_id, $1 FROM items i
     JOIN memberships m ON m.account_id = i.account_id
     WHERE i.person_id IS NULL AND i.status = 'open' AND i.deleted_at IS NULL AND i.side IN ('offer', 'need')`,
    [now],
  );
}

/** Per account what the load runs address, and the row counts of the seeded tables. */
export async function seeded(db: pg.Client): Promise<Seeded> {
  const { rows } = await db.query<{ id: number; email: string; people: number[]; community: string }>(
    `SELECT a.id::int AS id, a.email, c.public_id AS community,
            coalesce((SELECT array_agg(p.id ORDER BY p.id) FROM people p WHERE p.account_id = a.id), '{}') AS people
     FROM accounts a JOIN memberships m ON m.account_id = a.id JOIN communities c ON c.id = m.community_id
     ORDER BY a.id`,
  );
  const counts: Record<string, number> = {};
  for (const t of [
    'accounts',
    'communities',
    'memberships',
    'sessions',
    'people',
    'items',
    'interactions',
    'promises',
    'shared_items',
  ]) {
    const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`);
    counts[t] = r.rows[0]?.n ?? 0;
  }
  return {
    accounts: rows.map((r) => ({ id: r.id, email: r.email, personIds: r.people, community: r.community })),
    counts,
  };
}
