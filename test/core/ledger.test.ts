import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import fc from 'fast-check';

import { judgeAsk, ledgerOf, weightOf, type LedgerEntry } from '../../src/core/ledger.js';
import { defaultSettings as s, type Settings } from '../../src/core/settings.js';
import { allKinds, natures } from '../../src/core/types.js';

const gave = (kind?: LedgerEntry['kind']): LedgerEntry => ({ nature: 'gave', kind });
const asked = (kind?: LedgerEntry['kind']): LedgerEntry => ({ nature: 'asked', kind });
const received = (kind?: LedgerEntry['kind']): LedgerEntry => ({ nature: 'received', kind });
const touch: LedgerEntry = { nature: 'touch' };

describe('weightOf: weights in hundredths', () => {
  it('uses the kind weight (intro 3 → 300, congratulation 0.5 → 50)', () => {
    assert.equal(weightOf(gave('intro'), s), 300);
    assert.equal(weightOf(gave('congratulation'), s), 50);
    assert.equal(weightOf(asked('favor'), s), 200);
  });
  it('uses the default weight when there is no kind', () => {
    assert.equal(weightOf(gave(), s), 100);
    assert.equal(weightOf(gave(), { ...s, defaultWeight: 0.25 }), 25);
  });
  it('follows the settings, not hard-coded numbers', () => {
    assert.equal(weightOf(gave('intro'), { ...s, weights: { ...s.weights, intro: 5 } }), 500);
  });
});

describe('ledgerOf: balance = Σ gives − Σ asks − Σ received', () => {
  it('sums each side by weight and counts entries', () => {
    const l = ledgerOf([gave('intro'), gave('advice'), asked('favor'), received('referral'), touch], s);
    assert.deepEqual(l, {
      gave: 4,
      asked: 2,
      received: 3,
      balance: -1,
      gaveCount: 2,
      askedCount: 1,
      receivedCount: 1,
    });
  });
  it('an empty ledger is all zeros', () => {
    const l = ledgerOf([], s);
    assert.equal(l.balance, 0);
    assert.equal(l.gaveCount, 0);
  });
  it('touches carry no weight', () => {
    assert.equal(ledgerOf([touch, touch, touch], s).balance, 0);
  });
  it('tenths never drift: three gives of 0.1 make exactly 0.3', () => {
    const tenth: Pick<Settings, 'weights' | 'defaultWeight'> = { weights: s.weights, defaultWeight: 0.1 };
    assert.equal(ledgerOf([gave(), gave(), gave()], tenth).balance, 0.3);
  });
});

describe('judgeAsk: the ask guard', () => {
  it('never given → refuse (never_given), even with nothing at all', () => {
    assert.deepEqual(judgeAsk([], s), { verdict: 'refuse', reason: 'never_given', balance: 0 });
  });
  it('never given but received and asked before → still refuse', () => {
    const d = judgeAsk([received('intro'), asked('advice'), touch], s);
    assert.equal(d.verdict, 'refuse');
    assert.equal(d.balance, -4);
  });
  it('zero balance (gave once, then received the same weight) → allowed, not warned', () => {
    assert.deepEqual(judgeAsk([gave('intro'), received('referral')], s), { verdict: 'allow', balance: 0 });
  });
  it('negative balance → warn (overdrawn) with the balance', () => {
    assert.deepEqual(judgeAsk([gave('advice'), asked('intro')], s), {
      verdict: 'warn',
      reason: 'overdrawn',
      balance: -2,
    });
  });
  it('by a hundredth below zero → warn', () => {
    const d = judgeAsk([gave('congratulation'), received()], { ...s, defaultWeight: 0.51 });
    assert.equal(d.verdict, 'warn');
    assert.equal(d.balance, -0.01);
  });
  it('positive balance → allow', () => {
    assert.deepEqual(judgeAsk([gave('intro'), asked('advice')], s), { verdict: 'allow', balance: 2 });
  });
});

const entryArb: fc.Arbitrary<LedgerEntry> = fc.record({
  nature: fc.constantFrom(...natures),
  kind: fc.option(fc.constantFrom(...allKinds), { nil: undefined }),
});
/** Weights in hundredths, as a user could set them. */
const hundredths = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100);
const settingsArb = fc
  .tuple(fc.array(hundredths, { minLength: allKinds.length, maxLength: allKinds.length }), hundredths)
  .map(([ws, defaultWeight]) => ({
    weights: { ...s.weights, ...Object.fromEntries(allKinds.map((k, i) => [k, ws[i] ?? 0])) },
    defaultWeight,
  }));

describe('ledger properties', () => {
  it('balance = gave − asked − received, exactly in hundredths, for any entries and weights', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 60 }), settingsArb, (entries, set) => {
        const l = ledgerOf(entries, set);
        const sum = (n: LedgerEntry['nature']): number =>
          entries.filter((e) => e.nature === n).reduce((acc, e) => acc + weightOf(e, set), 0);
        assert.equal(l.balance, (sum('gave') - sum('asked') - sum('received')) / 100);
        assert.equal(l.gave, sum('gave') / 100);
        assert.equal(l.asked, sum('asked') / 100);
        assert.equal(l.received, sum('received') / 100);
        assert.equal(
          Math.round(l.balance * 100),
          Math.round(l.gave * 100 - l.asked * 100 - l.received * 100),
        );
      }),
    );
  });

  it('adding a gave never lowers the balance, and never turns an allowed ask into a refusal', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 40 }),
        fc.option(fc.constantFrom(...allKinds), { nil: undefined }),
        settingsArb,
        (entries, kind, set) => {
          const before = ledgerOf(entries, set);
          const after = ledgerOf([...entries, gave(kind)], set);
          assert.ok(after.balance >= before.balance);
          assert.equal(after.gaveCount, before.gaveCount + 1);
          assert.notEqual(judgeAsk([...entries, gave(kind)], set).verdict, 'refuse');
        },
      ),
    );
  });

  it('weights in hundredths never drift: n gives of 0.5 sum to exactly n/2', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), (n) => {
        const entries = Array.from({ length: n }, () => gave('congratulation'));
        assert.equal(ledgerOf(entries, s).balance, n / 2);
      }),
    );
  });

  it('verdict follows the rule: refuse iff no give, else warn iff balance < 0', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), (entries) => {
        const d = judgeAsk(entries, s);
        const l = ledgerOf(entries, s);
        const expected = l.gaveCount === 0 ? 'refuse' : l.balance < 0 ? 'warn' : 'allow';
        assert.equal(d.verdict, expected);
        assert.equal(d.balance, l.balance);
      }),
    );
  });
});
