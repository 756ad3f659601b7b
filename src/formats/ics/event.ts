import ICAL from 'ical.js';
import type { Meeting, MeetingPerson } from '../../core/capture.js';
import { dayOf } from '../../core/dates.js';
import type { RecurTime } from './recur.js';
import { definedZoneMs } from './zone-offsets.js';
import { dayInZone, ianaZone, zonedToInstant } from './zones.js';

/**
 * What one event of a calendar says: its times (in the zone the file defines, one it names, or
 * floating), the day it happened, and its details (people, place, conference links), read with
 * ical.js. `read.ts` decides which copy of an event wins and expands series.
 */

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;

export interface CalendarOccurrence extends Meeting {
  uid: string;
  /** The occurrence's original start (UTC ISO, or the day for all-day events); '' for a single event. */
  recurrenceId: string;
  /**
   * The day it happened, as the file writes it: the date of its start in its own time zone (or
   * floating); a UTC start in the calendar's zone (X-WR-TIMEZONE), else in the local one.
   */
  day: string;
  sequence: number;
  summary?: string | undefined;
  /** The line its VEVENT begins on. */
  line: number;
}

export const text = (c: Component, name: string): string | undefined => {
  const v: unknown = c.getFirstPropertyValue(name);
  const s = typeof v === 'string' ? v.trim() : undefined;
  return s === '' ? undefined : s;
};

export const upper = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.toUpperCase() : undefined;

/** Conference properties: RFC 7986, Google's, and Exchange's Teams and Skype links. */
const conferenceProps = [
  'conference',
  'x-google-conference',
  'x-microsoft-skypeteamsmeetingurl',
  'x-microsoft-onlinemeetingconflink',
  'x-microsoft-onlinemeetingexternallink',
];

const pad = (n: number, w = 2): string => n.toString().padStart(w, '0');

/** See `CalendarOccurrence.day`. */
export function dayOfTime(t: RecurTime, ms: number, calendarZone: string | undefined): string {
  const zone = (t.zone as { tzid?: string } | null | undefined)?.tzid;
  if (!t.isDate && zone === 'UTC')
    return (calendarZone !== undefined ? dayInZone(ms, calendarZone) : undefined) ?? dayOf(new Date(ms));
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
}

export function toMs(t: RecurTime, tzid: string | undefined, unknown: Set<string>): number {
  if (t.isDate) return Date.UTC(t.year, t.month - 1, t.day);
  // ical.js types the zone as always set; a Time built from a bare value has none.
  const zone = (t.zone as { tzid?: string } | null | undefined)?.tzid;
  if (zone === 'UTC') return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  // A zone the file defines (VTIMEZONE): ical.js applies its rules.
  if (zone !== undefined && zone !== 'floating') return definedZoneMs(t);
  if (tzid !== undefined) {
    const iana = ianaZone(tzid);
    const ms = iana !== undefined ? zonedToInstant(t, iana) : undefined;
    if (ms !== undefined) return ms;
    unknown.add(tzid);
  }
  // Floating time: the same wall-clock time wherever the user is.
  return new Date(t.year, t.month - 1, t.day, t.hour, t.minute, t.second).getTime();
}

export function timeOf(
  p: Property | null,
  unknown: Set<string>,
): { ms: number; allDay: boolean } | undefined {
  if (p === null) return undefined;
  const v: unknown = p.getFirstValue();
  if (!(v instanceof ICAL.Time)) return undefined;
  const tzid: unknown = p.getParameter('tzid');
  return { ms: toMs(v, typeof tzid === 'string' ? tzid : undefined, unknown), allDay: v.isDate };
}

export function idOf(ms: number, allDay: boolean): string {
  const iso = new Date(ms).toISOString();
  return allDay ? iso.slice(0, 10) : iso;
}

export function keyOf(rid: Property, unknown: Set<string>): string {
  const t = timeOf(rid, unknown);
  return t === undefined ? String(rid.getFirstValue()) : idOf(t.ms, t.allDay);
}

export function durationOf(
  ev: Component,
  start: { ms: number; allDay: boolean },
  unknown: Set<string>,
): number {
  const end = timeOf(ev.getFirstProperty('dtend'), unknown);
  if (end !== undefined) return Math.max(0, end.ms - start.ms);
  const d: unknown = ev.getFirstPropertyValue('duration');
  if (d instanceof ICAL.Duration) return d.toSeconds() * 1000;
  return start.allDay ? 86_400_000 : 0;
}

function person(p: Property | null): MeetingPerson | undefined {
  if (p === null) return undefined;
  const param = (n: string): string | undefined => {
    const v: unknown = p.getParameter(n);
    const s = Array.isArray(v) ? (v as unknown[])[0] : v;
    return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined;
  };
  const value: unknown = p.getFirstValue();
  // Apple writes the address in EMAIL= when the value is a urn:uuid.
  const email = param('email') ?? (typeof value === 'string' ? value : undefined);
  return {
    email,
    name: param('cn'),
    partstat: param('partstat')?.toUpperCase(),
    cutype: param('cutype')?.toUpperCase(),
  };
}

export type Details = Omit<CalendarOccurrence, 'uid' | 'recurrenceId' | 'day'>;

/** What an event says besides its times, read once per event however many occurrences it has. */
export function detailsOf(
  ev: Component,
  line: number,
  sequence: number,
  cancelAll: boolean,
): Omit<Details, 'start' | 'end'> {
  const conference = conferenceProps.flatMap((n) =>
    ev.getAllProperties(n).map((p) => String(p.getFirstValue() ?? '')),
  );
  const url = text(ev, 'url');
  const description = [text(ev, 'description'), text(ev, 'x-alt-desc'), url].filter(Boolean).join('\n');
  return {
    allDay: upper(ev.getFirstPropertyValue('x-microsoft-cdo-alldayevent')) === 'TRUE',
    status: cancelAll ? 'CANCELLED' : upper(ev.getFirstPropertyValue('status')),
    summary: text(ev, 'summary'),
    location: text(ev, 'location'),
    description: description === '' ? undefined : description,
    conference,
    structuredPlace: ev.hasProperty('x-apple-structured-location'),
    organizer: person(ev.getFirstProperty('organizer')),
    attendees: ev.getAllProperties('attendee').flatMap((p) => person(p) ?? []),
    sequence,
    line,
  };
}
