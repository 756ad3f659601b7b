import ICAL from 'ical.js';
import type { WallTime } from './zones.js';

/**
 * A VTIMEZONE's offsets from a table of its changes over the few years asked about, instead of
 * ical.js expanding every change from the zone's DTSTART on (year by year from 1601 for
 * Outlook's zones) on first use. Handles the zones every client writes: STANDARD and DAYLIGHT
 * parts that each change once (no RRULE) or once a year (FREQ=YEARLY, one BYMONTH, one BYDAY
 * such as -1SU or 2SU, no COUNT, UNTIL or RDATE). Anything else, or a year within two of a
 * part's DTSTART, is left to ical.js. The offset is chosen exactly as ical.js's
 * `Timezone#utcOffset` chooses it (a property test compares them).
 */

type Component = InstanceType<typeof ICAL.Component>;

interface Part {
  daylight: boolean;
  /** TZOFFSETTO and TZOFFSETFROM in seconds. */
  to: number;
  from: number;
  start: WallTime;
  /** Once a year: the month and the n-th (from the end when negative) weekday (0 = Sunday). */
  yearly?: { month: number; nth: number; weekday: number } | undefined;
}

interface Change {
  /** The change's instant, as ical.js keeps it (the local time minus TZOFFSETFROM). */
  at: number;
  /** The wall time it is compared with: `at` plus the smaller of the two offsets. */
  wallAt: number;
  to: number;
  from: number;
  daylight: boolean;
}

interface Table {
  parts: Part[];
  /** The first year the table may answer for. */
  fromYear: number;
  windows: Map<number, Change[]>;
}

const weekdays: Record<string, number> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };
const tables = new WeakMap<object, Table | null>();

const seconds = (v: unknown): number | undefined => {
  if (!(v instanceof ICAL.UtcOffset)) return undefined;
  return v.factor * (v.hours * 3600 + v.minutes * 60);
};

function partOf(c: Component): Part | 'skip' | undefined {
  const dtstart: unknown = c.getFirstPropertyValue('dtstart');
  const to = seconds(c.getFirstPropertyValue('tzoffsetto'));
  const from = seconds(c.getFirstPropertyValue('tzoffsetfrom'));
  // ical.js passes over a part without these.
  if (!c.hasProperty('dtstart') || !c.hasProperty('tzoffsetto') || !c.hasProperty('tzoffsetfrom'))
    return 'skip';
  if (!(dtstart instanceof ICAL.Time) || to === undefined || from === undefined) return undefined;
  if (c.name !== 'standard' && c.name !== 'daylight') return undefined;
  if (c.hasProperty('rdate')) return undefined;
  const start = {
    year: dtstart.year,
    month: dtstart.month,
    day: dtstart.day,
    hour: dtstart.hour,
    minute: dtstart.minute,
    second: dtstart.second,
  };
  const part: Part = { daylight: c.name === 'daylight', to, from, start };
  const rules = c.getAllProperties('rrule');
  if (rules.length === 0) return part;
  const rule: unknown = rules.length === 1 ? rules[0]?.getFirstValue() : undefined;
  if (!(rule instanceof ICAL.Recur) || rule.freq !== 'YEARLY' || rule.interval !== 1) return undefined;
  if (rule.count || rule.until) return undefined;
  const keys = Object.keys(rule.parts).sort().join(',');
  const months = rule.parts.BYMONTH as unknown[] | undefined;
  const days = rule.parts.BYDAY as unknown[] | undefined;
  if (keys !== 'BYDAY,BYMONTH' || months?.length !== 1 || days?.length !== 1) return undefined;
  const month = Number(months[0]);
  const m = /^([+-]?[1-4])(SU|MO|TU|WE|TH|FR|SA)$/.exec(String(days[0]));
  if (!Number.isInteger(month) || month < 1 || month > 12 || !m) return undefined;
  part.yearly = { month, nth: Number(m[1]), weekday: weekdays[m[2] ?? ''] ?? 0 };
  return part;
}

