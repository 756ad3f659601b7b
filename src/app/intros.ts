import { dayOf } from '../core/dates.js';
import { DomainError, invalid } from '../core/errors.js';
import { canMove, decliner, introDrafts, nextStates } from '../core/intros.js';
import { limits } from '../core/text.js';
import { introStates, type Intro, type IntroState, type Item, type Person } from '../core/types.js';
import type { Db } from '../storage/db.js';
import { insertInteraction } from '../storage/repos/interactions.js';
import { insertIntro, introsWhere, moveIntro } from '../storage/repos/intros.js';
import { getItem, itemsOf } from '../storage/repos/items.js';
import { getPeople, refreshContactDays } from '../storage/repos/people.js';
import { nowIso, type AppContext } from './context.js';
import { pairScorer, withFeatures } from './matching.js';
import { requirePerson } from './person-lookup.js';
import { optText, parse } from './validate.js';

export interface IntroView extends Intro {
  a: { id: number; name: string };
  b: { id: number; name: string };
  need?: { id: number; text: string; personId?: number | undefined } | undefined;
  offer?: { id: number; text: string; personId?: number | undefined } | undefined;
  stateSince: string;
  next: readonly IntroState[];
  drafts: { a: string; b: string };
}

/**
 * Proposes A ↔ B. Without a named need and offer, the best match between one's open needs and the
 * other's offers is found with the matcher and becomes the reason.
 */
export async function proposeIntro(
  ctx: AppContext,
  input: {
    a: string;
    b: string;
    reason?: string | undefined;
    need?: number | undefined;
    offer?: number | undefined;
  },
): Promise<IntroView> {
  const reasonText = parse(optText(limits.text), input.reason, 'reason');
  return ctx.db.transaction().execute(async (trx) => {
    const a = await requirePerson(trx, input.a);
    const b = await requirePerson(trx, input.b);
    if (a.id === b.id)
      throw invalid(`cannot introduce ${a.name} to themself`, [
        { path: 'b', message: 'is the same person as a' },
      ]);
    for (const p of [a, b])
      if (p.circle === 'archived')
        throw invalid(`${p.name} is archived: move them back before introducing them`, [
          { path: 'person', message: 'archived' },
        ]);
    let need: Item | undefined;
    let offer: Item | undefined;
    if (input.need !== undefined) need = await ownItem(trx, input.need, 'need', [a, b]);
    if (input.offer !== undefined) offer = await ownItem(trx, input.offer, 'offer', [a, b]);
    if (need && offer && need.personId === offer.personId)
      throw invalid('the need and the offer belong to the same person', [
        { path: 'offer', message: 'same person as the need' },
      ]);
    if (!need && !offer) ({ need, offer } = await bestPair(ctx, trx, a, b));
    const reason = reasonText ?? (need && offer ? `"${need.text}" ↔ "${offer.text}"` : undefined);
    if (reason === undefined)
      throw invalid(
        `reason is required: I found nothing ${a.name} needs that ${b.name} offers, or the reverse`,
        [{ path: 'reason', message: 'required' }],
      );
    const id = await insertIntro(
      trx,
      { aId: a.id, bId: b.id, reason, needId: need?.id, offerId: offer?.id },
      nowIso(ctx),
    );
    return (await viewIntros(trx, [id]))[0] ?? missing(id);
  });
}

async function ownItem(db: Db, id: number, side: 'need' | 'offer', people: Person[]): Promise<Item> {
  const item = await getItem(db, id);
  if (!item || item.side !== side || !people.some((p) => p.id === item.personId))
    throw new DomainError('unknown_item', `no ${side} #${id} of ${people.map((p) => p.name).join(' or ')}`, {
      id,
    });
  return item;
}

async function bestPair(
  ctx: AppContext,
  db: Db,
  a: Person,
  b: Person,
): Promise<{ need?: Item; offer?: Item }> {
  const items = await withFeatures(
    ctx,
    db,
    await itemsOf(db, [a.id, b.id], { openOnly: true, side: ['need', 'offer'] }),
  );
  const score = await pairScorer(ctx);
  let best: { need: Item; offer: Item; score: number } | undefined;
  for (const n of items.filter((i) => i.side === 'need'))
    for (const o of items.filter((i) => i.side === 'offer' && i.personId !== n.personId)) {
      const s = score(n.f, o.f);
      if (s >= ctx.settings.matchThreshold && (!best || s > best.score))
        best = { need: n, offer: o, score: s };
    }
  return best ? { need: best.need, offer: best.offer } : {};
}

export interface IntroOptions {
  a: { id: number; name: string };
  b: { id: number; name: string };
  /** Open needs of either, each with someone on the other side who might meet it. */
  needs: { id: number; text: string; personId: number }[];
  offers: { id: number; text: string; personId: number }[];
  /** The need and offer the matcher pairs best, when one clears the threshold. */
  suggested?: { need: number; offer: number } | undefined;
}

