/**
 * The matcher's evaluation on a judged set (`tend match-eval --qrels`): in one run, the product
 * matcher's ranking figures, the same with cross-validation that leaves whole domains of help out,
 * the BM25 and plain-encoder baselines, and what a user sees at the threshold.
 *
 * Domain-left-out cross-validation: needs are grouped by the domain of help they ask for (the
 * taxonomy's domain of the need's own strongest concept; a need the concept layer reads nothing in
 * falls back to the domain of its judged offers, else "other"). For each domain, the score's free
 * weights are chosen from a small grid and the calibration is fitted on the OTHER domains' needs
 * only, then the domain's needs are ranked and counted. Everything else of the matcher (taxonomy,
 * adapter, hubness reference) is fixed knowledge, the same in every fold.
 */
import { decode, type Decoded } from '../engine/features.js';
import {
  combine,
  rawScore,
  scoreParts,
  type ScoreParams,
  type ScoreParts,
  type Tables,
} from '../engine/score.js';
import {
  createMatcher,
  embeddingVectors,
  featurizeAll,
  scoringOf,
  type Features,
  type Matcher,
  type MatchText,
} from '../engine/matcher.js';
import { bm25Rank } from './bm25.js';
import {
  calibration,
  metrics,
  topK,
  type Calibration,
  type Metrics,
  type Qrels,
  type Ranked,
} from './metrics.js';
import { fitCalibration, tuningGrid } from './tuning.js';

export interface DomainFold {
  domain: string;
  needs: number;
  /** The grid point chosen on the other domains. */
  chosen: string;
  metrics: Metrics;
}

export interface EvalReport {
  needs: number;
  offers: number;
  threshold: number;
  /** The product matcher as shipped, every need. */
  matcher: Metrics;
  calibration: Calibration;
  /** Each domain scored with weights and calibration chosen without it. */
  domainCv: { metrics: Metrics; calibration: Calibration; folds: DomainFold[] };
  bm25: Metrics;
  /** The sentence encoder alone on the raw notes (null without a model). */
  useLite: Metrics | null;
}

export interface EvalOptions {
  threshold: number;
  /** Skip the plain-encoder baseline (it loads a second copy of the encoder). */
  baselines?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** The needs' then the offers' features, when the caller has them already (not encoded again). */
  features?: readonly Features[];
}

export async function evaluateMatching(
  m: Matcher,
  needs: readonly MatchText[],
  offers: readonly MatchText[],
  qrels: Qrels,
  opts: EvalOptions,
): Promise<EvalReport> {
  const { tables, params } = scoringOf(m);
  const texts = [...needs, ...offers].map((t) => t.text);
  const features = opts.features ?? (await featurizeAll(m, texts, opts.onProgress));
  const decoded = features.map(decode);
  const nd = decoded.slice(0, needs.length);
  const od = decoded.slice(needs.length);
  const parts: ScoreParts[][] = nd.map((n) => od.map((o) => scoreParts(tables, n, o)));
  const needIds = needs.map((n) => n.id);
  const offerIds = offers.map((o) => o.id);
  const matrix = (f: (p: ScoreParts) => number): Float64Array[] =>
    parts.map((row) => Float64Array.from(row, f));
  const runOf = (rows: readonly Float64Array[]): Ranked[] =>
    rows.map((row, i) => ({ need: needIds[i] ?? '', offers: topK(offerIds, row, 10) }));

  const shipped = matrix((p) => combine(p, params));
  const domains = needDomains(tables, needIds, nd, offerIds, od, qrels);
  const cv = domainCv(qrels, needIds, offerIds, parts, params, domains, opts.threshold);

  let useLite: Metrics | null = null;
  if (opts.baselines !== false && params.model > 0) {
    const plain = createMatcher({ modelInput: 'raw', adapter: null, wordVectors: null, hubReference: null });
    const vs = await embeddingVectors(plain, texts);
    if (vs) {
      const nv = vs.slice(0, needs.length);
      const ov = vs.slice(needs.length);
      useLite = metrics(qrels, runOf(nv.map((a) => Float64Array.from(ov, (b) => dot(a, b)))));
    }
  }
  return {
    needs: needs.length,
    offers: offers.length,
    threshold: opts.threshold,
    matcher: metrics(qrels, runOf(shipped)),
    calibration: calibration(qrels, needIds, offerIds, shipped, opts.threshold),
    domainCv: cv,
    bm25: metrics(qrels, bm25Rank(needs, offers, 10)),
    useLite,
  };
}

