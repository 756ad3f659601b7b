import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  createMatcher,
  POSSIBLE_FLOOR,
  rankAll,
  scorePair,
  splitMatches,
  type Embedder,
  type Features,
} from '../../src/matching/index.js';
import { scoringOf } from '../../src/matching/engine/matcher.js';
import { decode } from '../../src/matching/engine/features.js';
import { scoreParts } from '../../src/matching/engine/score.js';
import { defaultSettings } from '../../src/core/settings.js';
import { applyAdapter, type Adapter } from '../../src/matching/engine/adapter.js';

const m = createMatcher({ modelless: true });

const NEEDS = [
  'need a seed investor for my fintech',
  'looking for a Java developer for our backend',
  'need an accountant for our Delaware C corp taxes',
  'who can review our pitch deck before we raise',
];
const OFFERS = [
  'angel investing in early-stage payments and fintech',
  'I import coffee from Java and Sumatra',
  'senior backend engineer: Java, Spring Boot, Kafka',
  'CPA, startup tax returns and bookkeeping',
  'I review pitch decks and financial models for founders',
  'cluster headache support group organiser',
  'LatAm founders only: pre-seed checks',
];

/** A deterministic stand-in encoder: counts, per text, how it is called (never a real model). */
function fakeEmbedder(): Embedder & { calls: number } {
  const e = {
    name: 'fake',
    calls: 0,
    embed(texts: readonly string[]): Promise<Float32Array[]> {
      e.calls++;
      return Promise.resolve(
        texts.map((t) => Float32Array.from({ length: 512 }, (_, i) => Math.sin(i * 0.1 + t.length))),
      );
    },
  };
  return e;
}

void test('featurize([]) loads nothing', async () => {
  const e = fakeEmbedder();
  const withFake = createMatcher({ embedder: e });
  assert.deepEqual(await withFake.featurize([]), []);
  assert.equal(e.calls, 0);
  await withFake.featurize(['x']);
  assert.equal(e.calls, 1);
});

void test('scores are in [0,1], deterministic, and the index gives the pair score', async () => {
  const nf = await m.featurize(NEEDS);
  const of = await m.featurize(OFFERS);
  const again = await m.featurize(NEEDS);
  assert.deepEqual(again, nf);
  const index = m.createIndex();
  of.forEach((f, i) => {
    index.upsert(`o${i}`, f);
  });
  for (const need of nf) {
    const hits = index.search(need, { k: OFFERS.length, queryIs: 'need' });
    assert.equal(hits.length, OFFERS.length);
    for (const h of hits) {
      assert.ok(h.score >= 0 && h.score <= 1);
      const offer = of[Number(h.id.slice(1))];
      assert.ok(offer);
      assert.equal(h.score, scorePair(m, need, offer));
    }
    for (let i = 1; i < hits.length; i++) assert.ok((hits[i - 1]?.score ?? 0) >= (hits[i]?.score ?? 0));
  }
});

void test('an index of needs searched with an offer gives the same score(need, offer)', async () => {
  const nf = await m.featurize(NEEDS);
  const [offer] = await m.featurize([OFFERS[0] ?? '']);
  assert.ok(offer);
  const index = m.createIndex();
  nf.forEach((f, i) => {
    index.upsert(`n${i}`, f);
  });
  for (const h of index.search(offer, { k: 10, queryIs: 'offer' })) {
    const need = nf[Number(h.id.slice(1))];
    assert.ok(need);
    assert.equal(h.score, scorePair(m, need, offer));
  }
});

void test('search honours k, minScore and filter', async () => {
  const [need] = await m.featurize([NEEDS[0] ?? '']);
  assert.ok(need);
  const index = m.createIndex();
  (await m.featurize(OFFERS)).forEach((f, i) => {
    index.upsert(`o${i}`, f);
  });
  assert.equal(index.search(need, { k: 2, queryIs: 'need' }).length, 2);
  assert.ok(index.search(need, { k: 9, minScore: 0.3, queryIs: 'need' }).every((h) => h.score >= 0.3));
  assert.ok(
    index.search(need, { k: 9, filter: (id) => id !== 'o0', queryIs: 'need' }).every((h) => h.id !== 'o0'),
  );
});

void test('a paraphrase outranks a surface distractor, even without the model', async () => {
  const [need, paraphrase, distractor] = await m.featurize([
    'need a Java developer',
    'senior backend engineer: Java, Spring Boot, Kafka',
    'I import coffee from Java',
  ]);
  assert.ok(need && paraphrase && distractor);
  assert.ok(scorePair(m, need, paraphrase) > scorePair(m, need, distractor));
});

