import type { Db } from '../db.js';

/** Dedupe keys (email:…, linkedin:…, namecompany:…) for import merging. */
export async function setKeys(db: Db, personId: number, keys: readonly string[]): Promise<void> {
  await db.deleteFrom('person_keys').where('person_id', '=', personId).execute();
  const unique = [...new Set(keys)];
  if (unique.length > 0)
    await db
      .insertInto('person_keys')
      .values(unique.map((key) => ({ key, person_id: personId })))
      .execute();
}

export async function findByKeys(db: Db, keys: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('person_keys')
      .innerJoin('people', 'people.id', 'person_keys.person_id')
      .select(['person_keys.key', 'person_keys.person_id'])
      .where('person_keys.key', 'in', keys.slice(i, i + 500))
      .where('people.deleted_at', 'is', null)
      .execute();
    for (const r of rows) if (!out.has(r.key)) out.set(r.key, r.person_id);
  }
  return out;
}
