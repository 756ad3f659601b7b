import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createMatcher, type Embedder } from '../../src/matching/index.js';
import { WORD_WEIGHT } from '../../src/matching/engine/matcher.js';
import { decode } from '../../src/matching/engine/features.js';
import {
  buildTable,
  loadWordTable,
  parseTable,
  sentenceVector,
  serializeTable,
  tableCachePath,
  WORD_VECTORS_NAME,
  words,
} from '../../src/matching/engine/word-vectors.js';

const table = loadWordTable();
const cos = (a: Float32Array | null, b: Float32Array | null): number => {
  assert.ok(a && b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
};

void test('the compact table is cached by the build and survives a round trip', () => {
  assert.ok(fs.existsSync(tableCachePath()), 'npm run build leaves the table in node_modules/.cache');
  assert.ok(table.size > 150_000 && table.size <= 200_000, `${table.size} words`);
  const again = parseTable(Buffer.from(serializeTable(table)));
  for (const w of ['lawyer', 'headshots', 'investor', 'python', 'the']) {
    assert.ok(table.rowOf(w) >= 0, w);
    assert.equal(again.rowOf(w), table.rowOf(w));
  }
  assert.equal(table.rowOf('qqzzxxnotaword'), -1);
  assert.equal(
    table.ranks[table.rowOf('the')],
    0,
    'ranks are the vocabulary order: "the" is the most frequent',
  );
  assert.throws(() => parseTable(Buffer.from('not a table at all')), /not a word-vector table/);
  const cut = Buffer.from(serializeTable(table)).subarray(0, 100_000);
  assert.throws(() => parseTable(Buffer.from(cut)), /truncated|offset|length/i);
});

void test('tokens drop role words and keep non-English letters', () => {
  assert.deepEqual(words("We're looking for a Lawyer, über-fast!"), ["we're", 'lawyer', 'über', 'fast']);
});

void test('the word view knows synonyms the surface does not share', () => {
  const v = (t: string): Float32Array | null => sentenceVector(table, t);
  assert.ok(
    cos(v('need a good attorney'), v('experienced lawyer')) >
      cos(v('need a good attorney'), v('experienced baker')),
  );
  assert.ok(
    cos(v('professional headshots'), v('portrait photographer')) >
      cos(v('professional headshots'), v('tax accountant')),
  );
  assert.equal(sentenceVector(table, 'the and of'), null, 'no content word: no vector');
  const u = v('lawyer');
  assert.ok(u && Math.abs(cos(u, u) - 1) < 1e-3, 'unit length');
});

void test('features join the encoder and the word view with the documented weight', async () => {
  // A constant encoder isolates the word view: every note gets the same sentence vector.
  const same: Embedder = {
    name: 'const',
    embed: (texts) =>
      Promise.resolve(texts.map(() => Float32Array.from({ length: 512 }, (_, i) => (i % 7) - 3))),
  };
  const withWords = createMatcher({ embedder: same, adapter: null });
  const without = createMatcher({ embedder: same, adapter: null, wordVectors: null });
  assert.ok(withWords.version.endsWith(`/${WORD_VECTORS_NAME}x${WORD_WEIGHT}`), withWords.version);
  assert.ok(!without.version.includes('glove'));
  const [a, b] = (await withWords.featurize(['need a good attorney', 'experienced lawyer'])).map((f) =>
    decode(f),
  );
  const [c, d] = (await without.featurize(['need a good attorney', 'experienced lawyer'])).map((f) =>
    decode(f),
  );
  assert.ok(a && b && c && d);
  const dot = (x: typeof a, y: typeof a): number => {
    let s = 0;
    for (let i = 0; i < (x.embedding?.length ?? 0); i++)
      s += (x.embedding?.[i] ?? 0) * (y.embedding?.[i] ?? 0);
    return s * x.embeddingScale * y.embeddingScale;
  };
  // Without words the two notes look identical; with them the cosine is (1 + w·cos_words) / (1 + w).
  assert.ok(Math.abs(dot(c, d) - 1) < 0.01);
  const expected =
    (1 +
      WORD_WEIGHT *
        cos(sentenceVector(table, 'need a good attorney'), sentenceVector(table, 'experienced lawyer'))) /
    (1 + WORD_WEIGHT);
  assert.ok(Math.abs(dot(a, b) - expected) < 0.01, `${dot(a, b)} vs ${expected}`);
});

void test('the converter streams the package JSON: escapes, split characters, rank and shape filters', () => {
  const vec = (seed: number): number[] => Array.from({ length: 100 }, (_, d) => Math.sin(seed + d));
  const entry = (word: string, rank: number, values = vec(rank)): string =>
    `${JSON.stringify(word)}:[${[...values, 1.5, rank].join(',')}]`;
  const json =
    '{"precision":8,"words":["the","café"],"vectors":{' +
    [
      entry('the', 0),
      entry('café', 7), // a two-byte character, split across 7-byte reads below
      entry('he said \\"hi\\"', 9), // escaped quotes (not a word a note can spell: dropped)
      entry('Capital', 11), // not lower case: dropped
      entry('short', 12, [1, 2, 3]), // wrong length: dropped
      entry('rare', 250_000), // past the vocabulary: dropped
      entry(
        'zero',
        13,
        Array.from({ length: 100 }, () => 0),
      ), // no direction: dropped
      entry("o'neil", 14),
    ].join(',') +
    '},"unkVector":[0,0]}';
  const file = path.join(os.tmpdir(), `tend-wv-${process.pid}.json`);
  fs.writeFileSync(file, json);
  try {
    for (const chunk of [7, 64, 1 << 20]) {
      const t = buildTable(file, chunk);
      assert.equal(t.size, 3, `chunk ${chunk}`);
      assert.ok(t.rowOf('the') >= 0 && t.rowOf('café') >= 0 && t.rowOf("o'neil") >= 0);
      assert.equal(t.ranks[t.rowOf('café')], 7);
      assert.equal(t.rowOf('capital'), -1);
      const v = sentenceVector(t, 'Café');
      const u = Float32Array.from(vec(7));
      const n = Math.hypot(...u);
      assert.ok(
        v &&
          Math.abs(
            cos(
              v,
              u.map((x) => x / n),
            ) - 1,
          ) < 1e-3,
        'the stored vector is the unit vector',
      );
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
});
