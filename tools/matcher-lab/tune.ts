/**
 * Calibration and method comparison on the development set (not part of the product).
 * node --import tsx tools/matcher-lab/tune.ts
 * Tunes on half A of the needs, reports A, B (held out) and all.
 */
import { createMatcher } from '../../src/matching/index.js';
import type { ModelInput } from '../../src/matching/engine/encoder-input.js';
import { bm25Rank } from '../../bench/matching/bm25.js';
import { decode } from '../../src/matching/engine/features.js';
import {
  combine,
  rawScore,
  scoreParts,
  type ScoreParams,
  type ScoreParts,
  type Tables,
} from '../../src/matching/engine/score.js';
import { WITH_MODEL } from '../../src/matching/engine/score-params.js';
import { cachedEmbedder } from '../generate/embedding-cache.js';
import { half, loadDevSet, metrics } from '../../bench/matching/dev-set.js';

const dev = loadDevSet();
type Run = { need: string; offers: { id: string; score: number }[] }[];
const fmt = (m: Record<string, number>): string =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join('  ');
const line = (name: string, run: Run): string => {
  const a = metrics(dev.qrels, run, (n) => half(n) === 'A');
  const b = metrics(dev.qrels, run, (n) => half(n) === 'B');
  return `${name.padEnd(26)} ALL ${fmt({ ...metrics(dev.qrels, run) })} | A r5 ${a['recall@5'].toFixed(3)} nDCG ${a['nDCG@10'].toFixed(3)} | B r5 ${b['recall@5'].toFixed(3)} nDCG ${b['nDCG@10'].toFixed(3)}`;
};

const modelInput = (process.argv.find((a) => a.startsWith('--input='))?.slice(8) ??
  'gloss-abbr') as ModelInput;
const m = createMatcher({ embedder: cachedEmbedder(), modelInput }) as unknown as {
  tables: Tables;
} & ReturnType<typeof createMatcher>;
const nf = (await m.featurize(dev.needs.map((n) => n.text))).map(decode);
const of = (await m.featurize(dev.offers.map((o) => o.text))).map(decode);
const parts: ScoreParts[][] = nf.map((n) => of.map((o) => scoreParts(m.tables, n, o)));

function rankBy(f: (p: ScoreParts) => number): Run {
  return dev.needs.map((n, i) => ({
    need: n.id,
    offers: dev.offers
      .map((o, j) => ({ id: o.id, score: f(parts[i]?.[j] as ScoreParts) }))
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
      .slice(0, 10),
  }));
}

console.log(line('bm25', bm25Rank(dev.needs, dev.offers, 10)));
console.log(
  line(
    'model alone',
    rankBy((p) => p.model),
  ),
);
console.log(
  line(
    'concept alone',
    rankBy((p) => p.concept + 1e-3 * p.lexical),
  ),
);
console.log(
  line(
    'lexical alone',
    rankBy((p) => p.lexical),
  ),
);
console.log(
  line(
    'concept+lexical',
    rankBy((p) => 0.75 * p.concept + 0.25 * p.lexical),
  ),
);
console.log(
  line(
    'current params',
    rankBy((p) => combine(p, WITH_MODEL)),
  ),
);

if (process.argv.includes('--grid')) {
  const results: { w: ScoreParams; a: number; b: number }[] = [];
  for (const model of [0.4, 0.5, 0.6, 0.7, 0.8])
    for (const lexical of [0, 0.05, 0.1, 0.2])
      for (const modelFloor of [0, 0.1, 0.2, 0.3])
        for (const conflict of [0.5, 0.7, 0.85, 1]) {
          const w: ScoreParams = {
            ...WITH_MODEL,
            model,
            concept: 1 - model - lexical,
            lexical,
            modelFloor,
            conflict,
          };
          if (w.concept < 0) continue;
          const run = rankBy((p) => combine(p, w));
          const a = metrics(dev.qrels, run, (n) => half(n) === 'A');
          const b = metrics(dev.qrels, run, (n) => half(n) === 'B');
          results.push({ w, a: a['nDCG@10'] + a['recall@5'], b: b['nDCG@10'] + b['recall@5'] });
        }
  results.sort((x, y) => y.a - x.a);
  for (const r of results.slice(0, 10))
    console.log(JSON.stringify(r.w), 'A', r.a.toFixed(3), 'B', r.b.toFixed(3));
}

if (process.argv.includes('--stats')) {
  const withC = (xs: { concepts: Uint16Array }[]): number =>
    xs.filter((x) => x.concepts.length > 0).length / xs.length;
  console.log('needs with concepts', withC(nf).toFixed(2), 'offers with concepts', withC(of).toFixed(2));
  let relPos = 0,
    relN = 0,
    relConf = 0,
    relPlace = 0,
    irrPos = 0,
    irrN = 0,
    irrConf = 0,
    irrPlace = 0;
  dev.needs.forEach((n, i) => {
    const rel = dev.qrels.get(n.id) ?? new Map<string, number>();
    dev.offers.forEach((o, j) => {
      const p = parts[i]?.[j] as ScoreParts;
      if ((rel.get(o.id) ?? 0) >= 1) {
        relN++;
        if (p.concept > 0) relPos++;
        if (p.conflict) relConf++;
        if (p.place < 1) relPlace++;
      } else {
        irrN++;
        if (p.concept > 0) irrPos++;
        if (p.conflict) irrConf++;
        if (p.place < 1) irrPlace++;
      }
    });
  });
  console.log(
    'relevant pairs: concept>0',
    (relPos / relN).toFixed(2),
    'conflict',
    (relConf / relN).toFixed(2),
    'placePenalty',
    (relPlace / relN).toFixed(2),
  );
  console.log(
    'irrelevant pairs: concept>0',
    (irrPos / irrN).toFixed(3),
    'conflict',
    (irrConf / irrN).toFixed(2),
    'placePenalty',
    (irrPlace / irrN).toFixed(2),
  );
}

