import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import { addDays } from '../../src/core/dates.js';
import { buildReview, type ReviewInput } from '../../src/core/review.js';
import { defaultSettings as s } from '../../src/core/settings.js';
import type { Channel, Nature } from '../../src/core/types.js';

const FROM = '2026-03-01';
const TO = '2026-03-07';
const day = (n: number): string => addDays(FROM, n);
const ix = (
  date: string,
  nature: Nature,
  channel: Channel = 'message',
  unearned = false,
): ReviewInput['interactions'][number] => ({
  date,
  nature,
  channel,
  unearned,
});
const base = (extra: Partial<ReviewInput> = {}): ReviewInput => ({
  from: FROM,
  to: TO,
  interactions: [],
  focusSize: 12,
  promises: [],
  events: [],
  introsMade: 0,
  outcomes: [],
  focusStrength: { start: 40, end: 40 },
  ...extra,
});

describe('review: ratios', () => {
  it('give:ask is gives per ask, rounded to hundredths', () => {
    const r = buildReview(
      base({
        interactions: [ix(day(0), 'gave'), ix(day(1), 'asked'), ix(day(2), 'asked'), ix(day(3), 'asked')],
      }),
      s,
    );
    assert.equal(r.gave, 1);
    assert.equal(r.asked, 3);
    assert.equal(r.giveAskRatio, 0.33);
  });
  it('7 gives and 1 ask → 7', () => {
    const gives = Array.from({ length: 7 }, (_, i) => ix(day(i), 'gave'));
    assert.equal(buildReview(base({ interactions: [...gives, ix(day(0), 'asked')] }), s).giveAskRatio, 7);
  });
  it('no asks → null (not Infinity, not 0)', () => {
    assert.equal(buildReview(base({ interactions: [ix(day(0), 'gave')] }), s).giveAskRatio, null);
    assert.equal(buildReview(base(), s).giveAskRatio, null);
  });
  it('real:digital counts in person, call and letter as real; message and social as digital', () => {
    const r = buildReview(
      base({
        interactions: [
          ix(day(0), 'touch', 'in_person'),
          ix(day(0), 'touch', 'call'),
          ix(day(0), 'touch', 'letter'),
          ix(day(0), 'touch', 'message'),
          ix(day(0), 'touch', 'social'),
          ix(day(1), 'touch', 'social'),
        ],
      }),
      s,
    );
    assert.equal(r.real, 3);
    assert.equal(r.digital, 3);
    assert.equal(r.realDigitalRatio, 1);
  });
  it('no digital → real:digital null', () => {
    assert.equal(
      buildReview(base({ interactions: [ix(day(0), 'touch', 'call')] }), s).realDigitalRatio,
      null,
    );
  });
  it('only the period counts (both ends included); unearned asks are counted', () => {
    const r = buildReview(
      base({
        interactions: [
          ix(day(-1), 'gave'),
          ix(FROM, 'gave'),
          ix(TO, 'asked', 'call', true),
          ix(day(7), 'asked'),
          ix(day(3), 'received'),
        ],
      }),
      s,
    );
    assert.deepEqual([r.gave, r.asked, r.received, r.unearnedAsks], [1, 1, 1, 1]);
  });
});

describe('review: weekly buckets', () => {
  it('a 14-day period → two 7-day buckets', () => {
    const r = buildReview(
      base({
        to: day(13),
        interactions: [
          ix(day(0), 'gave', 'call'),
          ix(day(6), 'asked'),
          ix(day(7), 'gave'),
          ix(day(13), 'gave', 'in_person'),
        ],
      }),
      s,
    );
    assert.deepEqual(r.weeks, [
      { week: day(0), gave: 1, asked: 1, real: 1, digital: 1 },
      { week: day(7), gave: 2, asked: 0, real: 1, digital: 1 },
    ]);
  });
  it('a 10-day period → a full week and a 3-day remainder', () => {
    const r = buildReview(base({ to: day(9), interactions: [ix(day(9), 'gave')] }), s);
    assert.deepEqual(
      r.weeks.map((w) => [w.week, w.gave]),
      [
        [day(0), 0],
        [day(7), 1],
      ],
    );
  });
  it('a one-day period → one bucket', () => {
    assert.equal(buildReview(base({ to: FROM }), s).weeks.length, 1);
  });
});

describe('review: promises kept, broken, late', () => {
  it('counts promises due in the period by status', () => {
    const r = buildReview(
      base({
        promises: [
          { due: day(1), status: 'kept', doneOn: day(1) },
          { due: day(2), status: 'kept', doneOn: day(0) },
          { due: day(3), status: 'broken' },
          { due: day(8), status: 'kept', doneOn: day(3) },
        ],
      }),
      s,
    );
    assert.deepEqual(r.promises, { due: 3, kept: 2, broken: 1, late: 0 });
  });
  it('late: open and past due, or kept in the period after its due day', () => {
    const r = buildReview(
      base({
        promises: [
          { due: day(2), status: 'open' }, // late
          { due: TO, status: 'open' }, // due on the last day: not late yet
          { due: day(1), status: 'kept', doneOn: day(4) }, // kept late
          { due: day(4), status: 'kept', doneOn: day(4) }, // on time
        ],
      }),
      s,
    );
    assert.equal(r.promises.late, 2);
    assert.equal(r.promises.kept, 2);
  });
});

describe('review: focus, events, introductions, outcomes, strength trend', () => {
  it('reports focus size against the cap', () => {
    assert.deepEqual(buildReview(base({ focusSize: 12 }), { focusCap: 25 }).focus, { size: 12, cap: 25 });
  });
  it('names the events that succeeded in the period', () => {
    const r = buildReview(
      base({
        events: [
          { name: 'Meetup', date: day(1), outcome: 'succeeded' },
          { name: 'Conf', date: day(2), outcome: 'missed' },
          { name: 'Old', date: day(-3), outcome: 'succeeded' },
        ],
      }),
      s,
    );
    assert.deepEqual(r.events, { total: 2, succeeded: 1, names: ['Meetup'] });
  });
  it('sums outcomes, business value in cents', () => {
    const r = buildReview(
      base({
        introsMade: 2,
        outcomes: [
          { kind: 'thanks', date: day(0) },
          { kind: 'business', valueCents: 150_000, date: day(1) },
          { kind: 'business', valueCents: 2_550, date: day(2) },
          { kind: 'led_somewhere', date: day(3) },
          { kind: 'business', valueCents: 99, date: day(9) },
        ],
      }),
      s,
    );
    assert.equal(r.introsMade, 2);
    assert.deepEqual(r.outcomes, { thanks: 1, ledSomewhere: 1, business: 2, businessValueCents: 152_550 });
  });
  it('focus strength trend, rounded to a tenth', () => {
    assert.deepEqual(buildReview(base({ focusStrength: { start: 40.04, end: 35.56 } }), s).focusStrength, {
      start: 40,
      end: 35.6,
      change: -4.5,
    });
  });
});
