import { Collector } from '../../importers/collect.js';
import { decodeCharset, decodeUtf8OrLegacy, sniff } from '../../importers/decode.js';
import { isSystemGroup, nameFromParts } from '../../importers/normalise.js';
import { ORDINARY, PersonBuilder, PRIMARY } from '../../importers/person-builder.js';
import { describeFirstLine, guessFormat } from '../../importers/sniff-format.js';
import type { FormatMismatch, ImportOptions, ImportResult } from '../../importers/types.js';
import type { Property, RawLine } from '../content-lines.js';
import {
  decodeQuotedPrintable,
  parseProperty,
  splitEscaped,
  unescapeText,
  unfoldLines,
} from '../content-lines.js';

const EXPECTED = 'a vCard file (.vcf, "BEGIN:VCARD" … "END:VCARD")';

interface Card {
  number: number;
  line: number;
  props: Property[];
  malformed: number[];
}

function ascii(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/**
 * BEGIN:VCARD / END:VCARD, tolerant of case and trailing spaces, and of a group prefix
 * (`item1.BEGIN:VCARD`), which some writers put on every line of a card.
 */
function marker(raw: RawLine): 'begin' | 'end' | undefined {
  if (raw.bytes.length > 80) return undefined;
  const s = ascii(raw.bytes).trim().toUpperCase();
  if (/^(?:[A-Z0-9-]+\.)?BEGIN\s*:\s*VCARD$/.test(s)) return 'begin';
  if (/^(?:[A-Z0-9-]+\.)?END\s*:\s*VCARD$/.test(s)) return 'end';
  return undefined;
}

function isWhitespaceOnly(b: Uint8Array): boolean {
  for (const c of b) if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) return false;
  return true;
}

/**
 * vCard 2.1, 3.0 and 4.0 with one own parser rather than ical.js: ical.js parses decoded
 * strings (too late to repair a fold inside a UTF-8 character), knows nothing of 2.1's
 * quoted-printable and CHARSET, and throws on the whole file at the first bare 2.1 parameter
 * (`TEL;WORK;VOICE:` → "Invalid parameters"), losing every card and every line number.
 * See docs/decisions/0003-importers.md.
 */
