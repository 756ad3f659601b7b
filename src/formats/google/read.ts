import { Collector } from '../../importers/collect.js';
import { isBlankRow, tokenizeCsv } from '../csv/read.js';
import { decodeText } from '../../importers/decode.js';
import { isSystemGroup, nameFromParts } from '../../importers/normalise.js';
import { ORDINARY, PersonBuilder, PRIMARY } from '../../importers/person-builder.js';
import { describeFirstLine, guessFormat } from '../../importers/sniff-format.js';
import type { FormatMismatch, ImportOptions, ImportResult } from '../../importers/types.js';

const EXPECTED =
  'a Google Contacts CSV (a header with "First Name,…,Labels,E-mail 1 - Label,E-mail 1 - Value,…" or the older "Name,Given Name,…,Group Membership,E-mail 1 - Type,E-mail 1 - Value,…")';

/** Google joins several values of one cell with this. */
const MULTI = ' ::: ';

/** `E-mail 3 - Value` → kind `e-mail`, n 3, part `value`. */
const GROUP_RE = /^(.+?) (\d+) - (.+)$/;

interface Groups {
  /** kind → group number → part → column index, groups in numeric order. */
  byKind: Map<string, Map<number, Map<string, number>>>;
}

class Header {
  private readonly single = new Map<string, number>();
  private readonly groups: Groups = { byKind: new Map() };

  constructor(fields: readonly string[]) {
    fields.forEach((raw, i) => {
      const name = raw
        .replace(/^\ufeff/, '')
        .trim()
        .toLowerCase();
      if (!this.single.has(name)) this.single.set(name, i);
      const m = GROUP_RE.exec(name);
      if (!m) return;
      const [, kind = '', n = '0', part = ''] = m;
      let byNumber = this.groups.byKind.get(kind);
      if (!byNumber) this.groups.byKind.set(kind, (byNumber = new Map<number, Map<string, number>>()));
      let parts = byNumber.get(Number(n));
      if (!parts) byNumber.set(Number(n), (parts = new Map<string, number>()));
      if (!parts.has(part)) parts.set(part, i);
    });
  }

  has(name: string): boolean {
    return this.single.has(name.toLowerCase());
  }

  index(name: string): number | undefined {
    return this.single.get(name.toLowerCase());
  }

  /** The numbered groups of `kind` (e.g. 'e-mail'), in number order, as part → index. */
  groupsOf(kind: string): Map<string, number>[] {
    const byNumber = this.groups.byKind.get(kind);
    if (!byNumber) return [];
    return [...byNumber.entries()].sort((a, b) => a[0] - b[0]).map(([, parts]) => parts);
  }

  hasGroup(kind: string): boolean {
    return this.groups.byKind.has(kind);
  }
}

/** Is this a Google header at all? A name column plus something only Google writes. */
function isGoogleHeader(h: Header): boolean {
  const named = h.has('First Name') || h.has('Given Name') || h.has('Name') || h.has('Last Name');
  const googleOnly =
    h.has('Labels') ||
    h.has('Group Membership') ||
    h.has('Organization Name') ||
    h.has('File As') ||
    h.hasGroup('e-mail') ||
    h.hasGroup('phone') ||
    h.hasGroup('organization');
  return named && googleOnly;
}

function split(cell: string): string[] {
  return cell.split(MULTI).map((v) => v.trim());
}

/** Google marks the primary value's label with a leading `* `. */
function isPrimary(label: string | undefined): boolean {
  return label?.trimStart().startsWith('* ') === true || label?.trim() === '*';
}

/**
 * Google Contacts CSV, current and legacy generations. Columns are mapped by header name only:
 * the number of `E-mail n`/`Phone n`/… groups varies with the data, so positions shift.
 */
