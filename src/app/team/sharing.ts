import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import type { Features } from '../../matching/index.js';
import { getItem, itemsOf } from '../../storage/repos/items.js';
import * as repo from '../../storage/team/communities.js';
import { nowIso, type AppContext } from '../context.js';
import { pairScorer, withFeatures } from '../matching.js';
import { parse } from '../validate.js';
import { currentAccountId, memberView, requireCommunity } from './communities.js';

export const sharedWithSchema = z
  .array(z.string().min(1).max(64))
  .max(100, { error: 'at most 100 communities' });

/**
 * `PATCH /api/items/{id} {"sharedWith": [...]}`: shares one of my own open offers or needs with
 * communities I belong to (the list replaces the previous one; `[]` stops sharing). Another
 * account's item is not found (row-level security hides it); a community I am not in is not found.
 */
export async function shareItem(ctx: AppContext, itemId: number, input: unknown) {
  const ids = [...new Set(parse(sharedWithSchema, input, 'sharedWith'))];
  const me = currentAccountId();
  return ctx.db.transaction().execute(async (tx) => {
    const item = await getItem(tx, itemId);
    if (!item)
      throw new DomainError('unknown_item', `no item ${itemId}`, {
        problems: [{ path: 'id', message: 'no such item' }],
      });
    if (item.personId !== undefined || item.side === 'goal')
      throw new DomainError(
        'invalid_input',
        `item ${itemId} is ${item.personId !== undefined ? "someone else's note in your Tend" : 'a goal'}: only your own offers and needs can be shared`,
        { problems: [{ path: 'sharedWith', message: 'only your own offers and needs are shared' }] },
      );
    const communities: number[] = [];
    for (const [n, id] of ids.entries()) {
      const c = await repo.communityOf(tx, me, id);
      if (!c)
        throw new DomainError('unknown_community', `no community ${id} among yours`, {
          problems: [{ path: `sharedWith.${n}`, message: 'not a community you belong to' }],
        });
      communities.push(c.community.id);
    }
    await repo.replaceShares(tx, itemId, me, communities, nowIso(ctx));
    return { item, sharedWith: await repo.sharesOf(tx, itemId, me) };
  });
}

/**
 * The communities an item of mine is shared with, so that a client changing one community's
 * share can send the whole list back. Another account's item is not found, as in `shareItem`.
 */
export async function sharesOfItem(ctx: AppContext, itemId: number) {
  const me = currentAccountId();
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await getItem(tx, itemId)))
      throw new DomainError('unknown_item', `no item ${itemId}`, {
        problems: [{ path: 'id', message: 'no such item' }],
      });
    return { sharedWith: await repo.sharesOf(tx, itemId, me) };
  });
}

/** The directory: the members, each with the offers and needs they share with the community. */
export async function directory(ctx: AppContext, id: string) {
  const me = currentAccountId();
  return ctx.db.transaction().execute(async (tx) => {
    const { community, me: mine } = await requireCommunity(tx, me, id);
    const [members, items] = await Promise.all([
      repo.membersOf(tx, community.id),
      repo.directoryItems(tx, community.id),
    ]);
    return {
      community: { id: community.publicId, name: community.name },
      memberId: mine.publicId,
      members: members.map((m) => {
        const own = items.filter((i) => i.memberId === m.publicId);
        const shown = (side: 'need' | 'offer') =>
          own.filter((i) => i.side === side).map((i) => ({ id: i.itemId, text: i.text }));
        return { ...memberView(m), offers: shown('offer'), needs: shown('need') };
      }),
    };
  });
}

interface Side {
  memberId: string;
  name: string;
  itemId: number;
  text: string;
}

/**
 * The matcher across the directory: for each of my open needs, the members whose shared offers
 * could meet it; for each of my open offers, the members whose shared needs it could meet. My
 * own items are read from my Tend (shared or not); theirs only as the directory shows them.
 */
export async function communityMatches(ctx: AppContext, id: string) {
  const dir = await directory(ctx, id);
  const others = dir.members.filter((m) => m.id !== dir.memberId);
  const mine = await withFeatures(
    ctx,
    ctx.db,
    await itemsOf(ctx.db, [null], { openOnly: true, side: ['need', 'offer'] }),
  );
  const theirs = (side: 'offers' | 'needs'): Side[] =>
    others.flatMap((m) => m[side].map((i) => ({ memberId: m.id, name: m.name, itemId: i.id, text: i.text })));
  const offers = theirs('offers');
  const needs = theirs('needs');
  const m = await ctx.matcher();
  const feats = await m.featurize([...offers, ...needs].map((x) => x.text));
  const score = await pairScorer(ctx);
  const threshold = ctx.settings.matchThreshold;
  const offerF = offers.map((o, n) => ({ ...o, f: feats[n] as Features }));
  const needF = needs.map((o, n) => ({ ...o, f: feats[offers.length + n] as Features }));
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const forMine = (
    side: 'need' | 'offer',
    candidates: (Side & { f: Features })[],
    pair: (mineF: Features, theirF: Features) => number,
  ) =>
    mine
      .filter((i) => i.side === side)
      .map((i) => ({
        item: { id: i.id, text: i.text },
        members: candidates
          .map((c) => ({
            memberId: c.memberId,
            name: c.name,
            itemId: c.itemId,
            text: c.text,
            score: pair(i.f, c.f),
          }))
          .filter((c) => c.score >= threshold)
          .sort((a, b) => b.score - a.score || a.itemId - b.itemId)
          .map((c) => ({ ...c, score: round(c.score) })),
      }))
      .filter((x) => x.members.length > 0);
  return {
    community: dir.community,
    threshold,
    /** Who in the community could meet my needs. */
    forMyNeeds: forMine('need', offerF, (mn, th) => score(mn, th)),
    /** Whose needs I could meet with my offers. */
    forMyOffers: forMine('offer', needF, (mo, th) => score(th, mo)),
  };
}
