/**
 * Content lines of vCard (RFC 6350) and iCalendar (RFC 5545), both ways: reading unfolds, splits
 * a property and unescapes its TEXT; writing escapes TEXT and folds at 75 octets.
 *
 * Reading works at the byte level. Unfolding happens on bytes, before any decoding,
 * because writers fold at a byte count and so can split a multi-byte UTF-8 character across
 * the fold; decoding each physical line first would turn both halves into U+FFFD.
 */

export interface RawLine {
  bytes: Uint8Array;
  /** 1-based physical line the logical line starts on. */
  line: number;
  /** An empty line came right after it (what ends 2.1 base64, and a quoted-printable value). */
  blankAfter?: true;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] ?? new Uint8Array(0);
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Split into logical lines: a physical line starting with a space or tab continues the previous
 * one (that one whitespace byte is dropped). A blank line ends a logical line and is itself
 * dropped (vCard 2.1 ends inline base64 with one). Accepts CRLF, LF and old-Mac CR endings.
 */
export function unfoldLines(bytes: Uint8Array): RawLine[] {
  const sep = bytes.includes(LF) ? LF : CR;
  const lines: RawLine[] = [];
  let parts: Uint8Array[] = [];
  let startLine = 0;
  let afterBlank = true;
  const flush = (blankAfter = false): void => {
    if (parts.length > 0)
      lines.push({ bytes: concat(parts), line: startLine, ...(blankAfter ? { blankAfter: true } : {}) });
    parts = [];
  };
  let pos = 0;
  let physical = 0;
  while (pos <= bytes.length) {
    let end = bytes.indexOf(sep, pos);
    if (end === -1) end = bytes.length;
    physical++;
    let stop = end;
    if (sep === LF && stop > pos && bytes[stop - 1] === CR) stop--;
    const first = bytes[pos];
    if (stop === pos) {
      flush(true);
      afterBlank = true;
    } else if ((first === SPACE || first === TAB) && !afterBlank) {
      parts.push(bytes.subarray(pos + 1, stop));
    } else {
      flush();
      startLine = physical;
      afterBlank = false;
      parts.push(bytes.subarray(pos, stop));
    }
    pos = end + 1;
  }
  flush();
  return lines;
}

/** How many bytes the UTF-8 sequence a lead byte starts has (0: not a lead byte). */
const utf8Length = (b: number): number =>
  b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
const isContinuation = (b: number | undefined): boolean => b !== undefined && b >= 0x80 && b < 0xc0;

/**
 * The same bytes with every multi-byte UTF-8 character that a fold splits put back together
 * before the fold (`…C3 CRLF SP A9…` → `…C3 A9 CRLF SP…`), so that text whose lines are decoded
 * one by one, or by a parser that unfolds decoded text (ical.js), reads the character and not
 * two U+FFFD. Line count and line numbers are unchanged. Undefined when no fold splits one.
 */
export function mendSplitCharacters(bytes: Uint8Array): Uint8Array | undefined {
  let out: Uint8Array | undefined;
  for (let nl = bytes.indexOf(LF); nl !== -1; nl = bytes.indexOf(LF, nl + 1)) {
    const fold = bytes[nl + 1];
    if (fold !== SPACE && fold !== TAB) continue;
    const end = nl > 0 && bytes[nl - 1] === CR ? nl - 1 : nl;
    // The last character before the line break: where its lead byte is, and how long it wants to be.
    let lead = end - 1;
    while (lead >= 0 && end - lead < 4 && isContinuation(bytes[lead])) lead--;
    const want = lead >= 0 ? utf8Length(bytes[lead] ?? 0) : 0;
    const have = end - lead;
    if (want === 0 || have >= want) continue;
    const missing = want - have;
    let ok = true;
    for (let i = 0; i < missing; i++) if (!isContinuation(bytes[nl + 2 + i])) ok = false;
    if (!ok) continue;
    // Copies, not views (a Buffer's slice() is a view).
    out ??= new Uint8Array(bytes);
    // Move the break and the fold's space after the missing bytes.
    const moved = Uint8Array.from(out.subarray(nl + 2, nl + 2 + missing));
    const breakAndFold = Uint8Array.from(out.subarray(end, nl + 2));
    out.set(moved, end);
    out.set(breakAndFold, end + missing);
  }
  return out;
}

export interface Property {
  group: string | undefined;
  /** Upper-cased property name, e.g. `EMAIL`, `X-ABLABEL`. */
  name: string;
  /** Upper-cased parameter names → values (unquoted, RFC 6868 caret escapes resolved). */
  params: Map<string, string[]>;
  /** The raw value bytes, still encoded (QP/base64/charset are the caller's business). */
  value: Uint8Array;
  line: number;
}

const COLON = 0x3a;
const QUOTE = 0x22;

