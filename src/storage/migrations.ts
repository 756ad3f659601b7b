import {
  sql,
  type ColumnDefinitionBuilder,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import type { Dialect } from './db.js';
import { capture } from './migrations-capture.js';
import { idempotencyKeys } from './migrations-idempotency.js';
import { interactionsByDate } from './migrations-interactions-by-date.js';
import { liveSources } from './migrations-live-sources.js';

/**
 * Migrations are history: append new ones with a later timestamped name, never edit one that has
 * been released. Kysely's migrator refuses a database whose applied migrations it does not know.
 */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '2026-11-26T0100_initial': {
      up: async (db: Kysely<unknown>) => initial(db, dialect),
    },
    '2026-11-26T0300_search_index': {
      up: async (db: Kysely<unknown>) => searchIndex(db, dialect),
    },
    '2026-12-03T0100_person_uid_name_parts': {
      up: async (db: Kysely<unknown>) => personUidAndNameParts(db, dialect),
    },
    '2026-12-03T0300_match_feedback': {
      up: async (db: Kysely<unknown>) => matchFeedback(db),
    },
    '2026-12-03T0900_capture': {
      up: async (db: Kysely<unknown>) => capture(db, dialect),
    },
    '2026-12-03T1000_idempotency_keys': {
      up: async (db: Kysely<unknown>) => idempotencyKeys(db),
    },
    '2026-12-03T1200_live_sources': {
      up: async (db: Kysely<unknown>) => liveSources(db, dialect),
    },
    '2026-12-03T1800_interactions_by_date': {
      up: async (db: Kysely<unknown>) => interactionsByDate(db, dialect),
    },
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}

