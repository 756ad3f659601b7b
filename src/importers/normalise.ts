import { contactLimits, limits, stripInvisible } from '../core/text.js';
import { hasScheme, webUrl } from '../core/web-url.js';

/**
 * Cleaning and validation of single values, shared by every importer. Pure string functions.
 */

/**
 * Field limits (characters). Over the limit: truncated with a warning, except a name: rejected.
 * The text limits are core's (the README's Limits), the same for typed and imported values.
 */
export const LIMITS = {
  name: limits.name,
  company: limits.shortText,
  title: limits.shortText,
  notes: limits.notes,
  email: contactLimits.email,
  phone: contactLimits.phone,
  url: contactLimits.url,
  tag: limits.shortText,
  address: 500,
  /** Values kept per list field (emails, phones, urls, tags, addresses). */
  valuesPerField: 50,
  /** Decoded bytes of an inline photo. */
  photoBytes: 256 * 1024,
} as const;

// Invisible characters (controls, zero-width, bidi controls) are removed by core's
// `stripInvisible`, the same function that cleans typed names.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export interface Cleaned {
  value: string;
  truncated: boolean;
}

/** Cut at `limit` UTF-16 units without splitting a surrogate pair. */
export function truncate(s: string, limit: number): string {
  if (s.length <= limit) return s;
  const code = s.charCodeAt(limit - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

/**
 * Never normalise a multi-megabyte field in full: cut it to a generous multiple of the limit
 * first (NFC and stripping only ever shrink it by a bounded factor), then clean, then cut.
 */
function preCut(raw: string, limit: number): { s: string; cut: boolean } {
  const max = limit * 4 + 1024;
  return raw.length > max ? { s: raw.slice(0, max), cut: true } : { s: raw, cut: false };
}

/**
 * True when `s` is already clean one-line text: printable ASCII, no leading/trailing or double
 * spaces. Most cells of a real export are, and a char loop is far cheaper than the regexes
 * (measured: the regex chain was the largest cost of a 30,000-row LinkedIn import).
 */
function isPlainAscii(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (s.charCodeAt(0) === 0x20 || s.charCodeAt(n - 1) === 0x20) return false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
    const space = c === 0x20;
    if (space && prevSpace) return false;
    prevSpace = space;
  }
  return true;
}

const HAS_SURROGATE = /[\ud800-\udfff]/;

/** One-line text: newlines and tabs become spaces, controls go, NFC, whitespace collapsed. */
export function cleanLine(raw: string, limit: number): Cleaned {
  const { s, cut } = preCut(raw, limit);
  let value: string;
  if (isPlainAscii(s)) value = s;
  else {
    value = HAS_SURROGATE.test(s) ? s.replace(LONE_SURROGATE, '') : s;
    value = stripInvisible(value).normalize('NFC').replace(/\s+/g, ' ').trim();
  }
  return value.length > limit
    ? { value: truncate(value, limit).trimEnd(), truncated: true }
    : { value, truncated: cut };
}

/** Multi-line text (notes): line breaks kept as \n, other controls go, NFC, trimmed. */
export function cleanMultiline(raw: string, limit: number): Cleaned {
  const { s, cut } = preCut(raw, limit);
  const value = stripInvisible(s.replace(/\r\n?/g, '\n'))
    .replace(LONE_SURROGATE, '')
    .normalize('NFC')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return value.length > limit
    ? { value: truncate(value, limit).trimEnd(), truncated: true }
    : { value, truncated: cut };
}

// Name and phone comparison keys are the core's (the import plan keys people with them).
export { normaliseName, phoneKey } from '../core/identity.js';

const EMAIL_RE = /^[^\s@,;:<>()[\]"\\]+@[^\s@,;:<>()[\]"\\.]+(?:\.[^\s@,;:<>()[\]"\\.]+)+$/u;

/** A validated-looking, lower-cased address, or undefined. Accepts `mailto:` and `<…>` wrappers. */
export function cleanEmail(raw: string): string | undefined {
  let s = cleanLine(raw, LIMITS.email * 2).value;
  s = s.replace(/^mailto:/i, '').trim();
  if (s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1).trim();
  s = s.toLowerCase();
  if (s.length === 0 || s.length > LIMITS.email || !EMAIL_RE.test(s)) return undefined;
  return s;
}

/**
 * A phone number as written, with `tel:` URIs (vCard 4.0) unwrapped: `tel:+1-555-0100;ext=12`
 * becomes `+1-555-0100 ext. 12`. Undefined if it has fewer than three digits or is too long.
 */
export function cleanPhone(raw: string): string | undefined {
  let s = cleanLine(raw, LIMITS.phone * 4).value;
  if (/^tel:/i.test(s)) {
    const [number = '', ...params] = s.slice(4).split(';');
    let decoded = number;
    try {
      decoded = decodeURIComponent(number);
    } catch {
      // keep the raw number: a stray % is not worth losing the phone over
    }
    const ext = params.find((p) => /^ext=/i.test(p));
    s = ext ? `${decoded} ext. ${ext.slice(4)}` : decoded;
    s = s.trim();
  }
  const digits = s.replace(/\D/g, '');
  if (digits.length < 3 || s.length > LIMITS.phone) return undefined;
  return s;
}

/**
 * An http(s) URL, scheme added when missing (`www.example.com`), parsed and re-serialised.
 * Undefined if it is not a web address.
 */
export function cleanUrl(raw: string): string | undefined {
  const s = cleanLine(raw, LIMITS.url * 2).value;
  if (s === '') return undefined;
  // Without a scheme, only what looks like a host name is taken for a web address.
  if (!hasScheme(s) && !/^[^\s/:@]+\.[^\s/:@]+/.test(s)) return undefined;
  const url = webUrl(s);
  if (url === undefined || (!url.hostname.includes('.') && url.hostname !== 'localhost')) return undefined;
  return url.href.length > LIMITS.url ? undefined : url.href;
}

// One canonical LinkedIn URL for typed and imported profiles (src/core/linkedin.ts).
export { canonicalLinkedIn, isLinkedInHost } from '../core/linkedin.js';

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function daysIn(month: number, year: number | undefined): number {
  if (month === 2) {
    // Year unknown: 29 Feb is a real birthday.
    if (year === undefined) return 29;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** 'YYYY-MM-DD' / '--MM-DD' if the parts make a real date, else undefined. */
export function isoDate(year: number | undefined, month: number, day: number): string | undefined {
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (!Number.isInteger(day) || day < 1 || day > daysIn(month, year)) return undefined;
  if (year === undefined) return `--${pad2(month)}-${pad2(day)}`;
  if (!Number.isInteger(year) || year < 1 || year > 9999) return undefined;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Birthday forms seen in exports: `1980-04-14`, `19800414`, either with a time part, and
 * year-less `--0414` / `--04-14`. `omitYear` is Apple's X-APPLE-OMIT-YEAR (Apple stores a
 * year-less birthday as 1604-MM-DD and says so in that parameter; 1604 is treated as year-less
 * even without it).
 */
export function parseBirthday(raw: string, omitYear?: number): string | undefined {
  const s = raw.trim();
  let m = /^(\d{4})-?(\d{2})-?(\d{2})(?:T[\d:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    // Year 0000 is how some phones write "year unknown".
    const yearless = year === omitYear || year === 1604 || year === 0;
    return isoDate(yearless ? undefined : year, Number(m[2]), Number(m[3]));
  }
  m = /^--(\d{2})-?(\d{2})$/.exec(s);
  if (m) return isoDate(undefined, Number(m[1]), Number(m[2]));
  return undefined;
}

// English abbreviations as LinkedIn writes them, and full names as spreadsheets do (only the
// first three letters are looked up: `January`, `Sept`); German ones for the localised export
// and German spreadsheets (`Mär`/`Mrz`/`Maerz`, with or without a dot).
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  mär: 3,
  mrz: 3,
  mae: 3,
  apr: 4,
  may: 5,
  mai: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  okt: 10,
  nov: 11,
  dec: 12,
  dez: 12,
};

/** Day-first (`05/01/2026` is 5 January) or month-first (US: 5 January is `01/05/2026`). */
export type NumericDateOrder = 'day-first' | 'month-first';

// An optional time a spreadsheet may add: ` 00:00`, ` 0:00:00`, `T00:00:00`, `, 12:00 AM`.
const TIME = String.raw`(?:,?[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?)?`;
const NUMERIC_DATE = new RegExp(String.raw`^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})${TIME}$`);
const DOTTED_DATE = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})${TIME}$`);
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const DAY_MONTH_NAME = /^(\d{1,2})\.?[ /-]+(\p{L}{3,9})\.?,?[ /-]+(\d{4}|\d{2})$/u;
const MONTH_NAME_DAY = /^(\p{L}{3,9})\.?[ -]+(\d{1,2})(?:st|nd|rd|th)?,?[ -]+(\d{4}|\d{2})$/u;

/** `26` → 2026, `98` → 1998 (LinkedIn began in 2003; spreadsheets shorten years to two digits). */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

function monthNumber(word: string | undefined): number | undefined {
  return MONTHS[(word ?? '').slice(0, 3).toLowerCase()];
}

/**
 * Which order a file's ambiguous numeric dates (`a/b/yyyy`, `a-b-yy`) are in, judged from all of
 * them: a first part over 12 can only be a day, a second part over 12 only a day. Undefined when
 * no value settles it (every part ≤ 12), or when the values contradict each other evenly.
 */
export function numericDateOrder(values: Iterable<string>): NumericDateOrder | undefined {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const v of values) {
    const m = NUMERIC_DATE.exec(v.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) dayFirst++;
    if (Number(m[2]) > 12) monthFirst++;
  }
  if (dayFirst > monthFirst) return 'day-first';
  if (monthFirst > dayFirst) return 'month-first';
  return undefined;
}

/**
 * LinkedIn's `Connected On` in every form LinkedIn and spreadsheets write it: `03 Jan 2023`,
 * `5-Jan-26`, `5 January 2026`, `3. Jan. 2023`, `Jan 5, 2026`, `2026-01-05`, `05.01.2026`
 * (always day-first), and `05/01/2026` / `1/5/26`, read in `order` (default day-first), with
 * or without a time a spreadsheet appended. German month names too. Undefined if not a real date.
 */
export function parseConnectedOn(raw: string, order: NumericDateOrder = 'day-first'): string | undefined {
  const s = raw.trim().normalize('NFC');
  let m = /^(\d{2}) ([A-Z][a-z]{2}) (\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    if (month !== undefined) return isoDate(Number(m[3]), month, Number(m[1]));
  }
  m = DAY_MONTH_NAME.exec(s);
  if (m) {
    const month = monthNumber(m[2]);
    return month === undefined ? undefined : isoDate(fullYear(m[3] ?? ''), month, Number(m[1]));
  }
  m = MONTH_NAME_DAY.exec(s);
  if (m) {
    const month = monthNumber(m[1]);
    return month === undefined ? undefined : isoDate(fullYear(m[3] ?? ''), month, Number(m[2]));
  }
  m = YEAR_FIRST.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DOTTED_DATE.exec(s);
  if (m) return isoDate(fullYear(m[3] ?? ''), Number(m[2]), Number(m[1]));
  m = NUMERIC_DATE.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return order === 'day-first' ? isoDate(fullYear(m[3] ?? ''), b, a) : isoDate(fullYear(m[3] ?? ''), a, b);
  }
  return undefined;
}

/** Google puts every contact in the system group "myContacts" (CSV labels and vCard CATEGORIES alike): not a tag. */
export function isSystemGroup(tag: string): boolean {
  return /^\*?\s*(my ?contacts|system group: my contacts)$/i.test(tag.trim());
}

// Han, kana and Hangul: names written in them put the family name first.
const EAST_ASIAN = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー・\s]+$/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The display name of a structured name, in the order its script writes it: "Dr. Anna Müller
 * Jr." from its parts, but 王伟, 이서연 and 山田 花子 family name first (Chinese and Korean without a
 * space; a Japanese name with kana keeps the space its address books show).
 * @example nameFromParts({ given: '伟', family: '王' }) === '王伟'
 */
export function nameFromParts(p: {
  prefix?: string | undefined;
  given?: string | undefined;
  additional?: string | undefined;
  family?: string | undefined;
  suffix?: string | undefined;
}): string {
  const t = (s: string | undefined): string => (s ?? '').trim();
  const given = t(p.given);
  const family = t(p.family);
  const additional = t(p.additional);
  if (given !== '' && family !== '' && EAST_ASIAN.test(given + family + additional)) {
    const sep = KANA.test(given + family) ? ' ' : '';
    return [
      t(p.prefix),
      `${family}${sep}${[given, additional].filter((x) => x !== '').join(sep)}`,
      t(p.suffix),
    ]
      .filter((x) => x !== '')
      .join(' ');
  }
  return [p.prefix, given, additional, family, p.suffix]
    .map(t)
    .filter((x) => x !== '')
    .join(' ');
}
