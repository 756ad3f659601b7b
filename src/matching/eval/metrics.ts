/**
 * Ranking and calibration metrics of the matcher's evaluation, with the definitions of the
 * development set's `evaluate.mjs` (means over every need of the qrels; a need without a ranking
 * scores 0; an offer repeated in a ranking counts once, at its first position).
 */

/** need → offer → grade (1 plausibly helpful, 2 meets the need; absent = not relevant). */
export type Qrels = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface Ranked {
  need: string;
  offers: readonly { id: string; score: number }[];
}

export interface Metrics {
  'recall@5': number;
  'recall@10': number;
  'nDCG@10': number;
  'MRR@10': number;
  /** How many needs the means are over. */
  needs: number;
}

export function metrics(qrels: Qrels, run: readonly Ranked[], only?: (needId: string) => boolean): Metrics {
  const byNeed = new Map(run.map((r) => [r.need, r.offers.map((o) => o.id)]));
  const acc = { r5: 0, r10: 0, ndcg: 0, mrr: 0, n: 0 };
  for (const [need, rel] of qrels) {
    if (only && !only(need)) continue;
    const ranked = [...new Set(byNeed.get(need) ?? [])];
    const relevant = [...rel.values()].filter((g) => g >= 1);
    acc.n++;
    if (relevant.length === 0) continue;
    const hits = (k: number): number => ranked.slice(0, k).filter((id) => (rel.get(id) ?? 0) >= 1).length;
    acc.r5 += hits(5) / relevant.length;
    acc.r10 += hits(10) / relevant.length;
    let dcg = 0;
    ranked.slice(0, 10).forEach((id, i) => (dcg += (rel.get(id) ?? 0) / Math.log2(i + 2)));
    const ideal = relevant
      .sort((a, b) => b - a)
      .slice(0, 10)
      .reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
    acc.ndcg += ideal > 0 ? dcg / ideal : 0;
    const first = ranked.slice(0, 10).findIndex((id) => (rel.get(id) ?? 0) >= 1);
    acc.mrr += first >= 0 ? 1 / (first + 1) : 0;
  }
  const d = Math.max(1, acc.n);
  return {
    'recall@5': acc.r5 / d,
    'recall@10': acc.r10 / d,
    'nDCG@10': acc.ndcg / d,
    'MRR@10': acc.mrr / d,
    needs: acc.n,
  };
}

/** What a user sees at the threshold. */
export interface Calibration {
  threshold: number;
  /** Share of relevant (grade ≥ 1) pairs scoring at or above the threshold. */
  relevantShown: number;
  /** Share of unrelated pairs scoring at or above the threshold. */
  unrelatedShown: number;
  /** Share of needs whose best offer is at or above the threshold and relevant. */
  topRight: number;
  /** Share of needs whose best offer is at or above the threshold and not relevant. */
  topWrong: number;
  /** Share of all pairs tied at the lowest score of the run (order lost). */
  tiedAtFloor: number;
  needs: number;
}

/**
 * Calibration of a full score matrix: `scores[i][j]` is need i's score for offer j.
 * `only` restricts the needs counted (a fold).
 */
export function calibration(
  qrels: Qrels,
  needIds: readonly string[],
  offerIds: readonly string[],
  scores: readonly Float64Array[],
  threshold: number,
  only?: (needId: string) => boolean,
): Calibration {
  let rel = 0;
  let relShown = 0;
  let unrel = 0;
  let unrelShown = 0;
  let right = 0;
  let wrong = 0;
  let needs = 0;
  let min = Infinity;
  let pairs = 0;
  let atMin = 0;
  needIds.forEach((need, i) => {
    if (only && !only(need)) return;
    const row = scores[i];
    if (!row) return;
    const grades = qrels.get(need);
    needs++;
    let best = -1;
    for (let j = 0; j < offerIds.length; j++) {
      const s = row[j] ?? 0;
      const g = grades?.get(offerIds[j] ?? '') ?? 0;
      if (g >= 1) {
        rel++;
        if (s >= threshold) relShown++;
      } else {
        unrel++;
        if (s >= threshold) unrelShown++;
      }
      if (
        best < 0 ||
        s > (row[best] ?? 0) ||
        (s === row[best] && (offerIds[j] ?? '') < (offerIds[best] ?? ''))
      )
        best = j;
      pairs++;
      if (s < min) {
        min = s;
        atMin = 1;
      } else if (s === min) atMin++;
    }
    if (best >= 0 && (row[best] ?? 0) >= threshold) {
      if ((grades?.get(offerIds[best] ?? '') ?? 0) >= 1) right++;
      else wrong++;
    }
  });
  const share = (a: number, b: number): number => (b > 0 ? a / b : 0);
  return {
    threshold,
    relevantShown: share(relShown, rel),
    unrelatedShown: share(unrelShown, unrel),
    topRight: share(right, needs),
    topWrong: share(wrong, needs),
    tiedAtFloor: share(atMin, pairs),
    needs,
  };
}

/** The top k of a score row, best first, ties by id (as the index ranks). */
export function topK(
  offerIds: readonly string[],
  row: Float64Array,
  k: number,
): { id: string; score: number }[] {
  return offerIds
    .map((id, j) => ({ id, score: row[j] ?? 0 }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, k);
}
