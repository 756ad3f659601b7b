import type { Day } from './types.js';

export const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local calendar day of an instant. @example dayOf(new Date(2026, 0, 5)) === '2026-01-05' */
export function dayOf(d: Date): Day {
  const y = d.getFullYear().toString().padStart(4, '0');
  const m = (d.getMonth() + 1).toString().padStart(2, '0');
  const day = d.getDate().toString().padStart(2, '0');
  return `${y}-${m}-${day}`;
}

function toUtcMs(day: Day): number {
  const m = isoDay.exec(day);
  if (!m) throw new RangeError(`not an ISO day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** Whole days from `a` to `b` (positive when b is later). @example daysBetween('2026-01-01', '2026-01-31') === 30 */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / 86_400_000);
}

/** @example addDays('2026-02-27', 2) === '2026-03-01' */
export function addDays(day: Day, n: number): Day {
  const d = new Date(toUtcMs(day) + n * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export function isValidDay(s: string): boolean {
  const m = isoDay.exec(s);
  if (!m) return false;
  const d = new Date(toUtcMs(s));
  return d.toISOString().slice(0, 10) === s;
}

/**
 * Next occurrence (today or later) of a birthday written `YYYY-MM-DD` or `--MM-DD`.
 * 29 February falls on 28 February in years without it.
 */
export function nextAnniversary(birthday: string, today: Day): Day | undefined {
  const m = /^(?:\d{4}|--)-?(\d{2})-?(\d{2})$/.exec(birthday);
  if (!m) return undefined;
  const month = Number(m[1]);
  const dayOfMonth = Number(m[2]);
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const d = month === 2 && dayOfMonth === 29 && !leap ? 28 : dayOfMonth;
    const candidate = `${y}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (isValidDay(candidate) && daysBetween(today, candidate) >= 0) return candidate;
  }
  return undefined;
}

/** An interaction dated before this year, or more than this many years ago, is most likely a typo. */
export const DISTANT_PAST_YEAR = 1900;
export const DISTANT_PAST_YEARS = 100;

/**
 * Whether a day fits an interaction: refused when more than `maxFutureDays` after `today`,
 * warned about when before 1900 or more than a hundred years ago.
 * @example interactionDayCheck('9999-12-31', '2026-03-14', 1).verdict === 'future'
 */
export function interactionDayCheck(
  day: Day,
  today: Day,
  maxFutureDays: number,
): { verdict: 'ok' | 'future' | 'distant_past'; latest: Day } {
  const latest = addDays(today, maxFutureDays);
  if (daysBetween(latest, day) > 0) return { verdict: 'future', latest };
  const year = Number(day.slice(0, 4));
  const longAgo = Number(today.slice(0, 4)) - DISTANT_PAST_YEARS;
  if (year < DISTANT_PAST_YEAR || day < `${String(longAgo).padStart(4, '0')}${today.slice(4)}`)
    return { verdict: 'distant_past', latest };
  return { verdict: 'ok', latest };
}
