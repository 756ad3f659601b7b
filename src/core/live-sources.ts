import { invalid, type Problem } from './errors.js';

/**
 * Live capture sources (DESIGN.md "Capture without typing", docs/decisions/0018-live-sources.md),
 * pure: what a source is, which inputs make one, and what to fetch from a calendar given what was
 * read before. The network and the database are app's.
 */

export const sourceKinds = ['caldav', 'imap'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export const imapSecurities = ['tls', 'starttls', 'insecure-local'] as const;
export type ImapSecurity = (typeof imapSecurities)[number];

export interface CaldavConfig {
  kind: 'caldav';
  url: string;
  user: string;
  /** Calendars to read, by display name or the last segment of their URL; none: every calendar. */
  calendars: string[];
}

export interface ImapConfig {
  kind: 'imap';
  host: string;
  port: number;
  user: string;
  mailboxes: string[];
  security: ImapSecurity;
}

export type SourceConfig = CaldavConfig | ImapConfig;

/** What one calendar resource (an href) held when it was last read. */
export interface CalendarItem {
  etag: string;
  uids: string[];
  /**
   * Read again on every run even when its ETag did not change: a recurring event (new
   * occurrences keep ending) or one that had not ended yet.
   */
  pending: boolean;
}

export interface CalendarCursor {
  syncToken?: string | undefined;
  items: Record<string, CalendarItem>;
}

export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
}

export interface SourceCursor {
  calendars?: Record<string, CalendarCursor>;
  mailboxes?: Record<string, MailboxCursor>;
}

const nameShape = /^[a-z0-9][a-z0-9._-]{0,39}$/i;

export function checkSourceName(raw: string): string {
  const name = raw.trim();
  if (!nameShape.test(name) || /^\d+$/.test(name))
    throw invalid(
      `"${raw}" is not a source name: use 1–40 letters, digits, ".", "_" or "-", starting with a letter or digit, not only digits`,
      [{ path: 'name', message: 'is not a source name' }],
    );
  return name;
}

const loopback = (host: string): boolean =>
  /^(?:localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i.test(host.replace(/\.$/, ''));

/** A CalDAV URL: https, or http only to this machine (a password must never cross a network in clear). */
export function checkCaldavUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw invalid(`"${raw}" is not a URL (expected https://…)`, [{ path: 'url', message: 'is not a URL' }]);
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback(u.hostname)))
    throw invalid(
      u.protocol === 'http:'
        ? `http:// sends the password in clear: use https:// (plain http only to localhost), not "${raw}"`
        : `"${raw}" is not an http(s) URL`,
      [{ path: 'url', message: 'must be https (http only to localhost)' }],
    );
  if (u.username !== '' || u.password !== '')
    throw invalid('put the user in --user and the password on stdin, not in the URL', [
      { path: 'url', message: 'has credentials in it' },
    ]);
  return u.toString();
}

/** `HOST[:PORT]`: the port from the security when not given (993 TLS, 143 otherwise). */
export function checkImapServer(raw: string, security: ImapSecurity): { host: string; port: number } {
  const m = /^(\[[0-9a-f:]+\]|[^:\s/]+)(?::(\d{1,5}))?$/i.exec(raw.trim());
  const problems: Problem[] = [{ path: 'host', message: 'is not HOST or HOST:PORT' }];
  if (m === null) throw invalid(`"${raw}" is not an IMAP server (expected HOST or HOST:PORT)`, problems);
  const host = (m[1] ?? '').replace(/^\[|\]$/g, '');
  const port = m[2] !== undefined ? Number(m[2]) : security === 'tls' ? 993 : 143;
  if (port < 1 || port > 65535) throw invalid(`port ${port} is out of range (1–65535)`, problems);
  if (security === 'insecure-local' && !loopback(host))
    throw invalid(
      `--insecure-local sends the password in clear and is only for a server on this machine, not ${host}: use --tls or --starttls`,
      [{ path: 'security', message: 'insecure only to localhost' }],
    );
  return { host, port };
}

