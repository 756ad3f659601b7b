import type { Kysely } from 'kysely';
import type { Dialect } from './db.js';

/**
 * Capture from calendars and mailboxes (DESIGN.md "Capture without typing"):
 * - `my_emails`: the addresses that are me, part of my profile;
 * - `capture_runs`: one row per file read (later: per live-source sync), with its counts;
 * - `captures`: what a source said about one person, keyed for idempotency (`kind`, `key`,
 *   `person_id`): an event's UID and occurrence, a message's thread and day. It points at the
 *   interaction it wrote;
 * - `capture_changes`: every change a run made to a capture, with the state before, so that a
 *   run can be undone as a whole;
 * - `capture_strangers`: attendees and correspondents Tend does not know (the review list);
 * - `capture_ignored`: addresses the user said never to list again.
 * `interactions.source` says which kind of capture wrote an interaction (null: typed).
 * Live sources (CalDAV, IMAP) add their own table of sources later; a run names its source.
 */
export async function capture(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  await db.schema.alterTable('interactions').addColumn('source', 'text').execute();

  await db.schema
    .createTable('my_emails')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('capture_runs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('undone_at', 'text')
    .execute();

  await db.schema
    .createTable('captures')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('interaction_id', 'integer', (c) => c.notNull().references('interactions.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text')
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_id', 'integer', (c) => c.notNull().references('capture_runs.id'))
    .addColumn('created_run_id', 'integer', (c) => c.notNull().references('capture_runs.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('captures_created_run').on('captures').column('created_run_id').execute();
  await db.schema
    .createIndex('captures_key')
    .on('captures')
    .columns(['kind', 'key', 'person_id'])
    .unique()
    .execute();
  await db.schema.createIndex('captures_series').on('captures').columns(['kind', 'series']).execute();

  await db.schema
    .createTable('capture_changes')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('capture_runs.id'))
    .addColumn('capture_id', 'integer', (c) => c.notNull().references('captures.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .execute();
  await db.schema.createIndex('capture_changes_run').on('capture_changes').column('run_id').execute();
  await db.schema.createIndex('capture_changes_capture').on('capture_changes').column('capture_id').execute();

  await db.schema
    .createTable('capture_strangers')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('capture_runs.id'))
    .addPrimaryKeyConstraint('capture_strangers_pk', ['kind', 'key', 'email'])
    .execute();
  await db.schema.createIndex('capture_strangers_email').on('capture_strangers').column('email').execute();

  await db.schema
    .createTable('capture_ignored')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
