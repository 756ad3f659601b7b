import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createMatcher, rankAll, scorePair, type Embedder } from '../../src/matching/index.js';
import { embeddingName, embeddingVectors } from '../../src/matching/engine/matcher.js';
import { decode, EMBEDDING_DIM, FeaturesError } from '../../src/matching/engine/features.js';
import {
  HUB_K,
  neighbourhood,
  rowsFromBase64,
  rowsToBase64,
  toRows,
  type HubReference,
  type ReferenceRows,
} from '../../src/matching/engine/hubness.js';
import { HUB_REFERENCE } from '../../src/matching/generated/hub-reference.generated.js';
import { WITH_MODEL, WITHOUT_HUB } from '../../src/matching/engine/score-params.js';
import { calibrate, cosine } from '../../src/matching/engine/score.js';

function unit(v: Float32Array): Float32Array {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** A 612-d unit vector (the encoder's 512 then an empty word view) along a few named axes. */
function along(...weights: [axis: number, w: number][]): Float32Array {
  const v = new Float32Array(EMBEDDING_DIM);
  for (const [axis, w] of weights) v[axis] = w;
  return unit(v);
}

/** Brute force: every cosine with the quantised rows, sorted, the k largest averaged. */
function bruteNeighbourhood(rows: ReferenceRows, v: Float32Array, k: number): number {
  const sims: number[] = [];
  for (let r = 0; r < rows.count; r++) {
    let s = 0;
    for (let d = 0; d < EMBEDDING_DIM; d++) s += (rows.data[r * EMBEDDING_DIM + d] ?? 0) * (v[d] ?? 0);
    sims.push(s * (rows.scales[r] ?? 0));
  }
  sims.sort((a, b) => b - a);
  const top = sims.slice(0, Math.min(k, sims.length));
  return top.length ? top.reduce((a, b) => a + b, 0) / top.length : 0;
}

const vector = fc
  .array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 })
  .filter((xs) => xs.some((x) => Math.abs(x) > 1e-3))
  .map((xs) => unit(Float32Array.from({ length: EMBEDDING_DIM }, (_, i) => xs[i % 8] ?? 0)));

void test('a note’s neighbourhood is the mean of its k nearest reference cosines (property)', () => {
  fc.assert(
    fc.property(
      fc.array(vector, { minLength: 0, maxLength: 30 }),
      vector,
      fc.integer({ min: 1, max: 40 }),
      (refs, v, k) => {
        const rows = toRows(refs);
        const got = neighbourhood(rows, v, k);
        assert.ok(Math.abs(got - bruteNeighbourhood(rows, v, k)) < 1e-9, `k=${k} n=${refs.length}`);
        if (refs.length) assert.ok(got <= 1 + 1e-6 && got >= -1 - 1e-6);
      },
    ),
    { seed: 7, numRuns: 150 },
  );
});

void test('reference rows survive base64 and a wrong length is refused', () => {
  const rows = toRows([along([0, 1]), along([1, 1], [2, -0.5]), along([611, 1])]);
  const back = rowsFromBase64(3, rowsToBase64(rows));
  assert.deepEqual(back.data, rows.data);
  assert.deepEqual(back.scales, rows.scales);
  assert.throws(() => rowsFromBase64(4, rowsToBase64(rows)), /expected/);
  assert.throws(() => toRows([new Float32Array(10)]), /10 dimensions/);
});

/**
 * Texts map to chosen vectors (raw input, no adapter, no word view), so the geometry is known:
 * the need is on axis 0; the specific offer is close to it; the broad offer is a little closer
 * but also close to every reference need (axes 1–4), the classic hub.
 */
const GEOMETRY: Record<string, Float32Array> = {
  need: along([0, 1]),
  specific: along([0, 1], [9, 0.62]),
  broad: along([0, 1], [1, 0.3], [2, 0.3], [3, 0.3], [4, 0.3]),
};
function geometryEmbedder(): Embedder {
  return {
    name: 'geometry',
    embed: (texts) => Promise.resolve(texts.map((t) => (GEOMETRY[t] ?? along([100, 1])).slice(0, 512))),
  };
}
const plain = { embedder: geometryEmbedder(), modelInput: 'raw', adapter: null, wordVectors: null } as const;

function reference(name = 'test-ref'): HubReference {
  const needs = Array.from({ length: 60 }, (_, i) => along([1 + (i % 4), 1], [200 + i, 0.4]));
  const offers = Array.from({ length: 60 }, (_, i) => along([300 + i, 1]));
  return {
    name,
    embedding: embeddingName(createMatcher({ ...plain, hubReference: null })),
    needs: toRows(needs),
    offers: toRows(offers),
  };
}

void test('a broad offer close to every need no longer outranks the specific one', async () => {
  const withHub = createMatcher({ ...plain, hubReference: reference() });
  const without = createMatcher({ ...plain, hubReference: null });
  const run = async (m: typeof withHub): Promise<string[]> =>
    (
      await rankAll(
        m,
        [{ id: 'n', text: 'need' }],
        [
          { id: 'specific', text: 'specific' },
          { id: 'broad', text: 'broad' },
        ],
        2,
      )
    )[0]?.offers.map((o) => o.id) ?? [];
  assert.deepEqual(await run(without), ['broad', 'specific'], 'on cosine alone the hub wins');
  assert.deepEqual(await run(withHub), ['specific', 'broad']);

  const [broad, specific] = (await withHub.featurize(['broad', 'specific'])).map((f) => decode(f));
  assert.ok(broad && specific);
  assert.ok(broad.hubAsOffer > specific.hubAsOffer + 0.2, `${broad.hubAsOffer} vs ${specific.hubAsOffer}`);
  const [need, s, b] = await withHub.featurize(['need', 'specific', 'broad']);
  assert.ok(need && s && b);
  assert.ok(scorePair(withHub, need, s) > scorePair(withHub, need, b));
  const [n0, s0, b0] = await without.featurize(['need', 'specific', 'broad']);
  assert.ok(n0 && s0 && b0);
  assert.ok(scorePair(without, n0, s0) < scorePair(without, n0, b0));
});

