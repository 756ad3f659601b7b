import type { Db } from '../db.js';

export type Verdict = 'confirmed' | 'dismissed';

/** The user's answer to one shown need–offer pair. */
export interface PairFeedback {
  needId: number;
  offerId: number;
  verdict: Verdict;
  createdAt: string;
}

/** Records (or changes) the answer for a pair: one row per pair, the latest answer wins. */
export async function putFeedback(
  db: Db,
  f: { needId: number; offerId: number; verdict: Verdict },
  now: string,
): Promise<void> {
  await db
    .insertInto('match_feedback')
    .values({ need_id: f.needId, offer_id: f.offerId, verdict: f.verdict, created_at: now })
    .onConflict((oc) =>
      oc.columns(['need_id', 'offer_id']).doUpdateSet({ verdict: f.verdict, created_at: now }),
    )
    .execute();
}

/** Forgets the answer for a pair; true when there was one. */
export async function deleteFeedback(db: Db, needId: number, offerId: number): Promise<boolean> {
  const r = await db
    .deleteFrom('match_feedback')
    .where('need_id', '=', needId)
    .where('offer_id', '=', offerId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function getFeedback(
  db: Db,
  needId: number,
  offerId: number,
): Promise<PairFeedback | undefined> {
  const r = await db
    .selectFrom('match_feedback')
    .selectAll()
    .where('need_id', '=', needId)
    .where('offer_id', '=', offerId)
    .executeTakeFirst();
  return r ? toFeedback(r) : undefined;
}

/**
 * Every answer of this database about live needs and offers, oldest first (a few hundred at most in
 * practice). An answer about a removed need or offer is kept with it, so restoring the item brings
 * its answers back (a dismissed pair never returns), but it teaches nothing while the item is gone.
 */
export async function allFeedback(db: Db): Promise<PairFeedback[]> {
  const rows = await db
    .selectFrom('match_feedback as f')
    .innerJoin('items as n', 'n.id', 'f.need_id')
    .innerJoin('items as o', 'o.id', 'f.offer_id')
    .where('n.deleted_at', 'is', null)
    .where('o.deleted_at', 'is', null)
    .select(['f.need_id', 'f.offer_id', 'f.verdict', 'f.created_at'])
    .orderBy('f.created_at')
    .orderBy('f.need_id')
    .orderBy('f.offer_id')
    .execute();
  return rows.map(toFeedback);
}

function toFeedback(r: {
  need_id: number;
  offer_id: number;
  verdict: string;
  created_at: string;
}): PairFeedback {
  return {
    needId: r.need_id,
    offerId: r.offer_id,
    verdict: r.verdict === 'confirmed' ? 'confirmed' : 'dismissed',
    createdAt: r.created_at,
  };
}
