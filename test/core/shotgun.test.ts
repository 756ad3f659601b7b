import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import { addDays } from '../../src/core/dates.js';
import { defaultSettings as s } from '../../src/core/settings.js';
import { shotgunSignals, type ShotgunInteraction } from '../../src/core/shotgun.js';
import type { Channel, Nature } from '../../src/core/types.js';

const TODAY = '2026-03-13';
const ago = (n: number): string => addDays(TODAY, -n);
const ix = (
  personIds: number[],
  extra: { date?: string; channel?: Channel; nature?: Nature; note?: string } = {},
): ShotgunInteraction => ({
  date: extra.date ?? TODAY,
  personIds,
  channel: extra.channel ?? 'message',
  nature: extra.nature ?? 'touch',
  note: extra.note,
});
const codes = (interactions: ShotgunInteraction[], moves: string[] = []): string[] =>
  shotgunSignals(interactions, moves, TODAY, s).map((x) => x.code);
const people = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('shotgun: the same note to many people', () => {
  it('the same note to 5 people → same_note, counted in people', () => {
    const sig = shotgunSignals(
      people(5).map((p) => ix([p], { note: 'Great to meet you!' })),
      [],
      TODAY,
      s,
    );
    assert.deepEqual(
      sig.map((x) => [x.code, x.count]),
      [['same_note', 5]],
    );
  });
  it('to 4 people → nothing', () => {
    assert.deepEqual(codes(people(4).map((p) => ix([p], { note: 'Great to meet you!' }))), []);
  });
  it('notes are folded: case, accents and spacing do not make a note different', () => {
    const notes = [
      'Café next week?',
      'cafe next week?',
      'CAFÉ  next week?',
      ' Cafe next WEEK? ',
      'café next week?',
    ];
    assert.deepEqual(codes(notes.map((note, i) => ix([i + 1], { note }))), ['same_note']);
  });
  it('one interaction logged to 5 people counts 5', () => {
    assert.deepEqual(codes([ix(people(5), { note: 'hello' })]), ['same_note']);
  });
  it('the same person twice counts once', () => {
    assert.deepEqual(codes([...people(4), 4].map((p) => ix([p], { note: 'hello' }))), []);
  });
  it('different notes do not add up', () => {
    assert.deepEqual(codes(people(6).map((p) => ix([p], { note: `hello ${p % 2}` }))), []);
  });
  it('blank notes are no note', () => {
    assert.deepEqual(codes(people(6).map((p) => ix([p], { note: '   ' }))), []);
  });
});

describe('shotgun: asks to many people', () => {
  it('asks to 5 people → ask_burst', () => {
    assert.deepEqual(codes(people(5).map((p) => ix([p], { nature: 'asked' }))), ['ask_burst']);
  });
  it('asks to 4 people → nothing', () => {
    assert.deepEqual(codes(people(4).map((p) => ix([p], { nature: 'asked' }))), []);
  });
  it('5 asks of one person are not a burst across people', () => {
    assert.deepEqual(codes(Array.from({ length: 5 }, () => ix([1], { nature: 'asked' }))), []);
  });
  it('gives to 5 people are not asks', () => {
    assert.deepEqual(codes(people(5).map((p) => ix([p], { nature: 'gave' }))), []);
  });
});

describe('shotgun: social clicks with no real interaction', () => {
  const social = (n: number): ShotgunInteraction[] => people(n).map((p) => ix([p], { channel: 'social' }));
  it('20 social touches, no real interaction → social_burst', () => {
    const sig = shotgunSignals(social(20), [], TODAY, s);
    assert.deepEqual(
      sig.map((x) => [x.code, x.count]),
      [['social_burst', 20]],
    );
  });
  it('19 → nothing', () => {
    assert.deepEqual(codes(social(19)), []);
  });
  it('20 with one real interaction in the window → no signal', () => {
    assert.deepEqual(codes([...social(20), ix([99], { channel: 'call', date: ago(6) })]), []);
  });
  it('20 with a real interaction only before the window → still a signal', () => {
    assert.deepEqual(codes([...social(20), ix([99], { channel: 'in_person', date: ago(7) })]), [
      'social_burst',
    ]);
  });
  it('messages are not social clicks', () => {
    assert.deepEqual(codes(people(25).map((p) => ix([p], { channel: 'message' }))), []);
  });
});

describe('shotgun: people moved into focus', () => {
  it('10 moves → focus_burst; 9 → nothing', () => {
    assert.deepEqual(
      codes(
        [],
        Array.from({ length: 10 }, () => TODAY),
      ),
      ['focus_burst'],
    );
    assert.deepEqual(
      codes(
        [],
        Array.from({ length: 9 }, () => TODAY),
      ),
      [],
    );
  });
});

describe('shotgun: the rolling 7-day window (today is day 1)', () => {
  it('day 7 is in', () => {
    assert.deepEqual(codes(people(5).map((p) => ix([p], { nature: 'asked', date: ago(6) }))), ['ask_burst']);
    assert.deepEqual(
      codes(
        [],
        Array.from({ length: 10 }, () => ago(6)),
      ),
      ['focus_burst'],
    );
  });
  it('day 8 is out', () => {
    const asks = people(5).map((p) => ix([p], { nature: 'asked', date: p === 5 ? ago(7) : TODAY }));
    assert.deepEqual(codes(asks), []);
    assert.deepEqual(codes([], [...Array.from({ length: 9 }, () => TODAY), ago(7)]), []);
    assert.deepEqual(
      codes(people(5).map((p) => ix([p], { note: 'x', date: p === 1 ? ago(7) : ago(1) }))),
      [],
    );
  });
  it('days after today are out', () => {
    assert.deepEqual(
      codes(people(5).map((p) => ix([p], { nature: 'asked', date: p === 5 ? addDays(TODAY, 1) : TODAY }))),
      [],
    );
  });
  it('the window and thresholds are settings', () => {
    const asks = people(3).map((p) => ix([p], { nature: 'asked', date: ago(20) }));
    const sig = shotgunSignals(asks, [], TODAY, { shotgun: { ...s.shotgun, windowDays: 30, asks: 3 } });
    assert.deepEqual(
      sig.map((x) => x.code),
      ['ask_burst'],
    );
  });
  it('a quiet week → no signals', () => {
    assert.deepEqual(codes([ix([1], { channel: 'in_person', nature: 'gave', note: 'coffee' })]), []);
  });
});
