import { addDays } from './dates.js';
import type { Settings } from './settings.js';
import { isReal, type Contact } from './strength.js';
import type { Day } from './types.js';

export type EventOutcome = 'succeeded' | 'pending' | 'missed' | 'no_pick';

/**
 * An event succeeds when at least one person met there is picked for follow-up and a real
 * follow-up with one of them happens within 7 days after it (the meeting at the event itself does
 * not count as its follow-up). `realContactDays` are the days of real
 * interactions with the picked people.
 */
export function eventOutcome(
  eventDay: Day,
  pickedCount: number,
  realContactDays: readonly Day[],
  today: Day,
  s: Pick<Settings, 'eventFollowUpDays'>,
): EventOutcome {
  if (pickedCount === 0) return today > addDays(eventDay, s.eventFollowUpDays) ? 'no_pick' : 'pending';
  const deadline = addDays(eventDay, s.eventFollowUpDays);
  if (realContactDays.some((d) => d > eventDay && d <= deadline)) return 'succeeded';
  return today > deadline ? 'missed' : 'pending';
}

/**
 * A person picked at an event is followed up once a real interaction (in person, call, letter)
 * with them happens after the event's day: the meeting at the event itself does not count.
 * @example followedUp('2026-03-01', [{ date: '2026-03-02', channel: 'call' }]) === true
 */
export function followedUp(eventDay: Day, contacts: readonly Contact[]): boolean {
  return contacts.some((c) => isReal(c.channel) && c.date > eventDay);
}
