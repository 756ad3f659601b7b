import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import fc from 'fast-check';

import { buildAgenda, type AgendaInput } from '../../src/core/agenda.js';
import { meetingFollowUpDraft } from '../../src/core/drafts/index.js';
import {
  followedUpMeeting,
  meetingFollowUps,
  type CapturedMeeting,
  type LaterContact,
} from '../../src/core/meeting-follow-ups.js';
import { addDays } from '../../src/core/dates.js';
import { defaultSettings } from '../../src/core/settings.js';

const TODAY = '2026-11-26';
const s = defaultSettings.capture;
const meeting = (extra: Partial<CapturedMeeting> = {}): CapturedMeeting => ({
  personId: 1,
  personName: 'Jonas Weber',
  key: 'uid-1|',
  day: '2026-11-24',
  channel: 'call',
  title: 'Schema review',
  people: 1,
  ...extra,
});
const deck = { id: 7, personId: 1, text: 'send the deck', due: '2026-11-28' };
const dba = { id: 9, personId: 1, text: 'a Berlin DBA', give: { offerText: 'Postgres tuning' } };

const run = (
  meetings: CapturedMeeting[],
  o: {
    contacts?: [number, LaterContact[]][];
    promises?: (typeof deck)[];
    needs?: (typeof dba | { id: number; personId: number; text: string })[];
  } = {},
) =>
  meetingFollowUps(
    {
      today: TODAY,
      meetings,
      contacts: new Map(o.contacts ?? []),
      promises: o.promises ?? [deck],
      needs: o.needs ?? [],
    },
    s,
  );

describe('which captured meetings Today follows up', () => {
  it('a recent small meeting with an open promise: one follow-up with what I promised', () => {
    const [f, ...rest] = run([meeting()]);
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.deepEqual(f.promises, [{ id: 7, text: 'send the deck', due: '2026-11-28' }]);
    assert.equal(f.day, '2026-11-24');
  });

  it('their open needs count too, the one I can give for first', () => {
    const [f] = run([meeting()], {
      promises: [],
      needs: [{ id: 3, personId: 1, text: 'a new job' }, dba],
    });
    assert.deepEqual(
      f?.needs.map((n) => n.id),
      [9, 3],
    );
  });

  it('nothing to say (no promise, no need): no card', () => {
    assert.deepEqual(run([meeting()], { promises: [], needs: [] }), []);
  });

  it(`recent: within capture.followUpDays (${s.followUpDays}) days, not in the future`, () => {
    assert.equal(run([meeting({ day: addDays(TODAY, -s.followUpDays) })]).length, 1);
    assert.equal(run([meeting({ day: addDays(TODAY, -s.followUpDays - 1) })]).length, 0);
    assert.equal(run([meeting({ day: addDays(TODAY, 1) })]).length, 0);
    assert.equal(run([meeting({ day: TODAY })]).length, 1);
  });

  it(`small: at most capture.followUpMaxPeople (${s.followUpMaxPeople}) others Tend saw there`, () => {
    assert.equal(run([meeting({ people: s.followUpMaxPeople })]).length, 1);
    assert.equal(run([meeting({ people: s.followUpMaxPeople + 1 })]).length, 0);
  });

  it('not already followed up: anything after the day, or something I typed on the day', () => {
    const after = run([meeting()], { contacts: [[1, [{ date: '2026-11-25', source: 'mail' }]]] });
    assert.deepEqual(after, []);
    const typed = run([meeting()], { contacts: [[1, [{ date: '2026-11-24' }]]] });
    assert.deepEqual(typed, []);
    // The meeting itself, and the mail that set it up on the day, are not a follow-up.
    const same = run([meeting()], {
      contacts: [
        [
          1,
          [
            { date: '2026-11-24', source: 'calendar' },
            { date: '2026-11-24', source: 'mail' },
            { date: '2026-11-20' },
          ],
        ],
      ],
    });
    assert.equal(same.length, 1);
  });

  it('one card per person, for their latest meeting; the latest meetings first', () => {
    const out = run(
      [
        meeting({ day: '2026-11-23', key: 'a|' }),
        meeting({ day: '2026-11-25', key: 'b|', title: 'Second' }),
        meeting({ personId: 2, personName: 'Anna Müller', day: '2026-11-24', key: 'c|' }),
      ],
      { promises: [deck, { ...deck, id: 8, personId: 2 }] },
    );
    assert.deepEqual(
      out.map((f) => [f.personId, f.day, f.title]),
      [
        [1, '2026-11-25', 'Second'],
        [2, '2026-11-24', 'Schema review'],
      ],
    );
  });

  it('followed up is monotonic: adding a later contact never brings a card back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ date: fc.integer({ min: -5, max: 3 }), typed: fc.boolean() }), { maxLength: 6 }),
        fc.integer({ min: -5, max: 3 }),
        (cs, extra) => {
          const day = '2026-11-24';
          const contacts = cs.map((c) => ({
            date: addDays(day, c.date),
            ...(c.typed ? {} : { source: 'mail' as const }),
          }));
          const before = followedUpMeeting(day, contacts);
          const after = followedUpMeeting(day, [...contacts, { date: addDays(day, extra) }]);
          return !before || after;
        },
      ),
    );
  });
});

describe('the follow-up card on Today', () => {
  const input = (): AgendaInput => ({
    today: TODAY,
    promises: [],
    followUps: [],
    waitingIntros: [],
    offers: [],
    intros: [],
    birthdays: [],
    focus: [],
    meetingFollowUps: run([meeting()], { needs: [dba] }),
  });

  it('a follow_up card with what I promised and what they need, and a draft that says both', () => {
    const [a] = buildAgenda(input(), defaultSettings);
    assert.ok(a);
    assert.equal(a.tier, 'follow_up');
    assert.equal(a.kind, 'meeting_follow_up');
    assert.equal(a.title, 'Follow up with Jonas Weber after your call on 2026-11-24 (Schema review)');
    assert.equal(
      a.detail,
      'you promised: send the deck (due 2026-11-28) · they need: a Berlin DBA, you could offer "Postgres tuning"',
    );
    assert.match(
      a.draft,
      /^Hi Jonas,\n\nThanks for the call on Tuesday\. I promised to send you the deck by Saturday 28 November, and I'm on it\./,
    );
    assert.match(
      a.draft,
      /You mentioned you're looking for a Berlin DBA\. I could help with Postgres tuning\./,
    );
  });

  it('an overdue promise to the same person keeps its own card: one action per person', () => {
    const i = input();
    const [a, ...rest] = buildAgenda(
      {
        ...i,
        promises: [
          { id: 7, personId: 1, personName: 'Jonas Weber', text: 'send the deck', due: '2026-11-25' },
        ],
      },
      defaultSettings,
    );
    assert.equal(a?.kind, 'keep_promise');
    assert.equal(rest.length, 0);
  });

  it('the draft: in person, an introduction, several promises', () => {
    const d = meetingFollowUpDraft({
      to: 'Anna Müller',
      day: '2026-11-25',
      today: TODAY,
      channel: 'in_person',
      promises: [
        { text: 'intro to Lars', due: '2026-11-27' },
        { text: 'read the pitch deck', due: '2026-11-30' },
      ],
      need: { text: 'a seed investor', give: { offerText: 'angel investing', via: 'Carla Mendes' } },
    });
    assert.match(d, /^Hi Anna,\n\nThanks for the time together yesterday\./);
    assert.match(d, /The other thing I said I'd do is on my list too\./);
    assert.match(d, /I could introduce you to Carla Mendes, who offers angel investing\./);
  });
});
