import type ICAL from 'ical.js';
import { tableOffset } from './zone-table.js';

type Time = InstanceType<typeof ICAL.Time>;

interface ZoneRules {
  changes?: readonly { year: number; month: number; day: number }[];
  expandedUntilYear?: number;
  utcOffset(t: Pick<Time, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'>): number;
}
/** Per VTIMEZONE: the days on or next to one of its changes, and the offset found for other days. */
const zoneDays = new WeakMap<object, { near: Set<number>; until: number; offsets: Map<number, number> }>();

/**
 * ical.js walks a VTIMEZONE's changes on every offset it is asked for (0.2–0.4 ms each, most of
 * a large calendar's reading). The offset only changes on the days its rules change it, so it is
 * asked once per other day and kept; a day on or next to a change is always asked.
 */
export function definedZoneMs(
  t: Pick<Time, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'zone'>,
): number {
  const zone = t.zone as unknown as ZoneRules;
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const fromTable = tableOffset(t.zone, t);
  if (fromTable !== undefined) return wall - fromTable * 1000;
  const dayNo = Math.floor(wall / 86_400_000);
  let z = zoneDays.get(zone);
  if (z === undefined) {
    const offset = zone.utcOffset(t); // expands the rules' changes to a few years ahead
    const near = new Set<number>();
    for (const c of zone.changes ?? []) {
      const d = Math.floor(Date.UTC(c.year, c.month - 1, c.day) / 86_400_000);
      near
        .add(d - 1)
        .add(d)
        .add(d + 1);
    }
    z = { near, until: zone.expandedUntilYear ?? 0, offsets: new Map() };
    zoneDays.set(zone, z);
    if (!near.has(dayNo) && t.year <= z.until) z.offsets.set(dayNo, offset);
    return wall - offset * 1000;
  }
  if (z.near.has(dayNo) || t.year > z.until) return wall - zone.utcOffset(t) * 1000;
  let offset = z.offsets.get(dayNo);
  if (offset === undefined) {
    offset = zone.utcOffset(t);
    z.offsets.set(dayNo, offset);
  }
  return wall - offset * 1000;
}