export function checkMailboxes(raw: string | undefined): string[] {
  const list = (raw ?? 'INBOX')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.length === 0)
    throw invalid('name at least one mailbox (e.g. INBOX,Sent)', [{ path: 'mailbox', message: 'is empty' }]);
  return [...new Set(list)];
}

export function checkUser(raw: string | undefined): string {
  const user = (raw ?? '').trim();
  if (user === '' || user.length > 320 || /[\r\n]/.test(user))
    throw invalid('give the login with --user', [{ path: 'user', message: 'is required' }]);
  return user;
}

export function checkPassword(raw: string | undefined): string {
  const p = (raw ?? '').replace(/\r?\n$/, '');
  if (p === '' || /[\r\n]/.test(p))
    throw invalid(
      'the password is empty or has more than one line (give it on stdin or in an environment variable)',
      [{ path: 'password', message: 'is empty or not one line' }],
    );
  return p;
}

/**
 * A calendar resource after a read: the UIDs it holds now, and those it no longer has (they go
 * like deleted events). When an event of it could not be read (`leftOut`), that may be the one
 * whose UID is missing: nothing goes, and the UIDs it had are kept for the next read.
 * @example resourceUids(['a', 'b'], ['a'], 0) // { uids: ['a'], gone: ['b'] }
 */
export function resourceUids(
  had: readonly string[],
  read: readonly string[],
  leftOut: number,
): { uids: string[]; gone: string[] } {
  if (leftOut > 0) return { uids: [...new Set([...had, ...read])], gone: [] };
  return { uids: [...read], gone: had.filter((u) => !read.includes(u)) };
}

/**
 * Which resources of a calendar to fetch, given what was read before and what the server lists
 * now (every href with its ETag after a full listing, or only the changed and deleted ones after
 * an RFC 6578 sync): changed or new ETags, and everything still `pending`; and which are gone.
 */
export function planCalendarFetch(
  before: Readonly<Record<string, CalendarItem>>,
  listing:
    | { full: true; etags: ReadonlyMap<string, string> }
    | {
        full: false;
        changed: ReadonlyMap<string, string>;
        deleted: readonly string[];
      },
): { fetch: string[]; gone: string[] } {
  const fetch = new Set<string>();
  const gone = new Set<string>();
  if (listing.full) {
    for (const [href, etag] of listing.etags) {
      const had = before[href];
      if (had === undefined || had.etag !== etag || had.pending) fetch.add(href);
    }
    for (const href of Object.keys(before)) if (!listing.etags.has(href)) gone.add(href);
  } else {
    for (const [href, etag] of listing.changed) if (before[href]?.etag !== etag) fetch.add(href);
    for (const href of listing.deleted) if (before[href] !== undefined) gone.add(href);
    for (const [href, item] of Object.entries(before)) if (item.pending && !gone.has(href)) fetch.add(href);
  }
  return { fetch: [...fetch].sort(), gone: [...gone].sort() };
}

/** A source as shown: never its secret. */
export interface SourceView {
  name: string;
  kind: SourceKind;
  /** Where: the CalDAV URL, or imap(s)://host:port. */
  where: string;
  user: string;
  calendars?: string[] | undefined;
  mailboxes?: string[] | undefined;
  security?: ImapSecurity | undefined;
  lastRunAt?: string | undefined;
  createdAt: string;
}

export function viewOf(
  name: string,
  c: SourceConfig,
  row: { lastRunAt?: string | undefined; createdAt: string },
): SourceView {
  return c.kind === 'caldav'
    ? { name, kind: 'caldav', where: c.url, user: c.user, calendars: c.calendars, ...row }
    : {
        name,
        kind: 'imap',
        where: `${c.security === 'tls' ? 'imaps' : 'imap'}://${c.host.includes(':') ? `[${c.host}]` : c.host}:${c.port}`,
        user: c.user,
        mailboxes: c.mailboxes,
        security: c.security,
        ...row,
      };
}
