import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMatcher, FeedbackModel, scorePair } from '../../src/matching/index.js';

/** Relevance feedback: an answered pair moves similar pairs, and only those. */
const m = createMatcher({ modelless: true });
const [need1, need2, other, offerA, offerB] = await m.featurize([
  'a Postgres expert to review our slow queries',
  'someone to review slow Postgres queries in our reports',
  'a wedding photographer in Lisbon',
  'Postgres query reviews and tuning',
  'wedding photography',
]);
assert.ok(need1 && need2 && other && offerA && offerB);
const base = (n: Uint8Array, o: Uint8Array): number => scorePair(m, n, o);

test('without answers the score is the matcher’s', () => {
  const s = new FeedbackModel([]).scorer(base);
  assert.equal(s(need2, offerA), base(need2, offerA));
});

test('a confirmed pair raises the same offer for a similar need; a dismissed one lowers it', () => {
  const up = new FeedbackModel([{ need: need1, offer: offerA, confirmed: true }]).scorer(base);
  const down = new FeedbackModel([{ need: need1, offer: offerA, confirmed: false }]).scorer(base);
  assert.ok(up(need2, offerA) > base(need2, offerA), `${up(need2, offerA)} > ${base(need2, offerA)}`);
  assert.ok(down(need2, offerA) < base(need2, offerA));
  for (const s of [up(need2, offerA), down(need2, offerA)]) assert.ok(s >= 0 && s <= 1);
});

test('an unrelated need is not moved', () => {
  const up = new FeedbackModel([{ need: need1, offer: offerA, confirmed: true }]).scorer(base);
  assert.equal(up(other, offerB), base(other, offerB));
  assert.equal(up(other, offerA), base(other, offerA));
});

test('an offer confirmed for one need yields to the others for an unlike need, not for a like one', () => {
  const s = new FeedbackModel([{ need: need1, offer: offerA, confirmed: true, offerKey: 'A' }]).scorer(base);
  assert.ok(base(other, offerA) > 0);
  assert.equal(s(other, offerA, 'A'), 0, 'fallen by more than its score');
  assert.equal(s(other, offerB, 'B'), base(other, offerB), 'an unanswered offer stays');
  assert.ok(s(need2, offerA, 'A') > base(need2, offerA), 'a like need still gains');
});

test('search reranks the index with the answers and keeps its filter', () => {
  const index = m.createIndex();
  index.upsert('A', offerA);
  index.upsert('B', offerB);
  const f = new Map([
    ['A', offerA],
    ['B', offerB],
  ]);
  const model = new FeedbackModel([{ need: need1, offer: offerA, confirmed: false }], { weight: 5 });
  const hits = model.search(index, need2, (id) => f.get(id), { k: 2 });
  assert.deepEqual(
    hits.map((h) => h.id),
    ['B', 'A'],
    'a strong dismissal of a similar pair sinks the offer',
  );
  assert.deepEqual(
    model.search(index, need2, (id) => f.get(id), { k: 2, filter: (id) => id !== 'B' }).map((h) => h.id),
    ['A'],
  );
});
