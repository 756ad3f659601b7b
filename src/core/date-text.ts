import * as chrono from 'chrono-node';
import { addDays, dayOf, daysBetween, isoDay, isValidDay } from './dates.js';
import type { Day } from './types.js';

// Reading typed dates needs chrono's grammar, the largest module of the CLI's date handling: it
// lives here, apart from the day arithmetic every command uses, so only commands that read a
// typed date load it.

/**
 * A date as people type it: ISO (`2026-03-14`), or natural ("today", "friday", "in 2 weeks",
 * "next monday", "3 days ago"). Returns undefined when it cannot be read, so the caller can say
 * where the bad date was.
 * @example parseDay('in 2 weeks', new Date(2026, 10, 26)) === '2026-12-10'
 */
export function parseDay(text: string, now: Date): Day | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (isoDay.test(t)) return isValidDay(t) ? t : undefined;
  const results = chrono.en.parse(t, now, { forwardDate: false });
  const first = results[0];
  // Accept only when the whole text was understood; "frobday" or "2026-13-45" must not become today.
  if (!first || first.index !== 0 || first.text.length !== t.length) {
    // chrono reads a bare weekday as the nearest one; "friday" should be the coming Friday.
    return undefined;
  }
  const date = first.start.date();
  let day = dayOf(date);
  const weekdayOnly = /^(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?$/i.test(t);
  if (weekdayOnly && daysBetween(dayOf(now), day) < 0) day = addDays(day, 7);
  return day;
}
