import ICAL from 'ical.js';
import type { LogicalLine } from './scan.js';
import { ianaZone } from './zones.js';

/**
 * The time zones a calendar defines (VTIMEZONE), checked before any event relies on them. ical.js
 * takes a zone with no rules, or one missing its offsets, as UTC without a word, reads a TZID
 * whose zone has no TZID of its own with "Cannot read properties of null", and refuses the whole
 * file for one rule it cannot read. A zone that cannot be used is set aside and named by its line;
 * the times that name it are read by the zone's name (an IANA or Windows name, as when a file
 * names a zone it does not define), else as local time.
 */

type Component = InstanceType<typeof ICAL.Component>;

export interface ZoneProblem {
  /** Which VTIMEZONE of its calendar, in file order (0 for the first). */
  index: number;
  tzid: string | undefined;
  reason: string;
}

const zoneBlock = /^BEGIN:VTIMEZONE[ \t]*\r?\n[\s\S]*?^END:VTIMEZONE[ \t]*(?:\r?\n|$)/gim;

/** A calendar's rest (no events) cut into its VTIMEZONE blocks and what is left without them. */
export function splitZones(rest: string): { without: string; zones: string[] } {
  const zones = rest.match(zoneBlock) ?? [];
  return { without: rest.replace(zoneBlock, ''), zones };
}

/** The TZID a zone block names, read from its text (folded lines joined). */
export function tzidInText(block: string): string | undefined {
  const m = /^TZID[^:\r\n]*:(.*)$/im.exec(block.replace(/\r?\n[ \t]/g, ''));
  const s = m?.[1]?.trim();
  return s === undefined || s === '' ? undefined : s;
}

function tzidOf(vtz: Component): string | undefined {
  const v: unknown = vtz.getFirstPropertyValue('tzid');
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** What keeps ical.js from using a parsed VTIMEZONE, or undefined when it can be used. */
export function zoneFault(vtz: Component): string | undefined {
  if (tzidOf(vtz) === undefined) return 'it has no TZID';
  const rules = [...vtz.getAllSubcomponents('standard'), ...vtz.getAllSubcomponents('daylight')];
  if (rules.length === 0) return 'it has neither STANDARD nor DAYLIGHT rules';
  for (const rule of rules) {
    const kind = rule.name.toUpperCase();
    try {
      if (!(rule.getFirstPropertyValue('dtstart') instanceof ICAL.Time)) return `its ${kind} has no DTSTART`;
      for (const p of ['tzoffsetfrom', 'tzoffsetto'])
        if (!(rule.getFirstPropertyValue(p) instanceof ICAL.UtcOffset))
          return `its ${kind} has no ${p.toUpperCase()} offset`;
      for (const p of ['rrule', 'rdate']) for (const prop of rule.getAllProperties(p)) prop.getValues();
    } catch (e) {
      return `its ${kind}: ${(e as Error).message}`;
    }
  }
  try {
    const zone = new ICAL.Timezone({ component: vtz, tzid: tzidOf(vtz) });
    for (const month of [1, 7]) {
      const offset = zone.utcOffset(ICAL.Time.fromData({ year: 2026, month, day: 1 }));
      if (!Number.isFinite(offset)) return 'its offsets cannot be worked out';
    }
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

/** Sets aside the unusable zones of a parsed calendar, and says which they were. */
export function setAsideBadZones(root: Component, first = 0): ZoneProblem[] {
  const found: ZoneProblem[] = [];
  root.getAllSubcomponents('vtimezone').forEach((vtz, i) => {
    const reason = zoneFault(vtz);
    if (reason === undefined) return;
    found.push({ index: first + i, tzid: tzidOf(vtz), reason });
    root.removeSubcomponent(vtz);
  });
  return found;
}

/**
 * The line each VTIMEZONE directly under a VCALENDAR begins on, in file order across the file's
 * calendars (built only when a zone must be named).
 */
export function zoneLines(lines: readonly LogicalLine[]): number[] {
  const out: number[] = [];
  let depth = 0;
  for (const l of lines) {
    const m = /^(BEGIN|END):(.*)$/i.exec(l.text);
    if (m === null) continue;
    if (m[1]?.toUpperCase() === 'END') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth === 1 && m[2]?.trim().toUpperCase() === 'VTIMEZONE') out.push(l.line);
    depth++;
  }
  return out;
}

/**
 * A calendar without its events, parsed, with the time zones that cannot be used set aside (into
 * `bad`): one ical.js cannot even parse (a rule it cannot read) is cut out and named rather than
 * refusing the file; the calendar's own lines are still fatal. `zones` counts its VTIMEZONEs.
 */
export function readRest<E>(
  rest: string,
  parse: (piece: string) => unknown[] | E,
  first: number,
  bad: ZoneProblem[],
): { root: Component; zones: number } | E {
  const whole = parse(rest);
  if (Array.isArray(whole)) {
    const root = new ICAL.Component(whole);
    const zones = root.getAllSubcomponents('vtimezone').length;
    bad.push(...setAsideBadZones(root, first));
    return { root, zones };
  }
  const { without, zones } = splitZones(rest);
  const bare = zones.length > 0 ? parse(without) : whole;
  if (!Array.isArray(bare)) return whole;
  const root = new ICAL.Component(bare);
  zones.forEach((block, i) => {
    try {
      const zone = new ICAL.Component(ICAL.parse(block) as unknown[]);
      const reason = zoneFault(zone);
      if (reason === undefined) root.addSubcomponent(zone);
      else bad.push({ index: first + i, tzid: tzidInText(block), reason });
    } catch (e) {
      bad.push({ index: first + i, tzid: tzidInText(block), reason: (e as Error).message });
    }
  });
  return { root, zones: zones.length };
}

/** The message for a zone set aside. */
export function zoneMessage(p: ZoneProblem): string {
  if (p.tzid === undefined) return `a time zone cannot be used (${p.reason}) and was ignored`;
  const named = `time zone ${JSON.stringify(p.tzid)}`;
  const iana = ianaZone(p.tzid);
  const how =
    iana === undefined
      ? 'the times that name it were read as local time'
      : `the times that name it were read in ${iana}`;
  return `${named} cannot be used (${p.reason}): ${how}`;
}
