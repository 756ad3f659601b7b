import { sql } from 'kysely';
import type { Db, Dialect } from '../db.js';
import { tableOrder, type Database } from '../schema.js';
import { chunks, untyped } from './bulk.js';
import { captureColumns, strangerColumns } from './capture.js';
import { interactionColumns } from './interactions.js';
import { peopleColumns } from './people.js';

// Backup and restore: every table dumped as plain JSON values, and loaded back as it was.

type TableName = (typeof tableOrder)[number];
type Columns = { [T in TableName]: readonly (keyof Database[T] & string)[] };

/**
 * Every column of every table, in a fixed order, so a backup reads the same whichever database
 * wrote it. The `satisfies` check below fails to compile if a column is misspelt; a column added
 * by a later migration must be added here (the backup test compares against the live schema).
 */
export const backupColumns = {
  settings: ['key', 'value'],
  people: peopleColumns,
  person_keys: ['key', 'person_id'],
  person_tags: ['person_id', 'tag'],
  items: ['id', 'person_id', 'side', 'text', 'status', 'goal_id', 'created_at', 'updated_at', 'deleted_at'],
  match_features: ['item_id', 'version', 'data'],
  match_feedback: ['need_id', 'offer_id', 'verdict', 'created_at'],
  events: ['id', 'name', 'date', 'place', 'created_at', 'updated_at', 'deleted_at'],
  event_people: ['event_id', 'person_id', 'line', 'follow_up', 'created_at'],
  intros: [
    'id',
    'a_id',
    'b_id',
    'reason',
    'need_id',
    'offer_id',
    'state',
    'declined_by',
    'outcome',
    'state_since',
    'created_at',
    'updated_at',
  ],
  interactions: ['id', ...interactionColumns],
  interaction_people: ['interaction_id', 'person_id'],
  promises: ['id', 'person_id', 'text', 'due', 'status', 'done_on', 'created_at', 'updated_at', 'deleted_at'],
  outcomes: [
    'id',
    'interaction_id',
    'intro_id',
    'person_id',
    'kind',
    'value_cents',
    'note',
    'date',
    'created_at',
  ],
  circle_moves: ['id', 'person_id', 'from_circle', 'to_circle', 'at'],
  my_emails: ['address', 'created_at'],
  capture_runs: [
    'id',
    'kind',
    'source',
    'started_at',
    'finished_at',
    'counts',
    'undone_at',
    'source_id',
    'cursor_before',
  ],
  captures: captureColumns,
  capture_changes: ['id', 'run_id', 'capture_id', 'action', 'before'],
  capture_strangers: strangerColumns,
  capture_ignored: ['email', 'created_at'],
  // The password stays encrypted in a backup: it restores where the key file is (0018).
  live_sources: [
    'id',
    'name',
    'kind',
    'config',
    'secret',
    'cursor',
    'last_run_at',
    'created_at',
    'updated_at',
  ],
} as const satisfies Columns;

/** Primary key columns: the order rows are dumped in, so two dumps of one database are equal. */
const primaryKeys: { [T in TableName]: readonly (keyof Database[T] & string)[] } = {
  settings: ['key'],
  people: ['id'],
  person_keys: ['person_id', 'key'],
  person_tags: ['person_id', 'tag'],
  items: ['id'],
  match_features: ['item_id'],
  match_feedback: ['need_id', 'offer_id'],
  events: ['id'],
  event_people: ['event_id', 'person_id'],
  intros: ['id'],
  interactions: ['id'],
  interaction_people: ['interaction_id', 'person_id'],
  promises: ['id'],
  outcomes: ['id'],
  circle_moves: ['id'],
  my_emails: ['address'],
  capture_runs: ['id'],
  captures: ['id'],
  capture_changes: ['id'],
  capture_strangers: ['kind', 'key', 'email'],
  capture_ignored: ['email'],
  live_sources: ['id'],
};

