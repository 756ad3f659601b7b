/** The reads and writes of an import: keys looked up in chunks, people added in multi-row inserts. */
import type { Db } from '../db.js';
import { chunks, KEYS_PER_LOOKUP, type BulkWriter } from './bulk.js';
import { newPersonRow, peopleColumns, searchTextOf, type PersonFields } from './people.js';

// The bulk insert computes the search text the way every write does; tests compare with it.
export { searchTextOf };

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

/** Whether any person has a key yet: before the first import, no lookup can find anyone. */
export async function anyKeys(db: Db): Promise<boolean> {
  return (await db.selectFrom('person_keys').select('person_id').limit(1).executeTakeFirst()) !== undefined;
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
      const row = newPersonRow(p, searchTextOf(p, p.tags), now);
      return PEOPLE_COLUMNS.map((c) => (c === 'uid' ? (row.uid ?? null) : row[c]));
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
