/**
 * Names as a draft uses them: the first name to greet someone by, the full name to mention
 * someone else, and a matcher that finds a person's name inside a text they are the subject of.
 */
import { honorificPrefixes, honorificSuffixes, nameParticles } from '../names.js';

const titles = honorificPrefixes;
const suffixes = honorificSuffixes;
const particles = nameParticles;

const bare = (w: string): string => w.replace(/[.,]/g, '').toLowerCase();

/** "jean-luc" → "Jean-Luc", "ANNA" → "Anna"; a name written with care ("McKenzie") is kept. */
function capitalise(word: string): string {
  const letters = word.replace(/[^\p{L}]/gu, '');
  const all = letters === letters.toLowerCase() || (letters.length > 1 && letters === letters.toUpperCase());
  if (!all) return word;
  return word
    .toLowerCase()
    .replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, ch: string) => `${sep}${ch.toUpperCase()}`);
}

/** Emoji, a "(she/her)" or "(Acme)" after the name, and stray punctuation go. */
function clean(name: string): string {
  return name
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/\p{Extended_Pictographic}|\u200d|\ufe0f|[|•·]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The name to greet someone by: the first given name, capitalised when it was typed all in
 * lower or upper case; a nickname in quotes wins; "Family, Given" is read as written; a title
 * with only a family name stays formal.
 * @example firstName('Dr. Anna Schmidt') === 'Anna'
 * @example firstName('ludwig van beethoven') === 'Ludwig'
 * @example firstName('Dr. Schmidt') === 'Dr. Schmidt'
 */
export function firstName(name: string): string {
  const nick = /["“”«»]([^"“”«»]+)["“”«»]/u.exec(name)?.[1]?.trim();
  if (nick) return capitalise(nick.split(' ')[0] ?? nick);
  const cleaned = clean(name);
  if (cleaned === '') return name.trim();
  const segments = cleaned.split(',').map((s) => s.trim());
  const afterComma = segments[1];
  // "Smith, John" (but not "John Smith, PhD").
  const words =
    segments.length === 2 && afterComma && !afterComma.split(' ').every((w) => suffixes.has(bare(w)))
      ? afterComma.split(' ')
      : (segments[0] ?? '').split(' ');
  const rest = words.filter((w) => w !== '');
  const title: string[] = [];
  while (rest.length > 1 && titles.has(bare(rest[0] ?? ''))) title.push(rest.shift() ?? '');
  while (rest.length > 1 && suffixes.has(bare(rest[rest.length - 1] ?? ''))) rest.pop();
  const first = rest[0] ?? cleaned;
  // "Dr. Schmidt": with no given name, the title is the polite form.
  if (title.length > 0 && rest.length === 1) return `${title.map(capitalise).join(' ')} ${capitalise(first)}`;
  return capitalise(first);
}

/**
 * A full name as it should read in a sentence: capitalised when typed in one case, particles
 * kept lower-case after the first word, emoji and parenthesised notes removed.
 * @example displayName('priya raman') === 'Priya Raman'
 * @example displayName('ludwig van beethoven') === 'Ludwig van Beethoven'
 */
export function displayName(name: string): string {
  let cleaned = clean(name);
  if (cleaned === '') return name.trim();
  // "van der Berg, Jan" reads "Jan van der Berg" in a sentence.
  const [family, given, ...more] = cleaned.split(',').map((s) => s.trim());
  if (family && given && more.length === 0 && !given.split(' ').every((w) => suffixes.has(bare(w))))
    cleaned = `${given} ${family}`;
  return cleaned
    .split(' ')
    .map((w, i) => (i > 0 && particles.has(w.toLowerCase()) ? w.toLowerCase() : capitalise(w)))
    .join(' ');
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The ways a person may be named in a text: the full name as typed and as displayed, the
 * first name, the given name without its title. Longest first, so the full name is found
 * before the first name inside it. The first name is left out when `avoid` (another person in
 * the same draft) shares it, so neither is mistaken for the other.
 */
export function nameForms(name: string, avoid: readonly string[] = []): string[] {
  const forms = new Set([name.trim(), clean(name), displayName(name)]);
  const first = firstName(name);
  if (!avoid.some((o) => firstName(o).toLowerCase() === first.toLowerCase())) forms.add(first);
  return [...forms].filter((f) => f.length > 1).sort((a, b) => b.length - a.length);
}

const wordsOf = (forms: readonly string[]): string =>
  `(?<![\\p{L}\\p{M}\\p{N}])(?:${forms.map(escape).join('|')})(?![\\p{L}\\p{M}\\p{N}])`;

/**
 * Regexes that find a person's name forms as whole words: a full name in any case ("priya
 * raman"), a single word only as written or capitalised, so that "Will" is not found in "I will
 * send" nor "May" in "may".
 */
export function nameRegexes(forms: readonly string[]): RegExp[] {
  const full = forms.filter((f) => f.includes(' '));
  const single = [...new Set(forms.filter((f) => !f.includes(' ')).flatMap((f) => [f, capitalise(f)]))];
  return [
    ...(full.length > 0 ? [new RegExp(wordsOf(full), 'giu')] : []),
    ...(single.length > 0 ? [new RegExp(wordsOf(single), 'gu')] : []),
  ];
}
