import { CompiledQuery, sql, type Kysely } from 'kysely';
import { newPersonRow, peopleColumns, searchTextOf, type PersonFields } from './people.js';

// The bulk insert computes the search text the way every write does; tests compare with it.
export { searchTextOf };
import type { Db, Dialect } from '../db.js';
import { tableOrder, type Database } from '../schema.js';

/**
 * Bulk statements for imports and backups. The per-person functions of people.ts cost a handful
 * of round trips each; a 30,000-row import needs chunked lookups and multi-row inserts instead.
 */

// SQLite binds at most 32,766 parameters per statement and PostgreSQL 65,535: inserts bind at
// most 20,000 (BulkWriter), lookups 5,000 (fewer round trips matter on PostgreSQL).
const KEYS_PER_LOOKUP = 5_000;

function* chunks<T>(xs: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
}

type Untyped = Kysely<Record<string, Record<string, unknown>>>;
/** Kysely cannot type a table chosen at run time: the bulk writers go through its untyped form. */
const untyped = (db: Db): Untyped => db as unknown as Untyped;

/**
 * Multi-row INSERT of `rows` (arrays in `columns` order). Compiling a 500-row statement through
 * Kysely's query builder costs more than running it, so the SQL text for each (statement, row
 * count) is compiled once per writer and reused with fresh parameters.
 */
export class BulkWriter {
  private readonly sqlText = new Map<string, string>();
  constructor(private readonly db: Db) {}

  async insert(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
    opts: { returningId?: boolean; ignoreConflicts?: readonly string[] } = {},
  ): Promise<number[]> {
    const ids: number[] = [];
    const perChunk = Math.max(1, Math.floor(20_000 / columns.length));
    for (const chunk of chunks(rows, perChunk)) {
      const key = `${table}|${columns.join(',')}|${chunk.length}|${String(opts.returningId)}|${opts.ignoreConflicts?.join(',') ?? ''}`;
      let text = this.sqlText.get(key);
      if (text === undefined) {
        const blank = Object.fromEntries(columns.map((c) => [c, 0]));
        let qb = untyped(this.db)
          .insertInto(table)
          .values(chunk.map(() => blank));
        const conflict = opts.ignoreConflicts;
        if (conflict) qb = qb.onConflict((oc) => oc.columns([...conflict]).doNothing());
        text = (opts.returningId ? qb.returning('id').compile() : qb.compile()).sql;
        this.sqlText.set(key, text);
      }
      const result = await this.db.executeQuery<{ id: unknown }>(CompiledQuery.raw(text, chunk.flat()));
      if (opts.returningId) {
        const chunkIds = result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
        if (chunkIds.length !== chunk.length)
          throw new Error(`insert into ${table} returned ${chunkIds.length} ids for ${chunk.length} rows`);
        ids.push(...chunkIds);
      }
    }
    return ids;
  }
}

/** Code-point order: what SQLite's BINARY collation and PostgreSQL's C collation sort tags by. */
export function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** People (not deleted) with no dedupe key yet: added by hand, or before keys existed. */
export async function peopleWithoutKeys(db: Db): Promise<
  {
    id: number;
    name: string;
    company?: string;
    emails: string[];
    phones: string[];
    linkedin?: string;
    birthday?: string;
  }[]
> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name', 'company', 'emails', 'phones', 'linkedin', 'birthday'])
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('person_keys')
            .select('person_keys.key')
            .whereRef('person_keys.person_id', '=', 'people.id'),
        ),
      ),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    ...(r.company !== null ? { company: r.company } : {}),
    emails: JSON.parse(r.emails) as string[],
    phones: JSON.parse(r.phones) as string[],
    ...(r.linkedin !== null ? { linkedin: r.linkedin } : {}),
    ...(r.birthday !== null ? { birthday: r.birthday } : {}),
  }));
}

/** Every (not deleted) person holding each key, lowest id first. */
export async function peopleByKeys(db: Db, keys: readonly string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const chunk of chunks([...new Set(keys)], KEYS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom('person_keys')
      .innerJoin('people', 'people.id', 'person_keys.person_id')
      .select(['person_keys.key', 'person_keys.person_id'])
      .where('person_keys.key', 'in', chunk)
      .where('people.deleted_at', 'is', null)
      .orderBy('person_keys.person_id')
      .execute();
    for (const r of rows) out.set(r.key, [...(out.get(r.key) ?? []), r.person_id]);
  }
  return out;
}

/** Adds dedupe keys; a key a person already has is left alone. */
export async function addKeys(
  w: BulkWriter,
  rows: readonly { key: string; personId: number }[],
): Promise<void> {
  await w.insert(
    'person_keys',
    ['key', 'person_id'],
    rows.map((r) => [r.key, r.personId]),
    { ignoreConflicts: ['key', 'person_id'] },
  );
}

