import { sql } from 'kysely';
import type { Db } from '../db.js';
import { publicId, teamDb } from './accounts.js';

/** Sessions, API tokens and sign-in counters (migration `2026-12-03T1100_sign_in`). */
interface SignInTables {
  sessions: {
    id: string;
    public_id: string;
    account_id: string | number;
    token_hash: Buffer;
    user_agent: string | null;
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
  };
  api_tokens: {
    id: string;
    public_id: string;
    account_id: string | number;
    name: string;
    token_hash: Buffer;
    created_at: Date;
    last_used_at: Date | null;
    revoked_at: Date | null;
  };
}

const t = (db: Db) => teamDb<SignInTables>(db);

export interface SessionRow {
  publicId: string;
  accountId: number;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export async function insertSession(
  db: Db,
  s: { accountId: number; tokenHash: Buffer; userAgent: string | null; now: Date; expiresAt: Date },
): Promise<string> {
  const id = publicId('ses');
  await t(db)
    .insertInto('sessions')
    .values({
      public_id: id,
      account_id: s.accountId,
      token_hash: s.tokenHash,
      user_agent: s.userAgent,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
    } as never)
    .execute();
  return id;
}

const sessionRow = (r: SignInTables['sessions']): SessionRow => ({
  publicId: r.public_id,
  accountId: Number(r.account_id),
  userAgent: r.user_agent,
  createdAt: r.created_at.toISOString(),
  lastSeenAt: r.last_seen_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
});

/** The live session a token hash opens (not revoked, not expired), if any. */
export async function sessionByHash(db: Db, hash: Buffer, now: Date): Promise<SessionRow | undefined> {
  const r = await t(db)
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return r ? sessionRow(r) : undefined;
}

/** Marks a session seen, at most once a minute (a write per request would be a write per read). */
export async function touchSession(db: Db, publicIdOf: string, now: Date): Promise<void> {
  await t(db)
    .updateTable('sessions')
    .set({ last_seen_at: now })
    .where('public_id', '=', publicIdOf)
    .where('last_seen_at', '<', new Date(now.getTime() - 60_000))
    .execute();
}

export async function liveSessions(db: Db, accountId: number, now: Date): Promise<SessionRow[]> {
  const rows = await t(db)
    .selectFrom('sessions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map(sessionRow);
}

/** Revokes sessions of `accountId`: one by public id, or all but `except`. Returns how many. */
export async function revokeSessions(
  db: Db,
  accountId: number,
  now: Date,
  which: { publicId: string } | { except: string | null },
): Promise<number> {
  let q = t(db)
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null);
  if ('publicId' in which) q = q.where('public_id', '=', which.publicId);
  else if (which.except !== null) q = q.where('public_id', '<>', which.except);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface TokenRow {
  publicId: string;
  accountId: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const tokenRow = (r: SignInTables['api_tokens']): TokenRow => ({
  publicId: r.public_id,
  accountId: Number(r.account_id),
  name: r.name,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at ? r.last_used_at.toISOString() : null,
});

export async function insertToken(
  db: Db,
  tk: { accountId: number; name: string; tokenHash: Buffer; now: Date },
): Promise<TokenRow> {
  const r = await t(db)
    .insertInto('api_tokens')
    .values({
      public_id: publicId('tok'),
      account_id: tk.accountId,
      name: tk.name,
      token_hash: tk.tokenHash,
      created_at: tk.now,
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
  return tokenRow(r);
}

export async function tokenByHash(db: Db, hash: Buffer): Promise<TokenRow | undefined> {
  const r = await t(db)
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r ? tokenRow(r) : undefined;
}

export async function liveTokens(db: Db, accountId: number): Promise<TokenRow[]> {
  const rows = await t(db)
    .selectFrom('api_tokens')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(tokenRow);
}

export async function revokeToken(db: Db, accountId: number, id: string, now: Date): Promise<boolean> {
  const r = await t(db)
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('account_id', '=', accountId)
    .where('public_id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Adds one to each key's counter in the window starting at `windowStart`; returns the counts. */
export async function countAttempt(db: Db, keys: string[], windowStart: Date): Promise<number[]> {
  const out: number[] = [];
  for (const key of keys) {
    const r = await sql<{ count: number }>`
      INSERT INTO auth_attempts (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
      ON CONFLICT (key, window_start) DO UPDATE SET count = auth_attempts.count + 1
      RETURNING count`.execute(db);
    out.push(r.rows[0]?.count ?? 0);
  }
  return out;
}

/** The counts of `keys` in the window starting at `windowStart` (0 for a key never counted). */
export async function attemptCounts(db: Db, keys: string[], windowStart: Date): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const r = await sql<{ key: string; count: number }>`
    SELECT key, count FROM auth_attempts WHERE window_start = ${windowStart} AND key IN (${sql.join(keys)})`.execute(
    db,
  );
  return new Map(r.rows.map((x) => [x.key, x.count]));
}

/** Drops counters of windows that ended before `before` (kept small by the sign-in code). */
export async function pruneAttempts(db: Db, before: Date): Promise<void> {
  await sql`DELETE FROM auth_attempts WHERE window_start < ${before}`.execute(db);
}
