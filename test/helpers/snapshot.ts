import type { Db } from '../../src/storage/db.js';
import { tableOrder } from '../../src/storage/schema.js';

/**
 * Every row of every table, in a stable order, as one string: two snapshots are equal exactly
 * when the database holds the same data. Used to prove that bad input writes nothing.
 */
export async function snapshot(db: Db): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of tableOrder) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    out[table] = rows
      .map((r) =>
        JSON.stringify(r, (_k, v: unknown) =>
          v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
        ),
      )
      .sort();
  }
  return JSON.stringify(out);
}
