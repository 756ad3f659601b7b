import { normaliseName } from './normalise.js';
import type { ImportedPerson } from './types.js';

/**
 * Keys under which the app looks for an already-known person: any shared key means "same
 * person, merge". Name + company only when there is a company: two "Anna Müller"s without one
 * are not evidence of one person.
 * @example dedupeKeys(p) // ['email:anna@example.com', 'linkedin:https://www.linkedin.com/in/anna', 'namecompany:anna muller|acme']
 */
export function dedupeKeys(p: ImportedPerson): string[] {
  const keys = p.emails.map((e) => `email:${e.toLowerCase()}`);
  if (p.linkedin) keys.push(`linkedin:${p.linkedin}`);
  const company = p.company ? normaliseName(p.company) : '';
  const name = normaliseName(p.name);
  if (company !== '' && name !== '') keys.push(`namecompany:${name}|${company}`);
  return [...new Set(keys)];
}