function dot(a: Float32Array | null, b: Float32Array | null): number {
  if (!a || !b) return 0;
  let s = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

/** The domain of help each need asks for (see the file's comment). */
function needDomains(
  t: Tables,
  needIds: readonly string[],
  needs: readonly Decoded[],
  offerIds: readonly string[],
  offers: readonly Decoded[],
  qrels: Qrels,
): string[] {
  const name = (c: number): string => t.concepts.ids[t.concepts.domainOf[c] ?? c] ?? 'other';
  const strongest = (d: Decoded): number | undefined => {
    let best: number | undefined;
    let w = 0;
    d.concepts.forEach((c, i) => {
      if ((d.conceptWeights[i] ?? 0) > w) [best, w] = [c, d.conceptWeights[i] ?? 0];
    });
    return best;
  };
  const offerAt = new Map(offerIds.map((id, j) => [id, j]));
  return needIds.map((id, i) => {
    const own = strongest(needs[i] as Decoded);
    if (own !== undefined) return name(own);
    const votes = new Map<string, number>();
    for (const [o, g] of qrels.get(id) ?? []) {
      const c = g >= 1 ? strongest(offers[offerAt.get(o) ?? -1] ?? (needs[i] as Decoded)) : undefined;
      if (c !== undefined) votes.set(name(c), (votes.get(name(c)) ?? 0) + g);
    }
    return [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'other';
  });
}

function domainCv(
  qrels: Qrels,
  needIds: readonly string[],
  offerIds: readonly string[],
  parts: readonly ScoreParts[][],
  base: ScoreParams,
  domains: readonly string[],
  threshold: number,
): EvalReport['domainCv'] {
  const grid = tuningGrid(base);
  const raws = grid.map((g) => parts.map((row) => Float64Array.from(row, (p) => rawScore(p, g.params))));
  const runs = raws.map((rows) =>
    rows.map((row, i) => ({ need: needIds[i] ?? '', offers: topK(offerIds, row, 10) })),
  );
  const judged = (i: number): boolean => qrels.has(needIds[i] ?? '');
  const names = [...new Set(domains.filter((_, i) => judged(i)))].sort();
  const final: Float64Array[] = needIds.map(() => new Float64Array(offerIds.length));
  const finalRun: Ranked[] = [];
  const folds: DomainFold[] = [];
  for (const domain of names) {
    const held = new Set(needIds.filter((_, i) => domains[i] === domain));
    const train = (id: string): boolean => !held.has(id);
    let best = 0;
    let bestValue = -1;
    runs.forEach((run, g) => {
      const x = metrics(qrels, run, train);
      const v = x['recall@5'] + x['nDCG@10'];
      if (v > bestValue + 1e-9) [best, bestValue] = [g, v];
    });
    const chosen = grid[best] as (typeof grid)[number];
    const rows = raws[best] as Float64Array[];
    const rel: number[] = [];
    const unrel: number[] = [];
    needIds.forEach((id, i) => {
      if (!train(id) || !qrels.has(id)) return;
      const grades = qrels.get(id);
      rows[i]?.forEach((r, j) => ((grades?.get(offerIds[j] ?? '') ?? 0) >= 1 ? rel : unrel).push(r));
    });
    const fitted = { ...chosen.params, ...fitCalibration(rel, unrel) };
    needIds.forEach((id, i) => {
      if (!held.has(id)) return;
      const row = Float64Array.from(parts[i] ?? [], (p) => combine(p, fitted));
      final[i] = row;
      finalRun.push({ need: id, offers: topK(offerIds, row, 10) });
    });
    folds.push({
      domain,
      needs: held.size,
      chosen: chosen.name,
      metrics: metrics(qrels, finalRun, (id) => held.has(id)),
    });
  }
  const inFold = new Set(finalRun.map((r) => r.need));
  return {
    metrics: metrics(qrels, finalRun),
    calibration: calibration(qrels, needIds, offerIds, final, threshold, (id) => inFold.has(id)),
    folds,
  };
}
