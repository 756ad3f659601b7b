import { Collector } from '../../importers/collect.js';
import { isBlankRow, tokenizeCsv } from '../csv/read.js';
import type { CsvRow, CsvSeparator } from '../csv/read.js';
import { decodeText } from '../../importers/decode.js';
import { nameFromParts, numericDateOrder } from '../../importers/normalise.js';
import type { NumericDateOrder } from '../../importers/normalise.js';
import { describeFirstLine, guessFormat } from '../../importers/sniff-format.js';
import { PersonBuilder } from '../../importers/person-builder.js';
import type { FormatMismatch, ImportOptions, ImportResult } from '../../importers/types.js';

type Column =
  | 'first'
  | 'last'
  | 'url'
  | 'email'
  | 'company'
  | 'position'
  | 'connectedOn'
  | 'address'
  | 'websites'
  | 'messengers'
  | 'notes'
  | 'tags';

const ENGLISH = ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'];
// The German export's header as public parsers handle it (unconfirmed from a live export).
const GERMAN = ['Vorname', 'Nachname', 'URL', 'E-Mail-Adresse', 'Unternehmen', 'Position', 'Verbunden am'];

const EXPECTED = `a LinkedIn Connections.csv with the header "${ENGLISH.join(',')}"`;
const ALSO =
  `(or an older or re-saved form of it: First Name and Last Name plus at least one of Email Address, ` +
  `Company, Position, Connected On or URL, separated by commas, semicolons or tabs; or the German ` +
  `"${GERMAN.join(',')}")`;

/**
 * Header names, compared loosely: case, spaces, hyphens, underscores and dots are ignored, so
 * "FirstName", "First name", "first_name", "EmailAddress", "E-mail Address" all match.
 * LinkedIn's layouts over the years: the current seven columns; six without URL (for years);
 * nine, "First Name,Last Name,Address,Email Address,Company,Position,Connected On,Websites,
 * Instant Messengers" (around 2018).
 */
const ALIASES: Record<Column, readonly string[]> = {
  first: ['First Name', 'Vorname'],
  last: ['Last Name', 'Nachname'],
  url: ['URL', 'Profile URL', 'LinkedIn URL', 'Profil-URL'],
  email: ['Email Address', 'Email', 'E-Mail-Adresse'],
  company: ['Company', 'Unternehmen'],
  position: ['Position'],
  connectedOn: ['Connected On', 'Verbunden am', 'Verbunden seit'],
  address: ['Address', 'Adresse'],
  websites: ['Websites', 'Website'],
  messengers: ['Instant Messengers'],
  notes: ['Notes', 'Notizen'],
  tags: ['Tags'],
};
const GERMAN_KEYS = new Set(GERMAN.map(key));

/** Columns that make a first/last-name header a LinkedIn one (notes and tags are too common). */
const LINKEDIN_COLUMNS: readonly Column[] = [
  'url',
  'email',
  'company',
  'position',
  'connectedOn',
  'address',
  'websites',
  'messengers',
];

const HEADER_NAMES = new Map<string, Column>(
  (Object.entries(ALIASES) as [Column, readonly string[]][]).flatMap(([col, names]) =>
    names.map((n) => [key(n), col] as const),
  ),
);

function key(cell: string): string {
  return cell
    .replace(/^\ufeff/, '')
    .toLowerCase()
    .replace(/[\s_.-]+/g, '');
}

interface Header {
  index: Map<Column, number>;
  /** Named columns Tend has no field for: kept in the notes as "Name: value". */
  extra: { at: number; name: string }[];
  german: boolean;
}

