import ICAL from 'ical.js';
import { decodeUtf8OrLegacy, sniff } from '../../importers/decode.js';
import { mendSplitCharacters } from '../content-lines.js';
import { simpleExpansion, type RecurTime } from './recur.js';
import { addZones, zoneMessage, type ZoneProblem } from './defined-zones.js';
import { lineOfError, scanCalendar } from './scan.js';
import {
  dayOfTime,
  detailsOf,
  durationOf,
  idOf,
  keyOf,
  text,
  timeOf,
  toMs,
  upper,
  type CalendarOccurrence,
  type Details,
} from './event.js';
import { ianaZone } from './zones.js';

export type { CalendarOccurrence } from './event.js';

/**
 * Reads an iCalendar file (Google, Outlook/Exchange, Apple exports) into the occurrences that have
 * started by `now`: one per single event, one per past occurrence of a recurring event (RRULE,
 * RDATE, EXDATE), with moved or changed instances (RECURRENCE-ID) in place of the ones they
 * replace. ical.js parses; this module decides time zones, keys and which copy of an event wins.
 */

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

export interface CalendarFile {
  ok: true;
  encoding: string;
  /** X-WR-CALNAME (Google, Apple) or X-CALNAME, when the file names its calendar. */
  name?: string | undefined;
  prodId?: string | undefined;
  /** VEVENT components in the file. */
  events: number;
  /**
   * Every UID in the file with its highest SEQUENCE: a re-read of one of them removes the
   * occurrences it no longer has (unless the file's copy is older than what was captured).
   */
  series: { uid: string; sequence: number }[];
  occurrences: CalendarOccurrence[];
  /** Not fatal: a TZID nobody defines, a series cut short, an event left out. */
  problems: { line: number; message: string }[];
  /**
   * Events left out because they could not be read (damaged, unparsable, a value that cannot be
   * read): their UIDs are unknown, so what was captured from them before must stay.
   */
  leftOut: number;
  /**
   * Events read, their UID known, that gave no occurrence because they cannot be used: no DTSTART,
   * a series that cannot be expanded. Named in `problems`; `--strict` refuses the file for them too.
   */
  unusable: number;
}

export interface CalendarMismatch {
  ok: false;
  code: 'empty_file' | 'binary_file' | 'not_a_calendar' | 'broken_calendar';
  line?: number | undefined;
  message: string;
}

/** A recurring series is expanded at most this far (a daily meeting for 50 years). */
const MAX_OCCURRENCES = 20_000;

