/** A need of someone's with the best offers found for it: mine, and one from my network. */
export interface ScoredNeed<N, O> {
  need: N;
  mine?: { offer: O; score: number; confirmed?: boolean | undefined } | undefined;
  network?: { offer: O; score: number; confirmed?: boolean | undefined } | undefined;
}

/** A give a match makes possible: help with my own offer, or an introduction to its owner. */
export type MatchedGive<N, O> = (
  | { kind: 'offer'; need: N; offer: O; score: number }
  | { kind: 'intro'; need: N; offer: O; viaPersonId: number; score: number }
) & {
  /** The user confirmed the pair ("would help"): kept whatever its score. */
  confirmed?: true;
  /** Under the threshold but one of the best candidates: shown as possible, marked so. */
  possible?: true;
};

/**
 * The gives that matches make possible: for each need, my best offer when it reaches the
 * threshold (or the user confirmed it), then an introduction to the owner of the network's best
 * offer when it does. The scores are the matcher's, undiscounted; matches order is kept (callers
 * rank for their view). An offer without an owner cannot be an introduction.
 * @example givesFromMatches([{ need, mine: { offer, score: 0.8 } }], 0.5) → [{ kind: 'offer', need, offer, score: 0.8 }]
 */
export function givesFromMatches<N, O extends { id: number; personId?: number | undefined }>(
  matches: readonly ScoredNeed<N, O>[],
  threshold: number,
): MatchedGive<N, O>[] {
  return candidateGives(matches).filter((g) => g.score >= threshold || g.confirmed);
}

/**
 * Possible gives: when no need reaches the threshold, the best candidates under it that still
 * mean something, each marked `possible`. `split` decides which (the matcher's splitMatches:
 * a floor and a count), so its rule has one home.
 */
export function possibleGives<N, O extends { id: number; personId?: number | undefined }>(
  matches: readonly ScoredNeed<N, O>[],
  threshold: number,
  split: (ranked: { id: string; score: number }[], threshold: number) => { possible: { id: string }[] },
): MatchedGive<N, O>[] {
  const all = candidateGives(matches);
  if (all.some((g) => g.score >= threshold || g.confirmed)) return [];
  const ranked = all.map((g, i) => ({ id: String(i), score: g.score })).sort((a, b) => b.score - a.score);
  return split(ranked, threshold).possible.flatMap((p) => {
    const g = all[Number(p.id)];
    return g ? [{ ...g, possible: true as const }] : [];
  });
}

function candidateGives<N, O extends { id: number; personId?: number | undefined }>(
  matches: readonly ScoredNeed<N, O>[],
): MatchedGive<N, O>[] {
  const gives: MatchedGive<N, O>[] = [];
  for (const m of matches) {
    if (m.mine)
      gives.push({
        kind: 'offer',
        need: m.need,
        offer: m.mine.offer,
        score: m.mine.score,
        ...(m.mine.confirmed ? { confirmed: true as const } : {}),
      });
    const owner = m.network?.offer.personId;
    if (m.network && owner !== undefined)
      gives.push({
        kind: 'intro',
        need: m.need,
        offer: m.network.offer,
        viaPersonId: owner,
        score: m.network.score,
        ...(m.network.confirmed ? { confirmed: true as const } : {}),
      });
  }
  return gives;
}
