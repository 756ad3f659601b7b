import type { Item, ItemSide, ItemStatus } from '../../core/types.js';
import type { Db } from '../db.js';
import type { ItemRow } from '../schema.js';

export function toItem(r: ItemRow): Item {
  return {
    id: r.id,
    personId: r.person_id ?? undefined,
    side: r.side as ItemSide,
    text: r.text,
    status: r.status as ItemStatus,
    goalId: r.goal_id ?? undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function insertItem(
  db: Db,
  i: { personId?: number | undefined; side: ItemSide; text: string; goalId?: number | undefined },
  now: string,
): Promise<Item> {
  const row = await db
    .insertInto('items')
    .values({
      person_id: i.personId ?? null,
      side: i.side,
      text: i.text,
      status: 'open',
      goal_id: i.goalId ?? null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toItem(row);
}

export async function getItem(db: Db, id: number): Promise<Item | undefined> {
  const r = await db
    .selectFrom('items')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r ? toItem(r) : undefined;
}

export async function updateItem(
  db: Db,
  id: number,
  patch: { text?: string; status?: ItemStatus },
  now: string,
): Promise<void> {
  await db
    .updateTable('items')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteItem(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('items').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
}

/** Items of some people (or mine, with `null`), optionally only open ones. */
export async function itemsOf(
  db: Db,
  owners: readonly (number | null)[],
  opts: { side?: ItemSide | readonly ItemSide[]; openOnly?: boolean } = {},
): Promise<Item[]> {
  const ids = owners.filter((o): o is number => o !== null);
  const mine = owners.includes(null);
  if (ids.length === 0 && !mine) return [];
  const out: Item[] = [];
  const chunks: (readonly number[])[] = [];
  for (let i = 0; i < ids.length; i += 500) chunks.push(ids.slice(i, i + 500));
  if (chunks.length === 0) chunks.push([]);
  for (const [n, chunk] of chunks.entries()) {
    let qb = db.selectFrom('items').selectAll().where('deleted_at', 'is', null);
    qb = qb.where((eb) => {
      const ors = [];
      if (chunk.length > 0) ors.push(eb('person_id', 'in', chunk));
      if (mine && n === 0) ors.push(eb('person_id', 'is', null));
      return eb.or(ors);
    });
    if (opts.side !== undefined)
      qb = qb.where('side', 'in', typeof opts.side === 'string' ? [opts.side] : opts.side);
    const rows = await qb.orderBy('id').execute();
    // Open only is decided here, not in the query: given a status, SQLite without statistics
    // walks every open item of the side (items_side_status) instead of these people's (items_person).
    for (const r of rows) if (!opts.openOnly || r.status === 'open') out.push(toItem(r));
  }
  return out;
}

/** Open items of one side held by people in the given circles (the network's offers, say). */
export async function openItemsInCircles(
  db: Db,
  side: ItemSide,
  circles: readonly string[],
): Promise<Item[]> {
  // Start from the few people in those circles, not from every open item of the side: the status
  // is checked here, so that SQLite without statistics cannot pick the side-and-status index.
  const rows = await db
    .selectFrom('items')
    .selectAll()
    .where(
      'person_id',
      'in',
      db.selectFrom('people').select('id').where('circle', 'in', circles).where('deleted_at', 'is', null),
    )
    .where('side', '=', side)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.filter((r) => r.status === 'open').map(toItem);
}

export async function reassignItems(db: Db, from: number, to: number, now: string): Promise<void> {
  await db
    .updateTable('items')
    .set({ person_id: to, updated_at: now })
    .where('person_id', '=', from)
    .execute();
}
