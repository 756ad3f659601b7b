import { daysBetween } from './dates.js';
import type { Settings } from './settings.js';
import type { Channel, Day } from './types.js';

export const realChannels: readonly Channel[] = ['in_person', 'call', 'letter'];
export const isReal = (c: Channel): boolean => realChannels.includes(c);

export interface Contact {
  date: Day;
  channel: Channel;
}

/**
 * Strength (0–100) = 100 · (1 − e^(−S)), S = Σ realness · 0.5^(age_days / half-life).
 * Interactions dated in the future count as today's.
 * @example strengthOf([{ date: '2026-01-01', channel: 'in_person' }], '2026-01-01', s) ≈ 63.2
 */
export function strengthOf(
  contacts: readonly Contact[],
  today: Day,
  s: Pick<Settings, 'realness' | 'strengthHalfLifeDays'>,
): number {
  let sum = 0;
  for (const c of contacts) {
    const age = Math.max(0, daysBetween(c.date, today));
    sum += s.realness[c.channel] * 0.5 ** (age / s.strengthHalfLifeDays);
  }
  return 100 * (1 - Math.exp(-sum));
}

/**
 * Mean strength (0–100) of a group as of a day: each person's interactions up to that day only.
 * An empty group has strength 0.
 * @example meanStrength([[{ date: '2026-01-01', channel: 'in_person' }], []], '2026-01-01', s) ≈ 31.6
 */
export function meanStrength(
  contactsPerPerson: readonly (readonly Contact[])[],
  asOf: Day,
  s: Pick<Settings, 'realness' | 'strengthHalfLifeDays'>,
): number {
  if (contactsPerPerson.length === 0) return 0;
  let sum = 0;
  for (const contacts of contactsPerPerson)
    sum += strengthOf(
      contacts.filter((c) => c.date <= asOf),
      asOf,
      s,
    );
  return sum / contactsPerPerson.length;
}

/** No real (in person, call, letter) interaction, ever. */
export function isToolOnly(contacts: readonly Contact[]): boolean {
  return !contacts.some((c) => isReal(c.channel));
}

/** The day of the last real interaction, if any. */
export function lastRealContact(contacts: readonly Contact[]): Day | undefined {
  let last: Day | undefined;
  for (const c of contacts) if (isReal(c.channel) && (last === undefined || c.date > last)) last = c.date;
  return last;
}

/**
 * Keep-in-touch: a person with a cadence is due once their last real contact is older than it;
 * a real interaction resets the clock. Returns days overdue (0 = due today), or undefined when not due.
 */
export function keepInTouchDue(
  cadenceDays: number | undefined,
  contacts: readonly Contact[],
  today: Day,
): number | undefined {
  if (cadenceDays === undefined) return undefined;
  const last = lastRealContact(contacts);
  if (last === undefined) return 0;
  const overdue = daysBetween(last, today) - cadenceDays;
  return overdue >= 0 ? overdue : undefined;
}
