import assert from 'node:assert/strict';
import { test } from 'node:test';
import { givesFromMatches, possibleGives } from '../../src/core/gives.js';
import { splitMatches } from '../../src/matching/index.js';

/** Possible gives: under the threshold, the best one or two candidates above the floor, marked. */
const offer = (id: number, personId?: number) => ({ id, ...(personId !== undefined ? { personId } : {}) });
const need = (id: number) => ({ id });

test('no give reaches the threshold: the best two above the floor are possible, best first', () => {
  const m = [
    { need: need(1), mine: { offer: offer(10), score: 0.3 }, network: { offer: offer(20, 7), score: 0.45 } },
    { need: need(2), mine: { offer: offer(11), score: 0.1 } },
    { need: need(3), mine: { offer: offer(12), score: 0.25 } },
  ];
  assert.deepEqual(givesFromMatches(m, 0.5), []);
  const p = possibleGives(m, 0.5, splitMatches);
  assert.deepEqual(
    p.map((g) => [g.kind, g.offer.id, g.score, g.possible]),
    [
      ['intro', 20, 0.45, true],
      ['offer', 10, 0.3, true],
    ],
  );
});

test('nothing is possible when a give is shown, or when all are under the floor', () => {
  const shown = [
    { need: need(1), mine: { offer: offer(10), score: 0.6 } },
    { need: need(2), mine: { offer: offer(11), score: 0.4 } },
  ];
  assert.deepEqual(possibleGives(shown, 0.5, splitMatches), []);
  assert.deepEqual(
    possibleGives([{ need: need(1), mine: { offer: offer(10), score: 0.19 } }], 0.5, splitMatches),
    [],
  );
});

test('a confirmed pair is a give whatever its score, marked confirmed', () => {
  const g = givesFromMatches(
    [{ need: need(1), mine: { offer: offer(10), score: 0.05, confirmed: true } }],
    0.5,
  );
  assert.deepEqual(
    g.map((x) => [x.offer.id, x.confirmed]),
    [[10, true]],
  );
});
