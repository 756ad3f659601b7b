import { fitOf, type Fit } from '../core/fit.js';
import { givesFromMatches, possibleGives } from '../core/gives.js';
import type { Item, Person } from '../core/types.js';
import type { Db } from '../storage/db.js';
import * as peopleRepo from '../storage/repos/people.js';
import { itemsOf } from '../storage/repos/items.js';
import type { AppContext } from './context.js';
import { loadMatchWorld, matchNeeds, matchTheirOffers, withFeatures, type MatchWorld } from './matching.js';

export interface Give {
  kind: 'offer' | 'intro' | 'ask_needs' | 'general';
  text: string;
  score?: number | undefined;
  needId?: number | undefined;
  offerId?: number | undefined;
  viaPersonId?: number | undefined;
  /** The user confirmed this pair ("would help"). */
  confirmed?: true;
  /** Under the threshold, one of the best candidates: shown as possible. */
  possible?: true;
}

/** One of this person's offers for one of my needs or goals (ids to answer it with). */
export interface TheyCouldHelp {
  need: string;
  offer: string;
  score: number;
  needId: number;
  offerId: number;
  /** The user confirmed this pair ("would help"). */
  confirmed?: true;
}

/** Fit with one person and the concrete gives I could make them, best first. */
export async function fitAndGives(
  ctx: AppContext,
  db: Db,
  world: MatchWorld,
  person: Person,
  items?: readonly Item[],
): Promise<{ fit: Fit; gives: Give[]; theyCouldHelp: TheyCouldHelp[] }> {
  const all = items ?? (await itemsOf(db, [person.id], { openOnly: true }));
  const open = await withFeatures(
    ctx,
    db,
    all.filter((i) => i.status === 'open'),
  );
  const needs = open.filter((i) => i.side === 'need');
  const offers = open.filter((i) => i.side === 'offer');
  const nm = matchNeeds(world, person.id, needs);
  const theirs = matchTheirOffers(world, offers);
  const fit = fitOf(
    {
      mine: nm.map((m) => m.mine?.score ?? 0),
      network: nm.map((m) => m.network?.score ?? 0),
      theirs: theirs.map((t) => t.score),
    },
    ctx.settings,
  );
  const gives: Give[] = [];
  const owners = await peopleRepo.getPeople(db, [
    ...new Set(nm.flatMap((m) => (m.network ? [m.network.offer.personId ?? -1] : []))),
  ]);
  const ownerName = new Map(owners.map((o) => [o.id, o.name]));
  const { splitMatches } = await import('../matching/index.js');
  const matched = givesFromMatches(nm, world.threshold);
  for (const g of [...matched, ...possibleGives(nm, world.threshold, splitMatches)])
    gives.push({
      ...(g.kind === 'offer'
        ? {
            kind: 'offer',
            text: `Offer "${g.offer.text}" for their need "${g.need.text}"`,
            score: g.score,
            needId: g.need.id,
            offerId: g.offer.id,
          }
        : {
            kind: 'intro',
            text: `Introduce them to ${ownerName.get(g.viaPersonId) ?? `#${g.viaPersonId}`} ("${g.offer.text}") for "${g.need.text}"`,
            score: g.score * ctx.settings.networkDiscount,
            needId: g.need.id,
            offerId: g.offer.id,
            viaPersonId: g.viaPersonId,
          }),
      ...(g.confirmed ? { confirmed: true as const } : {}),
      ...(g.possible ? { possible: true as const } : {}),
    });
  gives.sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  return {
    fit,
    gives,
    theyCouldHelp: theirs
      .filter((t) => t.score >= world.threshold || t.confirmed)
      .map((t) => ({
        need: t.need.text,
        offer: t.offer.text,
        score: t.score,
        needId: t.need.id,
        offerId: t.offer.id,
        ...(t.confirmed ? { confirmed: true as const } : {}),
      })),
  };
}

/**
 * Up to three concrete gives for a person, for the ask guard: matched gives first, then the
 * always-possible ones (learn their needs, offer what I know, recommend their work).
 */
export async function suggestGives(ctx: AppContext, db: Db, person: Person, count = 3): Promise<Give[]> {
  const world = await loadMatchWorld(ctx, db);
  const { gives } = await fitAndGives(ctx, db, world, person);
  const out = gives.filter((g) => !g.possible).slice(0, count);
  const openNeeds = (await itemsOf(db, [person.id], { side: 'need', openOnly: true })).length;
  const fallbacks: Give[] = [];
  if (openNeeds === 0)
    fallbacks.push({
      kind: 'ask_needs',
      text: `Ask ${person.name} what would help them right now, then note it as their need`,
    });
  const myOffer = world.myOffers[0];
  if (myOffer) fallbacks.push({ kind: 'general', text: `Offer ${person.name} your "${myOffer.text}"` });
  fallbacks.push({
    kind: 'general',
    text: `Write ${person.name} a recommendation or share their work with someone it helps`,
  });
  fallbacks.push({
    kind: 'general',
    text: `Send ${person.name} an article, event or contact that fits what they are working on`,
  });
  for (const f of fallbacks) if (out.length < count) out.push(f);
  return out;
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;

export const round2 = (x: number): number => Math.round(x * 100) / 100;

export const roundFit = (f: Fit): Fit => ({
  ...f,
  helpOut: round2(f.helpOut),
  helpIn: round2(f.helpIn),
  fit: round2(f.fit),
});
