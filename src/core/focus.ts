import type { Settings } from './settings.js';

export interface FocusMember {
  personId: number;
  name: string;
  fit: number;
}

export type FocusDecision =
  | { verdict: 'allow'; size: number; cap: number }
  | { verdict: 'refuse'; size: number; cap: number; candidates: FocusMember[] };

/**
 * The focus list has a hard cap: adding `adding` people to a list of `members` beyond the cap is
 * refused, naming the weakest-fit members as candidates to move out (a forced trade).
 * @example judgeFocusAdd(twentyMembers, 1, { focusCap: 20 }).verdict === 'refuse'
 */
export function judgeFocusAdd(
  members: readonly FocusMember[],
  adding: number,
  s: Pick<Settings, 'focusCap'>,
  candidateCount = 3,
): FocusDecision {
  const size = members.length;
  if (size + adding <= s.focusCap) return { verdict: 'allow', size, cap: s.focusCap };
  const candidates = [...members]
    .sort((a, b) => a.fit - b.fit || a.name.localeCompare(b.name))
    .slice(0, candidateCount);
  return { verdict: 'refuse', size, cap: s.focusCap, candidates };
}
