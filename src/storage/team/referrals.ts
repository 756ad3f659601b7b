import { sql } from 'kysely';
import type { Db } from '../db.js';
import { publicId } from './accounts.js';

export interface ReferralRow {
  id: number;
  publicId: string;
  communityId: number;
  communityPublicId: string;
  communityName: string;
  fromAccount: number;
  toAccount: number;
  fromMember: { id: string; name: string; email: string };
  toMember: { id: string; name: string; email: string };
  prospect: { name: string; email: string | null; phone: string | null };
  note: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  thanks: { amount: number | null; currency: string | null; note: string; createdAt: string } | null;
}

interface Raw {
  id: string;
  public_id: string;
  community_id: string;
  c_public_id: string;
  c_name: string;
  from_account: string;
  to_account: string;
  f_public_id: string;
  f_name: string;
  f_email: string;
  t_public_id: string;
  t_name: string;
  t_email: string;
  prospect_name: string;
  prospect_email: string | null;
  prospect_phone: string | null;
  note: string;
  status: string;
  created_at: Date;
  updated_at: Date;
  th_amount: string | null;
  th_currency: string | null;
  th_note: string | null;
  th_created_at: Date | null;
}

const iso = (d: Date | string): string => new Date(d).toISOString();

const toRow = (r: Raw): ReferralRow => ({
  id: Number(r.id),
  publicId: r.public_id,
  communityId: Number(r.community_id),
  communityPublicId: r.c_public_id,
  communityName: r.c_name,
  fromAccount: Number(r.from_account),
  toAccount: Number(r.to_account),
  fromMember: { id: r.f_public_id, name: r.f_name, email: r.f_email },
  toMember: { id: r.t_public_id, name: r.t_name, email: r.t_email },
  prospect: { name: r.prospect_name, email: r.prospect_email, phone: r.prospect_phone },
  note: r.note,
  status: r.status,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  thanks:
    r.th_created_at === null
      ? null
      : {
          amount: r.th_amount === null ? null : Number(r.th_amount),
          currency: r.th_currency,
          note: r.th_note ?? '',
          createdAt: iso(r.th_created_at),
        },
});

const select = sql`
  SELECT r.id, r.public_id, r.community_id, c.public_id AS c_public_id, c.name AS c_name,
         r.from_account, r.to_account,
         f.public_id AS f_public_id, f.name AS f_name, f.email AS f_email,
         t.public_id AS t_public_id, t.name AS t_name, t.email AS t_email,
         r.prospect_name, r.prospect_email, r.prospect_phone, r.note, r.status,
         r.created_at, r.updated_at,
         th.amount AS th_amount, th.currency AS th_currency, th.note AS th_note, th.created_at AS th_created_at
  FROM referrals r
  JOIN communities c ON c.id = r.community_id
  JOIN memberships f ON f.id = r.from_member
  JOIN memberships t ON t.id = r.to_member
  LEFT JOIN thanks th ON th.referral_id = r.id`;

/** The account's referrals, given and received, newest first. */
export async function referralsOf(db: Db, accountId: number): Promise<ReferralRow[]> {
  const r = await sql<Raw>`${select}
    WHERE (r.from_account = ${accountId} OR r.to_account = ${accountId})
    ORDER BY r.created_at DESC, r.id DESC`.execute(db);
  return r.rows.map(toRow);
}

export async function referralOf(
  db: Db,
  accountId: number,
  referralPublicId: string,
  lock = false,
): Promise<ReferralRow | undefined> {
  const r = await sql<Raw>`${select}
    WHERE r.public_id = ${referralPublicId} AND (r.from_account = ${accountId} OR r.to_account = ${accountId})
    ${lock ? sql`FOR UPDATE OF r` : sql``}`.execute(db);
  const row = r.rows[0];
  return row ? toRow(row) : undefined;
}

export async function insertReferral(
  db: Db,
  r: {
    communityId: number;
    fromMember: number;
    toMember: number;
    fromAccount: number;
    toAccount: number;
    prospect: { name: string; email?: string | undefined; phone?: string | undefined };
    note: string;
    now: string;
  },
): Promise<string> {
  const id = publicId('ref');
  await sql`INSERT INTO referrals (public_id, community_id, from_member, to_member, from_account, to_account,
      prospect_name, prospect_email, prospect_phone, consent, note, status, created_at, updated_at)
    VALUES (${id}, ${r.communityId}, ${r.fromMember}, ${r.toMember}, ${r.fromAccount}, ${r.toAccount},
      ${r.prospect.name}, ${r.prospect.email ?? null}, ${r.prospect.phone ?? null}, true, ${r.note},
      'proposed', ${r.now}, ${r.now})`.execute(db);
  return id;
}

const stamp: Record<string, string> = {
  accepted: 'accepted_at',
  contacted: 'contacted_at',
  closed_won: 'closed_at',
  closed_lost: 'closed_at',
  declined: 'declined_at',
};

export async function setStatus(db: Db, id: number, status: string, now: string): Promise<void> {
  const column = stamp[status];
  await sql`UPDATE referrals SET status = ${status}, updated_at = ${now}
    ${column === undefined ? sql`` : sql`, ${sql.ref(column)} = ${now}`}
    WHERE id = ${id}`.execute(db);
}

export async function insertThanks(
  db: Db,
  t: {
    referralId: number;
    amount?: number | undefined;
    currency?: string | undefined;
    note: string;
    now: string;
  },
): Promise<boolean> {
  const r = await sql`INSERT INTO thanks (referral_id, amount, currency, note, created_at)
    VALUES (${t.referralId}, ${t.amount ?? null}, ${t.currency ?? null}, ${t.note}, ${t.now})
    ON CONFLICT (referral_id) DO NOTHING`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}
