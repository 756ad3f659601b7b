import type { Db } from '../db.js';

/** Stored matcher features, so nothing is re-encoded at start. */
export async function putFeatures(
  db: Db,
  rows: readonly { itemId: number; version: string; data: Uint8Array }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    const chunk = rows.slice(i, i + 300);
    await db
      .insertInto('match_features')
      .values(chunk.map((r) => ({ item_id: r.itemId, version: r.version, data: r.data })))
      .onConflict((oc) =>
        oc
          .column('item_id')
          .doUpdateSet((eb) => ({ version: eb.ref('excluded.version'), data: eb.ref('excluded.data') })),
      )
      .execute();
  }
}

export async function getFeatures(
  db: Db,
  itemIds: readonly number[],
  version: string,
): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const rows = await db
      .selectFrom('match_features')
      .select(['item_id', 'data'])
      .where('item_id', 'in', itemIds.slice(i, i + 500))
      .where('version', '=', version)
      .execute();
    for (const r of rows) out.set(r.item_id, new Uint8Array(r.data));
  }
  return out;
}

export async function deleteFeatures(db: Db, itemId: number): Promise<void> {
  await db.deleteFrom('match_features').where('item_id', '=', itemId).execute();
}
