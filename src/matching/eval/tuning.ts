/**
 * The matcher's free choices, as the evaluation's cross-validation refits them on each fold and
 * as the shipped weights were chosen (docs/decisions/0002-matcher.md): a small grid of weights,
 * and a calibration fitted so that a score means the same thing whatever the need.
 */
import type { ScoreParams } from '../engine/score.js';

/** Share of unrelated pairs the fitted calibration lets reach 0.5 (the default threshold). */
export const UNRELATED_AT_MID = 0.004;
/** Share of unrelated pairs the fitted calibration lets reach 0.2 ("no real help" below it). */
export const UNRELATED_AT_LOW = 0.02;

/** The weights the cross-validation may choose from, around the given ones. */
export function tuningGrid(base: ScoreParams): { name: string; params: ScoreParams }[] {
  if (base.model === 0) return [{ name: 'modelless', params: base }];
  const out: { name: string; params: ScoreParams }[] = [];
  for (const hub of [0, 0.15, 0.3, 0.45])
    for (const concept of [0, 0.02, 0.05, 0.1])
      for (const conflict of [1, 0.75, 0.5])
        out.push({
          name: `hub ${hub} concept ${concept} conflict ${conflict}`,
          params: { ...base, hub, concept, conflict },
        });
  return out;
}

/** The value exceeded by `share` of the values (ties counted as exceeding). */
export function upperQuantile(values: readonly number[], share: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const at = Math.min(sorted.length - 1, Math.max(0, Math.floor(sorted.length * (1 - share))));
  return sorted[at] as number;
}

/**
 * Logistic calibration of raw scores: 0.5 where only UNRELATED_AT_MID of unrelated pairs reach,
 * 0.2 where UNRELATED_AT_LOW of them reach. Relevant pairs are not needed for the fit (they are
 * passed so a later rule may use them), which keeps the threshold's meaning fixed: "as rare as
 * this among unrelated pairs".
 */
export function fitCalibration(
  _relevant: readonly number[],
  unrelated: readonly number[],
): { mid: number; slope: number } {
  const mid = upperQuantile(unrelated, UNRELATED_AT_MID);
  const low = upperQuantile(unrelated, UNRELATED_AT_LOW);
  const slope = Math.log(4) / Math.max(1e-6, mid - low);
  return { mid, slope };
}
