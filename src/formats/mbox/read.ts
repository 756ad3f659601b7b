import { decodeUtf8OrLegacy } from '../../importers/decode.js';

/**
 * A streamed mbox reader (Gmail Takeout, Thunderbird): messages are separated by `From ` lines;
 * only each message's header block is kept, bodies are skipped as they stream past, so a 5 GB
 * mailbox needs the memory of one header block. Bytes are split on LF before any decoding, and
 * header lines are read as UTF-8, or Windows-1252 when they are not UTF-8 (encoded words are
 * decoded later).
 */

export interface MboxMessage {
  /** 1-based position in the mailbox. */
  index: number;
  /** The line of its `From ` separator. */
  line: number;
  /** Lower-case header names → unfolded values, in order. */
  headers: Map<string, string[]>;
}

export interface MboxDamage {
  index: number;
  line: number;
  message: string;
}

export type MboxItem = { kind: 'message'; message: MboxMessage } | { kind: 'damaged'; damage: MboxDamage };

/** A header block larger than this is not a mail header (a damaged file, or not mail at all). */
const MAX_HEADER_BYTES = 512 * 1024;

const utf8 = new TextDecoder('utf-8');
// As decodeUtf8OrLegacy reads a line: a BOM is kept, not dropped.
const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const SEPARATOR = Buffer.from('\nFrom ');

/** A raw 8-bit header line: UTF-8 when it is, else Windows-1252 (old mailers' Latin-1 names). */
function headerText(line: Uint8Array): string {
  for (const b of line) if (b >= 0x80) return decodeUtf8OrLegacy(line).text;
  return utf8Fatal.decode(line);
}

/** "From " at `at`, the start of a line. */
function isSeparatorAt(buf: Uint8Array, at: number): boolean {
  return (
    buf[at] === 0x46 &&
    buf[at + 1] === 0x72 &&
    buf[at + 2] === 0x6f &&
    buf[at + 3] === 0x6d &&
    buf[at + 4] === 0x20
  );
}

/** The start of the first `From ` line after the one at `from`, or -1. */
function nextSeparator(buf: Buffer, from: number): number {
  const at = buf.indexOf(SEPARATOR, from);
  return at === -1 ? -1 : at + 1;
}

/** Line feeds in buf[from, to). */
function countLines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let nl = buf.indexOf(0x0a, from); nl !== -1 && nl < to; nl = buf.indexOf(0x0a, nl + 1)) n++;
  return n;
}

/**
 * The header lines of buf[from, to) (each ending in LF), without their CR: a block that is UTF-8
 * (nearly all, and every ASCII one) in one decoding, else line by line.
 */
function headerLines(buf: Buffer, from: number, to: number): string[] {
  let text: string | undefined;
  try {
    text = utf8Fatal.decode(buf.subarray(from, to));
  } catch {
    text = undefined;
  }
  const lines: string[] = [];
  if (text !== undefined) {
    let at = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', at)) {
      lines.push(text.slice(at, nl > at && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl));
      at = nl + 1;
    }
    return lines;
  }
  for (
    let at = from, nl = buf.indexOf(0x0a, at);
    nl !== -1 && nl < to;
    at = nl + 1, nl = buf.indexOf(0x0a, at)
  )
    lines.push(headerText(buf.subarray(at, nl > at && buf[nl - 1] === 0x0d ? nl - 1 : nl)));
  return lines;
}

/**
 * Unfolded header lines → lower-case names and their values, in order; only the names in `only`
 * when given (a header named on its first line and not wanted is not even unfolded).
 */
function headerMap(lines: readonly string[], only: ReadonlySet<string> | undefined): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let cur: string | undefined;
  let skipping = false;
  const flush = (): void => {
    if (cur === undefined) return;
    const colon = cur.indexOf(':');
    if (colon > 0) {
      const name = cur.slice(0, colon).trim().toLowerCase();
      if (only !== undefined && !only.has(name)) return;
      const value = cur.slice(colon + 1).trim();
      const values = headers.get(name);
      if (values === undefined) headers.set(name, [value]);
      else values.push(value);
    }
  };
  for (const h of lines) {
    const c = h.charCodeAt(0);
    if ((c === 0x20 || c === 0x09) && skipping) continue;
    if ((c === 0x20 || c === 0x09) && cur !== undefined) {
      cur += ` ${h.trim()}`;
      continue;
    }
    flush();
    cur = h;
    skipping = false;
    const colon = only === undefined ? -1 : h.indexOf(':');
    if (colon === 0 || (colon > 0 && only?.has(h.slice(0, colon).trim().toLowerCase()) === false)) {
      cur = undefined;
      skipping = true;
    }
  }
  flush();
  return headers;
}

