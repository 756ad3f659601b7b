import type { Db } from '../db.js';

/**
 * Rows of the settings table whose key starts with this are the app's own records (the calendar
 * feed's token hash, the day the digest last went out), not settings: `tend config` never shows
 * them and they are never merged into the settings object.
 */
const PRIVATE = 'private:';

export async function readOverrides(db: Db): Promise<Record<string, unknown>> {
  const rows = await db.selectFrom('settings').selectAll().where('key', 'not like', `${PRIVATE}%`).execute();
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

/** One of the app's own records (see PRIVATE), undefined when absent. */
export async function readPrivate(db: Db, name: string): Promise<unknown> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', `${PRIVATE}${name}`)
    .executeTakeFirst();
  return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
}

export const writePrivate = (db: Db, name: string, value: unknown): Promise<void> =>
  writeOverride(db, `${PRIVATE}${name}`, value);

export const deletePrivate = (db: Db, name: string): Promise<void> => deleteOverride(db, `${PRIVATE}${name}`);
