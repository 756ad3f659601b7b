import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { createMatcher, WORD_WEIGHT, type Embedder } from '../../src/matching/index.js';
import { decode } from '../../src/matching/features.js';
import {
  loadWordTable,
  parseTable,
  sentenceVector,
  serializeTable,
  tableCachePath,
  WORD_VECTORS_NAME,
  words,
} from '../../src/matching/word-vectors.js';

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
