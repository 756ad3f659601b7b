import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import { addDays } from '../../src/core/dates.js';
import { eventOutcome } from '../../src/core/events.js';
import { defaultSettings as s } from '../../src/core/settings.js';

const EVENT = '2026-03-01';
const day = (n: number): string => addDays(EVENT, n);
const LATER = day(30);

describe('event success: a pick and a real follow-up within 7 days', () => {
  it('a real follow-up on day 7 → succeeded', () => {
    assert.equal(eventOutcome(EVENT, 1, [day(7)], LATER, s), 'succeeded');
  });
  it('on day 1 → succeeded', () => {
    assert.equal(eventOutcome(EVENT, 1, [day(1)], LATER, s), 'succeeded');
  });
  it('on day 8 → missed', () => {
    assert.equal(eventOutcome(EVENT, 1, [day(8)], LATER, s), 'missed');
  });
  it('the meeting day itself does not count', () => {
    assert.equal(eventOutcome(EVENT, 1, [EVENT], LATER, s), 'missed');
    assert.equal(eventOutcome(EVENT, 1, [EVENT], day(3), s), 'pending');
  });
  it('contact before the event does not count', () => {
    assert.equal(eventOutcome(EVENT, 1, [day(-2)], LATER, s), 'missed');
  });
  it('succeeds as soon as the follow-up happens, inside the window', () => {
    assert.equal(eventOutcome(EVENT, 2, [day(2)], day(3), s), 'succeeded');
  });
  it('a pick with no follow-up yet: pending through day 7, missed from day 8', () => {
    assert.equal(eventOutcome(EVENT, 1, [], EVENT, s), 'pending');
    assert.equal(eventOutcome(EVENT, 1, [], day(7), s), 'pending');
    assert.equal(eventOutcome(EVENT, 1, [], day(8), s), 'missed');
  });
  it('no pick: pending inside the window, no_pick after it (even with real contact)', () => {
    assert.equal(eventOutcome(EVENT, 0, [], day(7), s), 'pending');
    assert.equal(eventOutcome(EVENT, 0, [], day(8), s), 'no_pick');
    assert.equal(eventOutcome(EVENT, 0, [day(2)], LATER, s), 'no_pick');
  });
  it('the window is a setting', () => {
    assert.equal(eventOutcome(EVENT, 1, [day(10)], LATER, { eventFollowUpDays: 14 }), 'succeeded');
  });
});
