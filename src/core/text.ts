import { invalid } from './errors.js';

/**
 * Size limits (characters) for text a person types or a file brings: the one source for the CLI,
 * the API and the importers. Documented in the README.
 */
export const limits = {
  name: 200,
  shortText: 200, // company, title, met, tag, place
  text: 2_000, // needs, offers, goals, notes on interactions, promises, reasons
  notes: 10_000, // free notes on a person
} as const;

/** Size limits (characters) of contact details, typed or imported alike. */
export const contactLimits = {
  email: 254, // RFC 5321: the longest address a mail server accepts
  phone: 64,
  url: 2_048,
} as const;

/**
 * Characters that make text display as something else or not at all: C0/C1 controls (tab and
 * line breaks are handled by the callers), zero-width space, word joiner, BOM, and the bidi
 * embedding/override/isolate controls (U+202A–202E, U+2066–2069).
 */
const INVISIBLE = /(?![\t\n\r])[\p{Cc}\u200b\u2060\u202a-\u202e\u2066-\u2069\ufeff]/gu;
/**
 * ZWNJ/ZWJ (U+200C/D) are kept inside a word or an emoji sequence (Persian and Indic names and
 * family emoji need them) and removed anywhere else (beside a space, at either end, alone).
 */
const JOINABLE = '\\p{L}\\p{M}\\p{N}\\p{Extended_Pictographic}\\p{Emoji_Modifier}';
const LOOSE_JOINERS = new RegExp(
  `(?<![${JOINABLE}])[\\u200c\\u200d]+|[\\u200c\\u200d]+(?![${JOINABLE}])`,
  'gu',
);

/**
 * Removes the invisible characters above, for typed and imported text alike.
 * @example stripInvisible('Jonas\u200B Weber') === 'Jonas Weber'
 */
export function stripInvisible(s: string): string {
  const out = s.replace(INVISIBLE, '');
  return out.includes('\u200c') || out.includes('\u200d') ? out.replace(LOOSE_JOINERS, '') : out;
}

/**
 * A typed name (CLI or API) as stored, or why it is refused: invisible characters removed, NFC,
 * runs of spaces collapsed, trimmed. A line break or tab inside a name is refused rather than
 * guessed at (it is almost always a paste that took more than the name); so is a name with
 * nothing visible left, and invalid UTF-8 (U+FFFD).
 */
export function cleanName(raw: string): { ok: true; name: string } | { ok: false; problem: string } {
  const bad = unicodeProblem(raw);
  if (bad !== undefined) return { ok: false, problem: bad };
  const s = stripInvisible(raw).normalize('NFC').trim();
  if (/[\t\n\r\v\f\u0085\u2028\u2029]/.test(s))
    return { ok: false, problem: 'must be on one line (no line breaks or tabs)' };
  const name = s.replace(/\s+/g, ' ');
  if (name === '') return { ok: false, problem: 'must not be empty (nothing visible is left)' };
  return { ok: true, name };
}

/** U+FFFD, what invalid UTF-8 in an argument or a body decodes to. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** Half of a surrogate pair alone: a JSON body can say `"\ud800"`, which no UTF-8 can hold. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string is not valid text, or undefined: invalid UTF-8 (decoded as U+FFFD), or a lone
 * surrogate (stored, it would read back as U+FFFD).
 */
export function unicodeProblem(s: string): string | undefined {
  if (s.includes(REPLACEMENT_CHARACTER)) return 'contains invalid UTF-8 (U+FFFD)';
  if (LONE_SURROGATE.test(s)) return 'contains invalid UTF-8 (a lone surrogate, such as \\ud800)';
  return undefined;
}

/**
 * User input echoed in a message, cut to its first `max` characters (a 100 KB argument must not
 * come back in the error).
 * @example echo('a'.repeat(100)) === 'a'.repeat(60) + '…'
 */
export function echo(s: string, max = 60): string {
  const chars = Array.from(s.length > max * 2 + 8 ? s.slice(0, max * 2 + 8) : s);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : s;
}

/**
 * Folds a string for comparison and search: lower-case, accents removed, spaces collapsed.
 * @example fold('  José  Müller ') === 'jose muller'
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A reference to someone (an id or a name prefix), a search term or a filter as typed: trimmed,
 * or what is wrong with it. Bounded before any query is built from it (a 100 KB argument must
 * not reach the database). The one rule behind `refText` (the schemas) and the lookups that
 * check a single value without loading a schema library.
 * @example refText(' Ana ', 200) === { ok: true, value: 'Ana' }
 */
export function refText(
  raw: string,
  max: number,
): { ok: true; value: string } | { ok: false; problem: string } {
  const bad = unicodeProblem(raw);
  if (bad !== undefined) return { ok: false, problem: bad };
  const value = raw.trim();
  if (value.length < 1) return { ok: false, problem: 'must not be empty' };
  // Characters (code points); a string within the limit in UTF-16 units is within it in characters.
  if (value.length > max && Array.from(value).length > max)
    return { ok: false, problem: `at most ${max} characters` };
  return { ok: true, value };
}

/** Trims, NFC-normalises and strips control characters; checks non-empty and the length limit. */
export function cleanText(
  value: string,
  field: string,
  max: number,
  opts: { required?: boolean } = {},
): string {
  if (value.includes(REPLACEMENT_CHARACTER))
    throw invalid(`${field} contains invalid UTF-8 (U+FFFD): send it as UTF-8`, [
      { path: field, message: 'contains invalid UTF-8 (U+FFFD)' },
    ]);
  const cleaned = stripInvisible(value).normalize('NFC').trim();
  if (cleaned === '' && opts.required !== false)
    throw invalid(`${field} is empty`, [{ path: field, message: 'must not be empty' }]);
  if (Array.from(cleaned).length > max)
    throw invalid(`${field} is too long (${Array.from(cleaned).length} characters; at most ${max})`, [
      { path: field, message: `at most ${max} characters` },
    ]);
  return cleaned;
}

export function optionalText(value: string | undefined, field: string, max: number): string | undefined {
  if (value === undefined) return undefined;
  const cleaned = cleanText(value, field, max, { required: false });
  return cleaned === '' ? undefined : cleaned;
}
