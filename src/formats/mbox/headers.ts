/**
 * The two pieces of RFC 5322 / RFC 2047 that capture needs from a message's headers: encoded
 * words (`=?UTF-8?B?…?=`, `=?ISO-8859-1?Q?…?=`) in display names, and address lists with quoted
 * names, comments and groups. Node's TextDecoder (full ICU) knows the charsets mail uses.
 */

export interface Address {
  email: string;
  name?: string | undefined;
}

const encodedWord = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

function decodeBytes(bytes: Uint8Array, charset: string): string {
  const label = charset.replace(/\*.*$/, '').toLowerCase();
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** RFC 2047: encoded words decoded; whitespace between two adjacent encoded words dropped. */
export function decodeWords(s: string): string {
  if (!s.includes('=?')) return s;
  return s
    .replace(/(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
    .replace(encodedWord, (_m, charset: string, enc: string, text: string) => {
      if (enc.toUpperCase() === 'B') return decodeBytes(Buffer.from(text, 'base64'), charset);
      const bytes: number[] = [];
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '_') bytes.push(0x20);
        else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
          bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
          i += 2;
        } else bytes.push(text.charCodeAt(i) & 0xff);
      }
      return decodeBytes(Uint8Array.from(bytes), charset);
    });
}

/**
 * Splits on commas outside quotes, angle brackets and comments; groups (`team: a, b;`) flattened.
 * Entries are slices of `s` (a header is read once per message: no string is built char by char).
 */
function splitList(s: string): string[] {
  const out: string[] = [];
  let from = 0;
  let quoted = false;
  let angle = 0;
  let comment = 0;
  const push = (to: number): void => {
    const x = s.slice(from, to).trim();
    if (x !== '') out.push(x);
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c /* \\ */) {
      i++;
      continue;
    }
    if (c === 0x22 /* " */ && comment === 0) quoted = !quoted;
    else if (!quoted) {
      if (c === 0x28 /* ( */) comment++;
      else if (c === 0x29 /* ) */ && comment > 0) comment--;
      else if (comment === 0 && c === 0x3c /* < */) angle++;
      else if (comment === 0 && c === 0x3e /* > */ && angle > 0) angle--;
      else if (comment === 0 && angle === 0 && (c === 0x2c || c === 0x3b) /* , ; */) {
        push(i);
        from = i + 1;
      } else if (comment === 0 && angle === 0 && c === 0x3a /* : */ && !s.slice(from, i).includes('@'))
        from = i + 1; // a group's name
    }
  }
  push(s.length);
  return out;
}

const unquote = (s: string): string =>
  // Most names have neither quotes nor escapes: no regex to run.
  !s.includes('"') && !s.includes('\\')
    ? s.trim()
    : s
        .trim()
        .replace(/^"(.*)"$/s, '$1')
        .replace(/\\(.)/g, '$1')
        .trim();

/**
 * `"Weber, Jonas" <jonas@example.org>, =?UTF-8?Q?Ana_Mu=C3=B1oz?= <ana@example.com>, lars@example.com (Lars)`
 * → addresses, lower-cased, with their decoded names. Entries without an address are left out.
 */
export function parseAddressList(raw: string | undefined): Address[] {
  if (raw === undefined) return [];
  const out: Address[] = [];
  for (const part of splitList(raw)) {
    const angle = /<([^<>]*)>\s*$/.exec(part);
    let email: string;
    let name: string;
    if (angle) {
      email = (angle[1] ?? '').trim();
      name = part.slice(0, angle.index);
    } else {
      const comment = /\(([^()]*)\)/.exec(part);
      name = comment?.[1] ?? '';
      email = part.replace(/\([^()]*\)/g, '').trim();
    }
    email = email.replace(/^mailto:/i, '').toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) continue;
    const decoded = unquote(decodeWords(unquote(name)));
    out.push({ email, ...(decoded !== '' && decoded.toLowerCase() !== email ? { name: decoded } : {}) });
  }
  return out;
}

/** Message-IDs in a header (`References` holds several), without their angle brackets. */
export function messageIds(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const ids = [...raw.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '');
  return ids.length > 0 ? ids : raw.trim() === '' ? [] : [raw.trim()];
}

/** Zone abbreviations RFC 5322 does not define but mailers write. */
const zoneAbbreviations: Record<string, string> = {
  CET: '+0100',
  CEST: '+0200',
  MET: '+0100',
  MEST: '+0200',
  BST: '+0100',
  EET: '+0200',
  EEST: '+0300',
  WET: '+0000',
  WEST: '+0100',
  IST: '+0530',
  JST: '+0900',
  KST: '+0900',
  AEST: '+1000',
  AEDT: '+1100',
};

/**
 * A Date header as an instant (ms), or undefined: RFC 5322 dates with comments, two-digit years
 * and the common zone abbreviations (`CET`) that the standard does not list.
 * @example parseMailDate('Wed, 18 Nov 2026 17:30:10 CET') === Date.parse('2026-11-18T16:30:10Z')
 */
export function parseMailDate(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const direct = Date.parse(s);
  if (!Number.isNaN(direct)) return direct;
  const zone = /\s([A-Za-z]{3,4})$/.exec(s);
  const offset = zone ? zoneAbbreviations[(zone[1] ?? '').toUpperCase()] : undefined;
  const fixed = Date.parse(zone ? `${s.slice(0, zone.index)} ${offset ?? '+0000'}` : s);
  return Number.isNaN(fixed) ? undefined : fixed;
}

/**
 * The day a Date header names, as its writer's clock showed it (the day in its own numeric
 * offset); undefined when the header has no numeric offset.
 * @example dayAsWritten('Tue, 10 Nov 2026 23:30:00 -0800') === '2026-11-10'
 */
export function dayAsWritten(raw: string | undefined, ms: number): string | undefined {
  const m = /([+-])(\d{2})(\d{2})\s*(?:\([^()]*\))?\s*$/.exec(raw ?? '');
  if (!m) return undefined;
  const offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
  return new Date(ms + offset).toISOString().slice(0, 10);
}