/** What an introduction of A and B could rest on: their open needs and offers, and the best pair. */
export async function introOptions(ctx: AppContext, aRef: string, bRef: string): Promise<IntroOptions> {
  const a = await requirePerson(ctx.db, aRef);
  const b = await requirePerson(ctx.db, bRef);
  const items = await itemsOf(ctx.db, [a.id, b.id], { openOnly: true, side: ['need', 'offer'] });
  const ref = (i: Item): { id: number; text: string; personId: number } => ({
    id: i.id,
    text: i.text,
    personId: i.personId ?? 0,
  });
  const best = a.id === b.id ? {} : await bestPair(ctx, ctx.db, a, b);
  return {
    a: { id: a.id, name: a.name },
    b: { id: b.id, name: b.name },
    needs: items.filter((i) => i.side === 'need').map(ref),
    offers: items.filter((i) => i.side === 'offer').map(ref),
    suggested: best.need && best.offer ? { need: best.need.id, offer: best.offer.id } : undefined,
  };
}

/** Moves an intro along its double opt-in; making it logs a give (kind intro) to both people. */
export async function updateIntro(
  ctx: AppContext,
  id: number,
  to: string,
  opts: { outcome?: string | undefined } = {},
): Promise<IntroView> {
  if (!(introStates as readonly string[]).includes(to))
    throw invalid(`"${to}" is not an introduction state (${introStates.join(', ')})`, [
      { path: 'to', message: 'unknown state' },
    ]);
  const state = to as IntroState;
  const outcome = parse(optText(limits.text), opts.outcome, 'outcome');
  if (state === 'outcome' && outcome === undefined)
    throw invalid('outcome is required: say what came of it', [{ path: 'outcome', message: 'required' }]);
  return ctx.db.transaction().execute(async (trx) => {
    const [intro] = await introsWhere(trx, { ids: [id] });
    if (!intro) return missing(id);
    if (!canMove(intro.state, state))
      throw new DomainError(
        'invalid_transition',
        `introduction #${id} is ${intro.state.replace('_', ' ')}: it can move to ${nextStates(intro.state).join(' or ') || 'nothing (it is closed)'}, not ${state}`,
        {
          from: intro.state,
          to: state,
          allowed: nextStates(intro.state),
        },
      );
    const now = nowIso(ctx);
    await moveIntro(
      trx,
      id,
      { state, declinedBy: state === 'declined' ? decliner(intro.state) : undefined, outcome },
      now,
    );
    if (state === 'made') {
      const [a, b] = await getPeople(trx, [intro.aId, intro.bId]);
      await insertInteraction(
        trx,
        {
          date: dayOf(ctx.clock()),
          personIds: [intro.aId, intro.bId],
          channel: 'message',
          nature: 'gave',
          kind: 'intro',
          note: `introduced ${a?.name ?? ''} and ${b?.name ?? ''}`,
          unearned: false,
          introId: id,
        },
        now,
      );
      await refreshContactDays(trx, [intro.aId, intro.bId]);
    }
    return (await viewIntros(trx, [id]))[0] ?? missing(id);
  });
}

function missing(id: number): never {
  throw new DomainError('unknown_intro', `no introduction #${id}`, { id });
}

export async function listIntros(
  ctx: AppContext,
  opts: { states?: IntroState[] } = {},
): Promise<IntroView[]> {
  const rows = await introsWhere(ctx.db, opts.states ? { states: opts.states } : {});
  return viewIntros(
    ctx.db,
    rows.map((r) => r.id),
  );
}

export async function showIntro(ctx: AppContext, id: number): Promise<IntroView> {
  return (await viewIntros(ctx.db, [id]))[0] ?? missing(id);
}

async function viewIntros(db: Db, ids: number[]): Promise<IntroView[]> {
  const rows = await introsWhere(db, { ids });
  const people = new Map(
    (await getPeople(db, [...new Set(rows.flatMap((r) => [r.aId, r.bId]))])).map((p) => [p.id, p.name]),
  );
  const out: IntroView[] = [];
  for (const r of rows) {
    const need = r.needId !== undefined ? await getItem(db, r.needId) : undefined;
    const offer = r.offerId !== undefined ? await getItem(db, r.offerId) : undefined;
    const aName = people.get(r.aId) ?? `#${r.aId}`;
    const bName = people.get(r.bId) ?? `#${r.bId}`;
    const aNeeds = need === undefined ? true : need.personId === r.aId;
    out.push({
      ...r,
      a: { id: r.aId, name: aName },
      b: { id: r.bId, name: bName },
      need: need && { id: need.id, text: need.text, personId: need.personId },
      offer: offer && { id: offer.id, text: offer.text, personId: offer.personId },
      next: nextStates(r.state),
      drafts: introDrafts({
        aName,
        bName,
        reason: r.reason,
        aNeeds,
        aText: aNeeds ? need?.text : offer?.text,
        bText: aNeeds ? offer?.text : need?.text,
      }),
    });
  }
  return out.sort((x, y) => x.id - y.id);
}
