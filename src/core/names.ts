import { fold } from './text.js';
import type { NameParts } from './types.js';

/**
 * A structured name as vCard's N holds it: each component a list of values
 * (`N:Stevenson;John;Philip,Paul;Dr.;Jr.,M.D.`).
 */
export interface NameComponents {
  family: string[];
  given: string[];
  additional: string[];
  prefix: string[];
  suffix: string[];
}

// Compared without dots and case: "Dr." = "dr", "Ph.D." = "phd".
/** Honorific prefixes, compared without dots and case ("Dr." = "dr"). */
export const honorificPrefixes: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'rev',
  'fr',
  'hon',
  'herr',
  'frau',
  'mme',
  'mlle',
]);
export const honorificSuffixes: ReadonlySet<string> = new Set([
  'jr',
  'sr',
  'ii',
  'iii',
  'iv',
  'phd',
  'md',
  'dds',
  'dmd',
  'esq',
  'mba',
  'cpa',
  'jd',
  'llm',
  'dphil',
  'msc',
  'bsc',
  'rn',
  'obe',
  'mbe',
  'cbe',
]);
/** Lower-case particles that belong to the family name that follows them ("van Beethoven"). */
export const nameParticles: ReadonlySet<string> = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'das',
  'dos',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'zu',
  'bin',
  'binti',
  'ibn',
  'al',
]);

const bare = (token: string): string => token.replace(/[.,]/g, '').toLowerCase();
const isPrefix = (token: string): boolean => honorificPrefixes.has(bare(token));
const isSuffix = (token: string): boolean => honorificSuffixes.has(bare(token));

/** The components of a name the source structured: each given part is one value. */
export function componentsOf(parts: NameParts): NameComponents {
  const one = (v: string | undefined): string[] => (v !== undefined && v.trim() !== '' ? [v.trim()] : []);
  return {
    family: one(parts.family),
    given: one(parts.given),
    additional: one(parts.additional),
    prefix: one(parts.prefix),
    suffix: one(parts.suffix),
  };
}

/**
 * A conservative N for a display name no source structured. One word is the family name (as
 * RFC 6350's examples and address books treat a single name). Otherwise honorific prefixes
 * ("Mr.", "Dr.") and suffixes ("Jr.", "PhD") go to their own components, "Family, Given" is
 * read as written, and the rest is split at the LAST space only, a lower-case particle before
 * the last word ("van", "de", "bin") staying with the family name. Nothing else is guessed:
 * "Mr. Michael Angstadt Jr." is prefix "Mr.", given "Michael", family "Angstadt", suffix "Jr.".
 */
export function splitDisplayName(name: string): NameComponents {
  const out: NameComponents = { family: [], given: [], additional: [], prefix: [], suffix: [] };
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean === '') return out;

  // "Smith, John", "John Smith, Jr.", "Smith, John, PhD": suffixes after commas first.
  let segments = clean.split(',').map((s) => s.trim());
  while (segments.length > 1) {
    const last = segments[segments.length - 1] ?? '';
    const words = last.split(' ');
    if (last === '' || !words.every(isSuffix)) break;
    out.suffix.unshift(...words);
    segments = segments.slice(0, -1);
  }
  let tokens: string[];
  if (segments.length === 2 && segments[0] !== '' && segments[1] !== '') {
    // "Family, Given": the order the writer chose says which part is which.
    const given = (segments[1] ?? '').split(' ');
    while (given.length > 1 && isPrefix(given[0] ?? '')) out.prefix.push(given.shift() ?? '');
    out.family.push(segments[0] ?? '');
    out.given.push(given.join(' '));
    return out;
  } else if (segments.length > 2) {
    // Commas the rules above do not explain: keep the text whole rather than guess.
    out.family.push(segments.join(', '));
    return out;
  } else tokens = (segments[0] ?? '').split(' ').filter((t) => t !== '');

  while (tokens.length > 1 && isPrefix(tokens[0] ?? '')) out.prefix.push(tokens.shift() ?? '');
  const trailing: string[] = [];
  while (tokens.length > 1 && isSuffix(tokens[tokens.length - 1] ?? ''))
    trailing.unshift((tokens.pop() ?? '').replace(/,$/, ''));
  out.suffix.unshift(...trailing);
  if (tokens.length === 1) {
    out.family.push(tokens[0] ?? '');
    return out;
  }
  let cut = tokens.length - 1;
  while (cut > 1 && nameParticles.has(tokens[cut - 1] ?? '')) cut--;
  out.given.push(tokens.slice(0, cut).join(' ').replace(/,$/, ''));
  out.family.push(tokens.slice(cut).join(' '));
  return out;
}

/**
 * Whether a source's structured name still describes a display name: the name is made of
 * exactly these parts (in any order, compared folded, periods ignored), with nothing but
 * spaces and commas left over. A rename to "Mike Angstadt" no longer fits {given: "Michael", …}.
 */
export function namePartsFit(parts: NameParts, name: string): boolean {
  // Periods do not count: "Mr" and "Mr.", "Jr" and "Jr." are the same part.
  const norm = (s: string): string => fold(s.replace(/\./g, ' ')).trim();
  let rest = norm(name);
  const values = [parts.prefix, parts.given, parts.additional, parts.family, parts.suffix]
    .filter((v): v is string => v !== undefined && v.trim() !== '')
    .map(norm)
    // Longest first, so "Ann" is not taken out of "Annabel" before "Annabel" is.
    .sort((a, b) => b.length - a.length);
  if (values.length === 0) return false;
  for (const v of values) {
    const at = rest.indexOf(v);
    if (at < 0) return false;
    rest = `${rest.slice(0, at)} ${rest.slice(at + v.length)}`;
  }
  return /^[\s,.]*$/.test(rest);
}