/** Columns that point at a row of their own table: restored in a second pass (see loadTable). */
const selfReferences: Partial<{ [T in TableName]: readonly (keyof Database[T] & string)[] }> = {
  people: ['introduced_by', 'merged_into'],
  items: ['goal_id'],
};

const blobColumns = new Set(['match_features.data']);

export type CellValue = string | number | null;
export type DumpRow = Record<string, CellValue>;

/**
 * All rows of a table as plain JSON values, in primary-key order; blobs as base64. Text keys are
 * ordered by the database's collation, which is stable for one database.
 */
export async function dumpTable(db: Db, table: TableName): Promise<DumpRow[]> {
  const cols = backupColumns[table];
  let qb = db.selectFrom(table).select(cols.map((c) => sql.ref<CellValue | Uint8Array>(c).as(c)));
  for (const pk of primaryKeys[table]) qb = qb.orderBy(sql.ref(pk));
  const rows = (await qb.execute()) as Record<string, CellValue | Uint8Array>[];
  return rows.map((r) => {
    const out: DumpRow = {};
    for (const c of cols) {
      const v = r[c];
      if (v instanceof Uint8Array) out[c] = Buffer.from(v).toString('base64');
      else if (typeof v === 'bigint') out[c] = Number(v);
      else out[c] = v ?? null;
    }
    return out;
  });
}

/** True when no table holds a row (migrations may have run: their own tables do not count). */
export async function isEmpty(db: Db): Promise<{ empty: boolean; nonEmpty: TableName[] }> {
  const nonEmpty: TableName[] = [];
  for (const t of tableOrder) {
    const row = await db
      .selectFrom(t)
      .select(sql<number>`1`.as('one'))
      .limit(1)
      .executeTakeFirst();
    if (row) nonEmpty.push(t);
  }
  return { empty: nonEmpty.length === 0, nonEmpty };
}

/**
 * Inserts dumped rows as they are, ids included. Self-references (a person merged into a later
 * one, a need hanging off a later goal) are written in a second pass, because both databases
 * check foreign keys per statement.
 */
export async function loadTable(db: Db, table: TableName, rows: readonly DumpRow[]): Promise<void> {
  if (rows.length === 0) return;
  const selfCols = (selfReferences[table] ?? []) as readonly string[];
  const cols = backupColumns[table] as readonly string[];
  const perChunk = Math.max(1, Math.floor(20_000 / cols.length));
  for (const chunk of chunks(rows, perChunk)) {
    const values = chunk.map((r) => {
      const out: Record<string, CellValue | Buffer> = {};
      for (const c of cols) {
        const v = r[c] ?? null;
        if (selfCols.includes(c)) out[c] = null;
        else if (blobColumns.has(`${table}.${c}`) && typeof v === 'string') out[c] = Buffer.from(v, 'base64');
        else out[c] = v;
      }
      return out;
    });
    // The rows were validated against backupColumns by the caller; Kysely cannot type a table
    // chosen at run time, so the insert goes through its untyped form.
    await untyped(db).insertInto(table).values(values).execute();
  }
  for (const c of selfCols) {
    const linked = rows.filter((r) => r[c] !== null && r[c] !== undefined);
    for (const r of linked)
      await untyped(db)
        .updateTable(table)
        .set({ [c]: r[c] })
        .where('id', '=', r.id)
        .execute();
  }
}

/**
 * After rows were inserted with explicit ids, PostgreSQL's serial sequences still start at 1:
 * move each past the largest id so new rows do not collide. SQLite needs nothing (rowid).
 */
export async function resetSequences(db: Db, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const t of tableOrder) {
    if (!(backupColumns[t] as readonly string[]).includes('id')) continue;
    await sql`SELECT setval(pg_get_serial_sequence(${t}, 'id'), COALESCE((SELECT MAX(id) FROM ${sql.table(t)}), 0) + 1, false)`.execute(
      db,
    );
  }
}

/** The newest applied migration: a backup records it and a restore requires the same. */
export async function schemaVersion(db: Db): Promise<string> {
  const row = await sql<{
    name: string;
  }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(db);
  return row.rows[0]?.name ?? '';
}
