import { DomainError } from './errors.js';
import { fold } from './text.js';

export interface NamedRef {
  id: number;
  name: string;
}

/**
 * PERSON on the command line: an id, or an unambiguous case- and accent-insensitive name prefix.
 * An exact full name wins over longer names it is a prefix of; failing a prefix of the full name,
 * a prefix of any word of it ("müller" finds "Jonas Müller").
 */
export function resolvePerson(query: string, people: readonly NamedRef[]): NamedRef {
  const q = fold(query);
  if (q === '')
    throw new DomainError('invalid_input', 'person is empty', {
      problems: [{ path: 'person', message: 'must not be empty' }],
    });
  if (/^\d+$/.test(q)) {
    const byId = people.find((p) => p.id === Number(q));
    if (byId) return byId;
  }
  const folded = people.map((p) => ({ p, f: fold(p.name) }));
  const exact = folded.filter((x) => x.f === q);
  if (exact.length === 1 && exact[0]) return exact[0].p;
  let matches = exact.length > 1 ? exact : folded.filter((x) => x.f.startsWith(q));
  if (matches.length === 0) matches = folded.filter((x) => x.f.split(' ').some((w) => w.startsWith(q)));
  if (matches.length === 1 && matches[0]) return matches[0].p;
  if (matches.length === 0)
    throw new DomainError('unknown_person', `no person matches "${query}"`, { query });
  const candidates = matches.slice(0, 10).map((x) => ({ id: x.p.id, name: x.p.name }));
  throw new DomainError(
    'ambiguous_person',
    `"${query}" matches ${matches.length} people: ${candidates.map((c) => `${c.name} (#${c.id})`).join(', ')}${matches.length > 10 ? ', …' : ''}`,
    { query, candidates },
  );
}
