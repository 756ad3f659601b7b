import { sql } from 'kysely';
import { z } from 'zod';
import { moveRefusal, referralStates, thanksRefusal, type ReferralState } from '../../core/community.js';
import { DomainError } from '../../core/errors.js';
import type { Db } from '../../storage/db.js';
import { insertInteraction } from '../../storage/repos/interactions.js';
import { insertPerson, refreshContactDays } from '../../storage/repos/people.js';
import * as repo from '../../storage/team/communities.js';
import * as refs from '../../storage/team/referrals.js';
import { nowIso, type AppContext } from '../context.js';
import { parse } from '../validate.js';
import { currentAccountId, requireCommunity } from './communities.js';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `at most ${max} characters` });

export const referralSchema = z.object({
  toMemberId: z.string().min(1, { error: 'is required' }).max(64),
  prospect: z.object({
    name: text(200).min(1, { error: 'is required' }),
    email: z.email({ error: 'is not an email address' }).max(254).optional(),
    phone: text(50).min(3).optional(),
  }),
  consent: z.literal(true, {
    error: 'must be true: a referral needs the prospect’s consent to be introduced',
  }),
  note: text(2000).default(''),
});
export const moveSchema = z.object({ status: z.enum(referralStates) });
export const thanksSchema = z
  .object({
    note: text(2000).default(''),
    amount: z.number().min(0).max(1e12).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { error: 'is a three-letter ISO 4217 code such as EUR' })
      .optional(),
  })
  .refine((t) => (t.amount === undefined) === (t.currency === undefined), {
    error: 'goes with amount: give both (1200 and EUR) or neither',
    path: ['currency'],
  });

/** A referral as the API shows it to one of its two members. */
export function referralView(r: refs.ReferralRow, me: number) {
  return {
    id: r.publicId,
    community: { id: r.communityPublicId, name: r.communityName },
    direction: r.fromAccount === me ? ('given' as const) : ('received' as const),
    from: { memberId: r.fromMember.id, name: r.fromMember.name },
    to: { memberId: r.toMember.id, name: r.toMember.name },
    prospect: r.prospect,
    consent: true as const,
    note: r.note,
    status: r.status as ReferralState,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    thanks: r.thanks,
  };
}

/** A referral as the API answers it (the web app reads this type). */
export type ReferralView = ReturnType<typeof referralView>;

const unknownReferral = (id: string) =>
  new DomainError('unknown_referral', `no referral ${id} among yours`, {
    problems: [{ path: 'id', message: 'not a referral you gave or received' }],
  });

export async function refer(ctx: AppContext, communityId: string, input: unknown) {
  const body = parse(referralSchema, input, 'body');
  const me = currentAccountId();
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const { community, me: mine } = await requireCommunity(tx, me, communityId);
    const to = await repo.memberByPublicId(tx, community.id, body.toMemberId);
    if (!to)
      throw new DomainError('unknown_member', `no member ${body.toMemberId} in this community`, {
        problems: [{ path: 'toMemberId', message: 'not a member of this community' }],
      });
    if (to.id === mine.id)
      throw new DomainError('invalid_input', 'a referral goes to another member, not to yourself', {
        problems: [{ path: 'toMemberId', message: 'is you' }],
      });
    const id = await refs.insertReferral(tx, {
      communityId: community.id,
      fromMember: mine.id,
      toMember: to.id,
      fromAccount: me,
      toAccount: to.accountId,
      prospect: body.prospect,
      note: body.note,
      now,
    });
    const row = await refs.referralOf(tx, me, id);
    if (!row) throw new DomainError('internal', 'the referral vanished after insert');
    return referralView(row, me);
  });
}

export async function listReferrals(ctx: AppContext) {
  const me = currentAccountId();
  return { referrals: (await refs.referralsOf(ctx.db, me)).map((r) => referralView(r, me)) };
}

export async function showReferral(ctx: AppContext, id: string) {
  const me = currentAccountId();
  const r = await refs.referralOf(ctx.db, me, id);
  if (!r) throw unknownReferral(id);
  return referralView(r, me);
}

export async function moveReferral(ctx: AppContext, id: string, input: unknown) {
  const { status } = parse(moveSchema, input, 'body');
  const me = currentAccountId();
  return ctx.db.transaction().execute(async (tx) => {
    const r = await refs.referralOf(tx, me, id, true);
    if (!r) throw unknownReferral(id);
    const refusal = moveRefusal(r.status as ReferralState, status, r.toAccount === me ? 'receiver' : 'giver');
    if (refusal)
      throw new DomainError(refusal.startsWith('only') ? 'role_required' : 'invalid_transition', refusal, {
        status: r.status,
        problems: [{ path: 'status', message: refusal }],
      });
    await refs.setStatus(tx, r.id, status, nowIso(ctx));
    const after = await refs.referralOf(tx, me, id);
    if (!after) throw unknownReferral(id);
    return referralView(after, me);
  });
}

