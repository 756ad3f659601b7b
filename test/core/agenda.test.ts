import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import fc from 'fast-check';

import { buildAgenda, tierOrder, type Action, type AgendaInput } from '../../src/core/agenda.js';
import { addDays } from '../../src/core/dates.js';
import { defaultSettings as s } from '../../src/core/settings.js';

const TODAY = '2026-03-13';
const ago = (n: number): string => addDays(TODAY, -n);

const empty = (): AgendaInput => ({
  today: TODAY,
  promises: [],
  followUps: [],
  waitingIntros: [],
  offers: [],
  intros: [],
  birthdays: [],
  focus: [],
});
type FocusRow = AgendaInput['focus'][number];
/** A focus person who is fine: strong, seen last week, needs known. */
const fine = (personId: number, extra: Partial<FocusRow> = {}): FocusRow => ({
  personId,
  personName: `P${personId}`,
  strength: 60,
  lastReal: ago(7),
  openNeeds: 1,
  ...extra,
});
const promise = (id: number, personId: number, due: string): AgendaInput['promises'][number] => ({
  id,
  personId,
  personName: `P${personId}`,
  text: `promise ${id}`,
  due,
});
const offer = (personId: number, score: number): AgendaInput['offers'][number] => ({
  personId,
  personName: `P${personId}`,
  needId: personId * 10,
  needText: 'a Postgres expert',
  offerId: 1,
  offerText: 'SQL tuning',
  score,
});
/** The first action, failing the test when there is none. */
const first = (a: readonly Action[]): Action => {
  const x = a[0];
  assert.ok(x, 'empty agenda');
  return x;
};
const agenda = (input: Partial<AgendaInput>, settings = s): Action[] =>
  buildAgenda({ ...empty(), ...input }, settings);

describe('agenda: promises', () => {
  it('a promise due today shows, with detail "due today"', () => {
    const a = agenda({ promises: [promise(1, 1, TODAY)] });
    assert.equal(a.length, 1);
    assert.equal(first(a).kind, 'keep_promise');
    assert.equal(first(a).detail, 'due today');
    assert.deepEqual(first(a).ref, { promiseId: 1 });
  });
  it('a promise due tomorrow does not show', () => {
    assert.deepEqual(agenda({ promises: [promise(1, 1, addDays(TODAY, 1))] }), []);
  });
  it('late promises say how late, oldest first', () => {
    const a = agenda({ promises: [promise(1, 1, ago(1)), promise(2, 2, ago(3))] });
    assert.deepEqual(
      a.map((x) => x.detail),
      ['3 days late', '1 day late'],
    );
  });
});

describe('agenda: tiers, cap and spread', () => {
  const everyTier: Partial<AgendaInput> = {
    focus: [fine(5, { openNeeds: 0 }), fine(4, { strength: 10 })],
    offers: [offer(3, 0.8)],
    followUps: [{ eventId: 9, eventName: 'Meetup', eventDate: ago(2), personId: 2, personName: 'P2' }],
    promises: [promise(1, 1, ago(1))],
  };
  it('tiers come in order: promise → follow-up → give → reconnect → learn', () => {
    assert.deepEqual(
      agenda(everyTier).map((a) => a.tier),
      ['promise', 'follow_up', 'give', 'reconnect', 'learn'],
    );
    assert.deepEqual(tierOrder, ['promise', 'follow_up', 'give', 'reconnect', 'learn']);
  });
  it('at most 5 actions', () => {
    const promises = Array.from({ length: 8 }, (_, i) => promise(i + 1, i + 1, ago(i)));
    assert.equal(agenda({ promises }).length, 5);
  });
  it('the size is a setting', () => {
    assert.equal(agenda(everyTier, { ...s, agendaSize: 3 }).length, 3);
  });
  it('one action per person: the first tier wins, the next person takes the slot', () => {
    const a = agenda({
      promises: [promise(1, 1, ago(1))],
      offers: [offer(1, 0.9), offer(2, 0.8)],
      focus: [fine(1, { strength: 5, openNeeds: 0 })],
    });
    assert.deepEqual(
      a.map((x) => [x.personId, x.kind]),
      [
        [1, 'keep_promise'],
        [2, 'offer_help'],
      ],
    );
  });
});

