import ICAL from 'ical.js';
import type { ScannedEvent } from './scan.js';
import { tableOffset } from './zone-table.js';
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
  /** The line its BEGIN:VTIMEZONE is on. */
  line: number;
  tzid: string | undefined;
  reason: string;
}

/** The TZID a zone names, read from its text (folded lines joined): for one ical.js cannot parse. */
function tzidInText(block: string): string | undefined {
  const m = /^TZID[^:\r\n]*:(.*)$/im.exec(block.replace(/\r?\n[ \t]/g, ''));
  const s = m?.[1]?.trim();
  return s === undefined || s === '' ? undefined : s;
}

function tzidOf(vtz: Component): string | undefined {
  const v: unknown = vtz.getFirstPropertyValue('tzid');
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** What keeps ical.js from using a parsed VTIMEZONE, or undefined when it can be used. */
function zoneFault(vtz: Component): string | undefined {
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
      const wall = { year: 2026, month, day: 1, hour: 0, minute: 0, second: 0 };
      // The table answers the zones clients write without ical.js expanding every change since
      // the zone's DTSTART (1601 for Outlook's); ical.js is asked about the others.
      const offset = tableOffset(zone, wall) ?? zone.utcOffset(ICAL.Time.fromData(wall));
      if (!Number.isFinite(offset)) return 'its offsets cannot be worked out';
    }
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

/**
 * Adds to a parsed calendar the time zones the scanner cut out of it, each parsed and checked on
 * its own: one that cannot be used (or that ical.js cannot even parse, a rule it cannot read) is
 * left out and said in `bad`, rather than refusing the file.
 */
export function addZones(root: Component, zones: readonly ScannedEvent[], bad: ZoneProblem[]): void {
  for (const z of zones) {
    let reason: string | undefined;
    let tzid: string | undefined;
    try {
      const vtz = new ICAL.Component(ICAL.parse(z.text) as unknown[]);
      tzid = tzidOf(vtz);
      reason = zoneFault(vtz);
      if (reason === undefined) root.addSubcomponent(vtz);
    } catch (e) {
      reason = (e as Error).message;
      tzid = tzidInText(z.text);
    }
    if (reason !== undefined) bad.push({ line: z.line, tzid, reason });
  }
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
