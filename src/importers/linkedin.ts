import { Collector } from './collect.js';
import { isBlankRow, tokenizeCsv } from './csv.js';
import type { CsvRow } from './csv.js';
import { decodeText } from './decode.js';
import { describeFirstLine, guessFormat } from './sniff-format.js';
import { PersonBuilder } from './person-builder.js';
import type { FormatMismatch, ImportOptions, ImportResult } from './types.js';

type Column = 'first' | 'last' | 'url' | 'email' | 'company' | 'position' | 'connectedOn';

const ENGLISH = ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'];
// The German export's header as public parsers handle it (unconfirmed from a live export).
const GERMAN = ['Vorname', 'Nachname', 'URL', 'E-Mail-Adresse', 'Unternehmen', 'Position', 'Verbunden am'];
const COLUMNS: readonly Column[] = ['first', 'last', 'url', 'email', 'company', 'position', 'connectedOn'];

const EXPECTED = `a LinkedIn Connections.csv with the header "${ENGLISH.join(',')}"`;

/** Header cell → column, for both languages, compared case- and space-insensitively. */
const HEADER_NAMES = new Map<string, Column>(
  [ENGLISH, GERMAN].flatMap((names) => names.map((n, i) => [key(n), COLUMNS[i] ?? 'first'] as const)),
);

function key(cell: string): string {
  return cell
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** Column positions if `fields` is a LinkedIn header (names, URL at least), else undefined. */
function headerIndex(fields: readonly string[]): Map<Column, number> | undefined {
  const index = new Map<Column, number>();
  fields.forEach((f, i) => {
    const col = HEADER_NAMES.get(key(f));
    if (col && !index.has(col)) index.set(col, i);
  });
  return index.has('first') && index.has('last') && index.has('url') ? index : undefined;
}

// The preamble is a few lines; a header further down than this is not a LinkedIn export.
const HEADER_SCAN_ROWS = 50;

/**
 * LinkedIn `Connections.csv`. The export starts with a notes preamble (`Notes:`, a quoted
 * sentence, a blank line) whose length has changed over time, so the header is found by
 * scanning for it; columns are then mapped by name.
 */
export function parseLinkedIn(bytes: Uint8Array, opts?: ImportOptions): ImportResult | FormatMismatch {
  const decoded = decodeText(bytes, EXPECTED);
  if (!decoded.ok) return decoded;
  const { rows, unterminated } = tokenizeCsv(decoded.text);

  let headerAt = -1;
  let index: Map<Column, number> | undefined;
  for (let i = 0; i < Math.min(rows.length, HEADER_SCAN_ROWS); i++) {
    index = headerIndex(rows[i]?.fields ?? []);
    if (index) {
      headerAt = i;
      break;
    }
  }
  if (!index) {
    return {
      ok: false,
      code: 'wrong_format',
      message: `Expected ${EXPECTED} (or its German form "${GERMAN.join(',')}"), but found ${guessFormat(decoded.text)}; the first line is ${describeFirstLine(decoded.text)}.`,
    };
  }
  const header = rows[headerAt];
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
    const name = `${cell(f, 'first').trim()} ${cell(f, 'last').trim()}`;
    if (name.trim() === '') {
      // Members who hid or closed their profile export as a row with only a URL.
      out.reject({
        ref,
        field: 'name',
        code: 'hidden_profile',
        message: `No name (hidden or closed profile${cell(f, 'url').trim() ? `: ${cell(f, 'url').trim()}` : ''}): skipped.`,
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
    b.setLinkedInProfile(cell(f, 'url'), 'URL');
    b.addEmail(cell(f, 'email'), 'Email Address');
    b.setCompany(cell(f, 'company'), 'Company');
    b.setTitle(cell(f, 'position'), 'Position');
    b.setConnectedOn(cell(f, 'connectedOn'), 'Connected On');
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