if (process.argv.includes('--more')) {
  console.log(
    line(
      'model × place',
      rankBy((p) => p.model * p.place),
    ),
  );
  console.log(
    line(
      'model×place, conflict .85',
      rankBy((p) => p.model * p.place * (p.conflict ? 0.85 : 1)),
    ),
  );
  for (const wc of [0.02, 0.05, 0.1])
    for (const wl of [0, 0.05, 0.1])
      console.log(
        line(
          `m+${wc}c+${wl}l (×place)`,
          rankBy((p) => (p.model + wc * p.concept + wl * p.lexical) * p.place),
        ),
      );
  console.log(
    line(
      `m+.05c+.05l no place`,
      rankBy((p) => p.model + 0.05 * p.concept + 0.05 * p.lexical),
    ),
  );
  // Centering experiment: subtract the mean embedding of all dev texts (upper bound of the idea).
  const all = [...nf, ...of].filter((d) => d.embedding);
  const mean = new Float64Array(512);
  for (const d of all)
    for (let i = 0; i < 512; i++)
      mean[i] = (mean[i] ?? 0) + ((d.embedding?.[i] ?? 0) * d.embeddingScale) / all.length;
  const center = (d: (typeof nf)[number]): Float64Array => {
    const v = new Float64Array(512);
    let n = 0;
    for (let i = 0; i < 512; i++) {
      v[i] = (d.embedding?.[i] ?? 0) * d.embeddingScale - (mean[i] ?? 0);
      n += (v[i] ?? 0) ** 2;
    }
    return v.map((x) => x / Math.sqrt(n));
  };
  const cn = nf.map(center);
  const co = of.map(center);
  const cc = cn.map((a) => co.map((b) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0)));
  const rankIdx = (f: (i: number, j: number) => number): Run =>
    dev.needs.map((n, i) => ({
      need: n.id,
      offers: dev.offers
        .map((o, j) => ({ id: o.id, score: f(i, j) }))
        .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
        .slice(0, 10),
    }));
  console.log(
    line(
      'centered model',
      rankIdx((i, j) => cc[i]?.[j] ?? 0),
    ),
  );
  console.log(
    line(
      'centered ×place',
      rankIdx((i, j) => (cc[i]?.[j] ?? 0) * (parts[i]?.[j]?.place ?? 1)),
    ),
  );
}

if (process.argv.includes('--calibrate')) {
  // Raw scores of half A's pairs: 0.5 goes where F1 of "shown as a match" peaks, 0.2 where
  // only one unrelated pair in fifty is above (so "< 0.2" reliably means no real help).
  const rel: number[] = [];
  const irr: number[] = [];
  dev.needs.forEach((n, i) => {
    if (half(n.id) !== 'A') return;
    const q = dev.qrels.get(n.id) ?? new Map<string, number>();
    dev.offers.forEach((o, j) => {
      const r = rawScore(parts[i]?.[j] as ScoreParts, WITH_MODEL);
      ((q.get(o.id) ?? 0) >= 1 ? rel : irr).push(r);
    });
  });
  rel.sort((a, b) => a - b);
  let best = { f1: 0, t: 0, p: 0, r: 0 };
  for (let t = 0; t <= 1; t += 0.005) {
    const tp = rel.filter((x) => x >= t).length;
    const fp = irr.filter((x) => x >= t).length;
    const p = tp / Math.max(1, tp + fp);
    const r = tp / rel.length;
    const f1 = (2 * p * r) / Math.max(1e-9, p + r);
    if (f1 > best.f1) best = { f1, t, p, r };
  }
  irr.sort((a, b) => a - b);
  const q98 = irr[Math.floor(irr.length * 0.98)] ?? 0;
  const slope = Math.log(0.8 / 0.2) / Math.max(1e-6, best.t - q98);
  console.log(
    'F1-optimal raw',
    JSON.stringify(best),
    'raw at 98th pct of irrelevant',
    q98.toFixed(3),
    'slope',
    slope.toFixed(2),
  );
  const cal = { ...WITH_MODEL, mid: best.t, slope };
  const share = (xs: number[], lo: number): number =>
    xs.filter((x) => 1 / (1 + Math.exp(-cal.slope * (x - cal.mid))) >= lo).length / xs.length;
  console.log(
    'half A: relevant ≥0.5',
    share(rel, 0.5).toFixed(2),
    '≥0.2',
    share(rel, 0.2).toFixed(2),
    '| irrelevant ≥0.5',
    share(irr, 0.5).toFixed(4),
    '≥0.2',
    share(irr, 0.2).toFixed(3),
  );
}
