import { addDays, dayOf } from '../core/dates.js';
import { followedUp } from '../core/events.js';
import { eventsWhere } from '../storage/repos/events.js';
import { contactsByPerson } from '../storage/repos/interactions.js';
import { getPeople } from '../storage/repos/people.js';
import { promisesWhere } from '../storage/repos/promises.js';
import type { AppContext } from './context.js';
import { escapeText, foldLine } from './export-lines.js';

export interface CalendarItem {
  uid: string;
  /** All-day event on this day (YYYY-MM-DD). */
  day: string;
  title: string;
  description: string;
  location?: string | undefined;
  /** Reminder, relative to the start of the all-day event. */
  alarm: { days?: number; hours: number; before: boolean };
}

/** Open promises and planned event follow-ups, as all-day events with a reminder. */
export async function icsOf(ctx: AppContext): Promise<{ content: string; count: number }> {
  const db = ctx.db;
  const today = dayOf(ctx.clock());
  const items: CalendarItem[] = [];
  const promises = await promisesWhere(db, { status: 'open' });
  const events = await eventsWhere(db, { from: addDays(today, -ctx.settings.eventFollowUpDays) });
  const picked = [...new Set(events.flatMap((e) => e.met.filter((m) => m.followUp).map((m) => m.personId)))];
  const people = new Map(
    (await getPeople(db, [...new Set([...promises.map((p) => p.personId), ...picked])])).map((p) => [
      p.id,
      p,
    ]),
  );
  const name = (id: number): string => people.get(id)?.name ?? `#${id}`;
  for (const p of promises)
    items.push({
      uid: `promise-${p.id}@tend`,
      day: p.due,
      title: `Promise to ${name(p.personId)}: ${p.text}`,
      description: `You promised ${name(p.personId)}: ${p.text}\nMark it kept with: tend done ${p.id}`,
      alarm: { hours: 9, before: false },
    });
  const contacts = await contactsByPerson(db, picked);
  for (const e of [...events].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id))
    for (const m of e.met) {
      if (!m.followUp) continue;
      if (followedUp(e.date, contacts.get(m.personId) ?? [])) continue;
      // The last day a real follow-up still makes the event a success.
      const by = addDays(e.date, ctx.settings.eventFollowUpDays);
      items.push({
        uid: `followup-${e.id}-${m.personId}@tend`,
        day: by,
        title: `Follow up with ${name(m.personId)} (met at ${e.name})`,
        description: `A coffee or a call with ${name(m.personId)} by ${by} makes ${e.name} a success.${e.place ? `\nMet in ${e.place} on ${e.date}.` : ''}${m.line ? `\n${m.line}` : ''}`,
        alarm: { days: 1, hours: 15, before: true },
      });
    }
  return { content: calendar(items, ctx.clock()), count: items.length };
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
export function calendar(items: readonly CalendarItem[], now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tend//Tend 0.1//EN',
    'CALSCALE:GREGORIAN',
    'X-WR-CALNAME:Tend',
  ];
  const stamp = utcStamp(now);
  for (const it of items) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(it.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDay(it.day)}`,
      `DTEND;VALUE=DATE:${basicDay(addDays(it.day, 1))}`,
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
