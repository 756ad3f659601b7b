import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { simpleExpansion, type RecurTime } from '../../src/formats/ics/recur.js';
import { tableOffset } from '../../src/formats/ics/zone-table.js';

/**
 * The calendar reader's own recurrence walk and VTIMEZONE table must give exactly what ical.js
 * gives (the import's captures, days and keys depend on it): random rules, starts, zones and
 * instants, compared with ical.js's RecurExpansion and Timezone#utcOffset.
 */

const zones: Record<string, string> = {
  'Europe/Berlin':
    'BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE',
  'W. Europe Standard Time':
    'BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE',
  'Pacific Standard Time':
    'BEGIN:VTIMEZONE\r\nTZID:Pacific Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE',
  'Australia/Sydney':
    'BEGIN:VTIMEZONE\r\nTZID:Australia/Sydney\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1000\r\nDTSTART:19700405T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+1000\r\nTZOFFSETTO:+1100\r\nDTSTART:19701004T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE',
  'India Standard Time':
    'BEGIN:VTIMEZONE\r\nTZID:India Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nEND:STANDARD\r\nEND:VTIMEZONE',
};
const tzids = Object.keys(zones);

/** A calendar with one event (and every zone), parsed afresh so each ical.js zone starts empty. */
function eventOf(props: string[]) {
  const text = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${Object.values(zones).join('\r\n')}\r\nBEGIN:VEVENT\r\nUID:x\r\n${props.join('\r\n')}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
  const root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const ev = root.getFirstSubcomponent('vevent');
  assert.ok(ev);
  const start: unknown = ev.getFirstPropertyValue('dtstart');
  assert.ok(start instanceof ICAL.Time);
  return { ev, start };
}

const stamp = (ms: number, date = false): string => {
  const s = new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 15);
  return date ? s.slice(0, 8) : s;
};
const fields = (t: RecurTime) => [t.year, t.month, t.day, t.hour, t.minute, t.second, t.isDate].join(',');