/**
 * Yields each message's headers, and each damaged message (a header block cut short by the end of
 * the file or grown past any real header) with its line. Throws nothing on user data; the
 * caller checks the first line (`mboxStart`) to refuse a file that is not an mbox at all.
 * `opts.headers`: the (lower-case) names to keep, when not all are needed.
 * Bodies are skipped by searching for the next separator, not read line by line; a header block
 * is decoded once, when its blank line is reached (carried over to the next chunk until then).
 */
export async function* readMbox(
  chunks: AsyncIterable<Uint8Array>,
  opts: { headers?: ReadonlySet<string> | undefined } = {},
): AsyncGenerator<MboxItem> {
  let pending: Buffer = Buffer.alloc(0);
  let lineNo = 0;
  let index = 0;
  let inHeaders = false;
  let headerBytes = 0;
  let start = 0;
  // Where the current header block starts in the buffer, and where to go on reading it.
  let blockStart = 0;
  let resume = 0;
  const out: MboxItem[] = [];
  const damaged = (message: string): void => {
    out.push({ kind: 'damaged', damage: { index, line: start, message } });
  };
  // Reads buf from `resume` to its last complete line; what is left over is kept in `pending`.
  const scan = (buf: Buffer): void => {
    let from = resume;
    for (;;) {
      if (!inHeaders) {
        // Body lines (or lines before the first message) are only counted, up to a separator.
        const sep = isSeparatorAt(buf, from) ? from : nextSeparator(buf, from);
        if (sep === -1) {
          const last = buf.lastIndexOf(0x0a);
          if (last >= from) {
            lineNo += countLines(buf, from, last + 1);
            from = last + 1;
          }
          break;
        }
        const nl = buf.indexOf(0x0a, sep);
        lineNo += countLines(buf, from, sep);
        from = sep;
        if (nl === -1) break;
        lineNo++;
        index++;
        start = lineNo;
        inHeaders = true;
        headerBytes = 0;
        from = blockStart = nl + 1;
        continue;
      }
      const nl = buf.indexOf(0x0a, from);
      if (nl === -1) break;
      lineNo++;
      const end = nl > from && buf[nl - 1] === 0x0d ? nl - 1 : nl;
      const line = from;
      from = nl + 1;
      if (isSeparatorAt(buf, line)) {
        damaged('its headers have no end (no blank line)');
        index++;
        start = lineNo;
        headerBytes = 0;
        blockStart = from;
      } else if (end === line) {
        inHeaders = false;
        out.push({
          kind: 'message',
          message: {
            index,
            line: start,
            headers: headerMap(headerLines(buf, blockStart, line), opts.headers),
          },
        });
      } else {
        headerBytes += end - line;
        if (headerBytes > MAX_HEADER_BYTES) {
          inHeaders = false;
          damaged('its header block is larger than any real one');
        }
      }
    }
    // An unfinished header block is kept whole, so that it is decoded in one piece.
    const keep = inHeaders ? blockStart : from;
    pending = Buffer.from(buf.subarray(keep));
    resume = from - keep;
    blockStart = 0;
  };
  for await (const chunk of chunks) {
    // Buffer's indexOf is memchr (memmem for a separator); a plain Uint8Array's is a loop.
    scan(
      pending.length > 0
        ? Buffer.concat([pending, chunk])
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length),
    );
    yield* out.splice(0);
  }
  // A last line without its line feed is read as if it had one.
  if (pending.length > resume) scan(Buffer.concat([pending, SEPARATOR.subarray(0, 1)]));
  // `inHeaders` changes inside scan, which the compiler's narrowing does not follow.
  if (inHeaders as boolean) damaged('the file ends inside its headers (the mailbox is cut short)');
  yield* out.splice(0);
}

/** Whether the first bytes are an mbox: a `From ` line first (after blank lines). */
export function mboxStart(head: Uint8Array): { ok: true } | { ok: false; line: number; found: string } {
  const text = utf8.decode(head.subarray(0, 4096));
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (l.trim() === '') continue;
    return l.startsWith('From ') ? { ok: true } : { ok: false, line: i + 1, found: l.slice(0, 60) };
  }
  return { ok: false, line: 1, found: '' };
}
