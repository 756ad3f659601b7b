import type { Db } from '../../storage/db.js';
import * as repo from '../../storage/team/feed.js';
import { withAuth, withTenant } from '../../storage/team/tenant.js';
import type { AppContext } from '../context.js';
import { feedCalendarOf, type CreatedFeed, type FeedStatus } from '../feed.js';
import type { Principal } from './auth.js';
import { accountContext } from './context.js';
import { hashSecret, newSecret } from './secrets.js';

/**
 * The calendar feed in team mode: each account's own secret address. A calendar app sends no
 * session, so the token is found across accounts (`feed_tokens`, read as the sign-in code reads
 * sessions), and the feed is then made inside that account's tenant: only its rows can be read.
 */
const tokenShape = /^[A-Za-z0-9_-]{20,200}$/;

export async function teamFeedStatus(db: Db, p: Principal): Promise<FeedStatus> {
  const at = await withAuth(() => repo.feedTokenMadeAt(db, p.account.id), p.account.id);
  return at !== undefined ? { active: true, createdAt: at } : { active: false };
}

/** A new address for the account (its earlier one stops working at once). */
export async function createTeamFeed(db: Db, p: Principal, now: Date): Promise<CreatedFeed> {
  const token = newSecret();
  await withAuth(() => repo.setFeedToken(db, p.account.id, hashSecret(token), now), p.account.id);
  return { active: true, createdAt: now.toISOString(), token, path: `/feed/${token}.ics` };
}

export async function revokeTeamFeed(db: Db, p: Principal): Promise<{ revoked: boolean }> {
  return { revoked: await withAuth(() => repo.deleteFeedToken(db, p.account.id), p.account.id) };
}

/** The feed a token opens, as iCalendar, for its account only; undefined for any other token. */
export async function teamFeedCalendar(base: AppContext, token: string): Promise<string | undefined> {
  if (!tokenShape.test(token)) return undefined;
  const accountId = await withAuth(() => repo.accountOfFeedToken(base.db, hashSecret(token)));
  if (accountId === undefined) return undefined;
  return withTenant(accountId, async () => feedCalendarOf(await accountContext(base)));
}