export function parseVCard(bytes: Uint8Array, opts?: ImportOptions): ImportResult | FormatMismatch {
  const s = sniff(bytes, EXPECTED);
  if (!s.ok) return s;
  let body = bytes.subarray(s.bomLength);
  let fileEncoding: string | undefined = s.encoding;
  if (s.encoding === 'utf-16le' || s.encoding === 'utf-16be') {
    // Folding is per character in UTF-16, so decode first and continue on UTF-8 bytes.
    body = new TextEncoder().encode(new TextDecoder(s.encoding, { ignoreBOM: true }).decode(body));
  }
  if (isWhitespaceOnly(body))
    return { ok: false, code: 'empty_file', message: `Expected ${EXPECTED}, but the file is empty.` };

  const lines = unfoldLines(body);
  const markers = lines.map(marker);
  const total = markers.filter((m) => m === 'begin').length;
  if (total === 0) {
    const text = decodeUtf8OrLegacy(body.subarray(0, 20_000)).text;
    return {
      ok: false,
      code: 'wrong_format',
      message: `Expected ${EXPECTED}, but found ${guessFormat(text)} and no BEGIN:VCARD line; the first line is ${describeFirstLine(text)}.`,
    };
  }

  const out = new Collector(total, opts);
  const ctx: DecodeContext = { sawLegacy: false };
  const stray: number[] = [];
  let card: Card | undefined;
  let number = 0;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (!raw) continue;
    const m = markers[i];
    if (m === 'begin') {
      if (card) truncated(card, `the next card begins on line ${raw.line} before END:VCARD`);
      card = { number: ++number, line: raw.line, props: [], malformed: [] };
      continue;
    }
    if (m === 'end') {
      if (card) out.add(mapCard(card, ctx));
      else stray.push(raw.line);
      card = undefined;
      continue;
    }
    if (!card) {
      stray.push(raw.line);
      continue;
    }
    const p = parseProperty(raw);
    if (!p) {
      card.malformed.push(raw.line);
      continue;
    }
    // vCard 2.1 quoted-printable: a value ending in "=" continues on the next line, unindented.
    // A soft break followed by an empty line continues onto that empty line, which ends the
    // value: the line after it is the next property, not more of this value.
    if (p.params.get('ENCODING')?.includes('QUOTED-PRINTABLE')) {
      let last: RawLine = raw;
      while (
        p.value[p.value.length - 1] === 0x3d &&
        !last.blankAfter &&
        i + 1 < lines.length &&
        markers[i + 1] === undefined
      ) {
        const next = lines[++i];
        if (!next) break;
        last = next;
        const joined = new Uint8Array(p.value.length - 1 + next.bytes.length);
        joined.set(p.value.subarray(0, -1));
        joined.set(next.bytes, p.value.length - 1);
        p.value = joined;
      }
    }
    card.props.push(p);
  }
  if (card) truncated(card, 'the file ends before END:VCARD');
  const firstStray = stray[0];
  if (firstStray !== undefined) {
    out.note({
      ref: `line ${firstStray}`,
      severity: 'warning',
      code: 'outside_card',
      message: `${stray.length} line(s) outside BEGIN:VCARD … END:VCARD ignored (first on line ${firstStray}).`,
    });
  }

  const encoding = fileEncoding ?? (ctx.sawLegacy ? 'windows-1252' : 'utf-8');
  fileEncoding = encoding === 'utf-8-bom' && ctx.sawLegacy ? 'windows-1252' : encoding;
  return out.finish('vcard', fileEncoding);

  function truncated(c: Card, why: string): void {
    out.reject({
      ref: `card ${c.number} (line ${c.line})`,
      code: 'truncated_card',
      message: `Card starting on line ${c.line} is incomplete (${why}): skipped.`,
    });
  }
}

interface DecodeContext {
  sawLegacy: boolean;
}

function param(p: Property, key: string): string | undefined {
  return p.params.get(key)?.[0];
}

function hasType(p: Property, type: string): boolean {
  return p.params.get('TYPE')?.includes(type) === true;
}

/** Decode a property's value to text: quoted-printable, then CHARSET, else UTF-8 / Windows-1252. */
function rawText(p: Property, ctx: DecodeContext, b: PersonBuilder): string {
  let bytes = p.value;
  const encoding = p.params.get('ENCODING');
  if (encoding?.includes('QUOTED-PRINTABLE')) bytes = decodeQuotedPrintable(bytes);
  else if (encoding?.includes('BASE64') || encoding?.includes('B')) {
    // 2.1 phones (Japanese ones in Shift_JIS especially) base64-encode text values too.
    const compact = ascii(bytes).replace(/\s+/g, '');
    if (/^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 !== 1)
      bytes = new Uint8Array(Buffer.from(compact, 'base64'));
  }
  const charset = param(p, 'CHARSET');
  if (charset) {
    const text = decodeCharset(bytes, charset);
    if (text !== undefined) return text;
    b.warn(p.name, 'unknown_charset', `Unknown CHARSET "${charset}": read as UTF-8 or Windows-1252.`);
  }
  const d = decodeUtf8OrLegacy(bytes);
  if (d.encoding === 'windows-1252') ctx.sawLegacy = true;
  return d.text;
}

/** PREF=1 (4.0, lower is preferred), TYPE=pref (3.0) or a bare PREF (2.1). */
function rank(p: Property): number {
  const pref = param(p, 'PREF');
  if (pref !== undefined && /^\d{1,3}$/.test(pref.trim())) return Math.max(1, Number(pref));
  return hasType(p, 'PREF') ? PRIMARY : ORDINARY;
}

const MEDIA_TYPES: Record<string, string> = {
  JPG: 'image/jpeg',
  JPEG: 'image/jpeg',
  PNG: 'image/png',
  GIF: 'image/gif',
  BMP: 'image/bmp',
  WEBP: 'image/webp',
  HEIC: 'image/heic',
};

