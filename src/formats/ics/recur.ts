import ICAL from 'ical.js';
import { definedZoneMs } from './zone-offsets.js';
import type { WallTime } from './zones.js';

/**
 * The occurrences of the common recurrence rules, walked with plain numbers instead of ical.js's
 * RecurExpansion (which builds, normalises and compares several `Time` objects per occurrence,
 * most of a large calendar's reading). Only FREQ=DAILY and FREQ=WEEKLY (BYDAY of plain weekdays)
 * with INTERVAL, COUNT, UNTIL, WKST and EXDATE, one RRULE and no RDATE; anything else returns
 * undefined and ical.js expands it. The result is ical.js's own, quirks included (EXDATEs are
 * walked in step with the occurrences as RecurExpansion does), which a property test checks.
 */

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

/** An occurrence as ical.js would give it: a wall time in the start's zone. */
export interface RecurTime extends WallTime {
  isDate: boolean;
  zone: Time['zone'];
}

const DAY = 86_400_000;
/** ical.js numbers weekdays SU=1 … SA=7. */
const weekdays: Record<string, number> = { SU: 1, MO: 2, TU: 3, WE: 4, TH: 5, FR: 6, SA: 7 };

const tzidOf = (t: Pick<Time, 'zone'>): string | undefined =>
  (t.zone as { tzid?: string } | null | undefined)?.tzid;

/** The instant ical.js compares by (`Time#toUnixTime`): floating values as if UTC. */
function icalMs(
  t: Pick<RecurTime, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'zone'>,
): number {
  const tzid = tzidOf(t);
  if (tzid === undefined || tzid === 'UTC' || tzid === 'floating')
    return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return definedZoneMs(t);
}

interface ExDate {
  ms: number;
  isDate: boolean;
}

/** ical.js's `binsearchInsert`, so that EXDATEs start where RecurExpansion starts them. */
function insertAt<T, U>(list: readonly U[], seek: T, cmp: (a: T, b: U) => number): number {
  if (list.length === 0) return 0;
  let low = 0;
  let high = list.length - 1;
  let mid = 0;
  let c = 0;
  while (low <= high) {
    mid = low + Math.floor((high - low) / 2);
    c = cmp(seek, list[mid] as U);
    if (c < 0) high = mid - 1;
    else if (c > 0) low = mid + 1;
    else break;
  }
  return c > 0 ? mid + 1 : mid;
}

const sign = (n: number): number => (n > 0 ? 1 : n < 0 ? -1 : 0);

/** RecurExpansion's `_compare_special`: a DATE-TIME against a DATE compares its day. */
function compareSpecial(a: { t: RecurTime; ms: number }, b: ExDate): number {
  if (!a.t.isDate && b.isDate) return sign(Date.UTC(a.t.year, a.t.month - 1, a.t.day) - b.ms);
  return sign(a.ms - b.ms);
}

/**
 * A `next()` over the occurrences of `ev`'s series from `dtstart` on (undefined at its end), or
 * undefined when the rule is not one handled here.
 */
export function simpleExpansion(ev: Component, dtstart: Time): (() => RecurTime | undefined) | undefined {
  if (ev.hasProperty('rdate')) return undefined;
  const rules = ev.getAllProperties('rrule');
  if (rules.length !== 1) return undefined;
  const rule: unknown = rules[0]?.getFirstValue();
  if (!(rule instanceof ICAL.Recur)) return undefined;
  const parts = Object.keys(rule.parts);
  const interval = rule.interval;
  if (!Number.isInteger(interval) || interval < 1) return undefined;
  // ical.js types COUNT and WKST as always set; a rule without them has null or undefined.
  const countValue: unknown = rule.count;
  const wkstValue: unknown = rule.wkst;
  // COUNT=0 is no limit to ical.js.
  if (
    countValue != null &&
    (typeof countValue !== 'number' || !Number.isInteger(countValue) || countValue < 1)
  )
    return undefined;
  const count = typeof countValue === 'number' ? countValue : undefined;
  const wkst = typeof wkstValue === 'number' ? wkstValue : ICAL.Time.MONDAY;
  const startDow = new Date(Date.UTC(dtstart.year, dtstart.month - 1, dtstart.day)).getUTCDay() + 1;
  const rel = (dow: number): number => (dow - wkst + 7) % 7;
  let days: number[];
  if (rule.freq === 'WEEKLY') {
    if (parts.some((p) => p !== 'BYDAY')) return undefined;
    const byday = (rule.parts.BYDAY ?? []) as unknown[];
    const named = byday.map((d) => (typeof d === 'string' ? weekdays[d] : undefined));
    if (named.some((d) => d === undefined)) return undefined;
    days = named.length === 0 ? [startDow] : (named as number[]);
    days = days.map(rel).sort((a, b) => a - b);
    if (new Set(days).size !== days.length) return undefined;
  } else if (rule.freq === 'DAILY') {
    if (parts.length > 0) return undefined;
    days = [];
  } else return undefined;

  const zone = dtstart.zone;
  const isDate = dtstart.isDate;
  const { hour, minute, second } = dtstart;
  const startDay = Date.UTC(dtstart.year, dtstart.month - 1, dtstart.day);
  const at = (dayMs: number): { t: RecurTime; ms: number } => {
    const d = new Date(dayMs);
    const t: RecurTime = {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour,
      minute,
      second,
      isDate,
      zone,
    };
    return { t, ms: icalMs(t) };
  };
  const start = at(startDay);
  // UNTIL and EXDATE as ical.js compares them, without its expansion of their zone from DTSTART.
  const untilMs = rule.until ? icalMs(rule.until) : undefined;

  const exDates: ExDate[] = [];
  for (const p of ev.getAllProperties('exdate'))
    for (const v of p.getValues() as unknown[]) {
      if (!(v instanceof ICAL.Time)) return undefined;
      const e = { ms: icalMs(v), isDate: v.isDate };
      exDates.splice(
        insertAt(exDates, e, (a, b) => sign(a.ms - b.ms)),
        0,
        e,
      );
    }
  let exIndex = insertAt(exDates, start, compareSpecial);

  // The rule's own days, in order: each week's BYDAY days from the start's week on, every
  // INTERVAL weeks (days before the start are not occurrences); or every INTERVAL days.
  const weekStart = startDay - rel(startDow) * DAY;
  let week = 0;
  let slot = 0;
  const nextDay = (): number => {
    if (days.length === 0) return startDay + week++ * interval * DAY;
    for (;;) {
      const d = weekStart + (week * interval * 7 + (days[slot] ?? 0)) * DAY;
      if (++slot === days.length) {
        slot = 0;
        week++;
      }
      if (d >= startDay) return d;
    }
  };
  let produced = 0;
  let done = false;
  return () => {
    for (;;) {
      if (done || (count !== undefined && produced >= count)) return undefined;
      const o = at(nextDay());
      if (untilMs !== undefined && o.ms > untilMs) {
        done = true;
        return undefined;
      }
      produced++;
      const ex = exDates[exIndex];
      if (ex !== undefined) {
        const c = compareSpecial(o, ex);
        if (c > 0) exIndex++;
        if (c === 0) {
          exIndex++;
          continue;
        }
      }
      return o.t;
    }
  };
}
