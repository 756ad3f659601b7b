/** A need of someone's with the best offers found for it: mine, and one from my network. */
export interface ScoredNeed<N, O> {
  need: N;
  mine?: { offer: O; score: number } | undefined;
  network?: { offer: O; score: number } | undefined;
}

/** A give a match makes possible: help with my own offer, or an introduction to its owner. */
export type MatchedGive<N, O> =
  | { kind: 'offer'; need: N; offer: O; score: number }
  | { kind: 'intro'; need: N; offer: O; viaPersonId: number; score: number };

/**
 * The gives that matches make possible: for each need, my best offer when it reaches the
 * threshold, then an introduction to the owner of the network's best offer when it does. The
 * scores are the matcher's, undiscounted; matches order is kept (callers rank for their view).
 * An offer without an owner cannot be an introduction.
 * @example givesFromMatches([{ need, mine: { offer, score: 0.8 } }], 0.5) → [{ kind: 'offer', need, offer, score: 0.8 }]
 */
export function givesFromMatches<N, O extends { id: number; personId?: number | undefined }>(
  matches: readonly ScoredNeed<N, O>[],
  threshold: number,
): MatchedGive<N, O>[] {
  const gives: MatchedGive<N, O>[] = [];
  for (const m of matches) {
    if (m.mine && m.mine.score >= threshold)
      gives.push({ kind: 'offer', need: m.need, offer: m.mine.offer, score: m.mine.score });
    const owner = m.network?.offer.personId;
    if (m.network && owner !== undefined && m.network.score >= threshold)
      gives.push({
        kind: 'intro',
        need: m.need,
        offer: m.network.offer,
        viaPersonId: owner,
        score: m.network.score,
      });
  }
  return gives;
}
