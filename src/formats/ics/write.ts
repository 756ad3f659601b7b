import { addDays } from '../../core/dates.js';
import { escapeText, foldLine } from '../content-lines.js';

/** One all-day calendar event with its reminder. */
export interface CalendarItem {
  uid: string;
  /** All-day event on this day (YYYY-MM-DD). */
  day: string;
  title: string;
  description: string;
  location?: string | undefined;
  /** Reminder, relative to the start of the all-day event. */
  alarm: { days?: number; hours: number; before: boolean };
  /**
   * Repeats every year from `day` (a birthday). `lastDayOfFebruary`: a 29 February birthday,
   * kept on the 28th in other years (RFC 5545 skips a plain yearly rule's invalid dates).
   */
  yearly?: { lastDayOfFebruary?: boolean } | undefined;
}

export interface CalendarOptions {
  /** Calendar name shown by the client (default Tend). */
  name?: string;
  /** How often a subscribed client should fetch the feed again (RFC 7986 REFRESH-INTERVAL), in hours. */
  refreshHours?: number;
}

const basicDay = (day: string): string => day.replace(/-/g, '');

/** `20261126T090000Z`: a UTC DATE-TIME. */
const utcStamp = (d: Date): string =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

/** A DURATION (RFC 5545 §3.3.6): `-P1DT15H`, `PT9H`. */
function duration(a: CalendarItem['alarm']): string {
  const days = a.days ? `${a.days}D` : '';
  const time = a.hours ? `T${a.hours}H` : '';
  return `${a.before ? '-' : ''}P${days}${time || (days ? '' : 'T0H')}`;
}

/**
 * An iCalendar 2.0 file (RFC 5545). Written here rather than with the `ics` package, which folds
 * at 75 characters instead of octets (a CJK or emoji line exceeds the limit) and leaves commas,
 * semicolons and backslashes of an alarm's DESCRIPTION unescaped (docs/decisions/0005).
 * DTSTAMP comes from the app's clock: the same database exports the same bytes.
 */
export function calendar(items: readonly CalendarItem[], now: Date, opts: CalendarOptions = {}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tend//Tend 0.1//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(opts.name ?? 'Tend')}`,
    ...(opts.refreshHours
      ? [`REFRESH-INTERVAL;VALUE=DURATION:PT${opts.refreshHours}H`, `X-PUBLISHED-TTL:PT${opts.refreshHours}H`]
      : []),
  ];
  const stamp = utcStamp(now);
  for (const it of items) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(it.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDay(it.day)}`,
      `DTEND;VALUE=DATE:${basicDay(addDays(it.day, 1))}`,
      ...(it.yearly
        ? [`RRULE:FREQ=YEARLY${it.yearly.lastDayOfFebruary ? ';BYMONTH=2;BYMONTHDAY=-1' : ''}`]
        : []),
      `SUMMARY:${escapeText(it.title)}`,
      `DESCRIPTION:${escapeText(it.description)}`,
      ...(it.location ? [`LOCATION:${escapeText(it.location)}`] : []),
      'TRANSP:TRANSPARENT',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(it.title)}`,
      `TRIGGER:${duration(it.alarm)}`,
      'END:VALARM',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('');
}
