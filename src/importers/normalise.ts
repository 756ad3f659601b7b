import { limits, stripInvisible } from '../core/text.js';

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
  email: 254, // RFC 5321 path limit
  phone: 64,
  url: 2_048,
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

/**
 * Lower-case, accents stripped (NFD + combining marks removed), whitespace collapsed: the form
 * used to compare names and companies across imports.
 * @example normaliseName('  José  MÜLLER ') === 'jose muller'
 */
export function normaliseName(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim().normalize('NFC');
}

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

/** Two spellings of one number (`+1 555 0100`, `+1-555-0100`) share this key. */
export function phoneKey(phone: string): string {
  return phone.replace(/[^\d+x]/gi, '').toLowerCase();
}

/**
 * An http(s) URL, scheme added when missing (`www.example.com`), parsed and re-serialised.
 * Undefined if it is not a web address.
 */
export function cleanUrl(raw: string): string | undefined {
  let s = cleanLine(raw, LIMITS.url * 2).value;
  if (s === '') return undefined;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) {
    if (!/^[^\s/:@]+\.[^\s/:@]+/.test(s)) return undefined;
    s = `https://${s}`;
  }
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return undefined;
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

// English abbreviations as LinkedIn writes them; German ones for the localised export
// (unconfirmed format, so both `Mär`/`Mrz`, with or without a dot, are accepted).
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  mär: 3,
  mrz: 3,
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

/** LinkedIn's `Connected On`: `03 Jan 2023` (also `3. Jan. 2023`, `03.01.2023`, ISO). */
export function parseConnectedOn(raw: string): string | undefined {
  const s = raw.trim().normalize('NFC');
  let m = /^(\d{2}) ([A-Z][a-z]{2}) (\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    if (month !== undefined) return isoDate(Number(m[3]), month, Number(m[1]));
  }
  m = /^(\d{1,2})\.?[ -]+(\p{L}{3,9})\.?[ -]+(\d{4})$/u.exec(s);
  if (m) {
    const month = MONTHS[(m[2] ?? '').slice(0, 3).toLowerCase()];
    return month === undefined ? undefined : isoDate(Number(m[3]), month, Number(m[1]));
  }
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return undefined;
}

/** Google puts every contact in the system group "myContacts" (CSV labels and vCard CATEGORIES alike): not a tag. */
export function isSystemGroup(tag: string): boolean {
  return /^\*?\s*(my ?contacts|system group: my contacts)$/i.test(tag.trim());
}
