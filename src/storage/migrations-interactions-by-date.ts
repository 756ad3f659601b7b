import type { Kysely } from 'kysely';
import type { Dialect } from './db.js';

/**
 * `interactions_by_date` (SQLite): `today` reads the last week's interactions, with who they were
 * with, how, and the note (its signals: "you asked N people this week", "the same note went to N
 * people"). A week's rows lie spread over the whole table, stored in the order they were logged, so
 * an index on the date alone costs a page visit per row: ~2,900 at full scale, most of `today`'s
 * time in SQLite. This index holds what that read needs, so it is answered from the index alone,
 * a few pages in date order. It serves every read by date, so it replaces `interactions_date`.
 *
 * PostgreSQL keeps `interactions_date`: an index entry there is limited to about 2.7 kB, which a
 * long note would exceed, failing its insert. (SQLite has no such limit.)
 */
export async function interactionsByDate(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') return;
  await db.schema
    .createIndex('interactions_by_date')
    .on('interactions')
    .ifNotExists()
    .columns(['date', 'deleted_at', 'channel', 'nature', 'note'])
    .execute();
  await db.schema.dropIndex('interactions_date').ifExists().execute();
}
