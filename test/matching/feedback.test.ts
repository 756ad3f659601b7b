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

test('with answers on unlike needs only, search reads just enough of the base ranking and gives the full reranking’s top', async () => {
  const topics = [
    'Postgres tuning',
    'wedding photos',
    'tax returns',
    'React apps',
    'dog walking',
    'SEO audits',
  ];
  const texts = Array.from(
    { length: 48 },
    (_, i) => `${topics[i % topics.length] ?? ''} offer number ${i}, ${i % 5} years`,
  );
  const feats = await m.featurize(texts);
  const index = m.createIndex();
  const byId = new Map<string, Uint8Array>();
  feats.forEach((f, i) => {
    index.upsert(`o${i}`, f);
    byId.set(`o${i}`, f);
  });
  // Offers of the need's own topic, confirmed for a wedding need: pushed down here.
  const answers = [0, 6, 12, 18, 24].map((i) => ({
    need: other,
    offer: byId.get(`o${i}`) ?? offerA,
    confirmed: true,
    offerKey: `o${i}`,
  }));
  const model = new FeedbackModel(answers);
  const want = index
    .search(need2, { k: 48, queryIs: 'need' })
    .map((r) => ({
      id: r.id,
      by: r.score - (answers.some((a) => a.offerKey === r.id) ? model.options.claimed : 0),
    }))
    .sort((a, b) => b.by - a.by || (a.id < b.id ? -1 : 1))
    .slice(0, 5)
    .map((r) => r.id);
  assert.deepEqual(
    model.search(index, need2, (id) => byId.get(id), { k: 5 }).map((h) => h.id),
    want,
  );
  const baseTop = index.search(need2, { k: 5, queryIs: 'need' }).map((r) => r.id);
  assert.ok(
    baseTop.some((id) => answers.some((a) => a.offerKey === id)),
    'the base top 5 holds pushed-down offers, so the search had to read further',
  );
});
