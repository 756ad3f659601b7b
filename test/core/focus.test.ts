import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import { judgeFocusAdd, type FocusMember } from '../../src/core/focus.js';
import { defaultSettings as s } from '../../src/core/settings.js';

/** n members; member i has fit (i + 1) / 100, so #1, #2, #3 are the weakest. */
const members = (n: number): FocusMember[] =>
  Array.from({ length: n }, (_, i) => ({
    personId: i + 1,
    name: `P${String(i + 1).padStart(2, '0')}`,
    fit: (i + 1) / 100,
  }));

describe('focus cap (default 20)', () => {
  it('20 members adding 1 → refused, naming the 3 weakest-fit members, weakest first', () => {
    const list = members(20).reverse();
    const d = judgeFocusAdd(list, 1, s);
    assert.equal(d.verdict, 'refuse');
    assert.equal(d.size, 20);
    assert.equal(d.cap, 20);
    assert.deepEqual(
      d.candidates.map((c) => c.personId),
      [1, 2, 3],
    );
  });
  it('19 members adding 1 → allowed (exactly at the cap)', () => {
    assert.deepEqual(judgeFocusAdd(members(19), 1, s), { verdict: 'allow', size: 19, cap: 20 });
  });
  it('19 members adding 2 → refused', () => {
    assert.equal(judgeFocusAdd(members(19), 2, s).verdict, 'refuse');
  });
  it('ties in fit are broken by name', () => {
    const list: FocusMember[] = [
      ...members(17).map((m) => ({ ...m, fit: 0.9 })),
      { personId: 90, name: 'Zoe', fit: 0.1 },
      { personId: 91, name: 'Anna', fit: 0.1 },
      { personId: 92, name: 'Mia', fit: 0.1 },
    ];
    const d = judgeFocusAdd(list, 1, s);
    assert.ok(d.verdict === 'refuse');
    assert.deepEqual(
      d.candidates.map((c) => c.name),
      ['Anna', 'Mia', 'Zoe'],
    );
  });
  it('does not reorder the caller’s list', () => {
    const list = members(20);
    const copy = [...list];
    judgeFocusAdd(list, 1, s);
    assert.deepEqual(list, copy);
  });
  it('the number of candidates can be chosen', () => {
    const d = judgeFocusAdd(members(20), 1, s, 5);
    assert.ok(d.verdict === 'refuse');
    assert.equal(d.candidates.length, 5);
  });
});

describe('focus cap edges of the allowed range', () => {
  it('cap 5: 4 + 1 allowed, 5 + 1 refused', () => {
    assert.equal(judgeFocusAdd(members(4), 1, { focusCap: 5 }).verdict, 'allow');
    const d = judgeFocusAdd(members(5), 1, { focusCap: 5 });
    assert.ok(d.verdict === 'refuse');
    assert.equal(d.candidates.length, 3);
  });
  it('cap 50: 49 + 1 allowed, 50 + 1 refused', () => {
    assert.equal(judgeFocusAdd(members(49), 1, { focusCap: 50 }).verdict, 'allow');
    assert.equal(judgeFocusAdd(members(50), 1, { focusCap: 50 }).verdict, 'refuse');
  });
  it('a list already above a lowered cap refuses any addition', () => {
    assert.equal(judgeFocusAdd(members(20), 1, { focusCap: 10 }).verdict, 'refuse');
  });
});
