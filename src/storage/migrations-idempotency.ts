import type { Kysely } from 'kysely';

/**
 * `idempotency_keys`: one row per `Idempotency-Key` a write request carried (the offline queue of
 * the web app sends one with every action), with a fingerprint of the request and the answer it
 * got, so that a replay gets the first answer and writes nothing. Rows expire after a week.
 */
export async function idempotencyKeys(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('idempotency_keys_created')
    .on('idempotency_keys')
    .column('created_at')
    .execute();
}
