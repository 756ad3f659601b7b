import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import fc from 'fast-check';

import { addDays } from '../../src/core/dates.js';
import { defaultSettings as s } from '../../src/core/settings.js';
import {
  isReal,
  isToolOnly,
  keepInTouchDue,
  lastRealContact,
  strengthOf,
  type Contact,
} from '../../src/core/strength.js';
import { channels, type Channel } from '../../src/core/types.js';

const TODAY = '2026-03-13';
const ago = (days: number, channel: Channel = 'in_person'): Contact => ({
  date: addDays(TODAY, -days),
  channel,
});
const close = (actual: number, expected: number, eps = 1e-9): void => {
  assert.ok(Math.abs(actual - expected) <= eps, `${actual} ≉ ${expected}`);
};
/** S recovered from a strength: S = −ln(1 − strength/100). */
const sOf = (strength: number): number => -Math.log(1 - strength / 100);

describe('strength = 100 · (1 − e^(−S)), S = Σ realness · 0.5^(age/90)', () => {
  it('no interactions → 0', () => {
    assert.equal(strengthOf([], TODAY, s), 0);
  });
  it('one in-person interaction today → S = 1', () => {
    close(strengthOf([ago(0)], TODAY, s), 100 * (1 - Math.exp(-1)));
  });
  it('one in-person interaction 90 days old → exactly half the S of one today (S = 0.5)', () => {
    const old = strengthOf([ago(90)], TODAY, s);
    close(old, 100 * (1 - Math.exp(-0.5)));
    close(sOf(old), sOf(strengthOf([ago(0)], TODAY, s)) / 2);
  });
  it('180 days old → a quarter', () => {
    close(strengthOf([ago(180)], TODAY, s), 100 * (1 - Math.exp(-0.25)));
  });
  it('each channel counts by its realness', () => {
    const expected: Record<Channel, number> = {
      in_person: 1,
      call: 0.7,
      letter: 0.6,
      message: 0.3,
      social: 0.05,
    };
    for (const c of channels) close(strengthOf([ago(0, c)], TODAY, s), 100 * (1 - Math.exp(-expected[c])));
  });
  it('S adds across interactions', () => {
    close(strengthOf([ago(0, 'call'), ago(90, 'message')], TODAY, s), 100 * (1 - Math.exp(-(0.7 + 0.15))));
  });
  it('an interaction dated in the future counts as today', () => {
    assert.equal(strengthOf([ago(-10)], TODAY, s), strengthOf([ago(0)], TODAY, s));
  });
  it('the half-life is a setting', () => {
    close(strengthOf([ago(30)], TODAY, { ...s, strengthHalfLifeDays: 30 }), 100 * (1 - Math.exp(-0.5)));
  });
});

describe('tool-only: no real interaction ever', () => {
  it('in person, call and letter are real; message and social are digital', () => {
    assert.deepEqual(
      channels.filter((c) => isReal(c)),
      ['in_person', 'call', 'letter'],
    );
  });
  it('nobody met yet is tool-only', () => {
    assert.equal(isToolOnly([]), true);
  });
  it('only messages and social clicks → tool-only', () => {
    assert.equal(isToolOnly([ago(1, 'message'), ago(2, 'social'), ago(400, 'message')]), true);
  });
  for (const c of ['in_person', 'call', 'letter'] as const)
    it(`one ${c}, however old → not tool-only`, () => {
      assert.equal(isToolOnly([ago(1, 'message'), ago(3000, c)]), false);
    });
});

describe('lastRealContact', () => {
  it('is the latest real interaction, ignoring later digital ones', () => {
    assert.equal(
      lastRealContact([ago(40, 'call'), ago(10, 'in_person'), ago(1, 'message')]),
      addDays(TODAY, -10),
    );
  });
  it('is undefined with no real interaction', () => {
    assert.equal(lastRealContact([ago(1, 'social')]), undefined);
  });
});

describe('keep-in-touch cadence', () => {
  it('no cadence → never due', () => {
    assert.equal(keepInTouchDue(undefined, [], TODAY), undefined);
  });
  it('due exactly when the last real contact is cadence days old (0 = due today)', () => {
    assert.equal(keepInTouchDue(30, [ago(29)], TODAY), undefined);
    assert.equal(keepInTouchDue(30, [ago(30)], TODAY), 0);
    assert.equal(keepInTouchDue(30, [ago(35)], TODAY), 5);
  });
  it('a cadence with no real contact ever is due now', () => {
    assert.equal(keepInTouchDue(30, [ago(1, 'message')], TODAY), 0);
  });
  it('resets on a real interaction', () => {
    assert.equal(keepInTouchDue(30, [ago(45), ago(2, 'call')], TODAY), undefined);
    assert.equal(keepInTouchDue(30, [ago(45), ago(2, 'letter')], TODAY), undefined);
  });
  it('does not reset on a message or a social touch', () => {
    assert.equal(keepInTouchDue(30, [ago(45), ago(2, 'message'), ago(1, 'social')], TODAY), 15);
  });
});

const contactArb = fc.record({
  date: fc.integer({ min: 0, max: 2000 }).map((d) => addDays('2020-01-01', d)),
  channel: fc.constantFrom(...channels),
});

describe('strength properties', () => {
  it('is monotone non-increasing with age', () => {
    fc.assert(
      fc.property(fc.array(contactArb, { maxLength: 30 }), fc.integer({ min: 0, max: 1000 }), (cs, later) => {
        const today = '2025-06-30';
        assert.ok(strengthOf(cs, addDays(today, later), s) <= strengthOf(cs, today, s));
      }),
    );
  });
  it('lies in [0, 100) for a realistic history (up to 30 interactions)', () => {
    fc.assert(
      fc.property(fc.array(contactArb, { maxLength: 30 }), (cs) => {
        const v = strengthOf(cs, '2025-06-30', s);
        assert.ok(v >= 0 && v < 100, String(v));
      }),
    );
  });
  it('one more interaction never lowers it', () => {
    fc.assert(
      fc.property(fc.array(contactArb, { maxLength: 30 }), contactArb, (cs, c) => {
        assert.ok(strengthOf([...cs, c], '2025-06-30', s) >= strengthOf(cs, '2025-06-30', s));
      }),
    );
  });
});
