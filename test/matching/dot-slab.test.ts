import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DotSlab } from '../../src/matching/engine/dot-slab.js';
import { DOTS_WASM } from '../../src/matching/generated/dots-wasm.generated.js';
import { compileDots } from '../../tools/generate/dots-wasm.js';
import { createMatcher } from '../../src/matching/index.js';
import { InMemoryIndex } from '../../src/matching/engine/in-memory-index.js';
import { WITH_MODEL } from '../../src/matching/engine/score-params.js';
import type { Tables } from '../../src/matching/engine/score.js';

const DIM = 612;
const row = fc.option(fc.int8Array({ minLength: DIM, maxLength: DIM }), { nil: null, freq: 8 });

function brute(q: Int8Array, rows: (Int8Array | null)[]): number[] {
  return rows.map((r) => (r ? r.reduce((s, x, i) => s + x * (q[i] ?? 0), 0) : 0));
}

void test('this Node runs the SIMD module, and the committed module is dots.wat compiled', async () => {
  assert.ok(new DotSlab(DIM).simd, 'WebAssembly SIMD is available on Node 20');
  assert.equal(Buffer.from(await compileDots()).toString('base64'), DOTS_WASM);
});

void test('SIMD and JavaScript scans give the exact integer dot products (property)', () => {
  fc.assert(
    fc.property(
      fc.int8Array({ minLength: DIM, maxLength: DIM }),
      fc.array(row, { maxLength: 150 }),
      (q, rows) => {
        const want = brute(q, rows);
        for (const simd of [true, false]) {
          const slab = new DotSlab(DIM, { simd });
          assert.equal(slab.simd, simd);
          // Rows arrive one at a time, so the memory grows under them (64 rows, then more).
          rows.forEach((r, i) => {
            slab.reserve(i + 1);
            slab.set(i, r);
          });
          assert.deepEqual([...slab.scan(q, rows.length)], want, simd ? 'simd' : 'js');
        }
      },
    ),
    { seed: 11, numRuns: 40 },
  );
});

void test('rows survive growth; move copies a row and the extremes do not overflow', () => {
  const slab = new DotSlab(DIM);
  const low = new Int8Array(DIM).fill(-128);
  const high = new Int8Array(DIM).fill(127);
  slab.reserve(2);
  slab.set(0, low);
  slab.set(1, high);
  slab.reserve(50_000); // several pages more: the views are re-made, the rows stay
  assert.deepEqual([...slab.scan(low, 2)], [DIM * 128 * 128, -DIM * 128 * 127]);
  slab.move(1, 0);
  slab.set(1, null);
  assert.deepEqual([...slab.scan(high, 2)], [DIM * 127 * 127, 0]);
});

void test('an index scanning in JavaScript ranks exactly as the SIMD one', async () => {
  const m = createMatcher({ modelless: true }) as unknown as { tables: Tables } & ReturnType<
    typeof createMatcher
  >;
  // Modelless features carry no embedding, so put one in: 612 int8 values after the header.
  const texts = [
    'seed investor for fintech',
    'Java backend developer',
    'tax accountant',
    'pitch deck review',
  ];
  const feats = await m.featurize(texts);
  const withEmbedding = (f: Uint8Array, seed: number): Uint8Array => {
    const out = new Uint8Array(f.byteLength + 4 + DIM + 8);
    out.set(f);
    out[1] = 1;
    const dv = new DataView(out.buffer);
    dv.setFloat32(f.byteLength, 1 / 127 / Math.sqrt(DIM), true);
    for (let i = 0; i < DIM; i++) dv.setInt8(f.byteLength + 4 + i, ((i * 37 + seed * 101) % 255) - 127);
    return out;
  };
  const items = Array.from({ length: 300 }, (_, i) =>
    withEmbedding(feats[i % feats.length] as Uint8Array, i),
  );
  const simd = new InMemoryIndex(m.tables, WITH_MODEL);
  const js = new InMemoryIndex(m.tables, WITH_MODEL, { simd: false });
  assert.ok(simd.simd && !js.simd);
  items.forEach((f, i) => {
    simd.upsert(`o${i}`, f);
    js.upsert(`o${i}`, f);
  });
  for (let i = 0; i < 300; i += 7) {
    simd.remove(`o${i}`);
    js.remove(`o${i}`);
  }
  const tops = new Set<string>();
  for (const q of items.slice(0, 20)) {
    const opts = { k: 10, queryIs: 'need' as const };
    const got = simd.search(q, opts);
    assert.deepEqual(got, js.search(q, opts));
    tops.add(got.map((s) => s.id).join());
  }
  assert.ok(tops.size > 10, 'the embeddings decide the ranking');
});
