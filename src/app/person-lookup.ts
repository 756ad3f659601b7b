import { DomainError, invalid } from '../core/errors.js';
import { resolvePerson, type NamedRef } from '../core/resolve.js';
import { fold, limits, refText } from '../core/text.js';
import type { Circle, Person } from '../core/types.js';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../storage/db.js';
import * as peopleRepo from '../storage/repos/people.js';

export async function resolve(db: Db, query: string): Promise<NamedRef> {
  checkRef(query, 'person');
  return resolvePerson(query, await peopleRepo.nameCandidates(db, query));
}

export async function requirePerson(db: Db, query: string): Promise<Person> {
  const ref = await resolve(db, query);
  const p = await peopleRepo.getPerson(db, ref.id);
  if (!p) throw new DomainError('unknown_person', `no person matches "${query}"`, { query });
  return p;
}

/** Characters that change nothing a reader sees: zero-width spaces and joiners, soft hyphens, BOMs. */
const invisible = ['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'] as const;

/** The form two names are "the same name" in: folded (case, accents, spaces), invisibles dropped. */
export function nameKey(name: string): string {
  return fold(invisible.reduce((s, ch) => s.split(ch).join(''), name));
}

export interface SameName {
  id: number;
  name: string;
  met?: string | undefined;
  company?: string | undefined;
  circle: Circle;
}

/** People (not deleted) whose name is the same as `name` once folded, invisibles ignored. */
export async function peopleNamed(db: Db, name: string): Promise<SameName[]> {
  // Rows written before names were cleaned may hold invisibles in name_fold: drop them there too.
  const stored = invisible.reduce<RawBuilder<string>>(
    (expr, ch) => sql<string>`replace(${expr}, ${ch}, '')`,
    sql<string>`name_fold`,
  );
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name', 'met', 'company', 'circle'])
    .where(stored, '=', nameKey(name))
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    met: r.met ?? undefined,
    company: r.company ?? undefined,
    circle: r.circle as Circle,
  }));
}

export const describeSame = (p: SameName): string => {
  const where = [p.met ? `met ${p.met}` : '', p.company ? `at ${p.company}` : ''].filter(Boolean).join(', ');
  return `${p.name} #${p.id}${where ? ` (${where})` : ''}`;
};

/**
 * One typed value bounded by `refText`, refused as the schemas refuse it (`FIELD PROBLEM`).
 * Checked here without the schema library: a lookup is on every command's path.
 */
function bounded(value: string, max: number, field: string): void {
  const r = refText(value, max);
  if (!r.ok) throw invalid(`${field} ${r.problem}`, [{ path: field, message: r.problem }]);
}

/** A person reference (an id or a name prefix) is bounded before it reaches a query. */
export function checkRef(query: string, field: string): void {
  if (query.trim() !== '') bounded(query, limits.name, field);
}

/** Search terms and tags of a filter are bounded before they reach a query. */
export function checkFilter(f: { tag?: string | undefined; search?: string | undefined }): void {
  if (f.tag !== undefined) bounded(f.tag, limits.shortText, 'tag');
  if (f.search !== undefined && f.search.trim() !== '') bounded(f.search, limits.text, 'search');
}
