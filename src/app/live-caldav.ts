import { DAVClient, type DAVCalendar, type DAVResponse } from 'tsdav';
import { DomainError } from '../core/errors.js';
import {
  planCalendarFetch,
  resourceUids,
  type CaldavConfig,
  type CalendarCursor,
  type CalendarItem,
} from '../core/live-sources.js';
import { readCalendar, type CalendarOccurrence } from '../formats/ics/read.js';

/**
 * Reads a CalDAV account with tsdav (docs/decisions/0018-live-sources.md): the calendars chosen,
 * each incrementally: an RFC 6578 sync-collection from the last sync token when the server
 * supports it (and still honours the token), else a listing of every resource's ETag compared
 * with the last one. Changed resources are fetched (calendar-multiget) and read by the same
 * reader as a `.ics` file; recurring and not yet ended events are read again each run, since
 * their occurrences keep ending. Network only: nothing here writes.
 */

export interface CaldavRead {
  calendars: string[];
  /** Resources fetched this run. */
  fetched: number;
  events: number;
  occurrences: CalendarOccurrence[];
  series: { uid: string; sequence: number }[];
  /** UIDs whose resource was deleted on the server: their interactions go. */
  gone: Set<string>;
  cursor: Record<string, CalendarCursor>;
  /** Which calendars were read incrementally with a sync token. */
  incremental: number;
  problems: { line: number; message: string }[];
}

/** Errors the transport saw, kept so that tsdav's generic messages can be told apart. */
class Seen {
  status401 = false;
  network?: string | undefined;
}

function guardedFetch(seen: Seen): typeof fetch {
  return async (input, init) => {
    try {
      const res = await fetch(input, { ...init, signal: AbortSignal.timeout(30_000) });
      if (res.status === 401) seen.status401 = true;
      return res;
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      seen.network = cause?.code ?? cause?.message ?? (e as Error).message;
      throw e;
    }
  };
}

const pathOf = (href: string, base: string): string => new URL(href, base).pathname;

const etagOf = (r: DAVResponse): string | undefined => {
  const v: unknown = r.props?.getetag;
  return typeof v === 'string' ? v : v === undefined || v === null ? undefined : JSON.stringify(v);
};

function displayName(c: DAVCalendar): string {
  return typeof c.displayName === 'string' ? c.displayName : '';
}

function chosen(all: DAVCalendar[], config: CaldavConfig): DAVCalendar[] {
  const events = all.filter((c) => c.components === undefined || c.components.includes('VEVENT'));
  // The URL given may itself be one calendar.
  const direct = events.filter((c) => pathOf(c.url, config.url) === new URL(config.url).pathname);
  if (config.calendars.length === 0) return direct.length > 0 ? direct : events;
  const want = new Set(config.calendars.map((n) => n.toLowerCase()));
  const segment = (c: DAVCalendar): string =>
    decodeURIComponent(pathOf(c.url, config.url).replace(/\/$/, '').split('/').pop() ?? '').toLowerCase();
  return events.filter((c) => want.has(displayName(c).toLowerCase()) || want.has(segment(c)));
}