async function initial(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  const ref = (table: string) => (c: ColumnDefinitionBuilder) => c.references(`${table}.id`);

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_fold', 'text', (c) => c.notNull())
    .addColumn('met', 'text')
    .addColumn('company', 'text')
    .addColumn('title', 'text')
    .addColumn('emails', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('phones', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('linkedin', 'text')
    .addColumn('urls', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('birthday', 'text')
    .addColumn('notes', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('circle', 'text', (c) => c.notNull())
    .addColumn('cadence_days', 'integer')
    .addColumn('introduced_by', 'integer', ref('people'))
    .addColumn('merged_into', 'integer', ref('people'))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('last_real_on', 'text')
    .addColumn('last_contact_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('people_circle').on('people').columns(['circle', 'deleted_at']).execute();
  await db.schema.createIndex('people_name_fold').on('people').column('name_fold').execute();

  await db.schema
    .createTable('person_keys')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addPrimaryKeyConstraint('person_keys_pk', ['key', 'person_id'])
    .execute();
  await db.schema.createIndex('person_keys_person').on('person_keys').column('person_id').execute();

  await db.schema
    .createTable('person_tags')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_tags_pk', ['person_id', 'tag'])
    .execute();
  await db.schema.createIndex('person_tags_tag').on('person_tags').column('tag').execute();

  await db.schema
    .createTable('items')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('person_id', 'integer', ref('people'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('goal_id', 'integer', ref('items'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('items_person').on('items').columns(['person_id', 'side']).execute();
  await db.schema.createIndex('items_side_status').on('items').columns(['side', 'status']).execute();

  await db.schema
    .createTable('match_features')
    .addColumn('item_id', 'integer', (c) => c.primaryKey().references('items.id'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();

  await db.schema
    .createTable('event_people')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('line', 'text')
    .addColumn('follow_up', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_people_pk', ['event_id', 'person_id'])
    .execute();
  await db.schema.createIndex('event_people_person').on('event_people').column('person_id').execute();

  await db.schema
    .createTable('intros')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('a_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('b_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('need_id', 'integer', ref('items'))
    .addColumn('offer_id', 'integer', ref('items'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('declined_by', 'text')
    .addColumn('outcome', 'text')
    .addColumn('state_since', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('interactions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('nature', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('note', 'text')
    .addColumn('unearned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('intro_id', 'integer', ref('intros'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('interactions_date').on('interactions').column('date').execute();

  await db.schema
    .createTable('interaction_people')
    .addColumn('interaction_id', 'integer', (c) => c.notNull().references('interactions.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addPrimaryKeyConstraint('interaction_people_pk', ['interaction_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('interaction_people_person')
    .on('interaction_people')
    .columns(['person_id', 'interaction_id'])
    .execute();

  await db.schema
    .createTable('promises')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('promises_status').on('promises').columns(['status', 'due']).execute();

  await db.schema
    .createTable('outcomes')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('interaction_id', 'integer', ref('interactions'))
    .addColumn('intro_id', 'integer', ref('intros'))
    .addColumn('person_id', 'integer', ref('people'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value_cents', 'integer')
    .addColumn('note', 'text')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('circle_moves')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('from_circle', 'text', (c) => c.notNull())
    .addColumn('to_circle', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('circle_moves_at').on('circle_moves').columns(['to_circle', 'at']).execute();
}

/**
 * `--search` looks for each word anywhere in a person's folded search text. A trigram index
 * answers such substring searches without scanning 30,000 rows: FTS5's trigram tokenizer on
 * SQLite (an external-content table kept in step by triggers, so every writer — use cases,
 * imports, restores — keeps it current), pg_trgm's GIN index on PostgreSQL.
 */
async function searchIndex(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE people_fts USING fts5(search_text, content='people', content_rowid='id', tokenize='trigram')`.execute(
      db,
    );
    await sql`CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
      INSERT INTO people_fts(rowid, search_text) VALUES (new.id, new.search_text); END`.execute(db);
    await sql`CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
      INSERT INTO people_fts(people_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END`.execute(
      db,
    );
    await sql`CREATE TRIGGER people_fts_update AFTER UPDATE OF search_text ON people BEGIN
      INSERT INTO people_fts(people_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
      INSERT INTO people_fts(rowid, search_text) VALUES (new.id, new.search_text); END`.execute(db);
    await sql`INSERT INTO people_fts(people_fts) VALUES ('rebuild')`.execute(db);
    return;
  }
  // The extension lives in public so that no Tend schema owns it; without the right to create it,
  // search still works by scanning.
  // A failure here (no privilege, a concurrent creator) must not abort the migration's transaction.
  await sql`DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public; EXCEPTION WHEN OTHERS THEN NULL; END $$`.execute(
    db,
  );
  const found = await sql<{ schema: string }>`
    SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`.execute(
    db,
  );
  const schema = found.rows[0]?.schema;
  if (schema === undefined) return;
  await sql`CREATE INDEX people_search_trgm ON people USING gin (search_text ${sql.raw(`"${schema}".gin_trgm_ops`)})`.execute(
    db,
  );
}

/**
 * A stable UID per person (the vCard UID clients key contacts by) and the structured name a
 * source gave (`name_parts`, JSON). Existing people get a random version 4 UUID here; new ones get
 * theirs from the app (`AppContext.newUid`). An insert that gives none (a writer that predates
 * the column) still gets one from the database: a BEFORE INSERT trigger on PostgreSQL, an AFTER
 * INSERT trigger on SQLite (which cannot add a NOT NULL column with a computed default).
 */
async function personUidAndNameParts(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('people').addColumn('uid', 'text').execute();
  await db.schema.alterTable('people').addColumn('name_parts', 'text').execute();
  if (dialect === 'postgres') {
    // gen_random_uuid() is built in since PostgreSQL 13.
    await sql`UPDATE people SET uid = gen_random_uuid()::text WHERE uid IS NULL`.execute(db);
    await sql`ALTER TABLE people ALTER COLUMN uid SET NOT NULL`.execute(db);
    await sql`CREATE FUNCTION people_uid_default() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.uid := gen_random_uuid()::text; RETURN NEW; END $$`.execute(db);
    await sql`CREATE TRIGGER people_uid_default BEFORE INSERT ON people
      FOR EACH ROW WHEN (NEW.uid IS NULL) EXECUTE FUNCTION people_uid_default()`.execute(db);
  } else {
    await sql`UPDATE people SET uid = ${sqliteUuid} WHERE uid IS NULL`.execute(db);
    await sql`CREATE TRIGGER people_uid_default AFTER INSERT ON people WHEN new.uid IS NULL BEGIN
      UPDATE people SET uid = ${sqliteUuid} WHERE id = new.id; END`.execute(db);
  }
  await db.schema.createIndex('people_uid').on('people').column('uid').unique().execute();
}

/** A random version 4 UUID in SQLite's SQL (evaluated per row). */
const sqliteUuid = sql.raw(
  `lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))`,
);

/**
 * The user's answers to shown matches: a need–offer pair confirmed ("would help") or dismissed
 * ("not relevant"), one row per pair. A dismissed pair is never shown again, and the pairs teach
 * the matcher for this database (relevance feedback, src/matching/feedback.ts).
 */
async function matchFeedback(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('match_feedback')
    .addColumn('need_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('offer_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('verdict', 'text', (c) => c.notNull().check(sql`verdict IN ('confirmed', 'dismissed')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('match_feedback_pk', ['need_id', 'offer_id'])
    .execute();
  await db.schema.createIndex('match_feedback_offer').on('match_feedback').column('offer_id').execute();
}