const headDecoder = new TextDecoder('utf-8');

// vCard 2.1 writes bare parameters (`TEL;WORK;VOICE:`); which parameter each one belongs to.
const BARE_ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

function unquoteParam(v: string): string {
  const t = v.trim();
  const inner = t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
  // RFC 6868: ^n newline, ^' double quote, ^^ caret.
  return inner.replace(/\^(n|'|\^)/g, (_, c: string) => (c === 'n' ? '\n' : c === "'" ? '"' : '^'));
}

/**
 * `[group.]NAME[;param…]:value`. The colon that ends the head is the first one outside a
 * quoted parameter value. Undefined when the line has no colon (not a content line).
 */
export function parseProperty(raw: RawLine): Property | undefined {
  const b = raw.bytes;
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === QUOTE) quoted = !quoted;
    else if (c === COLON && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon === -1) return undefined;
  const head = headDecoder.decode(b.subarray(0, colon));
  const [nameWithGroup = '', ...rawParams] = splitOutsideQuotes(head, ';');
  const dot = nameWithGroup.lastIndexOf('.');
  const group = dot === -1 ? undefined : nameWithGroup.slice(0, dot).trim().toLowerCase();
  const name = nameWithGroup
    .slice(dot + 1)
    .trim()
    .toUpperCase();
  if (name === '' || !/^[A-Z0-9-]+$/.test(name)) return undefined;
  const params = new Map<string, string[]>();
  const add = (key: string, values: string[]): void => {
    params.set(key, [...(params.get(key) ?? []), ...values]);
  };
  for (const p of rawParams) {
    if (p.trim() === '') continue;
    const eq = p.indexOf('=');
    if (eq === -1) {
      const bare = p.trim().toUpperCase();
      add(BARE_ENCODINGS.has(bare) ? 'ENCODING' : 'TYPE', [bare]);
      continue;
    }
    const key = p.slice(0, eq).trim().toUpperCase();
    const values = splitOutsideQuotes(p.slice(eq + 1), ',').map(unquoteParam);
    add(
      key,
      key === 'TYPE' || key === 'ENCODING' || key === 'VALUE' ? values.map((v) => v.toUpperCase()) : values,
    );
  }
  return { group, name, params, value: b.subarray(colon + 1), line: raw.line };
}

/** Quoted-printable to bytes: `=XX` is a byte, a trailing `=` a soft line break. */
export function decodeQuotedPrintable(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  let n = 0;
  const hex = (c: number | undefined): number => {
    if (c === undefined) return -1;
    if (c >= 0x30 && c <= 0x39) return c - 0x30;
    if (c >= 0x41 && c <= 0x46) return c - 0x37;
    if (c >= 0x61 && c <= 0x66) return c - 0x57;
    return -1;
  };
  for (let i = 0; i < b.length; i++) {
    const c = b[i] ?? 0;
    if (c === 0x3d) {
      const hi = hex(b[i + 1]);
      const lo = hex(b[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
      if (i === b.length - 1) continue; // soft break at the very end
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}

/** Split a text value on an unescaped separator (`;` for N/ADR/ORG, `,` for CATEGORIES). */
export function splitEscaped(s: string, sep: ';' | ','): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === sep) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** RFC 6350 text escapes: `\n` `\N` newline, `\,` `\;` `\\`; also `\:` which old Apple and Google writers put in URLs. */
export function unescapeText(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

// ---------------------------------------------------------------------------------------------
// Writing: the same TEXT escaping and folding for both exports, read back exactly by every client

/**
 * TEXT value escaping: backslash, comma, semicolon and line breaks (RFC 6350 §3.4, RFC 5545
 * §3.3.11). Every line break form becomes `\n`: a raw CR or LF would end the content line.
 */
export function escapeText(s: string): string {
  return (
    s
      // Other control characters are not allowed in TEXT (RFC 5545 §3.3.11): clients refuse them.
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/,/g, '\\,')
      .replace(/;/g, '\\;')
      .replace(/\r\n|\r|\n/g, '\\n')
  );
}

/**
 * Folds a content line at 75 octets (RFC 6350 §3.2, RFC 5545 §3.1), never inside a UTF-8
 * sequence: a character that would cross the limit starts the next line. Continuation lines
 * begin with one space, which counts toward their 75. Ends with CRLF.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return `${line}\r\n`;
  const out: string[] = [];
  let cur = '';
  let curBytes = 0;
  let limit = 75;
  for (const ch of line) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (curBytes + b > limit) {
      out.push(cur);
      cur = '';
      curBytes = 0;
      limit = 74; // continuation lines start with a space
    }
    cur += ch;
    curBytes += b;
  }
  out.push(cur);
  return `${out.join('\r\n ')}\r\n`;
}