void test('incremental upsert/remove equals a rebuild (property)', async () => {
  const feats = await m.featurize([...NEEDS, ...OFFERS]);
  const [query] = feats;
  assert.ok(query);
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('up' as const),
      id: fc.integer({ min: 0, max: 6 }),
      f: fc.nat(feats.length - 1),
    }),
    fc.record({ kind: fc.constant('rm' as const), id: fc.integer({ min: 0, max: 6 }) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const live = new Map<string, number>();
      const inc = m.createIndex();
      for (const o of ops) {
        const id = `i${o.id}`;
        if (o.kind === 'up') {
          inc.upsert(id, feats[o.f] ?? query);
          live.set(id, o.f);
        } else {
          inc.remove(id);
          live.delete(id);
        }
      }
      const rebuilt = m.createIndex();
      for (const [id, f] of [...live.entries()].sort()) rebuilt.upsert(id, feats[f] ?? query);
      assert.equal(inc.size, live.size);
      const opts = { k: 10, queryIs: 'need' as const };
      assert.deepEqual(inc.search(query, opts), rebuilt.search(query, opts));
    }),
    { seed: 42, numRuns: 200 },
  );
});

void test('a search for the top k is the first k of a search for more (property)', async () => {
  // With the model, so that the scan's pruning (a pair's upper bound against the k-th best) runs.
  const withModel = createMatcher();
  const feats = await withModel.featurize([
    ...NEEDS,
    ...OFFERS,
    'Java tutor for teens',
    'fintech CFO for hire',
    'bookkeeping for small charities',
    'we are hiring a fractional CFO',
  ]);
  const index = withModel.createIndex();
  feats.forEach((f, i) => {
    index.upsert(`i${i}`, f);
  });
  fc.assert(
    fc.property(
      fc.nat(feats.length - 1),
      fc.integer({ min: 1, max: feats.length }),
      fc.integer({ min: 0, max: feats.length }),
      fc.constantFrom(0, 0.2, 0.5),
      (q, k, more, minScore) => {
        const query = feats[q];
        assert.ok(query);
        const opts = { queryIs: 'need' as const, minScore };
        const top = index.search(query, { ...opts, k });
        assert.deepEqual(top, index.search(query, { ...opts, k: k + more }).slice(0, k));
      },
    ),
    { seed: 7, numRuns: 200 },
  );
});

// Every rule layer (kinds of help, places, audiences, languages, senses, sides) reads the whole
// note: a pasted profile or an API body of half a megabyte must not hang featurize. A regular
// expression cannot be interrupted by a test's timeout, so the notes are read in a child process
// with a time limit: a hang guard with a wide margin (about a second a shape), not a speed target.
void test('featurize reads long notes of any shape in time', () => {
  const script = `
    const { createMatcher } = await import(${JSON.stringify(new URL('../../src/matching/index.ts', import.meta.url).href)});
    const { decode } = await import(${JSON.stringify(new URL('../../src/matching/engine/features.ts', import.meta.url).href)});
    const size = 500_000;
    const fill = (unit) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    const shapes = ['x', 'a ', 'a, ', 'need help, ', 'learning French aged 3 to 10 in Berlin; ',
      'été über 日本語 ', 'senior junior expert looking for hiring raising selling '].map(fill);
    const m = createMatcher({ modelless: true });
    const feats = await m.featurize([...shapes, 'just started learning Portuguese, ' + shapes[3]]);
    console.log(JSON.stringify({ n: feats.length, learner: decode(feats[shapes.length]).stance }));`;
  const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 90_000,
  });
  assert.notEqual(out.signal, 'SIGTERM', 'featurize did not finish reading long notes within 90 s');
  assert.equal(out.status, 0, out.stderr);
  const got = JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}') as { n: number; learner: number };
  assert.equal(got.n, 8);
  assert.notEqual(got.learner, 0, 'the first clause still gives the sides');
});

