import { DomainError, invalid } from '../core/errors.js';
import type { Item } from '../core/types.js';
import { deleteFeedback, getFeedback, putFeedback, type Verdict } from '../storage/repos/feedback.js';
import { getItem } from '../storage/repos/items.js';
import { getPerson } from '../storage/repos/people.js';
import type { Db } from '../storage/db.js';
import { nowIso, type AppContext } from './context.js';

export interface PairAnswer {
  need: { id: number; text: string };
  offer: { id: number; text: string };
  /** The answer now recorded; null once forgotten. */
  verdict: Verdict | null;
  /** What was recorded before (null: nothing). */
  was: Verdict | null;
}

/** Reads an argument as an item id, naming the argument when it is not one. */
function itemId(field: 'need' | 'offer', raw: string | number): number {
  const s = String(raw).trim().replace(/^#/, '');
  if (!/^\d+$/.test(s) || Number(s) < 1 || !Number.isSafeInteger(Number(s)))
    throw invalid(
      `${field.toUpperCase()} must be the id of ${field === 'need' ? 'a need' : 'an offer'} (as \`tend show\` lists it), not "${String(raw)}"`,
      [{ path: field, message: 'not an item id' }],
    );
  return Number(s);
}

async function requirePair(
  db: Db,
  needRaw: string | number,
  offerRaw: string | number,
): Promise<[Item, Item]> {
  const needId = itemId('need', needRaw);
  const offerId = itemId('offer', offerRaw);
  const need = await getItem(db, needId);
  if (!need) throw new DomainError('unknown_item', `NEED: no need #${needId}`, { id: needId, field: 'need' });
  if (need.side === 'offer')
    throw invalid(`NEED: #${needId} is an offer, not a need or goal`, [
      { path: 'need', message: 'is an offer' },
    ]);
  const offer = await getItem(db, offerId);
  if (!offer)
    throw new DomainError('unknown_item', `OFFER: no offer #${offerId}`, { id: offerId, field: 'offer' });
  if (offer.side !== 'offer')
    throw invalid(`OFFER: #${offerId} is a ${offer.side}, not an offer`, [
      { path: 'offer', message: `is a ${offer.side}` },
    ]);
  return [need, offer];
}

/**
 * A need is matched against other people's offers (mine against theirs, theirs against mine and my
 * network's): a need and an offer of one owner are never shown together, so there is nothing to
 * answer. (Forgetting such a pair stays possible, for an answer written before this check.)
 */
async function requireAnswerable(db: Db, need: Item, offer: Item): Promise<void> {
  if (need.personId !== offer.personId) return;
  const owner =
    need.personId === undefined
      ? 'your own'
      : `${(await getPerson(db, need.personId))?.name ?? `person #${need.personId}`}'s own`;
  throw invalid(
    `OFFER: #${offer.id} is ${owner} offer, like need #${need.id}: a need is matched against other people's offers`,
    [{ path: 'offer', message: 'has the need’s owner' }],
  );
}

/**
 * `tend match confirm|dismiss NEED OFFER`: the user's answer to a shown match. A dismissed pair is
 * never shown again; a confirmed one is kept and marked; both teach the matcher for this database.
 */
export async function answerMatch(
  ctx: AppContext,
  needRaw: string | number,
  offerRaw: string | number,
  verdict: Verdict,
): Promise<PairAnswer> {
  return ctx.db.transaction().execute(async (trx) => {
    const [need, offer] = await requirePair(trx, needRaw, offerRaw);
    await requireAnswerable(trx, need, offer);
    const was = (await getFeedback(trx, need.id, offer.id))?.verdict ?? null;
    await putFeedback(trx, { needId: need.id, offerId: offer.id, verdict }, nowIso(ctx));
    return {
      need: { id: need.id, text: need.text },
      offer: { id: offer.id, text: offer.text },
      verdict,
      was,
    };
  });
}

/** `tend match forget NEED OFFER`: the answer undone; the pair is matched as if never answered. */
export async function forgetMatch(
  ctx: AppContext,
  needRaw: string | number,
  offerRaw: string | number,
): Promise<PairAnswer> {
  return ctx.db.transaction().execute(async (trx) => {
    const [need, offer] = await requirePair(trx, needRaw, offerRaw);
    const was = (await getFeedback(trx, need.id, offer.id))?.verdict ?? null;
    await deleteFeedback(trx, need.id, offer.id);
    return {
      need: { id: need.id, text: need.text },
      offer: { id: offer.id, text: offer.text },
      verdict: null,
      was,
    };
  });
}