function sniffImage(base64: string): string | undefined {
  const head = base64.trimStart();
  if (head.startsWith('/9j/')) return 'image/jpeg';
  if (head.startsWith('iVBORw0KGgo')) return 'image/png';
  if (head.startsWith('R0lGOD')) return 'image/gif';
  if (head.startsWith('UklGR')) return 'image/webp';
  return undefined;
}

function photo(p: Property, b: PersonBuilder): void {
  const field = p.name;
  const encoding = param(p, 'ENCODING');
  const type = p.params.get('TYPE')?.find((t) => t.includes('/') || MEDIA_TYPES[t] !== undefined);
  const declared =
    type === undefined ? undefined : type.includes('/') ? type.toLowerCase() : MEDIA_TYPES[type];
  // Photos can be megabytes: read as Latin-1 (one byte per char, no validation), never as text.
  const value = ascii(p.value);
  if (encoding === 'B' || encoding === 'BASE64') {
    b.setPhoto(declared ?? sniffImage(value) ?? 'application/octet-stream', value, field);
    return;
  }
  const head = value.slice(0, 256).trim();
  if (/^data:/i.test(head)) {
    const comma = value.indexOf(',');
    const meta = value.slice(5, comma === -1 ? 0 : comma);
    if (comma === -1 || !/;base64$/i.test(meta)) {
      b.warn(field, 'photo_invalid', 'Photo data: URI is not base64: dropped.');
      return;
    }
    const data = value.slice(comma + 1);
    const mediaType = meta.replace(/;.*$/, '').trim().toLowerCase();
    b.setPhoto(mediaType || (sniffImage(data) ?? 'application/octet-stream'), data, field);
    return;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(head)) {
    b.warn(
      field,
      'photo_remote',
      `Photo is a link (${head.slice(0, 60)}), not inline data: not fetched, dropped.`,
    );
    return;
  }
  if (head !== '') b.setPhoto(declared ?? sniffImage(value) ?? 'application/octet-stream', value, field);
}

/** Apple's `_$!<Other>!$_` → `Other`; custom labels pass through. */
export function cleanAppleLabel(label: string): string {
  const m = /^_\$!<(.*)>!\$_$/.exec(label.trim());
  return (m?.[1] ?? label).trim();
}

