import { DomainError, invalid } from '../core/errors.js';
import type { Item, ItemSide, ItemStatus } from '../core/types.js';
import { deleteFeatures } from '../storage/repos/features.js';
import { deleteItem, getItem, insertItem, itemsOf, updateItem } from '../storage/repos/items.js';
import { refreshSearchText } from '../storage/repos/people.js';
import { nowIso, type AppContext } from './context.js';
import { indexItems } from './matching.js';
import { requirePerson } from './people.js';

/**
 * Adds a need, offer or goal — mine when `person` is undefined. Its matcher features are stored
 * in the same transaction, so the index is never stale.
 */
export async function addItem(
  ctx: AppContext,
  input: { person?: string | undefined; side: ItemSide; text: string; goal?: number | undefined },
): Promise<Item & { personName?: string | undefined }> {
  if (input.side === 'goal' && input.person !== undefined)
    throw invalid('goals are yours: add a goal without a person', [
      { path: 'side', message: 'goal needs no person' },
    ]);
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
