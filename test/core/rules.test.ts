import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import fc from 'fast-check';

import { buildAgenda, type AgendaInput } from '../../src/core/agenda.js';
import { addDays } from '../../src/core/dates.js';
import { followedUp } from '../../src/core/events.js';
import { givesFromMatches } from '../../src/core/gives.js';
import { defaultSettings as s } from '../../src/core/settings.js';
import { meanStrength, strengthOf, type Contact } from '../../src/core/strength.js';
import { channels } from '../../src/core/types.js';

const EVENT = '2026-03-01';
const day = (n: number): string => addDays(EVENT, n);

describe('followed up: a real interaction after the event', () => {
  it('a call the day after counts', () => {
    assert.equal(followedUp(EVENT, [{ date: day(1), channel: 'call' }]), true);
  });
  it('a coffee or a letter counts', () => {
    assert.equal(followedUp(EVENT, [{ date: day(3), channel: 'in_person' }]), true);
    assert.equal(followedUp(EVENT, [{ date: day(30), channel: 'letter' }]), true);
  });
  it('the meeting at the event itself does not count', () => {
    assert.equal(followedUp(EVENT, [{ date: EVENT, channel: 'in_person' }]), false);
  });
  it('a message or a like does not count', () => {
    assert.equal(
      followedUp(EVENT, [
        { date: day(1), channel: 'message' },
        { date: day(2), channel: 'social' },
      ]),
      false,
    );
  });
  it('contact before the event does not count; nothing at all is not followed up', () => {
    assert.equal(followedUp(EVENT, [{ date: day(-1), channel: 'call' }]), false);
    assert.equal(followedUp(EVENT, []), false);
  });
});

describe('mean focus strength', () => {
  const coffee = (date: string): Contact => ({ date, channel: 'in_person' });
  it('an empty group is 0', () => {
    assert.equal(meanStrength([], EVENT, s), 0);
  });
  it('the mean of each person strength, someone without contact counting as 0', () => {
    const one = strengthOf([coffee(EVENT)], EVENT, s);
    assert.ok(one > 60);
    assert.equal(meanStrength([[coffee(EVENT)], []], EVENT, s), one / 2);
  });
  it('only interactions up to the day count', () => {
    const contacts = [coffee(day(-10)), coffee(day(5))];
    assert.equal(meanStrength([contacts], EVENT, s), strengthOf([coffee(day(-10))], EVENT, s));
  });
  it('stays within 0–100 and is order-free', () => {
    const contact = fc.record({
      date: fc.integer({ min: -400, max: 30 }).map(day),
      channel: fc.constantFrom(...channels),
    });
    fc.assert(
      fc.property(fc.array(fc.array(contact), { maxLength: 6 }), (group) => {
        const m = meanStrength(group, EVENT, s);
        assert.ok(m >= 0 && m <= 100);
        assert.ok(Math.abs(meanStrength([...group].reverse(), EVENT, s) - m) < 1e-9);
      }),
    );
  });
});

describe('gives from matches', () => {
  const need = { id: 1, text: 'a Postgres expert' };
  const mine = { id: 10, text: 'SQL tuning' };
  const theirs = { id: 20, text: 'DBA work', personId: 7 };
  it('my offer above the threshold is a give; below it is not', () => {
    assert.deepEqual(givesFromMatches([{ need, mine: { offer: mine, score: 0.6 } }], 0.5), [
      { kind: 'offer', need, offer: mine, score: 0.6 },
    ]);
    assert.deepEqual(givesFromMatches([{ need, mine: { offer: mine, score: 0.4 } }], 0.5), []);
  });
  it('a network offer is an introduction to its owner, after my own give for the same need', () => {
    const g = givesFromMatches(
      [{ need, mine: { offer: mine, score: 0.5 }, network: { offer: theirs, score: 0.9 } }],
      0.5,
    );
    assert.deepEqual(
      g.map((x) => x.kind),
      ['offer', 'intro'],
    );
    assert.deepEqual(g[1], { kind: 'intro', need, offer: theirs, viaPersonId: 7, score: 0.9 });
  });
  it('an offer nobody owns cannot be an introduction', () => {
    const orphan = { id: 21, text: 'DBA work' };
    assert.deepEqual(givesFromMatches([{ need, network: { offer: orphan, score: 0.9 } }], 0.5), []);
  });
  it('every give reaches the threshold, at most two per need, in the needs order', () => {
    const score = fc.double({ min: 0, max: 1, noNaN: true });
    const arb = fc.array(
      fc.record({
        need: fc.record({ id: fc.nat() }),
        mine: fc.option(fc.record({ offer: fc.record({ id: fc.nat() }), score }), { nil: undefined }),
        network: fc.option(fc.record({ offer: fc.record({ id: fc.nat(), personId: fc.nat() }), score }), {
          nil: undefined,
        }),
      }),
    );
    fc.assert(
      fc.property(arb, score, (matches, threshold) => {
        const gives = givesFromMatches(matches, threshold);
        assert.ok(gives.every((g) => g.score >= threshold));
        assert.ok(gives.length <= matches.length * 2);
        const order = gives.map((g) => matches.findIndex((m) => m.need === g.need));
        assert.deepEqual(
          order,
          [...order].sort((a, b) => a - b),
        );
      }),
    );
  });
});

describe('agenda from raw facts', () => {
  const TODAY = '2026-03-13';
  const empty: AgendaInput = {
    today: TODAY,
    promises: [],
    followUps: [],
    waitingIntros: [],
    offers: [],
    intros: [],
    birthdays: [],
    focus: [],
  };
  const follow = (contacts: Contact[]): AgendaInput['followUps'][number] => ({
    eventId: 1,
    eventName: 'Meetup',
    eventDate: addDays(TODAY, -3),
    personId: 2,
    personName: 'Ben',
    contacts,
  });
  it('a picked person already followed up is not suggested again', () => {
    const done = buildAgenda(
      { ...empty, followUps: [follow([{ date: addDays(TODAY, -1), channel: 'call' }])] },
      s,
    );
    assert.deepEqual(done, []);
    const notYet = buildAgenda(
      { ...empty, followUps: [follow([{ date: addDays(TODAY, -1), channel: 'message' }])] },
      s,
    );
    assert.equal(notYet[0]?.kind, 'event_follow_up');
  });
  it('a birthday as recorded shows when its anniversary falls within the lookahead', () => {
    const bday = (on: string) =>
      buildAgenda({ ...empty, birthdays: [{ personId: 4, personName: 'Anna', on }] }, s);
    assert.equal(bday('1990-03-13')[0]?.title, "Anna's birthday is today: send a note");
    assert.equal(bday('--03-16')[0]?.title, "Anna's birthday is on 2026-03-16: send a note");
    assert.deepEqual(bday('1990-03-17'), [], 'four days ahead is beyond the 3-day lookahead');
    assert.equal(
      buildAgenda(
        { ...empty, birthdays: [{ personId: 4, personName: 'Anna', on: '1990-03-17' }] },
        { ...s, birthdayLookaheadDays: 4 },
      ).length,
      1,
    );
    assert.deepEqual(bday('1990-03-12'), [], 'yesterday is next year');
    assert.deepEqual(bday('not a date'), []);
  });
  it('a birthday early in January is seen from late December', () => {
    const a = buildAgenda(
      { ...empty, today: '2026-12-30', birthdays: [{ personId: 4, personName: 'Anna', on: '1985-01-01' }] },
      s,
    );
    assert.equal(a[0]?.title, "Anna's birthday is on 2027-01-01: send a note");
  });
});
