import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { addDays, dayOf } from '../core/dates.js';
import { reminders, type ReminderInput } from '../core/reminders.js';
import { calendar } from '../formats/ics/write.js';
import { eventsWhere } from '../storage/repos/events.js';
import { contactsByPerson } from '../storage/repos/interactions.js';
import { getPeople, idsMatching } from '../storage/repos/people.js';
import { promisesWhere } from '../storage/repos/promises.js';
import { deletePrivate, readPrivate, writePrivate } from '../storage/repos/settings.js';
import type { AppContext } from './context.js';
import { followUpCandidates } from './follow-ups.js';
import { readSnapshot } from './snapshot.js';

/**
 * The private calendar feed: `GET /feed/<token>.ics` on `tend serve`. The token is 256 random
 * bits, shown once when created; only its SHA-256 is stored (a token this long needs no slow
 * hash), so a copy of the database does not open the feed. Creating a new one replaces the old.
 */
const RECORD = 'feed';

interface FeedRecord {
  hash: string;
  createdAt: string;
}

export interface FeedStatus {
  active: boolean;
  createdAt?: string | undefined;
}

export interface CreatedFeed extends FeedStatus {
  active: true;
  token: string;
  /** `/feed/<token>.ics`: the server's address goes in front. */
  path: string;
}

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

async function record(ctx: AppContext): Promise<FeedRecord | undefined> {
  const r = (await readPrivate(ctx.db, RECORD)) as Partial<FeedRecord> | undefined;
  return typeof r?.hash === 'string' && typeof r.createdAt === 'string'
    ? { hash: r.hash, createdAt: r.createdAt }
    : undefined;
}

export async function feedStatus(ctx: AppContext): Promise<FeedStatus> {
  const r = await record(ctx);
  return r ? { active: true, createdAt: r.createdAt } : { active: false };
}

/** A new token (any earlier one stops working). */
export async function createFeed(ctx: AppContext): Promise<CreatedFeed> {
  const token = randomBytes(32).toString('base64url');
  const createdAt = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await writePrivate(trx, RECORD, { hash: sha256(token).toString('hex'), createdAt });
  });
  return { active: true, createdAt, token, path: `/feed/${token}.ics` };
}

/** Whether there was a feed to revoke. */
export async function revokeFeed(ctx: AppContext): Promise<{ revoked: boolean }> {
  const had = (await record(ctx)) !== undefined;
  if (had) await ctx.db.transaction().execute((trx) => deletePrivate(trx, RECORD));
  return { revoked: had };
}

/** Whether `token` opens the feed, compared in constant time. */
export async function feedTokenValid(ctx: AppContext, token: string): Promise<boolean> {
  const r = await record(ctx);
  if (!r || !/^[A-Za-z0-9_-]{20,200}$/.test(token)) return false;
  const stored = Buffer.from(r.hash, 'hex');
  const given = sha256(token);
  return stored.length === given.length && timingSafeEqual(stored, given);
}

/** The feed's reminders, read from the database and decided by the core. */
export async function feedReminders(ctx: AppContext): Promise<ReturnType<typeof reminders>> {
  const db = ctx.db;
  const today = dayOf(ctx.clock());
  const s = ctx.settings;
  const promises = await promisesWhere(db, { status: 'open' });
  const events = await eventsWhere(db, { from: addDays(today, -s.eventFollowUpDays) });
  const picked = [...new Set(events.flatMap((e) => e.met.filter((m) => m.followUp).map((m) => m.personId)))];
  const close = [
    ...(await idsMatching(db, { circle: 'focus' })),
    ...(await idsMatching(db, { circle: 'network' })),
  ];
  const people = new Map(
    (await getPeople(db, [...new Set([...close, ...picked, ...promises.map((p) => p.personId)])])).map(
      (p) => [p.id, p],
    ),
  );
  const name = (id: number): string => people.get(id)?.name ?? `#${id}`;
  const withCadence = close.filter((id) => people.get(id)?.cadenceDays !== undefined);
  const contacts = await contactsByPerson(db, [...new Set([...picked, ...withCadence])]);
  const input: ReminderInput = {
    today,
    eventFollowUpDays: s.eventFollowUpDays,
    promises: promises.map((p) => ({ ...p, personName: name(p.personId) })),
    followUps: followUpCandidates(events, name, contacts),
    cadences: withCadence.map((id) => ({
      personId: id,
      personName: name(id),
      cadenceDays: people.get(id)?.cadenceDays ?? 0,
      contacts: contacts.get(id) ?? [],
    })),
    birthdays: close.flatMap((id) => {
      const p = people.get(id);
      return p?.birthday === undefined ? [] : [{ personId: id, personName: p.name, on: p.birthday }];
    }),
  };
  return reminders(input);
}

/** The feed as an iCalendar file; undefined when the token does not open it. */
export async function feedCalendar(ctx: AppContext, token: string): Promise<string | undefined> {
  if (!(await feedTokenValid(ctx, token))) return undefined;
  return feedCalendarOf(ctx);
}

/** The feed of the context's data as an iCalendar file (the token checked already). */
export async function feedCalendarOf(ctx: AppContext): Promise<string> {
  const items = await readSnapshot(ctx, feedReminders);
  return calendar(items, ctx.clock(), { name: 'Tend reminders', refreshHours: 1 });
}
