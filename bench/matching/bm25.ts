/** The README's BM25 baseline lives with the matcher's evaluation (`tend match-eval --qrels`). */
export { bm25Rank } from '../../src/matching/index.js';
