import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import fc from 'fast-check';

import { fitOf } from '../../src/core/fit.js';
import { defaultSettings as s } from '../../src/core/settings.js';

const close = (actual: number, expected: number): void => {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≉ ${expected}`);
};

describe('fit = √(help_out · help_in)', () => {
  it('is the geometric mean of the best score each way', () => {
    const f = fitOf({ mine: [0.3, 0.64], network: [0, 0], theirs: [0.1, 0.25] }, s);
    assert.equal(f.helpOut, 0.64);
    assert.equal(f.helpIn, 0.25);
    close(f.fit, 0.4);
  });
  it('is 0 when either side is 0 (mutual benefit, not status)', () => {
    assert.equal(fitOf({ mine: [0.9], network: [0], theirs: [] }, s).fit, 0);
    assert.equal(fitOf({ mine: [0], network: [0], theirs: [0.9] }, s).fit, 0);
  });
  it('clamps scores into [0, 1]', () => {
    const f = fitOf({ mine: [1.5], network: [0], theirs: [-0.2] }, s);
    assert.equal(f.helpOut, 1);
    assert.equal(f.helpIn, 0);
  });
});

describe('network discount', () => {
  it("my network's offer counts at the discount (0.5 by default)", () => {
    assert.equal(fitOf({ mine: [0.1], network: [0.8], theirs: [0.5] }, s).helpOut, 0.4);
  });
  it('my own offer wins when it is better than the discounted one', () => {
    assert.equal(fitOf({ mine: [0.5], network: [0.8], theirs: [0.5] }, s).helpOut, 0.5);
  });
  it('is taken per need, then the best need', () => {
    assert.equal(fitOf({ mine: [0.1, 0], network: [0, 0.6], theirs: [0.5] }, s).helpOut, 0.3);
  });
  it('is a setting: discount 0 ignores the network', () => {
    assert.equal(
      fitOf({ mine: [0.1], network: [0.9], theirs: [0.5] }, { ...s, networkDiscount: 0 }).helpOut,
      0.1,
    );
  });
});

describe('reach: help_in ≥ 0.5 and help_out < 0.2', () => {
  it('exactly at help_in 0.5 with help_out 0.19 → reach', () => {
    assert.equal(fitOf({ mine: [0.19], network: [0], theirs: [0.5] }, s).reach, true);
  });
  it('help_in just under 0.5 → not reach', () => {
    assert.equal(fitOf({ mine: [0.19], network: [0], theirs: [0.49] }, s).reach, false);
  });
  it('help_out exactly 0.2 → not reach', () => {
    assert.equal(fitOf({ mine: [0.2], network: [0], theirs: [0.9] }, s).reach, false);
  });
  it('my network lifting help_out to 0.2 also clears reach', () => {
    assert.equal(fitOf({ mine: [0], network: [0.4], theirs: [0.9] }, s).reach, false);
  });
  it('their needs unknown → not reach, needsUnknown, help_out 0', () => {
    const f = fitOf({ mine: [], network: [], theirs: [0.9] }, s);
    assert.equal(f.reach, false);
    assert.equal(f.needsUnknown, true);
    assert.equal(f.helpOut, 0);
    assert.equal(f.fit, 0);
  });
  it('needs known → needsUnknown false', () => {
    assert.equal(fitOf({ mine: [0], network: [0], theirs: [] }, s).needsUnknown, false);
  });
});

describe('fit properties', () => {
  const score = fc.double({ min: 0, max: 1, noNaN: true });
  it('fit, help_out and help_in lie in [0,1]; fit lies between the two', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(score, score), { maxLength: 8 }),
        fc.array(score, { maxLength: 8 }),
        (needs, theirs) => {
          const f = fitOf({ mine: needs.map((n) => n[0]), network: needs.map((n) => n[1]), theirs }, s);
          for (const v of [f.fit, f.helpIn, f.helpOut]) assert.ok(v >= 0 && v <= 1);
          assert.ok(f.fit >= Math.min(f.helpIn, f.helpOut) - 1e-12);
          assert.ok(f.fit <= Math.max(f.helpIn, f.helpOut) + 1e-12);
          assert.equal(f.reach, needs.length > 0 && f.helpIn >= 0.5 && f.helpOut < 0.2);
        },
      ),
    );
  });
});