/** Column positions if `fields` is a LinkedIn header, else undefined. */
function readHeader(fields: readonly string[]): Header | undefined {
  const index = new Map<Column, number>();
  const extra: { at: number; name: string }[] = [];
  let german = false;
  for (const [i, f] of fields.entries()) {
    const k = key(f);
    // Google's CSV also has first/last names; its numbered groups and labels give it away.
    if (k === 'labels' || k === 'groupmembership' || / \d+ - /.test(f)) return undefined;
    const col = HEADER_NAMES.get(k);
    if (GERMAN_KEYS.has(k) && k !== 'position' && k !== 'url') german = true;
    if (col && !index.has(col)) index.set(col, i);
    else if (k !== '') extra.push({ at: i, name: f.replace(/^\ufeff/, '').trim() });
  }
  // LinkedIn's layouts have at most nine columns: a header with many more that Tend does not
  // know (Outlook's 90-column contacts CSV shares its name and email headings) is another format.
  const ok =
    index.has('first') &&
    index.has('last') &&
    LINKEDIN_COLUMNS.some((c) => index.has(c)) &&
    extra.length <= Math.max(3, index.size);
  return ok ? { index, extra, german } : undefined;
}

// The preamble is a few lines; a header further down than this is not a LinkedIn export.
const HEADER_SCAN_ROWS = 100;
// Enough text to hold any preamble and the header, for choosing the separator.
const HEAD_CHARS = 64 * 1024;
const SEPARATORS: readonly CsvSeparator[] = [',', ';', '\t'];

interface Found {
  separator: CsvSeparator;
  header: Header;
}

/** Tokenise the head with each separator and keep the one whose header is found and fullest. */
function findHeader(text: string): Found | undefined {
  const head = text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text;
  let best: Found | undefined;
  for (const separator of SEPARATORS) {
    const { rows } = tokenizeCsv(head, separator);
    for (let i = 0; i < Math.min(rows.length, HEADER_SCAN_ROWS); i++) {
      const header = readHeader(rows[i]?.fields ?? []);
      if (!header) continue;
      if (!best || header.index.size > best.header.index.size) best = { separator, header };
      break;
    }
  }
  return best;
}

/**
 * LinkedIn `Connections.csv`, in every layout people have: the current seven columns, the
 * six-column one without URL, the older nine-column one, the German header, and files re-saved
 * by a spreadsheet (semicolons or tabs, Windows-1252, loosely spelt headers, other date forms).
 * The export starts with a notes preamble whose length has changed over time, so the header is
 * found by its columns; columns are then mapped by name.
 */
