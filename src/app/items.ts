import { DomainError, invalid } from '../core/errors.js';
import { fold } from '../core/text.js';
import type { Item, ItemSide, ItemStatus } from '../core/types.js';
import type { Db } from '../storage/db.js';
import { deleteFeatures } from '../storage/repos/features.js';
import { deleteItem, getItem, insertItem, itemsOf, updateItem } from '../storage/repos/items.js';
import { refreshSearchText } from '../storage/repos/people.js';
import { nowIso, type AppContext } from './context.js';
import { indexItems } from './matching.js';
import { requirePerson } from './person-lookup.js';

/**
 * The form two of my items are "the same" in: folded (case, accents, spaces), invisible
 * characters dropped, punctuation and symbols at either end ignored.
 * @example itemKey(' Postgres tuning! ') === itemKey('postgres TUNING')
 */
export function itemKey(text: string): string {
  return fold(text.replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')).replace(
    /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu,
    '',
  );
}

/** My open item on this side with the same text, if I have one. */
async function sameOpenItemOfMine(db: Db, side: ItemSide, text: string): Promise<Item | undefined> {
  const key = itemKey(text);
  return (await itemsOf(db, [null], { side, openOnly: true })).find((i) => itemKey(i.text) === key);
}

/**
 * Adds a need, offer or goal — mine when `person` is undefined. Its matcher features are stored
 * in the same transaction, so the index is never stale. One of mine whose text I already have
 * open (see `itemKey`) is not added again: the existing item comes back with `unchanged`.
 */
export async function addItem(
  ctx: AppContext,
  input: { person?: string | undefined; side: ItemSide; text: string; goal?: number | undefined },
): Promise<Item & { personName?: string | undefined; unchanged?: boolean }> {
  if (input.side === 'goal' && input.person !== undefined)
    throw invalid('goals are yours: add a goal without a person', [
      { path: 'side', message: 'goal needs no person' },
    ]);
  const mine = input.person === undefined;
  // Checked before encoding too, so a repeat costs no model call; again inside the transaction.
  const known =
    mine && input.goal === undefined ? await sameOpenItemOfMine(ctx.db, input.side, input.text) : undefined;
  if (known) return { ...known, unchanged: true };
  // Encode outside the transaction: a model load must not hold the write lock.
  const matcher = await ctx.matcher();
  const [features] = await matcher.featurize([input.text]);
  return ctx.db.transaction().execute(async (trx) => {
    const person = input.person !== undefined ? await requirePerson(trx, input.person) : undefined;
    if (input.goal !== undefined) {
      const goal = await getItem(trx, input.goal);
      if (!goal || goal.side !== 'goal' || goal.personId !== undefined)
        throw new DomainError('unknown_item', `no goal #${input.goal}`, { id: input.goal });
      if (input.side !== 'need')
        throw invalid('only needs hang off goals', [{ path: 'goal', message: 'only for needs' }]);
    }
    if (mine) {
      const again = await sameOpenItemOfMine(trx, input.side, input.text);
      if (again) return { ...again, unchanged: true };
    }
    const item = await insertItem(
      trx,
      { personId: person?.id, side: input.side, text: input.text, goalId: input.goal },
      nowIso(ctx),
    );
    if (features)
      await trx
        .insertInto('match_features')
        .values({ item_id: item.id, version: matcher.version, data: features })
        .execute();
    else await indexItems(ctx, trx, [item]);
    if (person) await refreshSearchText(trx, person.id);
    return { ...item, personName: person?.name };
  });
}

export async function setItemStatus(
  ctx: AppContext,
  id: number,
  status: ItemStatus | 'deleted',
): Promise<Item> {
  return ctx.db.transaction().execute(async (trx) => {
    const item = await getItem(trx, id);
    if (!item) throw new DomainError('unknown_item', `no need, offer or goal #${id}`, { id });
    const now = nowIso(ctx);
    if (status === 'deleted') {
      await deleteItem(trx, id, now);
      await deleteFeatures(trx, id);
    } else await updateItem(trx, id, { status }, now);
    if (item.personId !== undefined) await refreshSearchText(trx, item.personId);
    return { ...item, status: status === 'deleted' ? item.status : status };
  });
}

export async function editItemText(ctx: AppContext, id: number, text: string): Promise<Item> {
  const matcher = await ctx.matcher();
  const [features] = await matcher.featurize([text]);
  return ctx.db.transaction().execute(async (trx) => {
    const item = await getItem(trx, id);
    if (!item) throw new DomainError('unknown_item', `no need, offer or goal #${id}`, { id });
    await updateItem(trx, id, { text }, nowIso(ctx));
    await deleteFeatures(trx, id);
    if (features)
      await trx
        .insertInto('match_features')
        .values({ item_id: id, version: matcher.version, data: features })
        .execute();
    if (item.personId !== undefined) await refreshSearchText(trx, item.personId);
    return { ...item, text };
  });
}

export async function myItems(ctx: AppContext): Promise<{ offers: Item[]; needs: Item[]; goals: Item[] }> {
  const all = await itemsOf(ctx.db, [null]);
  return {
    offers: all.filter((i) => i.side === 'offer'),
    needs: all.filter((i) => i.side === 'need'),
    goals: all.filter((i) => i.side === 'goal'),
  };
}
