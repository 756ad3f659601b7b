/**
 * Calibration and method comparison on the development set (not part of the product).
 * node --import tsx bench/matching/tune.ts [--modelless]
 */
import { createMatcher, rankAll } from '../../src/matching/index.js';
import { bm25Rank } from '../../src/matching/bm25.js';
import { half, loadDevSet, metrics } from './dev-set.js';

const dev = loadDevSet();
const fmt = (m: Record<string, number>): string =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join('  ');
const report = (name: string, run: { need: string; offers: { id: string }[] }[]): void => {
  console.log(
    name.padEnd(24),
    'ALL',
    fmt({ ...metrics(dev.qrels, run) }),
    '| A',
    metrics(dev.qrels, run, (n) => half(n) === 'A')['nDCG@10'].toFixed(3),
    '| B',
    metrics(dev.qrels, run, (n) => half(n) === 'B')['nDCG@10'].toFixed(3),
  );
};
report('bm25', bm25Rank(dev.needs, dev.offers, 10));
const modelless = process.argv.includes('--modelless');
const m = createMatcher({ modelless });
report(modelless ? 'concept+lexical' : 'hybrid', await rankAll(m, dev.needs, dev.offers, 10));