export function parseLinkedIn(bytes: Uint8Array, opts?: ImportOptions): ImportResult | FormatMismatch {
  const decoded = decodeText(bytes, EXPECTED);
  if (!decoded.ok) return decoded;
  const found = findHeader(decoded.text);
  if (!found) {
    return {
      ok: false,
      code: 'wrong_format',
      message: `Expected ${EXPECTED} ${ALSO}, but found ${guessFormat(decoded.text)}; the first line is ${describeFirstLine(decoded.text)}.`,
    };
  }
  const { rows, unterminated } = tokenizeCsv(decoded.text, found.separator);
  const headerAt = rows.findIndex((r) => readHeader(r.fields) !== undefined);
  const header = rows[headerAt];
  const { index, extra } = readHeader(header?.fields ?? []) ?? found.header;
  const headerLine = header?.line ?? 0;
  const width = header?.fields.length ?? ENGLISH.length;
  // A blank line is not a record; a row of empty cells (",,,,,,") is, and gets reported.
  const isRecord = (r: CsvRow): boolean => r.fields.length > 1 || !isBlankRow(r.fields);
  let count = 0;
  for (let i = headerAt + 1; i < rows.length; i++) if (isRecord(rows[i] ?? { fields: [], line: 0 })) count++;
  const lateUnterminated = unterminated.filter((l) => l > headerLine);
  const out = new Collector(count + lateUnterminated.length, opts);

  const cell = (fields: readonly string[], col: Column): string => {
    const i = index.get(col);
    return i === undefined ? '' : (fields[i] ?? '');
  };
  const hasOlderColumns = (['address', 'websites', 'messengers', 'notes', 'tags'] as const).some((c) =>
    index.has(c),
  );
  const order = dateOrder(rows.slice(headerAt + 1), cell, found.separator, found.header.german);

  // Unterminated quotes are reported in line order with the rows around them.
  let u = 0;
  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i];
    if (!row || !isRecord(row)) continue;
    while (u < lateUnterminated.length && (lateUnterminated[u] ?? 0) < row.line)
      rejectUnterminated(lateUnterminated[u++]);
    const ref = `line ${row.line}`;
    const f = row.fields;
    if (isBlankRow(f)) {
      out.reject({ ref, code: 'empty_row', message: 'Row has only empty cells: skipped.' });
      continue;
    }
    const first = cell(f, 'first');
    const last = cell(f, 'last');
    const name = nameFromParts({ given: first, family: last });
    if (name.trim() === '') {
      // Members who hid or closed their profile export as a row without a name.
      const url = cell(f, 'url').trim();
      out.reject({
        ref,
        field: 'name',
        code: 'hidden_profile',
        message: `No name (hidden or closed profile${url ? `: ${url}` : ''}): skipped.`,
      });
      continue;
    }
    const b = new PersonBuilder('linkedin', ref);
    if (f.length !== width)
      b.warn(
        undefined,
        'column_count',
        `Row has ${f.length} cells, the header ${width}: mapped by position anyway.`,
      );
    b.setName(name, 'First Name');
    b.setNameParts({ given: first, family: last });
    b.setLinkedInProfile(cell(f, 'url'), 'URL');
    b.addEmail(cell(f, 'email'), 'Email Address');
    b.setCompany(cell(f, 'company'), 'Company');
    b.setTitle(cell(f, 'position'), 'Position');
    b.setConnectedOn(cell(f, 'connectedOn'), 'Connected On', order);
    if (hasOlderColumns) {
      b.addAddress(cell(f, 'address'), 'Address');
      websites(b, cell(f, 'websites'));
      const messengers = cell(f, 'messengers').trim();
      if (messengers !== '') b.addNote(`Instant Messengers: ${messengers}`);
      b.addNote(cell(f, 'notes'));
      for (const tag of cell(f, 'tags').split(/[,;]/)) b.addTag(tag, 'Tags');
    }
    for (const x of extra) {
      const v = (f[x.at] ?? '').trim();
      if (v !== '') b.addNote(`${x.name}: ${v}`);
    }
    out.add(b.build());
  }
  while (u < lateUnterminated.length) rejectUnterminated(lateUnterminated[u++]);
  return out.finish('linkedin', decoded.encoding);

  function rejectUnterminated(line: number | undefined): void {
    out.reject({
      ref: `line ${line ?? 0}`,
      code: 'unterminated_quote',
      message: 'A quoted cell is never closed: this row was skipped.',
    });
  }
}

/**
 * The order of this file's numeric `Connected On` dates (`05/01/2026`). LinkedIn itself writes
 * `03 Jan 2023`; numeric dates come from a spreadsheet in the user's locale, so the file decides:
 * a part over 12 anywhere settles it. Otherwise a German header or semicolons (what spreadsheets
 * write where the comma is the decimal separator, i.e. day-first locales) mean day-first, and a
 * comma- or tab-separated English file means month-first (US spreadsheets). See
 * docs/decisions/0003-importers.md.
 */
function dateOrder(
  rows: readonly CsvRow[],
  cell: (fields: readonly string[], col: Column) => string,
  separator: CsvSeparator,
  german: boolean,
): NumericDateOrder {
  const decided = numericDateOrder(rows.map((r) => cell(r.fields, 'connectedOn')));
  if (decided) return decided;
  return german || separator === ';' ? 'day-first' : 'month-first';
}

/** The old layout's `Websites` cell: every web address in it; text without one goes to the notes. */
function websites(b: PersonBuilder, raw: string): void {
  const text = raw.trim();
  if (text === '') return;
  const urls = text.match(/(?:https?:\/\/|www\.)[^\s,;"<>]+/gi) ?? [];
  for (const url of urls) b.addUrl(url, 'Websites');
  if (urls.length === 0) b.addNote(`Websites: ${text}`);
}
