/**
 * Fits the shipped weights and calibration on the development set with the evaluation's own rules
 * (src/matching/eval/tuning.ts): the grid point best on recall@5 + nDCG@10, then the calibration.
 * node --import tsx tools/matcher-lab/fit.ts   (prints; writes nothing)
 */
import { createMatcher } from '../../src/matching/index.js';
import { scoringOf } from '../../src/matching/engine/matcher.js';
import { decode } from '../../src/matching/engine/features.js';
import { rawScore, scoreParts } from '../../src/matching/engine/score.js';
import { fitCalibration, tuningGrid } from '../../src/matching/eval/tuning.js';
import { metrics, topK } from '../../src/matching/eval/metrics.js';
import { cachedEmbedder } from '../generate/embedding-cache.js';
import { loadDevSet } from '../../bench/matching/dev-set.js';

const dev = loadDevSet();
const m = createMatcher({ embedder: cachedEmbedder() });
const { tables, params } = scoringOf(m);
const nf = (await m.featurize(dev.needs.map((n) => n.text))).map(decode);
const of = (await m.featurize(dev.offers.map((o) => o.text))).map(decode);
const parts = nf.map((n) => of.map((o) => scoreParts(tables, n, o)));
const offerIds = dev.offers.map((o) => o.id);
for (const g of tuningGrid(params)) {
  const raws = parts.map((row) => Float64Array.from(row, (p) => rawScore(p, g.params)));
  const run = raws.map((row, i) => ({ need: dev.needs[i]?.id ?? '', offers: topK(offerIds, row, 10) }));
  const x = metrics(dev.qrels, run);
  const rel: number[] = [];
  const unrel: number[] = [];
  raws.forEach((row, i) => {
    const grades = dev.qrels.get(dev.needs[i]?.id ?? '');
    if (!grades) return;
    row.forEach((r, j) => ((grades.get(offerIds[j] ?? '') ?? 0) >= 1 ? rel : unrel).push(r));
  });
  const cal = fitCalibration(rel, unrel);
  const shown = rel.filter((r) => r >= cal.mid).length / rel.length;
  console.log(
    `${g.name.padEnd(24)} r5 ${x['recall@5'].toFixed(3)} nDCG ${x['nDCG@10'].toFixed(3)}  mid ${cal.mid.toFixed(4)} slope ${cal.slope.toFixed(2)}  relevant ≥ mid ${(100 * shown).toFixed(1)}%`,
  );
}