export function parseGoogle(bytes: Uint8Array, opts?: ImportOptions): ImportResult | FormatMismatch {
  const decoded = decodeText(bytes, EXPECTED);
  if (!decoded.ok) return decoded;
  const { rows, unterminated } = tokenizeCsv(decoded.text);
  const firstAt = rows.findIndex((r) => !isBlankRow(r.fields));
  const headerRow = rows[firstAt];
  const header = headerRow ? new Header(headerRow.fields) : undefined;
  if (!headerRow || !header || !isGoogleHeader(header)) {
    return {
      ok: false,
      code: 'wrong_format',
      message: `Expected ${EXPECTED}, but found ${guessFormat(decoded.text)}; the first line is ${describeFirstLine(decoded.text)}.`,
    };
  }
  const width = headerRow.fields.length;
  const data = rows.slice(firstAt + 1).filter((r) => !isBlankRow(r.fields) || r.fields.length > 1);
  const broken = unterminated.filter((l) => l > headerRow.line);
  const out = new Collector(data.length + broken.length, opts);

  let u = 0;
  const flushBroken = (before: number): void => {
    while (u < broken.length && (broken[u] ?? 0) < before) {
      out.reject({
        ref: `line ${broken[u++] ?? 0}`,
        code: 'unterminated_quote',
        message: 'A quoted cell is never closed: this row was skipped.',
      });
    }
  };

  for (const row of data) {
    flushBroken(row.line);
    const ref = `line ${row.line}`;
    const f = row.fields;
    if (isBlankRow(f)) {
      out.reject({ ref, code: 'empty_row', message: 'Row has only empty cells: skipped.' });
      continue;
    }
    const get = (name: string): string => {
      const i = header.index(name);
      return i === undefined ? '' : (f[i] ?? '');
    };
    const at = (i: number | undefined): string => (i === undefined ? '' : (f[i] ?? ''));
    const b = new PersonBuilder('google', ref);
    if (f.length > width)
      b.warn(
        undefined,
        'column_count',
        `Row has ${f.length} cells, the header ${width}: the extra cells were ignored.`,
      );

    // Name: the display `Name` (legacy) or the parts; then nickname / "File As".
    b.setName(get('Name'), 'Name');
    const given = get('First Name') || get('Given Name');
    const additional = get('Middle Name') || get('Additional Name');
    const family = get('Last Name') || get('Family Name');
    b.setNameParts({
      prefix: get('Name Prefix'),
      given,
      additional,
      family,
      suffix: get('Name Suffix'),
    });
    b.setName(
      nameFromParts({ prefix: get('Name Prefix'), given, additional, family, suffix: get('Name Suffix') }),
      'First Name',
    );
    b.setName(get('Nickname'), 'Nickname');
    b.setName(get('File As'), 'File As');

    // Organisation: current single columns, else the numbered legacy groups; first value wins.
    b.setCompany(split(get('Organization Name'))[0] ?? '', 'Organization Name');
    b.setTitle(split(get('Organization Title'))[0] ?? '', 'Organization Title');
    for (const [n, g] of header.groupsOf('organization').entries()) {
      b.setCompany(split(at(g.get('name')))[0] ?? '', `Organization ${n + 1} - Name`);
      b.setTitle(split(at(g.get('title')))[0] ?? '', `Organization ${n + 1} - Title`);
    }

    ranked(header.groupsOf('e-mail'), 'E-mail', at, (v, field, rank) => {
      b.addEmail(v, field, rank);
    });
    ranked(header.groupsOf('phone'), 'Phone', at, (v, field, rank) => {
      b.addPhone(v, field, rank);
    });

    for (const [n, g] of header.groupsOf('address').entries()) {
      const field = `Address ${n + 1} - Formatted`;
      const formatted = at(g.get('formatted'));
      if (formatted.trim() !== '') {
        for (const a of split(formatted)) b.addAddress(a, field);
        continue;
      }
      // Older exports sometimes leave "Formatted" empty and fill the parts.
      const composed = ['street', 'extended address', 'po box', 'city', 'region', 'postal code', 'country']
        .map((p) => at(g.get(p)).trim())
        .filter((p) => p !== '')
        .join(', ');
      b.addAddress(composed, field);
    }

    for (const [n, g] of header.groupsOf('website').entries())
      for (const url of split(at(g.get('value')))) b.addUrl(url, `Website ${n + 1} - Value`);

    b.setBirthday(get('Birthday'), 'Birthday');
    b.addNote(get('Notes'));

    const labels = header.has('Labels') ? get('Labels') : get('Group Membership');
    for (const label of split(labels)) {
      const tag = label.replace(/^\*\s*/, '').trim();
      if (isSystemGroup(tag)) continue;
      b.addTag(tag, header.has('Labels') ? 'Labels' : 'Group Membership');
    }

    if (get('Photo').trim() !== '')
      b.warn('Photo', 'photo_remote', 'Photo is a link to Google, not inline data: not fetched, dropped.');

    out.add(b.build());
  }
  flushBroken(Number.POSITIVE_INFINITY);
  return out.finish('google', decoded.encoding);
}

/**
 * Emails and phones: each numbered group has a label/type cell and a value cell, either may
 * hold several ` ::: `-joined entries. A `* ` on a label marks the primary value; when the
 * labels do not line up one-to-one with the values, it marks the group's first value.
 */
function ranked(
  groups: Map<string, number>[],
  kind: string,
  at: (i: number | undefined) => string,
  add: (value: string, field: string, rank: number) => void,
): void {
  for (const [n, g] of groups.entries()) {
    const field = `${kind} ${n + 1} - Value`;
    const values = split(at(g.get('value'))).filter((v) => v !== '');
    const labels = split(at(g.get('label') ?? g.get('type')));
    const aligned = labels.length === values.length;
    values.forEach((raw, i) => {
      const primary = aligned ? isPrimary(labels[i]) : i === 0 && isPrimary(labels[0]);
      // Some exports put the marker on the value itself.
      const marked = raw.startsWith('* ');
      const value = marked ? raw.slice(2) : raw;
      add(value, field, primary || marked ? PRIMARY : ORDINARY + n);
    });
  }
}
