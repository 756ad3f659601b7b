import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { definedZoneMs } from '../../src/formats/ics/zone-offsets.js';

const vtimezones = {
  'Europe/Berlin':
    'BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE',
  'Pacific Standard Time':
    'BEGIN:VTIMEZONE\r\nTZID:Pacific Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE',
};

/** The zone as a parsed file gives it to its events (one Timezone object shared by them all). */
function zoneOf(tzid: keyof typeof vtimezones) {
  const jcal: unknown = ICAL.parse(
    `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${vtimezones[tzid]}\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=${tzid}:20260101T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`,
  );
  const root = new ICAL.Component(jcal as unknown[]);
  const t = root.getFirstSubcomponent('vevent')?.getFirstPropertyValue('dtstart');
  assert.ok(t instanceof ICAL.Time);
  return t.zone;
}

describe('VTIMEZONE offsets kept per day', () => {
  for (const tzid of Object.keys(vtimezones) as (keyof typeof vtimezones)[])
    it(`${tzid}: every wall time gives the instant ical.js gives, DST days and years ahead included`, () => {
      const zone = zoneOf(tzid);
      const at = (ms: number) => {
        const d = new Date(ms);
        const data = {
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
          second: 0,
        };
        return [ICAL.Time.fromData(data, zone), ICAL.Time.fromData(data, zone)] as const;
      };
      const from = Date.UTC(2020, 0, 1);
      const to = Date.UTC(2040, 0, 1);
      fc.assert(
        fc.property(fc.integer({ min: from / 60_000, max: to / 60_000 }), (minute) => {
          const [a, b] = at(minute * 60_000);
          return definedZoneMs(a) === b.toUnixTime() * 1000;
        }),
        { numRuns: 3000 },
      );
      // The hours around each change in 2026, where a per-day offset would be wrong.
      for (const day of [
        Date.UTC(2026, 2, 8),
        Date.UTC(2026, 2, 29),
        Date.UTC(2026, 9, 25),
        Date.UTC(2026, 10, 1),
      ])
        for (let h = 0; h < 48; h++) {
          const [a, b] = at(day + h * 3_600_000);
          assert.equal(definedZoneMs(a), b.toUnixTime() * 1000);
        }
    });
});
