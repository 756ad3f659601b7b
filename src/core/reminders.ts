import { addDays, daysBetween, isValidDay } from './dates.js';
import { followedUp } from './events.js';
import { lastRealContact, type Contact } from './strength.js';
import type { Day } from './types.js';

/**
 * What the private calendar feed holds (DESIGN.md, "Reminders that reach you"): open promises on
 * their due day, event follow-ups on the last day they still count, keep-in-touch dates and
 * birthdays (every year). Pure: the app reads the rows, this decides the reminders.
 */
export interface ReminderInput {
  today: Day;
  /** Days after an event within which a real follow-up makes it a success. */
  eventFollowUpDays: number;
  promises: readonly { id: number; personId: number; personName: string; text: string; due: Day }[];
  followUps: readonly {
    eventId: number;
    eventName: string;
    eventDate: Day;
    place?: string | undefined;
    personId: number;
    personName: string;
    line?: string | undefined;
    contacts: readonly Contact[];
  }[];
  /** People with a keep-in-touch cadence, and their interactions. */
  cadences: readonly {
    personId: number;
    personName: string;
    cadenceDays: number;
    contacts: readonly Contact[];
  }[];
  /** Birthdays as recorded: `YYYY-MM-DD`, or `--MM-DD` without a year. */
  birthdays: readonly { personId: number; personName: string; on: string }[];
}

export type ReminderKind = 'promise' | 'follow_up' | 'keep_in_touch' | 'birthday';

export interface Reminder {
  kind: ReminderKind;
  /** Stable across fetches, so that a calendar app updates an event rather than adding another. */
  uid: string;
  day: Day;
  title: string;
  description: string;
  personId: number;
  /** Reminder time: 9:00 on the day, or (a follow-up) 9:00 the day before its last day. */
  alarm: { days?: number; hours: number; before: boolean };
  /** A birthday repeats every year from `day`. */
  yearly?: { lastDayOfFebruary?: boolean } | undefined;
}

const onTheDay = { hours: 9, before: false } as const;
const dayBefore = { days: 1, hours: 15, before: true } as const;

const late = (due: Day, today: Day): string => {
  const n = daysBetween(due, today);
  return `${n} day${n === 1 ? '' : 's'} late`;
};

/**
 * The first day a birthday falls on, for a yearly event: the birth date itself when the year is
 * known, else the date in 2000 (a leap year, so 29 February exists). Undefined when unreadable.
 */
export function birthdayStart(on: string): { day: Day; lastDayOfFebruary: boolean } | undefined {
  const m = /^(\d{4}|-)-?(\d{2})-?(\d{2})$/.exec(on.startsWith('--') ? on.slice(1) : on);
  if (!m) return undefined;
  const year = m[1] === '-' || m[1] === undefined ? '2000' : m[1];
  const leapDay = m[2] === '02' && m[3] === '29';
  // A 29 February birth date needs a leap year to start from; the year of birth is one.
  const day = `${leapDay && !isValidDay(`${year}-02-29`) ? '2000' : year}-${m[2] ?? ''}-${m[3] ?? ''}`;
  return isValidDay(day) ? { day, lastDayOfFebruary: leapDay } : undefined;
}

export function reminders(input: ReminderInput): Reminder[] {
  const { today } = input;
  const out: Reminder[] = [];

  // An overdue promise stays in sight: it moves to today, saying how late it is.
  for (const p of [...input.promises].sort((a, b) => a.due.localeCompare(b.due) || a.id - b.id)) {
    const overdue = p.due < today;
    out.push({
      kind: 'promise',
      uid: `promise-${p.id}@tend`,
      day: overdue ? today : p.due,
      title: `Keep your promise to ${p.personName}: ${p.text}`,
      description: `You promised ${p.personName}: ${p.text}\n${overdue ? `Due ${p.due}, ${late(p.due, today)}.` : `Due ${p.due}.`}\nMark it kept with: tend done ${p.id}`,
      personId: p.personId,
      alarm: onTheDay,
    });
  }

  for (const f of [...input.followUps].sort(
    (a, b) => a.eventDate.localeCompare(b.eventDate) || a.eventId - b.eventId || a.personId - b.personId,
  )) {
    if (followedUp(f.eventDate, f.contacts)) continue;
    const by = addDays(f.eventDate, input.eventFollowUpDays);
    if (by < today) continue;
    out.push({
      kind: 'follow_up',
      uid: `followup-${f.eventId}-${f.personId}@tend`,
      day: by,
      title: `Follow up with ${f.personName} (met at ${f.eventName})`,
      description: `A coffee or a call with ${f.personName} by ${by} makes ${f.eventName} a success.${f.place ? `\nMet in ${f.place} on ${f.eventDate}.` : ''}${f.line ? `\n${f.line}` : ''}`,
      personId: f.personId,
      alarm: dayBefore,
    });
  }

  for (const c of [...input.cadences].sort((a, b) => a.personName.localeCompare(b.personName))) {
    const last = lastRealContact(c.contacts);
    const due = last === undefined ? today : addDays(last, c.cadenceDays);
    const day = due < today ? today : due;
    out.push({
      kind: 'keep_in_touch',
      uid: `keep-in-touch-${c.personId}@tend`,
      day,
      title: `Keep in touch with ${c.personName}: a call or a coffee`,
      description:
        last === undefined
          ? `You wanted to talk to ${c.personName} every ${c.cadenceDays} days; no real conversation yet.`
          : `You wanted to talk to ${c.personName} every ${c.cadenceDays} days; the last real conversation was on ${last}${due < today ? ` (${late(due, today)})` : ''}.`,
      personId: c.personId,
      alarm: onTheDay,
    });
  }

  for (const b of [...input.birthdays].sort((a, b) => a.personName.localeCompare(b.personName))) {
    const start = birthdayStart(b.on);
    if (!start) continue;
    out.push({
      kind: 'birthday',
      uid: `birthday-${b.personId}@tend`,
      day: start.day,
      title: `${b.personName}'s birthday`,
      description: `${b.personName}'s birthday: a short note from you is a small give.`,
      personId: b.personId,
      alarm: onTheDay,
      yearly: start.lastDayOfFebruary ? { lastDayOfFebruary: true } : {},
    });
  }
  return out;
}