/** A person an import adds: the fields of a person, and the day of the last contact it records. */
export type BulkPerson = Omit<PersonFields, 'met' | 'cadenceDays' | 'introducedBy'> & {
  /** Sorted as the database sorts them (see byCodePoint). */
  tags: string[];
  lastContactOn?: string | undefined;
};

/** The columns of a multi-row insert: all but the id the database gives. */
const PEOPLE_COLUMNS = peopleColumns.filter((c): c is Exclude<typeof c, 'id'> => c !== 'id');

/**
 * Inserts people with their tags and search text in multi-row statements; returns their ids in
 * input order. Ids of one multi-row INSERT are assigned in row order on both databases (SQLite's
 * rowid and a PostgreSQL serial both count up), so sorting the returned ids restores the order.
 */
export async function insertPeople(
  w: BulkWriter,
  people: readonly BulkPerson[],
  now: string,
): Promise<number[]> {
  const ids = await w.insert(
    'people',
    PEOPLE_COLUMNS,
    people.map((p) => {
      const row: Record<(typeof PEOPLE_COLUMNS)[number], unknown> = {
        uid: null,
        ...newPersonRow(p, searchTextOf(p, p.tags), now),
      };
      return PEOPLE_COLUMNS.map((c) => row[c]);
    }),
    { returningId: true },
  );
  await w.insert(
    'person_tags',
    ['person_id', 'tag'],
    people.flatMap((p, i) => p.tags.map((tag) => [ids[i], tag])),
  );
  return ids;
}

/** One-person interactions (an imported "connected on LinkedIn"), in multi-row statements. */
export async function insertSoloInteractions(
  w: BulkWriter,
  rows: readonly { personId: number; date: string; channel: string; nature: string; note: string }[],
  now: string,
): Promise<void> {
  const ids = await w.insert(
    'interactions',
    ['date', 'channel', 'nature', 'kind', 'note', 'unearned', 'intro_id', 'created_at', 'deleted_at'],
    rows.map((r) => [r.date, r.channel, r.nature, null, r.note, 0, null, now, null]),
    { returningId: true },
  );
  await w.insert(
    'interaction_people',
    ['interaction_id', 'person_id'],
    rows.map((r, i) => [ids[i], r.personId]),
  );
}

/**
 * Which of these people already have a (not deleted) interaction with exactly this note. One
 * pass over the interactions with that note, not one join per chunk of people: on PostgreSQL
 * the chunked join re-scanned the interactions for every chunk (4 s for 30,000 people).
 */
export async function peopleWithInteractionNote(
  db: Db,
  personIds: readonly number[],
  note: string,
): Promise<Set<number>> {
  const out = new Set<number>();
  if (personIds.length === 0) return out;
  const wanted = new Set(personIds);
  const rows = await db
    .selectFrom('interactions as i')
    .innerJoin('interaction_people as ip', 'ip.interaction_id', 'i.id')
    .select('ip.person_id')
    .where('i.note', '=', note)
    .where('i.deleted_at', 'is', null)
    .execute();
  for (const r of rows) if (wanted.has(r.person_id)) out.add(r.person_id);
  return out;
}

/** How many of these people have ever had a real (in person, call, letter) interaction. */
export async function countWithRealContact(db: Db, personIds: readonly number[]): Promise<number> {
  let n = 0;
  for (const chunk of chunks(personIds, KEYS_PER_LOOKUP)) {
    const row = await db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('id', 'in', chunk)
      .where('last_real_on', 'is not', null)
      .executeTakeFirst();
    n += Number(row?.n ?? 0);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Backup and restore

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
  interactions: [
    'id',
    'date',
    'channel',
    'nature',
    'kind',
    'note',
    'unearned',
    'intro_id',
    'created_at',
    'deleted_at',
    'source',
  ],
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
  capture_runs: ['id', 'kind', 'source', 'started_at', 'finished_at', 'counts', 'undone_at'],
  captures: [
    'id',
    'kind',
    'key',
    'series',
    'person_id',
    'interaction_id',
    'date',
    'channel',
    'version',
    'title',
    'removed',
    'run_id',
    'created_run_id',
    'created_at',
    'updated_at',
  ],
  capture_changes: ['id', 'run_id', 'capture_id', 'action', 'before'],
  capture_strangers: ['kind', 'key', 'email', 'name', 'date', 'channel', 'run_id'],
  capture_ignored: ['email', 'created_at'],
} as const satisfies Columns;

/** Primary key columns: the order rows are dumped in, so two dumps of one database are equal. */
const primaryKeys: { [T in TableName]: readonly (keyof Database[T] & string)[] } = {
  settings: ['key'],
  people: ['id'],
  person_keys: ['person_id', 'key'],
  person_tags: ['person_id', 'tag'],
  items: ['id'],
  match_features: ['item_id'],
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