function tableOf(zone: { component?: Component | null }): Table | null {
  let t = tables.get(zone);
  if (t !== undefined) return t;
  t = null;
  const parts: Part[] = [];
  let ok = zone.component instanceof ICAL.Component;
  for (const c of zone.component?.getAllSubcomponents() ?? []) {
    const p = partOf(c);
    if (p === undefined) ok = false;
    else if (p !== 'skip') parts.push(p);
  }
  if (ok && parts.length > 0)
    t = {
      parts,
      fromYear: Math.max(...parts.filter((p) => p.yearly).map((p) => p.start.year + 3), -Infinity),
      windows: new Map(),
    };
  tables.set(zone, t);
  return t;
}

const wallMs = (w: WallTime): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The day of month of the n-th weekday of a month (from its end when n < 0). */
function nthWeekday(year: number, month: number, nth: number, weekday: number): number {
  if (nth > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7;
  }
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - ((last.getUTCDay() - weekday + 7) % 7) - (-nth - 1) * 7;
}

/** The changes of the years `year - 2` … `year + 1`, in ical.js's order. */
function windowOf(t: Table, year: number): Change[] {
  let w = t.windows.get(year);
  if (w !== undefined) return w;
  w = [];
  for (const p of t.parts) {
    const walls: number[] = [];
    if (p.yearly === undefined) walls.push(wallMs(p.start));
    else
      for (let y = year - 2; y <= year + 1; y++)
        walls.push(
          wallMs({
            ...p.start,
            year: y,
            month: p.yearly.month,
            day: nthWeekday(y, p.yearly.month, p.yearly.nth, p.yearly.weekday),
          }),
        );
    for (const local of walls) {
      const at = local - p.from * 1000;
      w.push({
        at,
        wallAt: at + Math.min(p.to, p.from) * 1000,
        to: p.to,
        from: p.from,
        daylight: p.daylight,
      });
    }
  }
  w.sort((a, b) => a.at - b.at);
  t.windows.set(year, w);
  return w;
}

/**
 * The UTC offset in seconds of a wall time in a zone the file defines, or undefined when the
 * zone or the year is one for ical.js.
 */
export function tableOffset(zone: { component?: Component | null }, wall: WallTime): number | undefined {
  const t = tableOf(zone);
  if (t === null || wall.year < t.fromYear) return undefined;
  const changes = windowOf(t, wall.year);
  const ms = wallMs(wall);
  // ical.js: start at the change the time would be inserted before, then walk to the last one
  // whose wall time is not after it.
  let low = 0;
  let high = changes.length - 1;
  let mid = 0;
  let c = 0;
  while (low <= high) {
    mid = low + Math.floor((high - low) / 2);
    const at = changes[mid]?.at ?? 0;
    c = ms < at ? -1 : ms > at ? 1 : 0;
    if (c < 0) high = mid - 1;
    else if (c > 0) low = mid + 1;
    else break;
  }
  let n = Math.min(c > 0 ? mid + 1 : mid, changes.length - 1);
  let use = -1;
  let step = 1;
  for (;;) {
    if (ms >= (changes[n]?.wallAt ?? 0)) use = n;
    else step = -1;
    if (step === -1 && use !== -1) break;
    n += step;
    // Before the window's first change: ical.js would look at earlier years.
    if (n < 0) return undefined;
    if (n >= changes.length) break;
  }
  if (use === -1) return undefined;
  // The window's first change of a yearly zone may need the one before it, outside the window.
  if (use === 0 && t.fromYear !== -Infinity) return undefined;
  let change = changes[use] as Change;
  if (change.to - change.from < 0 && use > 0) {
    const prev = changes[use - 1] as Change;
    if (ms < change.at + change.from * 1000 && change.daylight && !prev.daylight) change = prev;
  }
  return change.to;
}
