import { webUrl } from './web-url.js';

/**
 * The one canonical form of a LinkedIn profile URL, used for URLs typed in the CLI or the API and
 * for URLs read by importers, so that the same profile written two ways is one person:
 * `https://www.linkedin.com/in/<slug>` where the slug is percent-decoded, NFC and lower-case, with
 * no trailing slash, query or sub-page. Characters that cannot stand in a path as written
 * (`%`, `/`, `?`, `#`, spaces) stay percent-encoded.
 * @example canonicalLinkedIn('http://de.linkedin.com/in/Jos%C3%A9-%C3%A1lvarez/?trk=x') === 'https://www.linkedin.com/in/josé-álvarez'
 */
const SIMPLE_PROFILE =
  /^(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\/in\/([A-Za-z0-9_-]+)\/?(?:[?#][^\s]*)?$/i;
// Controls, zero-width and bidi controls never belong in a URL someone copied.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200D\u2060\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const PREFIX = 'https://www.linkedin.com/in/';

export function canonicalLinkedIn(raw: string): string | undefined {
  const trimmed = raw.trim();
  // Fast path for the shape LinkedIn's own export uses (an ASCII slug).
  const simple = SIMPLE_PROFILE.exec(trimmed)?.[1];
  if (simple !== undefined) return PREFIX + simple.toLowerCase();
  const s = trimmed.replace(INVISIBLE, '');
  if (s === '' || /\s/.test(s)) return undefined;
  const url = webUrl(s);
  if (url === undefined) return undefined;
  const host = url.hostname.toLowerCase();
  if (host !== 'linkedin.com' && !host.endsWith('.linkedin.com')) return undefined;
  const encoded = /^\/(?:mwlite\/)?in\/([^/]+)/i.exec(url.pathname)?.[1];
  if (encoded === undefined) return undefined;
  let slug: string;
  try {
    slug = decodeURIComponent(encoded);
  } catch {
    return undefined; // a malformed escape is not a profile anyone can open
  }
  slug = slug.replace(INVISIBLE, '').normalize('NFC').toLowerCase().trim();
  if (slug === '') return undefined;
  return PREFIX + slug.replace(/[%/?#\s]/g, (c) => encodeURIComponent(c));
}

/** Whether a URL's host is LinkedIn's. */
export function isLinkedInHost(href: string): boolean {
  try {
    const host = new URL(href).hostname.toLowerCase();
    return host === 'linkedin.com' || host.endsWith('.linkedin.com');
  } catch {
    return false;
  }
}
