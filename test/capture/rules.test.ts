import assert from 'node:assert/strict';
import {
  channelOfMeeting,
  isPhysicalPlace,
  judgeMeeting,
  normaliseEmail,
  type Meeting,
} from '../../src/core/capture.js';
import { defaultSettings } from '../../src/core/settings.js';
import { dayInZone, ianaZone, zonedToInstant } from '../../src/formats/ics/zones.js';
import { describe, it } from '../core/harness.js';

const now = Date.parse('2026-11-26T09:00:00Z');
const me = new Set(['maya@example.com']);
const meeting = (m: Partial<Meeting> = {}): Meeting => ({
  start: Date.parse('2026-11-20T10:00:00Z'),
  end: Date.parse('2026-11-20T11:00:00Z'),
  allDay: false,
  conference: [],
  organizer: { email: 'mailto:maya@example.com' },
  attendees: [
    { email: 'mailto:maya@example.com', partstat: 'ACCEPTED' },
    { email: 'mailto:Jonas@Example.org', name: 'Jonas', partstat: 'ACCEPTED' },
  ],
  ...m,
});

describe('capture rules: which meetings count', () => {
  it('an ended 1:1 counts, with the other person only', () => {
    assert.deepEqual(judgeMeeting(meeting(), me, defaultSettings, now), {
      capture: true,
      channel: 'call',
      others: [{ email: 'jonas@example.org', name: 'Jonas' }],
    });
  });

  it('not ended, cancelled, declined by me, all-day: not counted', () => {
    const verdict = (m: Partial<Meeting>) => judgeMeeting(meeting(m), me, defaultSettings, now);
    assert.deepEqual(verdict({ end: now + 1 }), { capture: false, reason: 'not_ended' });
    assert.deepEqual(verdict({ status: 'CANCELLED' }), { capture: false, reason: 'cancelled' });
    assert.deepEqual(verdict({ allDay: true }), { capture: false, reason: 'all_day' });
    assert.deepEqual(
      verdict({
        attendees: [{ email: 'maya@example.com', partstat: 'DECLINED' }, { email: 'jonas@example.org' }],
      }),
      { capture: false, reason: 'declined' },
    );
    // Someone else declining leaves them out, not the meeting.
    const v = verdict({
      attendees: [
        { email: 'jonas@example.org', partstat: 'DECLINED' },
        { email: 'lars@example.com', partstat: 'ACCEPTED' },
      ],
    });
    assert.ok(v.capture && v.others.map((o) => o.email).join() === 'lars@example.com');
  });

  it('at most capture.maxAttendees attendees (me and the organizer included; rooms not counted)', () => {
    const people = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `p${i}@example.com` }));
    // Me (organizer) + 7 = 8: counts. Me + 8 = 9: a broadcast.
    assert.equal(judgeMeeting(meeting({ attendees: people(7) }), me, defaultSettings, now).capture, true);
    assert.deepEqual(judgeMeeting(meeting({ attendees: people(8) }), me, defaultSettings, now), {
      capture: false,
      reason: 'too_many_attendees',
    });
    const withRooms = meeting({ attendees: [...people(7), { email: 'room@example.com', cutype: 'ROOM' }] });
    assert.equal(judgeMeeting(withRooms, me, defaultSettings, now).capture, true);
    const settings = { capture: { ...defaultSettings.capture, maxAttendees: 3 } };
    assert.equal(judgeMeeting(meeting({ attendees: people(3) }), me, settings, now).capture, false);
    const group = meeting({ attendees: [{ email: 'team@lists.example', cutype: 'GROUP' }] });
    assert.deepEqual(judgeMeeting(group, me, defaultSettings, now), {
      capture: false,
      reason: 'too_many_attendees',
    });
  });

  it('a meeting with only me is nobody to count', () => {
    assert.deepEqual(judgeMeeting(meeting({ attendees: [] }), me, defaultSettings, now), {
      capture: false,
      reason: 'no_one_else',
    });
  });
});

