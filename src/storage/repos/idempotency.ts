import type { Db } from '../db.js';

export interface StoredAnswer {
  fingerprint: string;
  /** Null while the first request with this key is still running. */
  status: number | null;
  body: string | null;
  createdAt: string;
}

/** Records the key as taken by a running request; false when the key is already there. */
export async function insertKey(db: Db, key: string, fingerprint: string, now: string): Promise<boolean> {
  const r = await db
    .insertInto('idempotency_keys')
    .values({ key, fingerprint, status: null, body: null, created_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function getKey(db: Db, key: string): Promise<StoredAnswer | undefined> {
  const row = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
  return (
    row && { fingerprint: row.fingerprint, status: row.status, body: row.body, createdAt: row.created_at }
  );
}

/** Takes over a key whose first request never finished (the server stopped while it ran). */
export async function retakeKey(
  db: Db,
  key: string,
  fingerprint: string,
  since: string,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('idempotency_keys')
    .set({ fingerprint, created_at: now })
    .where('key', '=', key)
    .where('status', 'is', null)
    .where('created_at', '<', since)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function finishKey(db: Db, key: string, status: number, body: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ status, body }).where('key', '=', key).execute();
}

export async function deleteKey(db: Db, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('key', '=', key).execute();
}

export async function deleteKeysBefore(db: Db, before: string): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
