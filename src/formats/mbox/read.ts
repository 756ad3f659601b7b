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
const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/** A raw 8-bit header line: UTF-8 when it is, else Windows-1252 (old mailers' Latin-1 names). */
function headerText(line: Uint8Array): string {
  for (const b of line) if (b >= 0x80) return decodeUtf8OrLegacy(line).text;
  return utf8Fatal.decode(line);
}

function isSeparator(line: Uint8Array): boolean {
  // "From " at the start of a line.
  return line[0] === 0x46 && line[1] === 0x72 && line[2] === 0x6f && line[3] === 0x6d && line[4] === 0x20;
}

/**
 * Yields each message's headers, and each damaged message (a header block cut short by the end of
 * the file or grown past any real header) with its line. Throws nothing on user data; the
 * caller checks the first line (`mboxStart`) to refuse a file that is not an mbox at all.
 */
export async function* readMbox(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<MboxItem> {
  let pending: Buffer = Buffer.alloc(0);
  let lineNo = 0;
  let index = 0;
  let state: 'before' | 'headers' | 'body' = 'before';
  let header: string[] = [];
  let headerBytes = 0;
  let start = 0;
  const finishHeaders = (): MboxItem => {
    const headers = new Map<string, string[]>();
    let cur: string | undefined;
    const flush = (): void => {
      if (cur === undefined) return;
      const colon = cur.indexOf(':');
      if (colon > 0) {
        const name = cur.slice(0, colon).trim().toLowerCase();
        headers.set(name, [...(headers.get(name) ?? []), cur.slice(colon + 1).trim()]);
      }
    };
    for (const h of header) {
      if ((h.startsWith(' ') || h.startsWith('\t')) && cur !== undefined) cur += ` ${h.trim()}`;
      else {
        flush();
        cur = h;
      }
    }
    flush();
    header = [];
    headerBytes = 0;
    return { kind: 'message', message: { index, line: start, headers } };
  };
  // A plain function filling `out`, not a generator per line: bodies are millions of lines.
  const out: MboxItem[] = [];
  const onLine = (raw: Uint8Array): void => {
    lineNo++;
    const line = raw.length > 0 && raw[raw.length - 1] === 0x0d ? raw.subarray(0, raw.length - 1) : raw;
    if (isSeparator(line)) {
      if (state === 'headers')
        out.push({
          kind: 'damaged',
          damage: { index, line: start, message: 'its headers have no end (no blank line)' },
        });
      index++;
      start = lineNo;
      state = 'headers';
      header = [];
      headerBytes = 0;
      return;
    }
    if (state !== 'headers') return;
    if (line.length === 0) {
      state = 'body';
      out.push(finishHeaders());
      return;
    }
    headerBytes += line.length;
    if (headerBytes > MAX_HEADER_BYTES) {
      state = 'body';
      header = [];
      out.push({
        kind: 'damaged',
        damage: { index, line: start, message: 'its header block is larger than any real one' },
      });
      return;
    }
    header.push(headerText(line));
  };
  for await (const chunk of chunks) {
    let from = 0;
    // Buffer's indexOf is memchr; a plain Uint8Array's is a loop.
    const buf =
      pending.length > 0
        ? Buffer.concat([pending, chunk])
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    for (let nl = buf.indexOf(0x0a, from); nl !== -1; nl = buf.indexOf(0x0a, from)) {
      onLine(buf.subarray(from, nl));
      from = nl + 1;
    }
    pending = Buffer.from(buf.subarray(from));
    yield* out.splice(0);
  }
  if (pending.length > 0) onLine(pending);
  yield* out.splice(0);
  // `state` changes inside onLine, which the compiler's narrowing does not follow.
  const inHeaders = (): boolean => state === 'headers';
  if (inHeaders())
    yield {
      kind: 'damaged',
      damage: { index, line: start, message: 'the file ends inside its headers (the mailbox is cut short)' },
    };
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
