import { sql } from 'kysely';
import type { Circle, Person, Source } from '../../core/types.js';
import { realChannels } from '../../core/strength.js';
import { fold } from '../../core/text.js';
import type { Db } from '../db.js';
import { isSqlite } from './bulk.js';
import {
  fieldsToRow,
  newPersonRow,
  parseList,
  personColumns,
  searchTextOf,
  toPerson,
  type PersonFields,
} from './person-row.js';

// The row mapping has its own module; the bulk statements of repos/import.ts read it from here.
export { newPersonRow, peopleColumns, searchTextOf, type PersonFields } from './person-row.js';

export async function insertPerson(db: Db, p: PersonFields, tags: string[], now: string): Promise<number> {
  const row = await db
    .insertInto('people')
    .values(newPersonRow(p, '', now))
    .returning('id')
    .executeTakeFirstOrThrow();
  if (tags.length > 0) await addTags(db, row.id, tags);
  await refreshSearchText(db, row.id);
  return row.id;
}

/** Updates the given fields; a person's `uid` never changes. */
export async function updatePerson(
  db: Db,
  id: number,
  p: Partial<Omit<PersonFields, 'uid'>>,
  now: string,
): Promise<void> {
  await db
    .updateTable('people')
    .set({ ...fieldsToRow(p), updated_at: now })
    .where('id', '=', id)
    .execute();
  await refreshSearchText(db, id);
}

export async function getPeople(db: Db, ids: readonly number[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  const out: Person[] = [];
  // Chunked so a bulk read never hits SQLite's bound-parameter limit.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    // Every column the domain type needs, and not the long search text.
    const rows = await db
      .selectFrom('people')
      .select(personColumns)
      .where('id', 'in', chunk)
      .where('deleted_at', 'is', null)
      .execute();
    const tags = await tagsOf(db, chunk);
    for (const r of rows) out.push(toPerson(r, tags.get(r.id) ?? []));
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return out.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** Who people are at a glance (for lists of hundreds, e.g. the agenda): no tags, no contact details. */
export interface PersonBrief {
  id: number;
  name: string;
  birthday?: string | undefined;
  cadenceDays?: number | undefined;
}

export async function briefPeople(db: Db, ids: readonly number[]): Promise<PersonBrief[]> {
  const out: PersonBrief[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('people')
      .select(['id', 'name', 'birthday', 'cadence_days'])
      .where('id', 'in', ids.slice(i, i + 500))
      .where('deleted_at', 'is', null)
      .execute();
    for (const r of rows)
      out.push({
        id: r.id,
        name: r.name,
        birthday: r.birthday ?? undefined,
        cadenceDays: r.cadence_days ?? undefined,
      });
  }
  return out;
}

export async function getPerson(db: Db, id: number): Promise<Person | undefined> {
  return (await getPeople(db, [id]))[0];
}

export async function tagsOf(db: Db, ids: readonly number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('person_tags')
    .select(['person_id', 'tag'])
    .where('person_id', 'in', ids)
    .orderBy('tag')
    .execute();
  for (const r of rows) map.set(r.person_id, [...(map.get(r.person_id) ?? []), r.tag]);
  return map;
}

export async function addTags(db: Db, personId: number, tags: readonly string[]): Promise<void> {
  const existing = new Set((await tagsOf(db, [personId])).get(personId) ?? []);
  const fresh = [...new Set(tags)].filter((t) => !existing.has(t));
  if (fresh.length === 0) return;
  await db
    .insertInto('person_tags')
    .values(fresh.map((tag) => ({ person_id: personId, tag })))
    .execute();
}

export async function removeTag(db: Db, personId: number, tag: string): Promise<number> {
  const r = await db
    .deleteFrom('person_tags')
    .where('person_id', '=', personId)
    .where('tag', '=', tag)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Candidates for name resolution: folded names that start with the query or have a word that does.
 * The core decides among them (src/core/resolve.ts).
 */
export async function nameCandidates(db: Db, query: string): Promise<{ id: number; name: string }[]> {
  const trimmed = query.trim();
  // An id is the common case from scripts and the web app: one indexed lookup, no name scan.
  if (/^\d+$/.test(trimmed)) {
    const byId = await db
      .selectFrom('people')
      .select(['id', 'name'])
      .where('id', '=', Number(trimmed))
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (byId) return [byId];
  }
  const q = fold(query).replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('name_fold', 'like', sql<string>`${`${q}%`} escape '\\'`),
        eb('name_fold', 'like', sql<string>`${`% ${q}%`} escape '\\'`),
      ]),
    )
    .orderBy('name_fold')
    .orderBy('id')
    .limit(200)
    .execute();
  return rows;
}