export function readCalendar(bytes: Uint8Array, now: number): CalendarFile | CalendarMismatch {
  const s = sniff(bytes, 'an iCalendar file (.ics)');
  if (!s.ok)
    return { ok: false, code: s.code === 'empty_file' ? 'empty_file' : 'binary_file', message: s.message };
  const body = bytes.subarray(s.bomLength);
  const decoded =
    s.encoding === 'utf-16le' || s.encoding === 'utf-16be'
      ? { text: new TextDecoder(s.encoding).decode(body), encoding: s.encoding }
      : decodeBytes(body);
  const scanned = scanCalendar(decoded.text);
  if (!scanned.ok) return scanned;
  /** ical.js's parse of one piece: a calendar without its events, or one event. */
  const parse = (piece: string, from?: number): unknown[] | CalendarMismatch => {
    try {
      return ICAL.parse(piece) as unknown[];
    } catch (e) {
      const message = (e as Error).message;
      const line = lineOfError(message, scanned.lines(), from) ?? from;
      return { ok: false, code: 'broken_calendar', line, message };
    }
  };
  const problems: CalendarFile['problems'] = [...scanned.problems];
  const unknownZones = new Set<string>();
  const occurrences: CalendarOccurrence[] = [];
  const series = new Map<string, number>();
  let eventIndex = 0;
  let leftOut = scanned.leftOut;
  let unusable = 0;
  let name: string | undefined;
  let prodId: string | undefined;
  const badZones: ZoneProblem[] = [];
  for (const calendar of scanned.calendars) {
    const rootJcal = parse(calendar.rest);
    if (!Array.isArray(rootJcal)) return rootJcal;
    const root = new ICAL.Component(rootJcal);
    addZones(root, calendar.zones, badZones);
    name ??= text(root, 'x-wr-calname') ?? text(root, 'x-calname');
    const wrZone = text(root, 'x-wr-timezone');
    const calendarZone = wrZone !== undefined ? ianaZone(wrZone) : undefined;
    prodId ??= text(root, 'prodid');
    const cancelAll = upper(root.getFirstPropertyValue('method')) === 'CANCEL';
    const groups = new Map<string, Group>();
    for (const scannedEvent of calendar.events) {
      eventIndex++;
      const line = scannedEvent.line;
      const jcal = parse(scannedEvent.text, line);
      // An event ical.js cannot parse (a quote never closed, a recurrence rule it cannot read) is
      // left out and named, like one with a value it cannot read; the others count.
      if (!Array.isArray(jcal)) {
        problems.push({ line: jcal.line ?? line, message: `${jcal.message}; the event was left out` });
        leftOut++;
        continue;
      }
      // Its time zones are the calendar's: ical.js finds them through the parent.
      const ev = new ICAL.Component(jcal, root);
      try {
        // ical.js reads values lazily: read the ones that matter now, so a bad one names its event.
        for (const name of ['dtstart', 'dtend', 'duration', 'recurrence-id', 'rrule', 'exdate', 'rdate'])
          for (const p of ev.getAllProperties(name))
            try {
              p.getValues();
            } catch {
              throw new BadValue(rawLine(scanned.lines(), line, name));
            }
        const uid =
          text(ev, 'uid') ??
          `no-uid:${text(ev, 'summary') ?? ''}:${String(ev.getFirstPropertyValue('dtstart'))}`;
        const v = versioned(ev, line, cancelAll, calendarZone, unknownZones);
        series.set(uid, Math.max(series.get(uid) ?? 0, v.sequence));
        const group = groups.get(uid) ?? { overrides: new Map<string, Versioned>() };
        groups.set(uid, group);
        const rid = ev.getFirstProperty('recurrence-id');
        if (rid === null) {
          if (newer(v, group.master)) group.master = v;
        } else {
          const key = keyOf(rid, unknownZones);
          if (newer(v, group.overrides.get(key))) group.overrides.set(key, v);
        }
      } catch (e) {
        if (e instanceof BadValue)
          problems.push({ line: e.at.line, message: `${e.at.text}: cannot be read; the event was left out` });
        else problems.push({ line, message: `event left out: ${(e as Error).message}` });
        leftOut++;
      }
    }
    for (const [uid, g] of groups)
      try {
        if (g.master !== undefined && g.master.start === undefined) unusable++;
        occurrences.push(...expand(uid, g, now, calendarZone, unknownZones, problems));
      } catch (e) {
        unusable++;
        const line = g.master?.line ?? [...g.overrides.values()][0]?.line ?? 0;
        problems.push({ line, message: `event left out: ${(e as Error).message}` });
      }
  }
  for (const z of badZones) problems.push({ line: z.line, message: zoneMessage(z) });
  // In the file's order; what concerns the whole file (line 0) last.
  problems.sort((a, b) => (a.line || Infinity) - (b.line || Infinity));
  const setAside = new Set(badZones.map((z) => z.tzid));
  for (const z of unknownZones)
    if (!setAside.has(z))
      problems.push({
        line: 0,
        message: `time zone "${z}" is not defined in the file nor known: its times were read as local time`,
      });
  return {
    ok: true,
    encoding: decoded.encoding,
    name,
    prodId,
    events: eventIndex + scanned.leftOut,
    leftOut,
    unusable,
    series: [...series].map(([uid, sequence]) => ({ uid, sequence })),
    occurrences,
    problems,
  };
}

/**
 * UTF-8 (or, failing that, Windows-1252). Outlook folds at 75 octets and so may split a
 * character across a fold; ical.js unfolds decoded text, too late, and the split would also make
 * the whole file fail as UTF-8 and be read as Windows-1252. Such characters are put back together
 * first.
 */
function decodeBytes(body: Uint8Array): ReturnType<typeof decodeUtf8OrLegacy> {
  const first = decodeUtf8OrLegacy(body);
  if (first.encoding === 'utf-8') return first;
  const mended = mendSplitCharacters(body);
  return mended === undefined ? first : decodeUtf8OrLegacy(mended);
}

class BadValue extends Error {
  constructor(readonly at: { line: number; text: string }) {
    super(at.text);
  }
}

/** The content line of a property of the event that begins on `from`, as the file wrote it. */
function rawLine(
  lines: readonly { text: string; line: number }[],
  from: number,
  name: string,
): { line: number; text: string } {
  const upperName = name.toUpperCase();
  const found = lines.find(
    (l) => l.line > from && /^[A-Za-z-]+/.exec(l.text)?.[0].toUpperCase() === upperName,
  );
  return found ?? { line: from, text: upperName };
}

/**
 * One copy of an event, read at once into what its occurrences need, so that ical.js's parse of
 * it can go (a series keeps its component: the expansion walks its rules).
 */
interface Versioned {
  line: number;
  sequence: number;
  /** Its DTSTART; none when it has none or cannot be read as a time. */
  start: { ms: number; allDay: boolean } | undefined;
  /** See `CalendarOccurrence.day`: the day of its DTSTART. */
  day: string;
  /** From DTSTART to DTEND or for DURATION; a day or nothing when it has neither. */
  duration: number;
  /** Whether it has a DTEND or a DURATION of its own (a moved instance may not). */
  ownEnd: boolean;
  details: Omit<Details, 'start' | 'end'>;
  /** A series (RRULE or RDATE): what its expansion needs. */
  series?: { ev: Component; first: Time; tzid: string | undefined } | undefined;
}

