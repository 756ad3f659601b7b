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
