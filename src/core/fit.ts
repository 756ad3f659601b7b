import type { Settings } from './settings.js';

/** Best matcher scores around one person, each in [0,1]. */
export interface FitScores {
  /** Per open need of theirs: the best score of one of my offers. */
  mine: readonly number[];
  /** Per open need of theirs: the best score of an offer by someone in my network (not them). */
  network: readonly number[];
  /** Per open need or goal of mine: the best score of one of their offers. */
  theirs: readonly number[];
}

export interface Fit {
  helpOut: number;
  helpIn: number;
  fit: number;
  /** I cannot help them but want their help: find people who benefit from what I know. */
  reach: boolean;
  /** No open needs known: the next action is to ask what could help them. */
  needsUnknown: boolean;
}

const max = (xs: readonly number[]): number => xs.reduce((m, x) => (x > m ? x : m), 0);

/**
 * Mutual-benefit fit: help_out = how well my offers (and, discounted, my network's) meet their
 * open needs; help_in = how well their offers meet my open needs and goals; fit = √(out · in).
 * Reach needs known needs: with none known we cannot say that I cannot help.
 * Titles, company size and follower counts never enter.
 */
export function fitOf(
  scores: FitScores,
  s: Pick<Settings, 'networkDiscount' | 'reachHelpIn' | 'reachHelpOut'>,
): Fit {
  const out = scores.mine.map((m, i) => Math.max(m, s.networkDiscount * (scores.network[i] ?? 0)));
  const helpOut = clamp01(max(out));
  const helpIn = clamp01(max(scores.theirs));
  const needsUnknown = scores.mine.length === 0;
  return {
    helpOut,
    helpIn,
    fit: Math.sqrt(helpOut * helpIn),
    reach: !needsUnknown && helpIn >= s.reachHelpIn && helpOut < s.reachHelpOut,
    needsUnknown,
  };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
