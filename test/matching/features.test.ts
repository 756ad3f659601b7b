import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decode, encode, FeaturesError, FORMAT } from '../../src/matching/engine/features.js';

test('features keep every side and language bit, the highest included, through encode and decode', () => {
  const stance = (1 << 22) | (1 << 15) | 1;
  const languages = (2 ** 31 + 2 ** 8 + 1) >>> 0;
  const bytes = encode({
    stems: [3, 1, 2, 2],
    concepts: [{ concept: 7, weight: 1 }],
    places: [4],
    stance,
    audience: 0b10001,
    languages,
    senses: [{ entry: 5, senses: 3 }],
    embedding: null,
  });
  assert.equal(bytes[0], FORMAT);
  const d = decode(bytes);
  assert.equal(d.stance, stance);
  assert.equal(d.languages >>> 0, languages);
  assert.equal(d.audience, 0b10001);
  assert.deepEqual([...d.stems], [1, 2, 3]);
  assert.deepEqual(d.senses, [{ entry: 5, senses: 3 }]);
});

test('features of the previous format, or cut short, are refused rather than misread', () => {
  const bytes = encode({ stems: [1], concepts: [], places: [], embedding: null });
  const old = Uint8Array.from(bytes);
  old[0] = FORMAT - 1;
  assert.throws(() => decode(old), FeaturesError);
  assert.throws(() => decode(bytes.subarray(0, bytes.length - 3)), FeaturesError);
});
