/**
 * Possible matches: below the threshold, the best one or two candidates above a floor that still
 * means something (on the development set, under 0.2 reliably means "no real help"; decision
 * 0002). One function, so the matcher's own calibration of it can take its place.
 */
import type { Scored } from './engine/matcher.js';

/** Under this score a candidate is not even possible. */
export const POSSIBLE_FLOOR = 0.2;
/** At most this many possible matches are offered below the threshold. */
export const POSSIBLE_MAX = 2;

/** A ranking split the way the display shows it. */
export interface MatchResult {
  /** Candidates at or above the threshold, best first: shown as matches. */
  matches: Scored[];
  /** The best one or two candidates below the threshold and at or above POSSIBLE_FLOOR: shown as possible, marked so. */
  possible: Scored[];
}

/** Splits a ranking (best first, as `search` returns it) into matches and possible matches. */
export function splitMatches(ranked: readonly Scored[], threshold: number): MatchResult {
  const matches = ranked.filter((r) => r.score >= threshold);
  const possible = ranked
    .filter((r) => r.score < threshold && r.score >= POSSIBLE_FLOOR)
    .slice(0, POSSIBLE_MAX);
  return { matches, possible };
}