function mapCard(card: Card, ctx: DecodeContext) {
  const ref = `card ${card.number} (line ${card.line})`;
  const b = new PersonBuilder('vcard', ref);
  const byName = new Map<string, Property[]>();
  for (const p of card.props) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const all = (name: string): Property[] => byName.get(name) ?? [];
  const text = (p: Property): string => unescapeText(rawText(p, ctx, b));
  const first = (name: string): Property | undefined => all(name)[0];

  const kindProp = first('KIND') ?? first('X-ADDRESSBOOKSERVER-KIND');
  const kind = kindProp ? rawText(kindProp, ctx, b).trim().toLowerCase() : 'individual';
  // Evolution writes its contact lists as cards marked X-EVOLUTION-LIST:TRUE.
  const evolutionList = first('X-EVOLUTION-LIST');
  if (evolutionList && rawText(evolutionList, ctx, b).trim().toUpperCase() === 'TRUE') {
    b.reject('X-EVOLUTION-LIST', 'not_a_person', 'A contact list (X-EVOLUTION-LIST), not a person: skipped.');
    return b.build();
  }
  if (kind === 'group' || kind === 'location') {
    b.reject(kindProp?.name, 'not_a_person', `A ${kind} card (KIND:${kind}), not a person: skipped.`);
    return b.build();
  }

  const orgProp = first('ORG');
  const company = orgProp ? unescapeText(splitEscaped(rawText(orgProp, ctx, b), ';')[0] ?? '') : '';
  if (company.trim() !== '') b.setCompany(company, 'ORG');
  const showAs = first('X-ABSHOWAS');
  const isOrg =
    kind === 'org' ||
    kind === 'organization' ||
    (showAs !== undefined && rawText(showAs, ctx, b).trim().toUpperCase() === 'COMPANY');
  if (isOrg && company.trim() !== '') {
    b.setName(company, 'ORG');
    b.warn(
      kind === 'individual' ? 'X-ABSHOWAS' : 'KIND',
      'organisation_card',
      `An organisation card: kept as a contact named "${company.trim()}".`,
    );
  }

  for (const p of all('FN')) b.setName(text(p), 'FN');
  const uid = first('UID');
  if (uid) b.setSourceId(text(uid), 'UID');
  const n = first('N');
  if (n) {
    const [family = '', given = '', additional = '', prefix = '', suffix = ''] = splitEscaped(
      rawText(n, ctx, b),
      ';',
    ).map((part) => splitEscaped(part, ',').map(unescapeText).join(' '));
    b.setNameParts({ family, given, additional, prefix, suffix });
    b.setName(nameFromParts({ prefix, given, additional, family, suffix }), 'N');
  }

  for (const p of [...all('TITLE'), ...all('ROLE')]) b.setTitle(text(p), p.name);

  for (const p of all('EMAIL')) b.addEmail(text(p), 'EMAIL', rank(p));
  for (const p of all('TEL')) b.addPhone(text(p), 'TEL', rank(p));
  for (const p of all('ADR')) {
    // post-office box; extended; street; locality; region; postal code; country
    const parts = splitEscaped(rawText(p, ctx, b), ';').map((x) => unescapeText(x).trim());
    b.addAddress(parts.filter((x) => x !== '').join('\n'), 'ADR');
  }
  // A typed social profile is firmer evidence of the LinkedIn identity than a plain URL: first.
  for (const p of [...all('X-SOCIALPROFILE'), ...all('X-LINKEDIN')]) {
    const value = text(p).trim();
    const user = param(p, 'X-USER');
    if (/linkedin\.com/i.test(value) || /^https?:/i.test(value)) b.addUrl(value, p.name);
    else if (user && (hasType(p, 'LINKEDIN') || p.name === 'X-LINKEDIN'))
      b.addUrl(`https://www.linkedin.com/in/${user}`, p.name);
  }

  // Apple names grouped properties with `itemN.X-ABLabel`; a "LinkedIn" label may sit on a bare
  // handle rather than a URL.
  const labels = new Map<string, string>();
  for (const p of all('X-ABLABEL')) if (p.group) labels.set(p.group, cleanAppleLabel(text(p)));
  for (const p of all('URL')) {
    const value = text(p).trim();
    const label = p.group ? labels.get(p.group) : undefined;
    if (label && /linkedin/i.test(label) && /^[\p{L}\p{N}_-]+$/u.test(value))
      b.addUrl(`https://www.linkedin.com/in/${value}`, 'URL');
    else b.addUrl(value, 'URL');
  }
  const bday = first('BDAY');
  if (bday) {
    const omit = param(bday, 'X-APPLE-OMIT-YEAR');
    b.setBirthday(text(bday), 'BDAY', {
      ...(omit !== undefined && /^\d{4}$/.test(omit) ? { omitYear: Number(omit) } : {}),
      freeText: param(bday, 'VALUE') === 'TEXT',
    });
  }
  for (const p of all('NOTE')) b.addNote(text(p));
  for (const p of all('CATEGORIES'))
    for (const tag of splitEscaped(rawText(p, ctx, b), ','))
      if (!isSystemGroup(unescapeText(tag))) b.addTag(unescapeText(tag), 'CATEGORIES');
  const photoProp = first('PHOTO');
  if (photoProp) photo(photoProp, b);

  const firstMalformed = card.malformed[0];
  if (firstMalformed !== undefined)
    b.warn(
      undefined,
      'malformed_line',
      `${card.malformed.length} line(s) without "NAME:value" ignored (first on line ${firstMalformed}).`,
    );
  return b.build();
}