describe('agenda: follow-ups and waiting introductions', () => {
  const waiting = (since: string): AgendaInput['waitingIntros'][number] => ({
    introId: 3,
    personId: 1,
    personName: 'Priya',
    otherName: 'Lars',
    state: 'asked_b',
    since,
  });
  it('an introduction waiting 7 days shows; 6 days does not', () => {
    const a = agenda({ waitingIntros: [waiting(ago(7))] });
    assert.equal(first(a).kind, 'intro_waiting');
    assert.equal(first(a).title, 'The introduction of Priya and Lars has waited 7 days (asked b)');
    assert.deepEqual(agenda({ waitingIntros: [waiting(ago(6))] }), []);
  });
  it('event follow-ups carry the line captured at the event', () => {
    const a = agenda({
      followUps: [
        {
          eventId: 9,
          eventName: 'Meetup',
          eventDate: ago(1),
          personId: 2,
          personName: 'Ben',
          line: 'ML ops',
        },
      ],
    });
    assert.equal(first(a).kind, 'event_follow_up');
    assert.equal(first(a).detail, 'ML ops');
    assert.deepEqual(first(a).ref, { eventId: 9 });
  });
});

describe('agenda: gives', () => {
  it('the best match first; at the same score my own help beats an introduction', () => {
    const a = agenda({
      offers: [offer(1, 0.6), offer(2, 0.9)],
      intros: [
        {
          personId: 3,
          personName: 'P3',
          needId: 30,
          needText: 'data engineers',
          otherId: 7,
          otherName: 'Lars',
          offerId: 70,
          offerText: 'looking for a job',
          score: 0.9,
        },
      ],
    });
    assert.deepEqual(
      a.map((x) => [x.personId, x.kind]),
      [
        [2, 'offer_help'],
        [3, 'make_intro'],
        [1, 'offer_help'],
      ],
    );
    assert.deepEqual(a[1]?.ref, { needId: 30, offerId: 70, otherPersonId: 7 });
  });
  it('a birthday is a chance for a small give', () => {
    const a = agenda({ birthdays: [{ personId: 4, personName: 'Anna', on: TODAY }] });
    assert.equal(first(a).tier, 'give');
    assert.equal(first(a).kind, 'birthday');
    assert.equal(first(a).title, "Anna's birthday is today: send a note");
    const later = agenda({ birthdays: [{ personId: 4, personName: 'Anna', on: addDays(TODAY, 2) }] });
    assert.equal(first(later).title, `Anna's birthday is on ${addDays(TODAY, 2)}: send a note`);
  });
});

describe('agenda: reconnect (strength < 30 or 60 days without real contact)', () => {
  const reconnects = (f: FocusRow): Action[] => agenda({ focus: [f] }).filter((a) => a.tier === 'reconnect');
  it('strength just below 30 → reconnect; exactly 30 → not', () => {
    assert.equal(reconnects(fine(1, { strength: 29.9 })).length, 1);
    assert.equal(reconnects(fine(1, { strength: 30 })).length, 0);
  });
  it('exactly 60 days without real contact → reconnect; 59 → not', () => {
    const a = reconnects(fine(1, { lastReal: ago(60) }));
    assert.equal(a.length, 1);
    assert.equal(first(a).kind, 'reconnect');
    assert.equal(first(a).detail, 'strength 60, last real contact 60 days ago');
    assert.equal(reconnects(fine(1, { lastReal: ago(59) })).length, 0);
  });
  it('never met for real → reconnect, saying so', () => {
    const a = reconnects(fine(1, { lastReal: undefined }));
    assert.equal(first(a).detail, 'no real conversation yet');
  });
  it('pushes toward a real channel', () => {
    assert.match(first(reconnects(fine(1, { strength: 5 }))).title, /in person or by phone/);
  });
  it('an overdue keep-in-touch cadence → keep_in_touch', () => {
    assert.equal(first(reconnects(fine(1, { cadenceOverdue: 0 }))).kind, 'keep_in_touch');
  });
  it('the weakest first', () => {
    const a = agenda({ focus: [fine(1, { strength: 20 }), fine(2, { strength: 5 })] });
    assert.deepEqual(
      a.map((x) => x.personId),
      [2, 1],
    );
  });
});

