import { SqliteAdapter, sql } from 'kysely';
import type { Circle, NameParts, Person, Source } from '../../core/types.js';
import { realChannels } from '../../core/strength.js';
import { fold } from '../../core/text.js';
import type { Db } from '../db.js';
import type { NewPersonRow, PersonRow } from '../schema.js';

const parseList = (s: string): string[] => JSON.parse(s) as string[];

const isSqlite = (db: Db): boolean => db.getExecutor().adapter instanceof SqliteAdapter;

const nameKeys = ['given', 'additional', 'family', 'prefix', 'suffix'] as const;

/** NameParts as stored: only the non-empty parts, in a fixed order; null when there are none. */
export function namePartsText(parts: NameParts | undefined): string | null {
  if (!parts) return null;
  const kept = nameKeys.flatMap((k) => {
    const v = parts[k]?.trim();
    return v ? [[k, v] as const] : [];
  });
  return kept.length > 0 ? JSON.stringify(Object.fromEntries(kept)) : null;
}

function parseNameParts(text: string | null): NameParts | undefined {
  if (text === null) return undefined;
  const raw = JSON.parse(text) as Record<string, unknown>;
  const out: NameParts = {};
  for (const k of nameKeys) if (typeof raw[k] === 'string' && raw[k] !== '') out[k] = raw[k];
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Every column of `people`, in a fixed order: the one list the bulk insert, the backup and the
 * domain projection below derive from (the backup test compares it with the live schema).
 */
export const peopleColumns = [
  'id',
  'uid',
  'name',
  'name_fold',
  'name_parts',
  'met',
  'company',
  'title',
  'emails',
  'phones',
  'linkedin',
  'urls',
  'birthday',
  'notes',
  'source',
  'circle',
  'cadence_days',
  'introduced_by',
  'merged_into',
  'search_text',
  'last_real_on',
  'last_contact_on',
  'created_at',
  'updated_at',
  'deleted_at',
] as const satisfies readonly (keyof PersonRow)[];

/** Columns only storage reads: derived (fold, search, contact days) or bookkeeping. */
const storageOnly = [
  'name_fold',
  'merged_into',
  'search_text',
  'last_real_on',
  'last_contact_on',
  'deleted_at',
] as const satisfies readonly (typeof peopleColumns)[number][];
type PersonColumn = Exclude<(typeof peopleColumns)[number], (typeof storageOnly)[number]>;

/** What `toPerson` reads: every column but the storage-only ones (not the long search text). */
const personColumns = peopleColumns.filter(
  (c): c is PersonColumn => !(storageOnly as readonly string[]).includes(c),
);

export function toPerson(r: Pick<PersonRow, (typeof personColumns)[number]>, tags: string[]): Person {
  return {
    id: r.id,
    uid: r.uid,
    name: r.name,
    nameParts: parseNameParts(r.name_parts),
    met: r.met ?? undefined,
    company: r.company ?? undefined,
    title: r.title ?? undefined,
    emails: parseList(r.emails),
    phones: parseList(r.phones),
    linkedin: r.linkedin ?? undefined,
    urls: parseList(r.urls),
    birthday: r.birthday ?? undefined,
    notes: r.notes ?? undefined,
    tags,
    source: r.source as Source,
    circle: r.circle as Circle,
    cadenceDays: r.cadence_days ?? undefined,
    introducedBy: r.introduced_by ?? undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A person's writable fields; `uid` only at insert (the database makes one when none is given). */
export type PersonFields = Omit<Person, 'id' | 'uid' | 'createdAt' | 'updatedAt' | 'tags'> & {
  uid?: string | undefined;
};

function fieldsToRow(p: Partial<Omit<PersonFields, 'uid'>>) {
  return {
    ...(p.name !== undefined ? { name: p.name, name_fold: fold(p.name) } : {}),
    ...('nameParts' in p ? { name_parts: namePartsText(p.nameParts) } : {}),
    ...('met' in p ? { met: p.met ?? null } : {}),
    ...('company' in p ? { company: p.company ?? null } : {}),
    ...('title' in p ? { title: p.title ?? null } : {}),
    ...(p.emails !== undefined ? { emails: JSON.stringify(p.emails) } : {}),
    ...(p.phones !== undefined ? { phones: JSON.stringify(p.phones) } : {}),
    ...('linkedin' in p ? { linkedin: p.linkedin ?? null } : {}),
    ...(p.urls !== undefined ? { urls: JSON.stringify(p.urls) } : {}),
    ...('birthday' in p ? { birthday: p.birthday ?? null } : {}),
    ...('notes' in p ? { notes: p.notes ?? null } : {}),
    ...(p.source !== undefined ? { source: p.source } : {}),
    ...(p.circle !== undefined ? { circle: p.circle } : {}),
    ...('cadenceDays' in p ? { cadence_days: p.cadenceDays ?? null } : {}),
    ...('introducedBy' in p ? { introduced_by: p.introducedBy ?? null } : {}),
  };
}

/**
 * The row of a new person: the one mapping of a person's fields to columns, for one insert and
 * for the bulk insert of an import.
 */
export function newPersonRow(
  p: PersonFields & { lastContactOn?: string | undefined },
  searchText: string,
  now: string,
): Required<Omit<NewPersonRow, 'id' | 'uid'>> & { uid?: string } {
  // The uid is set after the literal: an object literal that starts with a conditional spread
  // takes V8's slow path, six times the cost of this whole function (an import makes 30,000).
  const row: Required<Omit<NewPersonRow, 'id' | 'uid'>> & { uid?: string } = {
    name: p.name,
    name_fold: fold(p.name),
    name_parts: namePartsText(p.nameParts),
    met: p.met ?? null,
    company: p.company ?? null,
    title: p.title ?? null,
    emails: JSON.stringify(p.emails),
    phones: JSON.stringify(p.phones),
    linkedin: p.linkedin ?? null,
    urls: JSON.stringify(p.urls),
    birthday: p.birthday ?? null,
    notes: p.notes ?? null,
    source: p.source,
    circle: p.circle,
    cadence_days: p.cadenceDays ?? null,
    introduced_by: p.introducedBy ?? null,
    merged_into: null,
    search_text: searchText,
    last_real_on: null,
    last_contact_on: p.lastContactOn ?? null,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  if (p.uid !== undefined) row.uid = p.uid;
  return row;
}

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

export async function countByCircle(db: Db): Promise<Record<Circle, number>> {
  const rows = await db
    .selectFrom('people')
    .select(['circle', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('deleted_at', 'is', null)
    .groupBy('circle')
    .execute();
  const out: Record<Circle, number> = { focus: 0, network: 0, pool: 0, archived: 0 };
  for (const r of rows) out[r.circle as Circle] = Number(r.n);
  return out;
}

export async function setCircle(db: Db, ids: readonly number[], circle: Circle, now: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const before = await db.selectFrom('people').select(['id', 'circle']).where('id', 'in', chunk).execute();
    const moving = before.filter((r) => r.circle !== circle);
    if (moving.length === 0) continue;
    await db
      .updateTable('people')
      .set({ circle, updated_at: now })
      .where(
        'id',
        'in',
        moving.map((r) => r.id),
      )
      .execute();
    await db
      .insertInto('circle_moves')
      .values(moving.map((r) => ({ person_id: r.id, from_circle: r.circle, to_circle: circle, at: now })))
      .execute();
  }
}

export async function focusMovesSince(db: Db, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('circle_moves')
    .select('at')
    .where('to_circle', '=', 'focus')
    .where('at', '>=', since)
    .execute();
  return rows.map((r) => r.at);
}

/** Rebuilds the folded text that `--search` reads: name, company, title, met, notes, emails, tags, needs, offers. */
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

/**
 * The folded text `--search` looks in: name, company, title, where we met, notes, emails, tags
 * (in the order the database sorts them) and the texts of needs and offers.
 */
export function searchTextOf(
  p: {
    name: string;
    company?: string | null | undefined;
    title?: string | null | undefined;
    met?: string | null | undefined;
    notes?: string | null | undefined;
    emails: readonly string[];
  },
  tags: readonly string[],
  itemTexts: readonly string[] = [],
): string {
  const parts = [p.name, p.company, p.title, p.met, p.notes, ...p.emails, ...tags, ...itemTexts];
  return fold(parts.filter((x): x is string => typeof x === 'string' && x !== '').join(' \u2022 '));
}

/** Keeps `last_real_on` / `last_contact_on` in step after interactions change. */
export async function refreshContactDays(db: Db, ids: readonly number[]): Promise<void> {
  for (const id of ids) {
    const row = await db
      .selectFrom('interaction_people as ip')
      .innerJoin('interactions as i', 'i.id', 'ip.interaction_id')
      .select((eb) => [
        eb.fn.max('i.date').as('last'),
        eb.fn
          .max(eb.case().when('i.channel', 'in', realChannels).then(eb.ref('i.date')).end())
          .as('lastReal'),
      ])
      .where('ip.person_id', '=', id)
      .where('i.deleted_at', 'is', null)
      .executeTakeFirst();
    await db
      .updateTable('people')
      .set({
        last_contact_on: (row?.last as string | null) ?? null,
        last_real_on: (row?.lastReal as string | null) ?? null,
      })
      .where('id', '=', id)
      .execute();
  }
}

export async function softDelete(db: Db, id: number, mergedInto: number | null, now: string): Promise<void> {
  await db
    .updateTable('people')
    .set({ deleted_at: now, merged_into: mergedInto, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Dedupe keys (email:…, linkedin:…, namecompany:…) for import merging. */
export async function setKeys(db: Db, personId: number, keys: readonly string[]): Promise<void> {
  await db.deleteFrom('person_keys').where('person_id', '=', personId).execute();
  const unique = [...new Set(keys)];
  if (unique.length > 0)
    await db
      .insertInto('person_keys')
      .values(unique.map((key) => ({ key, person_id: personId })))
      .execute();
}

export async function findByKeys(db: Db, keys: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('person_keys')
      .innerJoin('people', 'people.id', 'person_keys.person_id')
      .select(['person_keys.key', 'person_keys.person_id'])
      .where('person_keys.key', 'in', keys.slice(i, i + 500))
      .where('people.deleted_at', 'is', null)
      .execute();
    for (const r of rows) if (!out.has(r.key)) out.set(r.key, r.person_id);
  }
  return out;
}

export interface ContactSummary {
  id: number;
  name: string;
  circle: Circle;
  lastRealOn?: string | undefined;
  lastContactOn?: string | undefined;
}