describe('capture rules: the channel of a meeting', () => {
  it('a video link anywhere is a call; a physical place is in person; neither is a call', () => {
    assert.equal(channelOfMeeting({ location: 'Café Einstein, Berlin', conference: [] }), 'in_person');
    assert.equal(channelOfMeeting({ location: 'Microsoft Teams Meeting', conference: [] }), 'call');
    assert.equal(
      channelOfMeeting({ location: 'https://us02web.zoom.us/j/855?pwd=x', conference: [] }),
      'call',
    );
    assert.equal(
      channelOfMeeting({
        location: 'Room 4.12',
        description: 'Join: https://meet.google.com/abc-defg-hij',
        conference: [],
      }),
      'call',
    );
    assert.equal(
      channelOfMeeting({ location: 'Room 4.12', conference: ['https://meet.google.com/x'] }),
      'call',
    );
    assert.equal(channelOfMeeting({ conference: [] }), 'call');
    assert.equal(channelOfMeeting({ location: '+49 30 1234567', conference: [] }), 'call');
    assert.equal(channelOfMeeting({ conference: [], structuredPlace: true }), 'in_person');
    for (const link of [
      'https://teams.microsoft.com/l/meetup-join/19%3a',
      'https://acme.webex.com/meet/jonas',
      'https://meet.jit.si/tend-sync',
      'https://whereby.com/maya',
      'https://facetime.apple.com/join#v=1',
    ])
      assert.equal(channelOfMeeting({ description: `join at ${link}`, conference: [] }), 'call', link);
  });

  it('Outlook joins locations with "; ": a room beside a Teams meeting is a place', () => {
    assert.equal(isPhysicalPlace('Microsoft Teams Meeting; Besprechungsraum 4.12'), true);
    assert.equal(isPhysicalPlace('Microsoft Teams-Besprechung'), false);
    assert.equal(isPhysicalPlace(''), false);
  });
});

describe('capture rules: addresses and zones', () => {
  it('addresses compare lower-cased without mailto:; what is not an address is undefined', () => {
    assert.equal(normaliseEmail('MAILTO:Anna.Muller@Example.com '), 'anna.muller@example.com');
    assert.equal(normaliseEmail('invalid:nomail'), undefined);
    assert.equal(normaliseEmail('urn:uuid:8d3b6e9a-1c2f'), undefined);
    assert.equal(normaliseEmail('maya at example'), undefined);
  });

  it('Windows zone names, IANA names and Mozilla paths resolve; display names do not', () => {
    assert.equal(ianaZone('W. Europe Standard Time'), 'Europe/Berlin');
    assert.equal(ianaZone('Pacific Standard Time'), 'America/Los_Angeles');
    assert.equal(ianaZone('Europe/Paris'), 'Europe/Paris');
    assert.equal(ianaZone('/mozilla.org/20050126_1/Europe/Berlin'), 'Europe/Berlin');
    assert.equal(ianaZone('Customized Time Zone'), undefined);
  });

  it('a wall-clock time in a zone is the right instant, summer and winter', () => {
    const t = { year: 2026, month: 7, day: 1, hour: 10, minute: 0, second: 0 };
    assert.equal(new Date(zonedToInstant(t, 'Europe/Berlin') ?? 0).toISOString(), '2026-07-01T08:00:00.000Z');
    const w = { ...t, month: 11, day: 20, hour: 9 };
    assert.equal(
      new Date(zonedToInstant(w, 'America/Los_Angeles') ?? 0).toISOString(),
      '2026-11-20T17:00:00.000Z',
    );
    // A late UTC start is the next day in Berlin, where the calendar (X-WR-TIMEZONE) lives.
    assert.equal(dayInZone(Date.parse('2026-11-20T23:30:00Z'), 'Europe/Berlin'), '2026-11-21');
  });
});