void test('a note with no letter and no digit matches nothing, even a one-word note', async () => {
  // The encoder reads every emoji as the same unknown word, alike to a one-word note ("clients" and
  // "🚀" scored 0.53, over the threshold).
  const withModel = createMatcher();
  const [need, ...offers] = await withModel.featurize([
    'clients',
    '🚀',
    '🚀🚀🚀',
    '🔥'.repeat(40),
    '... !!!',
  ]);
  assert.ok(need);
  for (const offer of offers) {
    assert.ok(offer);
    assert.equal(decode(offer).embedding, null, 'stored without an embedding');
    assert.ok(scorePair(withModel, need, offer) < POSSIBLE_FLOOR, 'not even a possible match');
  }
  const [digits] = await withModel.featurize(['2025']);
  assert.ok(digits && decode(digits).embedding !== null, 'digits are read');
});

void test('rankAll ranks through the index; with the matchThreshold setting it lists the possible matches below it', async () => {
  const threshold = defaultSettings.matchThreshold;
  const out = await rankAll(
    m,
    NEEDS.map((text, i) => ({ id: `n${i}`, text })),
    OFFERS.map((text, i) => ({ id: `o${i}`, text })),
    3,
    { threshold },
  );
  assert.equal(out.length, NEEDS.length);
  assert.ok(out.every((r) => r.offers.length === 3));
  for (const r of out) {
    assert.deepEqual(r.possible, splitMatches(r.offers, threshold).possible);
    assert.ok(r.possible.every((p) => p.score < threshold && p.score >= POSSIBLE_FLOOR));
  }
  const without = await rankAll(
    m,
    [{ id: 'n', text: NEEDS[0] ?? '' }],
    [{ id: 'o', text: OFFERS[0] ?? '' }],
    1,
  );
  assert.deepEqual(without[0]?.possible, [], 'no threshold given, nothing is called possible');
});

void test('splitMatches: matches at or above the threshold, then at most two possible ones above the floor', () => {
  const ranked = [0.9, 0.5, 0.49, 0.3, 0.25, 0.19].map((score, i) => ({ id: `o${i}`, score }));
  const { matches, possible } = splitMatches(ranked, 0.5);
  assert.deepEqual(
    matches.map((x) => x.id),
    ['o0', 'o1'],
  );
  assert.deepEqual(
    possible.map((x) => x.id),
    ['o2', 'o3'],
    'the best two below the threshold',
  );
  assert.deepEqual(
    splitMatches(ranked.slice(5), 0.5),
    { matches: [], possible: [] },
    'below the floor is nothing',
  );
  assert.equal(POSSIBLE_FLOOR, 0.2);
});

void test('the shipped embedding adapter is in the version and applied at featurize time only', async () => {
  const adapted = createMatcher({ embedder: fakeEmbedder(), wordVectors: null });
  const plain = createMatcher({ embedder: fakeEmbedder(), adapter: null, wordVectors: null });
  assert.match(adapted.version, /\/gloss-abbr\/ad\d+-[0-9a-z]+$/);
  assert.ok(plain.version.endsWith('/gloss-abbr'));
  assert.ok(!m.version.includes('/ad'), 'the modelless matcher has no adapter');
  const [a] = await adapted.featurize(['need a seed investor']);
  const [b] = await plain.featurize(['need a seed investor']);
  assert.ok(a && b);
  assert.equal(a.byteLength, b.byteLength, 'same feature format and size');
  assert.notDeepEqual(a, b);
});

void test('an adapter with a zero correction is the identity on unit vectors', () => {
  const dim = 8;
  const rank = 2;
  const zero: Adapter = {
    name: 'zero',
    dim,
    rank,
    a: new Float32Array(dim * rank),
    b: Float32Array.from({ length: dim * rank }, (_, i) => i),
  };
  const x = Float32Array.from({ length: dim }, (_, i) => i - 3);
  const n = Math.hypot(...x);
  const y = applyAdapter(zero, x);
  for (let i = 0; i < dim; i++) assert.ok(Math.abs((y[i] ?? 0) - (x[i] ?? 0) / n) < 1e-6);
});

test('the audience rule binds help given to a person, not a product’s users', async () => {
  const [kidsApp, seniorsApp, kidsDentist, seniorsDentist] = await m.featurize([
    'UX designer, designed a reading app for kids',
    'need a UX designer for our app for seniors',
    'pediatric dentist, gentle with toddlers',
    'need a dentist for my elderly mother, she has dementia',
  ]);
  const { tables } = scoringOf(m);
  const parts = (n: Features | undefined, o: Features | undefined) =>
    scoreParts(tables, decode(n as Features), decode(o as Features));
  assert.equal(parts(seniorsApp, kidsApp).audience, 1);
  assert.ok(parts(seniorsDentist, kidsDentist).audience < 0.5);
});