describe('recurrence rules walked without ical.js', () => {
  const day = 86_400_000;
  const from = Date.UTC(2023, 0, 1);
  const rule = fc.record({
    freq: fc.constantFrom('DAILY', 'WEEKLY'),
    interval: fc.constantFrom(undefined, 1, 2, 3),
    byday: fc.subarray(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']),
    wkst: fc.constantFrom(undefined, 'MO', 'SU', 'TH', 'SA'),
    end: fc.oneof(
      fc.record({ count: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ untilDays: fc.integer({ min: -3, max: 300 }), untilDate: fc.boolean() }),
      fc.constant({}),
    ),
    start: fc.integer({ min: 0, max: 3 * 365 }),
    minute: fc.integer({ min: 0, max: 47 }).map((h) => h * 30),
    zone: fc.constantFrom(undefined, 'UTC', 'DATE', ...tzids),
    exdates: fc.array(fc.record({ days: fc.integer({ min: -2, max: 60 }), date: fc.boolean() }), {
      maxLength: 4,
    }),
  });
  it('gives ical.js occurrences, in order, EXDATEs and the start zone included', () => {
    fc.assert(
      fc.property(rule, (r) => {
        const startMs = from + r.start * day + r.minute * 60_000;
        const isDate = r.zone === 'DATE';
        const tz = r.zone === undefined || r.zone === 'UTC' || isDate ? '' : `;TZID=${r.zone}`;
        const z = r.zone === 'UTC' ? 'Z' : '';
        const value = (ms: number): string =>
          isDate ? `;VALUE=DATE:${stamp(ms, true)}` : `${tz}:${stamp(ms)}${z}`;
        const parts = [`FREQ=${r.freq}`];
        if (r.interval !== undefined) parts.push(`INTERVAL=${r.interval}`);
        if (r.freq === 'WEEKLY' && r.byday.length > 0) parts.push(`BYDAY=${r.byday.join(',')}`);
        if (r.wkst !== undefined) parts.push(`WKST=${r.wkst}`);
        if ('count' in r.end) parts.push(`COUNT=${r.end.count}`);
        if ('untilDays' in r.end)
          parts.push(
            `UNTIL=${stamp(startMs + r.end.untilDays * day, r.end.untilDate)}${r.end.untilDate ? '' : 'Z'}`,
          );
        const props = [`DTSTART${value(startMs)}`, `RRULE:${parts.join(';')}`];
        for (const e of r.exdates) {
          const ms = startMs + e.days * day;
          props.push(e.date || isDate ? `EXDATE;VALUE=DATE:${stamp(ms, true)}` : `EXDATE${value(ms)}`);
        }
        const ours = eventOf(props);
        const next = simpleExpansion(ours.ev, ours.start);
        assert.ok(next, `handled: ${props.join(' ')}`);
        const theirs = eventOf(props);
        const expansion = new ICAL.RecurExpansion({ component: theirs.ev, dtstart: theirs.start });
        for (let i = 0; i < 120; i++) {
          const a: RecurTime | undefined = next();
          const b = expansion.next() as InstanceType<typeof ICAL.Time> | undefined;
          assert.equal(a && fields(a), b && fields(b), `occurrence ${i} of ${props.join(' ')}`);
          if (!a) break;
        }
      }),
      { numRuns: 800 },
    );
  });
  it('walks EXDATEs one step per occurrence, as ical.js does', () => {
    // Two EXDATEs that are not occurrences, then one that is: ical.js passes one EXDATE per
    // occurrence, so it keeps the 12th; the reader keeps what ical.js has always given.
    const props = [
      'DTSTART:20260105T090000Z',
      'RRULE:FREQ=WEEKLY;COUNT=4',
      'EXDATE:20260106T090000Z,20260107T090000Z',
      'EXDATE:20260112T090000Z',
    ];
    const { ev, start } = eventOf(props);
    const next = simpleExpansion(ev, start);
    assert.ok(next);
    const days: number[] = [];
    for (let t = next(); t; t = next()) days.push(t.day);
    const theirs = eventOf(props);
    const expansion = new ICAL.RecurExpansion({ component: theirs.ev, dtstart: theirs.start });
    const icalDays: number[] = [];
    for (let t = expansion.next() as InstanceType<typeof ICAL.Time> | undefined; t; t = expansion.next())
      icalDays.push(t.day);
    assert.deepEqual(days, icalDays);
    assert.deepEqual(days, [5, 12, 19, 26]);
  });
  it('leaves other rules to ical.js', () => {
    for (const rrule of [
      'FREQ=MONTHLY;BYDAY=2TU',
      'FREQ=WEEKLY;BYDAY=1MO',
      'FREQ=DAILY;BYHOUR=9,17',
      'FREQ=YEARLY',
      'FREQ=WEEKLY;COUNT=0',
    ]) {
      const { ev, start } = eventOf(['DTSTART:20260105T090000Z', `RRULE:${rrule}`]);
      assert.equal(simpleExpansion(ev, start), undefined, rrule);
    }
    const { ev, start } = eventOf(['DTSTART:20260105T090000Z', 'RRULE:FREQ=DAILY', 'RDATE:20260301T090000Z']);
    assert.equal(simpleExpansion(ev, start), undefined, 'RDATE');
  });
});

describe('VTIMEZONE offsets from a table of changes', () => {
  for (const tzid of tzids)
    it(`${tzid}: the offset ical.js gives, at random instants and around every change`, () => {
      const wallOf = (ms: number) => {
        const d = new Date(ms);
        return {
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
          second: 0,
        };
      };
      const ours = eventOf([`DTSTART;TZID=${tzid}:20260101T090000`]).start.zone;
      const component = new ICAL.Component(ICAL.parse(zones[tzid] ?? '') as unknown[]);
      // Asked about a later year than it has expanded, an ical.js zone expands again (its
      // changes twice), which a calendar's reading does not do: expanded past 2040 first.
      const theirs = new ICAL.Timezone(component);
      theirs.utcOffset(ICAL.Time.fromData({ year: 2045, month: 1, day: 1 }, theirs));
      const check = (ms: number): void => {
        const w = wallOf(ms);
        const got = tableOffset(ours, w);
        assert.notEqual(got, undefined, `${tzid} ${JSON.stringify(w)} answered`);
        assert.equal(got, theirs.utcOffset(ICAL.Time.fromData(w, theirs)), `${tzid} ${JSON.stringify(w)}`);
      };
      fc.assert(
        fc.property(
          fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }),
          (m) => {
            check(m * 60_000);
          },
        ),
        { numRuns: 2000 },
      );
      for (const day of [
        Date.UTC(2026, 2, 8),
        Date.UTC(2026, 2, 29),
        Date.UTC(2026, 3, 5),
        Date.UTC(2026, 9, 4),
        Date.UTC(2026, 9, 25),
        Date.UTC(2026, 10, 1),
      ])
        for (let m = 0; m < 48 * 60; m += 30) check(day + m * 60_000);
    });
  it('leaves unusual zones and early years to ical.js', () => {
    const odd = eventOf(['DTSTART;TZID=Europe/Berlin:20260101T090000']).start.zone;
    assert.equal(
      tableOffset(odd, { year: 1971, month: 6, day: 1, hour: 0, minute: 0, second: 0 }),
      undefined,
    );
  });
});
