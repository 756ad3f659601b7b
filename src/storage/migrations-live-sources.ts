import type { Kysely } from 'kysely';
import type { Dialect } from './db.js';

/**
 * Live capture sources (CalDAV calendars, IMAP mailboxes), docs/decisions/0018-live-sources.md:
 * - `live_sources`: one row per source the user connected: its name, kind, where it is and who
 *   logs in (`config`, JSON, no secret), the password encrypted with AES-256-GCM under a key kept
 *   outside the database (`secret`), and how far it was read (`cursor`, JSON: sync tokens and
 *   ETags per calendar, UIDVALIDITY and last UID per mailbox);
 * - `capture_runs.source_id` names the source a run read (null for files), and
 *   `capture_runs.cursor_before` keeps the source's cursor before that run, so that undoing the
 *   run also rewinds the source: its next run reads those events and messages again.
 */
export async function liveSources(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('live_sources')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('last_run_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('capture_runs').addColumn('source_id', 'integer').execute();
  await db.schema.alterTable('capture_runs').addColumn('cursor_before', 'text').execute();
}
