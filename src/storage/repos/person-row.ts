/**
 * A person as a row of `people` and back: the column list, the mapping of fields to columns, and
 * the derived search text. Row shapes (JSON text, nulls, folded names) stay inside storage.
 */
import type { Circle, NameParts, Person, Source } from '../../core/types.js';
import { fold } from '../../core/text.js';
import type { NewPersonRow, PersonRow } from '../schema.js';

export const parseList = (s: string): string[] => JSON.parse(s) as string[];

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
export const personColumns = peopleColumns.filter(
  (c): c is PersonColumn => !(storageOnly as readonly string[]).includes(c),
);

export function toPerson(r: Pick<PersonRow, PersonColumn>, tags: string[]): Person {
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

/** The columns that change when the given fields do (name → its folded form too). */
export function fieldsToRow(p: Partial<Omit<PersonFields, 'uid'>>) {
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
