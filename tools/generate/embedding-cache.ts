/**
 * Sentence-encoder embeddings cached across runs in /tmp (the model costs ~11 ms a text), keyed
 * by the exact text the encoder sees; used by the generators and the matcher's laboratory.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { useLiteEmbedder, type Embedder } from '../../src/matching/engine/sentence-encoder.js';

const CACHE = '/tmp/tend-use-cache.json';

/** Embeddings cached across tuning runs (the model costs ~5 s on the dev set). */
export function cachedEmbedder(): Embedder {
  const inner = useLiteEmbedder();
  const cache = existsSync(CACHE)
    ? (JSON.parse(readFileSync(CACHE, 'utf8')) as Record<string, number[]>)
    : {};
  return {
    name: inner.name,
    async embed(texts) {
      const missing = texts.filter((t) => !(t in cache));
      if (missing.length) {
        const got = await inner.embed(missing);
        missing.forEach((t, i) => (cache[t] = Array.from(got[i] ?? [])));
        writeFileSync(CACHE, JSON.stringify(cache));
      }
      return texts.map((t) => Float32Array.from(cache[t] ?? []));
    },
  };
}