describe('agenda: learn', () => {
  it('a focus person with no known needs → ask what could help THEM', () => {
    const a = agenda({ focus: [fine(1, { personName: 'Ben', openNeeds: 0 })] });
    assert.equal(a.length, 1);
    assert.equal(first(a).tier, 'learn');
    assert.equal(first(a).kind, 'ask_needs');
    assert.equal(first(a).title, 'Ask Ben what could help them right now');
  });
  it('a focus person with known needs and fine → nothing', () => {
    assert.deepEqual(agenda({ focus: [fine(1)] }), []);
  });
});

const allowedKinds = new Set<Action['kind']>([
  'keep_promise',
  'event_follow_up',
  'intro_waiting',
  'offer_help',
  'make_intro',
  'birthday',
  'reconnect',
  'keep_in_touch',
  'ask_needs',
]);

describe('agenda properties', () => {
  const day = fc.integer({ min: -120, max: 30 }).map((n) => addDays(TODAY, n));
  const pid = fc.integer({ min: 1, max: 12 });
  const name = fc.constantFrom('Anna', 'Ben', 'Carla', 'José', 'For');
  const score = fc.double({ min: 0, max: 1, noNaN: true });
  const inputArb: fc.Arbitrary<AgendaInput> = fc.record({
    today: fc.constant(TODAY),
    promises: fc.array(
      fc.record({ id: fc.nat(), personId: pid, personName: name, text: fc.string(), due: day }),
    ),
    followUps: fc.array(
      fc.record({
        eventId: fc.nat(),
        eventName: fc.string(),
        eventDate: day,
        personId: pid,
        personName: name,
      }),
    ),
    waitingIntros: fc.array(
      fc.record({
        introId: fc.nat(),
        personId: pid,
        personName: name,
        otherName: name,
        state: fc.constantFrom('proposed', 'asked_a', 'asked_b'),
        since: day,
      }),
    ),
    offers: fc.array(
      fc.record({
        personId: pid,
        personName: name,
        needId: fc.nat(),
        needText: fc.string(),
        offerId: fc.nat(),
        offerText: fc.string(),
        score,
      }),
    ),
    intros: fc.array(
      fc.record({
        personId: pid,
        personName: name,
        needId: fc.nat(),
        needText: fc.string(),
        otherId: pid,
        otherName: name,
        offerId: fc.nat(),
        offerText: fc.string(),
        score,
      }),
    ),
    birthdays: fc.array(fc.record({ personId: pid, personName: name, on: day })),
    focus: fc.array(
      fc.record({
        personId: pid,
        personName: name,
        strength: fc.double({ min: 0, max: 99.9, noNaN: true }),
        lastReal: fc.option(day, { nil: undefined }),
        openNeeds: fc.nat({ max: 3 }),
        cadenceOverdue: fc.option(fc.nat({ max: 30 }), { nil: undefined }),
      }),
    ),
  });

  it('asks are never suggested; tiers in order; at most agendaSize; one action per person', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 1, max: 8 }), (input, agendaSize) => {
        const a = buildAgenda(input, { ...s, agendaSize });
        assert.ok(a.length <= agendaSize);
        assert.equal(new Set(a.map((x) => x.personId)).size, a.length);
        for (const x of a) {
          assert.ok(allowedKinds.has(x.kind), x.kind);
          // The only "Ask" is the learn tier, and it asks what could help them.
          assert.doesNotMatch(x.title, /^Ask \S+ for\b/);
          if (x.title.startsWith('Ask ')) assert.equal(x.kind, 'ask_needs');
          if (x.kind === 'ask_needs') {
            assert.equal(x.tier, 'learn');
            assert.equal(x.title, `Ask ${x.personName} what could help them right now`);
          }
        }
        const ranks = a.map((x) => tierOrder.indexOf(x.tier));
        assert.deepEqual(
          ranks,
          [...ranks].sort((p, q) => p - q),
        );
      }),
    );
  });
});