export async function readCaldav(
  source: string,
  config: CaldavConfig,
  password: string,
  before: Record<string, CalendarCursor>,
  nowMs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<CaldavRead> {
  const seen = new Seen();
  const client = new DAVClient({
    serverUrl: config.url,
    credentials: { username: config.user, password },
    authMethod: 'Basic',
    defaultAccountType: 'caldav',
    fetch: guardedFetch(seen),
  });
  const fail = (e: unknown): DomainError => {
    if (e instanceof DomainError) return e;
    if (seen.status401 || /invalid credentials|401/i.test((e as Error).message))
      return new DomainError(
        'source_auth_failed',
        `source "${source}": the CalDAV server ${new URL(config.url).host} refused the login of ${config.user} (wrong user or password); nothing was written`,
        { source, server: config.url },
      );
    return new DomainError(
      'source_unreachable',
      `source "${source}": cannot reach the CalDAV server ${config.url} (${seen.network ?? (e as Error).message}); nothing was written`,
      { source, server: config.url },
    );
  };
  let calendars: DAVCalendar[];
  try {
    await client.login();
    calendars = chosen(await client.fetchCalendars(), config);
  } catch (e) {
    throw fail(e);
  }
  if (calendars.length === 0)
    throw new DomainError(
      'invalid_input',
      `source "${source}": no calendar ${config.calendars.length > 0 ? `named ${config.calendars.join(', ')} ` : ''}at ${config.url}; nothing was written`,
      { source },
    );
  const out: CaldavRead = {
    calendars: calendars.map((c) => displayName(c) || pathOf(c.url, config.url)),
    fetched: 0,
    events: 0,
    occurrences: [],
    series: [],
    gone: new Set(),
    cursor: {},
    incremental: 0,
    problems: [],
  };
  const kept = new Set<string>();
  try {
    for (const cal of calendars) {
      const key = pathOf(cal.url, config.url);
      const had = before[key] ?? { items: {} };
      const listing = await listChanges(client, cal, had, config.url);
      if (!listing.full) out.incremental++;
      const plan = planCalendarFetch(had.items, listing);
      const items = new Map<string, CalendarItem>(Object.entries(had.items));
      for (const href of plan.gone) {
        for (const uid of items.get(href)?.uids ?? []) out.gone.add(uid);
        items.delete(href);
      }
      for (let i = 0; i < plan.fetch.length; i += 100) {
        const batch = plan.fetch.slice(i, i + 100);
        const objects = await client.fetchCalendarObjects({
          calendar: cal,
          objectUrls: batch.map((h) => new URL(h, cal.url).href),
          urlFilter: () => true,
        });
        onProgress?.(i, plan.fetch.length);
        const got = new Set<string>();
        for (const o of objects) {
          const href = pathOf(o.url, cal.url);
          got.add(href);
          out.fetched++;
          const text = typeof o.data === 'string' ? o.data : '';
          const read = readCalendar(Buffer.from(text, 'utf8'), nowMs);
          if (!read.ok) {
            out.problems.push({ line: 0, message: `${href}: ${read.message}; left out` });
            continue;
          }
          out.events += read.events;
          out.occurrences.push(...read.occurrences);
          out.series.push(...read.series);
          for (const p of read.problems)
            out.problems.push({ line: p.line, message: `${href}: ${p.message}` });
          const { uids, gone } = resourceUids(
            items.get(href)?.uids ?? [],
            read.series.map((s) => s.uid),
            read.leftOut,
          );
          gone.forEach((u) => out.gone.add(u));
          uids.forEach((u) => kept.add(u));
          items.set(href, {
            etag: o.etag ?? listingEtag(listing, href) ?? '',
            uids,
            pending: pending(text, read.occurrences, nowMs),
          });
        }
        // Listed but not returned: deleted between the listing and the fetch.
        for (const href of batch)
          if (!got.has(href)) {
            for (const uid of items.get(href)?.uids ?? []) out.gone.add(uid);
            items.delete(href);
          }
      }
      out.cursor[key] = { syncToken: cal.syncToken, items: Object.fromEntries(items) };
    }
  } catch (e) {
    throw fail(e);
  }
  // A UID moved from one resource (or calendar) to another is not gone.
  for (const uid of kept) out.gone.delete(uid);
  return out;
}

type Listing =
  | { full: true; etags: Map<string, string> }
  | { full: false; changed: Map<string, string>; deleted: string[] };

function listingEtag(l: Listing, href: string): string | undefined {
  return l.full ? l.etags.get(href) : l.changed.get(href);
}

async function listChanges(
  client: DAVClient,
  cal: DAVCalendar,
  had: CalendarCursor,
  base: string,
): Promise<Listing> {
  const self = pathOf(cal.url, base);
  if (had.syncToken !== undefined && cal.syncToken !== undefined) {
    if (had.syncToken === cal.syncToken) return { full: false, changed: new Map(), deleted: [] };
    try {
      const rs = await client.syncCollection({
        url: cal.url,
        props: { 'd:getetag': {} },
        syncLevel: 1,
        syncToken: had.syncToken,
      });
      if (rs.every((r) => r.ok || r.status === 404)) {
        const changed = new Map<string, string>();
        const deleted: string[] = [];
        for (const r of rs) {
          if (r.href === undefined) continue;
          const href = pathOf(r.href, cal.url);
          if (href === self) continue;
          if (r.status === 404) deleted.push(href);
          else changed.set(href, etagOf(r) ?? '');
        }
        return { full: false, changed, deleted };
      }
    } catch {
      // The server forgot the token (403 valid-sync-token) or does not sync: list everything.
    }
  }
  const rs = await client.propfind({ url: cal.url, props: { 'd:getetag': {} }, depth: '1' });
  const etags = new Map<string, string>();
  for (const r of rs) {
    if (r.href === undefined || !r.ok) continue;
    const href = pathOf(r.href, cal.url);
    const etag = etagOf(r);
    if (href !== self && etag !== undefined) etags.set(href, etag);
  }
  return { full: true, etags };
}

/** Read again next run: a recurring series, or anything that has not ended yet. */
function pending(text: string, occurrences: readonly CalendarOccurrence[], nowMs: number): boolean {
  if (/^(?:RRULE|RDATE)[:;]/im.test(text)) return true;
  if (occurrences.some((o) => o.end > nowMs)) return true;
  // An event that has not started is not an occurrence yet.
  return /^DTSTART/im.test(text) && occurrences.length === 0 && !/^STATUS:CANCELLED/im.test(text);
}