void test('with non-zero hubness the index gives exactly scorePair, in both directions (property)', async () => {
  // Texts "v<i>" map to pseudo-random directions, so cosines and hubness values all differ.
  const embedder: Embedder = {
    name: 'geometry',
    embed: (texts) =>
      Promise.resolve(
        texts.map((t) => {
          const seed = Number(t.slice(1)) + 1;
          return Float32Array.from(
            { length: 512 },
            (_, d) => Math.sin(seed * (d + 1) * 0.37) + (d % 7 === seed % 7 ? 1 : 0),
          );
        }),
      ),
  };
  const ref: HubReference = {
    ...reference(),
    embedding: embeddingName(createMatcher({ ...plain, embedder, hubReference: null })),
  };
  const m = createMatcher({ ...plain, embedder, hubReference: ref });
  const feats = await m.featurize(Array.from({ length: 60 }, (_, i) => `v${i}`));
  assert.ok(feats.some((f) => decode(f).hubAsOffer > 0.05));
  const offers = m.createIndex();
  const needs = m.createIndex();
  feats.forEach((f, i) => {
    offers.upsert(`o${i}`, f);
    needs.upsert(`n${i}`, f);
  });
  fc.assert(
    fc.property(fc.nat(59), fc.integer({ min: 1, max: 15 }), (q, k) => {
      const query = feats[q] as Uint8Array;
      const brute = (asNeed: boolean, prefix: string) =>
        feats
          .map((f, i) => ({
            id: `${prefix}${i}`,
            score: asNeed ? scorePair(m, query, f) : scorePair(m, f, query),
          }))
          .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
          .slice(0, k);
      assert.deepEqual(offers.search(query, { k, queryIs: 'need' }), brute(true, 'o'));
      assert.deepEqual(needs.search(query, { k, queryIs: 'offer' }), brute(false, 'n'));
    }),
    { seed: 5, numRuns: 60 },
  );
});

void test('a matcher with no reference for its embeddings uses the weights fitted without the correction', async () => {
  const without = createMatcher({ ...plain, hubReference: null });
  const [n, o] = await without.featurize(['need', 'specific']);
  assert.ok(n && o);
  const cos = cosine(decode(n), decode(o));
  assert.ok(Math.abs(scorePair(without, n, o) - calibrate(cos, WITHOUT_HUB)) < 1e-12);
  assert.equal(WITHOUT_HUB.hub, 0);
  assert.notEqual(WITHOUT_HUB.mid, WITH_MODEL.mid);
});

void test('the reference is part of the version and must fit the embedding', async () => {
  const withHub = createMatcher({ ...plain, hubReference: reference('ref-a') });
  const without = createMatcher({ ...plain, hubReference: null });
  assert.ok(withHub.version.endsWith(`/hub${HUB_K}-ref-a`), withHub.version);
  assert.ok(!without.version.includes('/hub'));
  assert.notEqual(createMatcher({ ...plain, hubReference: reference('ref-b') }).version, withHub.version);
  assert.throws(
    () => createMatcher({ ...plain, hubReference: { ...reference(), embedding: 'another-encoder/raw' } }),
    /computed for another-encoder\/raw/,
  );
  // Without a reference the stored hubness is zero, so the score is the plain cosine's.
  const [f] = await without.featurize(['broad']);
  assert.ok(f);
  assert.equal(decode(f).hubAsOffer, 0);
  // A matcher whose embedding the shipped reference was not made for simply has none.
  assert.ok(!createMatcher(plain).version.includes('/hub'));
  assert.ok(!createMatcher({ modelless: true }).version.includes('/hub'));
});

void test('the shipped reference fits the default matcher and is used by it', async () => {
  const m = createMatcher();
  assert.equal(HUB_REFERENCE.embedding, embeddingName(m), 'regenerate with npm run generate');
  assert.ok(m.version.endsWith(`/hub${HUB_K}-${HUB_REFERENCE.name}`), m.version);
  assert.ok(HUB_REFERENCE.needs >= 500 && HUB_REFERENCE.offers >= 500);
  const [f] = await m.featurize(['I help founders with go-to-market, sales, hiring and fundraising']);
  assert.ok(f);
  const d = decode(f);
  assert.ok(d.hubAsOffer > 0.2 && d.hubAsOffer < 1, `hub as offer ${d.hubAsOffer}`);
  assert.ok(d.hubAsNeed > 0.2 && d.hubAsNeed < 1, `hub as need ${d.hubAsNeed}`);
  const v = (await embeddingVectors(m, ['x']))?.[0];
  assert.equal(v?.length, EMBEDDING_DIM);
});

void test('features carry the hubness; a format-2 blob or a cut-short one is refused', async () => {
  const m = createMatcher({ ...plain, hubReference: reference() });
  const [f] = await m.featurize(['broad']);
  assert.ok(f);
  const d = decode(f);
  assert.ok(d.hubAsOffer > 0 && d.hubAsNeed === 0);
  const old = Uint8Array.from(f);
  old[0] = 2;
  assert.throws(() => decode(old), FeaturesError);
  assert.throws(() => decode(f.subarray(0, f.byteLength - 4)), FeaturesError);
  assert.throws(() => decode(f.subarray(0, 10)), FeaturesError);
  const index = m.createIndex();
  assert.throws(() => {
    index.upsert('x', old);
  }, FeaturesError);
  assert.equal(index.size, 0);
});
