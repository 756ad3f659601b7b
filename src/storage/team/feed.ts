import { sql, type Kysely } from 'kysely';
import type { Db } from '../db.js';
import { teamDb } from './accounts.js';
import { authExpr, protect, tenantExpr } from './migrations.js';

/**
 * Team mode's calendar feed tokens (docs/decisions/0019-teams.md, "The calendar feed"): one per
 * account, only its SHA-256 kept. A calendar app fetches `/feed/<token>.ics` without a session, so
 * the token finds its account across accounts (the unique index on the hash): like sessions, the
 * sign-in code (`tend.auth`) reads the table, and an account its own row.
 */
export async function feedTokens(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE feed_tokens (
        account_id bigint PRIMARY KEY DEFAULT ${tenantExpr} REFERENCES accounts(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL
      )`,
    )
    .execute(db);
  await protect(db, 'feed_tokens', `account_id = ${tenantExpr} OR ${authExpr}`);
}

interface FeedTables {
  feed_tokens: { account_id: string | number; token_hash: Buffer; created_at: Date };
}

const t = (db: Db) => teamDb<FeedTables>(db);

/** Sets the account's token (an earlier one stops working). */
export async function setFeedToken(db: Db, accountId: number, hash: Buffer, now: Date): Promise<void> {
  await t(db)
    .insertInto('feed_tokens')
    .values({ account_id: accountId, token_hash: hash, created_at: now })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ token_hash: hash, created_at: now }))
    .execute();
}

/** When the account's token was made, if it has one. */
export async function feedTokenMadeAt(db: Db, accountId: number): Promise<string | undefined> {
  const r = await t(db)
    .selectFrom('feed_tokens')
    .select('created_at')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return r?.created_at.toISOString();
}

export async function deleteFeedToken(db: Db, accountId: number): Promise<boolean> {
  const r = await t(db).deleteFrom('feed_tokens').where('account_id', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The account a token hash opens, whoever's it is (the request names no account). */
export async function accountOfFeedToken(db: Db, hash: Buffer): Promise<number | undefined> {
  const r = await t(db)
    .selectFrom('feed_tokens')
    .select('account_id')
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  return r ? Number(r.account_id) : undefined;
}