/** The person standing for a fellow member in the current account's Tend, made when missing. */
async function personFor(db: Db, member: { name: string; email: string }, now: string): Promise<number> {
  const found = await db
    .selectFrom('people')
    .select('id')
    .where('deleted_at', 'is', null)
    .where(sql<boolean>`position(${JSON.stringify(member.email)} in lower(emails)) > 0`)
    .orderBy('id')
    .executeTakeFirst();
  if (found) return found.id;
  return insertPerson(
    db,
    { name: member.name, emails: [member.email], phones: [], urls: [], source: 'manual', circle: 'network' },
    ['community'],
    now,
  );
}

async function ledgerEntry(
  db: Db,
  other: { name: string; email: string },
  nature: 'gave' | 'received',
  note: string,
  now: string,
): Promise<void> {
  const person = await personFor(db, other, now);
  await insertInteraction(
    db,
    {
      date: now.slice(0, 10),
      channel: 'message',
      nature,
      kind: 'referral',
      note,
      unearned: false,
      personIds: [person],
    },
    now,
  );
  await refreshContactDays(db, [person]);
}

const setTenant = (db: Db, id: number) =>
  sql`SELECT set_config('tend.account_id', ${String(id)}, true)`.execute(db);

/**
 * The receiver thanks the giver: stored once on the referral, and written as a give in both
 * private Tends — a give received from the giver in the receiver's, a give made to the receiver
 * in the giver's — in one transaction (the tenant is switched for the giver's rows and back).
 */
export async function thankReferral(ctx: AppContext, id: string, input: unknown) {
  const t = parse(thanksSchema, input, 'body');
  const me = currentAccountId();
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const r = await refs.referralOf(tx, me, id, true);
    if (!r) throw unknownReferral(id);
    const refusal = thanksRefusal(r.status as ReferralState, r.toAccount === me ? 'receiver' : 'giver');
    if (refusal)
      throw new DomainError(
        refusal.startsWith('the member') ? 'role_required' : 'invalid_transition',
        refusal,
        {
          status: r.status,
        },
      );
    if (!(await refs.insertThanks(tx, { referralId: r.id, ...t, now })))
      throw new DomainError('thanks_exists', 'this referral was already thanked', { status: r.status });
    const value = t.amount !== undefined ? ` (${t.amount.toFixed(2)} ${t.currency ?? ''})` : '';
    const what = `the referral of ${r.prospect.name}${value}${t.note ? `: ${t.note}` : ''}`;
    await ledgerEntry(
      tx,
      r.fromMember,
      'received',
      `Referral via ${r.communityName}; thanked for ${what}`,
      now,
    );
    await setTenant(tx, r.fromAccount);
    try {
      await ledgerEntry(
        tx,
        r.toMember,
        'gave',
        `Referral via ${r.communityName}; ${r.toMember.name} thanked me for ${what}`,
        now,
      );
    } finally {
      await setTenant(tx, me);
    }
    const after = await refs.referralOf(tx, me, id);
    if (!after) throw unknownReferral(id);
    return referralView(after, me);
  });
}

/** One member's week in the review, as the API answers it (the web app reads this type). */
export type ReviewRow = Awaited<ReturnType<typeof communityReview>>['weeks'][number];

/** Gives and referrals per member per week (never a ranking: ordered by week, then name). */
export async function communityReview(ctx: AppContext, id: string) {
  const me = currentAccountId();
  return ctx.db.transaction().execute(async (tx) => {
    const { community } = await requireCommunity(tx, me, id);
    const [members, rows] = await Promise.all([
      repo.membersOf(tx, community.id),
      repo.reviewRows(tx, community.id),
    ]);
    const name = new Map(members.map((m) => [m.publicId, m.name]));
    return {
      community: { id: community.publicId, name: community.name },
      weeks: rows
        .map((r) => ({
          week: new Date(r.week).toISOString().slice(0, 10),
          memberId: r.member_id,
          name: name.get(r.member_id) ?? '(former member)',
          referralsGiven: r.given,
          referralsReceived: r.received,
          closedWon: r.won,
          thanksReceived: r.thanked,
          thanksValue: Object.fromEntries(Object.entries(r.amounts).map(([k, v]) => [k, Number(v)])),
        }))
        .sort((a, b) => a.week.localeCompare(b.week) || a.name.localeCompare(b.name)),
    };
  });
}