interface Group {
  master?: Versioned;
  overrides: Map<string, Versioned>;
}

function versioned(
  ev: Component,
  line: number,
  cancelAll: boolean,
  calendarZone: string | undefined,
  unknown: Set<string>,
): Versioned {
  const dtstart = ev.getFirstProperty('dtstart');
  const start = timeOf(dtstart, unknown);
  const first: unknown = dtstart?.getFirstValue();
  const sequence = sequenceOf(ev);
  let series: Versioned['series'];
  if (
    dtstart !== null &&
    first instanceof ICAL.Time &&
    (ev.hasProperty('rrule') || ev.hasProperty('rdate'))
  ) {
    const tzid: unknown = dtstart.getParameter('tzid');
    series = { ev, first, tzid: typeof tzid === 'string' ? tzid : undefined };
  }
  return {
    line,
    sequence,
    start,
    day: first instanceof ICAL.Time ? dayOfTime(first, toMs(first, undefined, unknown), calendarZone) : '',
    duration: start === undefined ? 0 : durationOf(ev, start, unknown),
    ownEnd: ev.hasProperty('dtend') || ev.hasProperty('duration'),
    details: detailsOf(ev, line, sequence, cancelAll),
    series,
  };
}

function sequenceOf(ev: Component): number {
  const v: unknown = ev.getFirstPropertyValue('sequence');
  return typeof v === 'number' ? v : Number(v ?? 0) || 0;
}

/** Two copies of one event in a file: the higher SEQUENCE wins, then the later in the file. */
function newer(a: Versioned, b: Versioned | undefined): boolean {
  return b === undefined || a.sequence >= b.sequence;
}

/**
 * One occurrence of `v` (an object literal of one shape: copying the details with a spread cost
 * more than the rest of building a large calendar's occurrences).
 */
function occurrence(
  uid: string,
  recurrenceId: string,
  day: string,
  v: Versioned,
  start: number,
  end: number,
  allDay: boolean,
): CalendarOccurrence {
  const d = v.details;
  return {
    uid,
    recurrenceId,
    day,
    start,
    end,
    // `d.allDay` is Outlook's flag for the whole event; an occurrence may also be a DATE.
    allDay: allDay || d.allDay,
    status: d.status,
    summary: d.summary,
    location: d.location,
    description: d.description,
    conference: d.conference,
    structuredPlace: d.structuredPlace,
    organizer: d.organizer,
    attendees: d.attendees,
    sequence: d.sequence,
    line: d.line,
  };
}

function expand(
  uid: string,
  g: Group,
  now: number,
  calendarZone: string | undefined,
  unknown: Set<string>,
  problems: CalendarFile['problems'],
): CalendarOccurrence[] {
  const out: CalendarOccurrence[] = [];
  const m = g.master;
  // Moved and changed instances stand for themselves, wherever the series has got to.
  for (const [rid, o] of g.overrides) {
    const start = o.start;
    if (start === undefined) continue;
    const dur = o.ownEnd || !m || !m.start ? o.duration : m.duration;
    out.push(occurrence(uid, rid, o.day, o, start.ms, start.ms + dur, start.allDay));
  }
  if (!m) return out;
  const start = m.start;
  if (start === undefined) {
    problems.push({ line: m.line, message: 'an event without DTSTART was left out' });
    return out;
  }
  const dur = m.duration;
  if (m.series === undefined) {
    out.push(occurrence(uid, '', m.day, m, start.ms, start.ms + dur, start.allDay));
    return out;
  }
  const { ev, first, tzid } = m.series;
  let next = simpleExpansion(ev, first);
  if (next === undefined) {
    const expansion = new ICAL.RecurExpansion({ component: ev, dtstart: first });
    // ical.js types next() as always returning a Time; it returns undefined when the series ends.
    next = (): Time | undefined => {
      const t: Time | undefined = expansion.next();
      return t;
    };
  }
  let n = 0;
  for (let t: RecurTime | undefined = next(); t; t = next()) {
    const ms = toMs(t, tzid, unknown);
    if (ms > now) break;
    if (++n > MAX_OCCURRENCES) {
      problems.push({
        line: m.line,
        message: `a series with more than ${MAX_OCCURRENCES} past occurrences: the later ones were left out`,
      });
      break;
    }
    const rid = idOf(ms, t.isDate);
    if (g.overrides.has(rid)) continue;
    out.push(occurrence(uid, rid, dayOfTime(t, ms, calendarZone), m, ms, ms + dur, t.isDate));
  }
  return out;
}