export interface PeopleFilter {
  circle?: Circle | undefined;
  circles?: readonly Circle[] | undefined;
  tag?: string | undefined;
  source?: Source | undefined;
  search?: string | undefined;
  toolOnly?: boolean | undefined;
  includeArchived?: boolean | undefined;
  ids?: readonly number[] | undefined;
}

function filtered(db: Db, f: PeopleFilter) {
  let qb = db.selectFrom('people').where('people.deleted_at', 'is', null);
  if (f.circle) qb = qb.where('people.circle', '=', f.circle);
  else if (f.circles) qb = qb.where('people.circle', 'in', f.circles);
  else if (!f.includeArchived) qb = qb.where('people.circle', '!=', 'archived');
  if (f.source) qb = qb.where('people.source', '=', f.source);
  if (f.tag !== undefined) {
    const tag = f.tag;
    qb = qb.where('people.id', 'in', db.selectFrom('person_tags').select('person_id').where('tag', '=', tag));
  }
  if (f.toolOnly !== undefined) qb = qb.where('people.last_real_on', f.toolOnly ? 'is' : 'is not', null);
  if (f.ids) qb = qb.where('people.id', 'in', f.ids.length > 0 ? f.ids : [-1]);
  if (f.search !== undefined && fold(f.search) !== '') {
    // Every word must appear somewhere in the person's folded search text.
    const sqlite = isSqlite(db);
    for (const word of fold(f.search).split(' ')) {
      if (sqlite && !/[\\%_]/.test(word)) {
        // The trigram index (migration search_index) answers LIKE only without an ESCAPE clause.
        qb = qb.where(
          'people.id',
          'in',
          sql<number>`(SELECT rowid FROM people_fts WHERE search_text LIKE ${`%${word}%`})`,
        );
        continue;
      }
      const w = word.replace(/[\\%_]/g, (c) => `\\${c}`);
      qb = qb.where('people.search_text', 'like', sql<string>`${`%${w}%`} escape '\\'`);
    }
  }
  return qb;
}

export async function listPeople(
  db: Db,
  f: PeopleFilter,
  page: { limit: number; offset: number; order?: 'name' | 'recent' },
): Promise<{ total: number; people: Person[] }> {
  const totalRow = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  const base = filtered(db, f).select('people.id');
  const ordered =
    page.order === 'recent'
      ? base.orderBy('people.last_contact_on', (ob) => ob.desc().nullsLast()).orderBy('people.name_fold')
      : base.orderBy('people.name_fold').orderBy('people.id');
  const ids = (await ordered.limit(page.limit).offset(page.offset).execute()).map((r) => r.id);
  return { total: Number(totalRow?.n ?? 0), people: await getPeople(db, ids) };
}

export async function idsMatching(db: Db, f: PeopleFilter): Promise<number[]> {
  return (await filtered(db, f).select('people.id').orderBy('people.id').execute()).map((r) => r.id);
}

/** Rebuilds the folded text a people search reads: name, company, title, met, notes, emails, tags, needs, offers. */
export async function refreshSearchText(db: Db, id: number): Promise<void> {
  const p = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) return;
  const tags = (await tagsOf(db, [id])).get(id) ?? [];
  const items = await db
    .selectFrom('items')
    .select('text')
    .where('person_id', '=', id)
    .where('deleted_at', 'is', null)
    .execute();
  const text = searchTextOf(
    { ...p, emails: parseList(p.emails) },
    tags,
    items.map((i) => i.text),
  );
  await db.updateTable('people').set({ search_text: text }).where('id', '=', id).execute();
}

/** Keeps `last_real_on` / `last_contact_on` in step after interactions change. */
export async function refreshContactDays(db: Db, ids: readonly number[]): Promise<void> {
  // One grouped read per 500 people: a capture run refreshes hundreds of them at once.
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('interaction_people as ip')
      .innerJoin('interactions as i', 'i.id', 'ip.interaction_id')
      .select((eb) => [
        'ip.person_id',
        eb.fn.max('i.date').as('last'),
        eb.fn
          .max(eb.case().when('i.channel', 'in', realChannels).then(eb.ref('i.date')).end())
          .as('lastReal'),
      ])
      .where('ip.person_id', 'in', part)
      .where('i.deleted_at', 'is', null)
      .groupBy('ip.person_id')
      .execute();
    const by = new Map(rows.map((r) => [r.person_id, r]));
    for (const id of part) {
      const row = by.get(id);
      await db
        .updateTable('people')
        .set({
          last_contact_on: (row?.last as string | null | undefined) ?? null,
          last_real_on: row?.lastReal ?? null,
        })
        .where('id', '=', id)
        .execute();
    }
  }
}

export async function softDelete(db: Db, id: number, mergedInto: number | null, now: string): Promise<void> {
  await db
    .updateTable('people')
    .set({ deleted_at: now, merged_into: mergedInto, updated_at: now })
    .where('id', '=', id)
    .execute();
}
