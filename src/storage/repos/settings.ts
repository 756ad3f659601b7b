import type { Db } from '../db.js';

export async function readOverrides(db: Db): Promise<Record<string, unknown>> {
  // Keys under `journal:` are the undo journal (app/corrections.ts), not settings.
  const rows = await db.selectFrom('settings').selectAll().where('key', 'not like', 'journal:%').execute();
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export async function writeOverride(db: Db, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

export async function deleteOverride(db: Db, key: string): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', key).execute();
}
