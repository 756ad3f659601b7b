import type { FormatMismatch } from './types.js';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  ok: true;
  text: string;
  encoding: TextEncodingName;
}

/** What the first bytes say, before any decoding. */
export interface Sniffed {
  ok: true;
  /** Set when a BOM (or the UTF-16 NUL pattern) fixes the encoding; otherwise decide by content. */
  encoding: 'utf-8-bom' | 'utf-16le' | 'utf-16be' | undefined;
  bomLength: number;
}

// TextDecoder is stateless when not streaming, so sharing these is safe.
const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const latin1 = new TextDecoder('windows-1252');

// WHATWG windows-1252 for bytes 0x80–0x9F (the five undefined bytes map to themselves).
// Needed because Node ≥ 20.18.3 decodes 'windows-1252' as plain Latin-1, turning €, Œ and curly
// quotes into C1 controls (nodejs/node#60888); harmless once Node is fixed.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function fixCp1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** Windows-1252 per the WHATWG table, whatever Node's TextDecoder does with 0x80–0x9F. */
export function decodeCp1252(bytes: Uint8Array): string {
  return fixCp1252(latin1.decode(bytes));
}

const SAMPLE = 64 * 1024;

const MAGIC: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'a ZIP archive (LinkedIn exports and .xlsx files are ZIP archives: extract the CSV, or save the sheet as CSV)',
  },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty ZIP archive' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Office document (.xls/.doc): save it as CSV first' },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

function binary(expected: string, what: string): FormatMismatch {
  return {
    ok: false,
    code: 'binary_file',
    message: `Expected ${expected} (a text file), but found ${what}.`,
  };
}

function empty(expected: string): FormatMismatch {
  return { ok: false, code: 'empty_file', message: `Expected ${expected}, but the file is empty.` };
}

/**
 * Windows tools sometimes write UTF-16 without a BOM; its ASCII text then has a NUL in every
 * other byte. Recognise that before the NUL check calls it binary.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.6 && evenNul === 0) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul === 0) return 'utf-16be';
  return undefined;
}

/** Control bytes other than tab, LF, FF, CR (and DOS's ^Z end marker) mark a binary file. */
function looksBinary(bytes: Uint8Array, from: number): boolean {
  const end = Math.min(bytes.length, from + SAMPLE);
  let controls = 0;
  for (let i = from; i < end; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1a) controls++;
  }
  return controls > Math.max(8, (end - from) / 100);
}

/** Refuse empty and binary files and read any BOM; decoding comes after. */
export function sniff(bytes: Uint8Array, expected: string): Sniffed | FormatMismatch {
  if (bytes.length === 0) return empty(expected);
  for (const m of MAGIC) if (startsWith(bytes, m.bytes)) return binary(expected, m.what);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    if (looksBinary(bytes, 3)) return binary(expected, 'binary data (control bytes) after a UTF-8 BOM');
    return { ok: true, encoding: 'utf-8-bom', bomLength: 3 };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return { ok: true, encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { ok: true, encoding: 'utf-16be', bomLength: 2 };
  const u16 = utf16WithoutBom(bytes);
  if (u16) return { ok: true, encoding: u16, bomLength: 0 };
  if (looksBinary(bytes, 0)) return binary(expected, 'binary data (NUL or control bytes)');
  return { ok: true, encoding: undefined, bomLength: 0 };
}

/**
 * Decode bytes that carry no declared charset: valid UTF-8 is UTF-8; anything else is taken
 * as Windows-1252, which is what a spreadsheet re-saving a CSV on Windows writes (and a superset
 * of Latin-1's printable range). Windows-1252 decoding never yields U+FFFD.
 */
export function decodeUtf8OrLegacy(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: utf8Fatal.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeCp1252(bytes), encoding: 'windows-1252' };
  }
}

/** Decode with a declared charset (vCard 2.1 CHARSET=…); undefined when the label is unknown. */
export function decodeCharset(bytes: Uint8Array, charset: string): string | undefined {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset.trim().toLowerCase(), { fatal: true });
  } catch {
    return undefined;
  }
  try {
    const text = decoder.decode(bytes);
    // 'iso-8859-1' and 'latin1' are windows-1252 in the Encoding Standard.
    return decoder.encoding === 'windows-1252' ? fixCp1252(text) : text;
  } catch {
    // A card claiming CHARSET=UTF-8 over Latin-1 bytes is common in old phone exports.
    return decodeUtf8OrLegacy(bytes).text;
  }
}

function controlRatioTooHigh(text: string): boolean {
  const end = Math.min(text.length, SAMPLE);
  let controls = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) controls++;
  }
  return controls > Math.max(8, end / 100);
}

/**
 * Decode a whole text file: BOM → UTF-8 / UTF-16, otherwise UTF-8 if valid, else Windows-1252.
 * Refuses empty, whitespace-only and binary files with a FormatMismatch naming `expected`.
 */
export function decodeText(bytes: Uint8Array, expected: string): DecodedText | FormatMismatch {
  const s = sniff(bytes, expected);
  if (!s.ok) return s;
  const body = bytes.subarray(s.bomLength);
  let text: string;
  let encoding: TextEncodingName;
  if (s.encoding === 'utf-16le' || s.encoding === 'utf-16be') {
    text = new TextDecoder(s.encoding, { ignoreBOM: true }).decode(body);
    encoding = s.encoding;
    if (controlRatioTooHigh(text)) return binary(expected, 'binary data (control characters)');
  } else {
    const d = decodeUtf8OrLegacy(body);
    text = d.text;
    encoding = s.encoding === 'utf-8-bom' && d.encoding === 'utf-8' ? 'utf-8-bom' : d.encoding;
  }
  if (text.trim() === '') return empty(expected);
  return { ok: true, text, encoding };
}
