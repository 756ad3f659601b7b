/**
 * Build step (scripts/build.mjs runs dist/prepare-matcher.mjs): turns the word-vector package's
 * JSON into the compact table the matcher reads, once per install, so no command pays for it.
 */
import { performance } from 'node:perf_hooks';
import { ensureTableCache, tableCachePath } from './engine/word-vectors.js';
import fs from 'node:fs';

const fresh = !fs.existsSync(tableCachePath());
const t = performance.now();
const file = ensureTableCache();
if (fresh)
  console.log(`matcher: word vectors prepared in ${((performance.now() - t) / 1000).toFixed(1)} s → ${file}`);
