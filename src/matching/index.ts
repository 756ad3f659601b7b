/**
 * The matcher's public entry: the only file of src/matching that code outside it imports (the
 * lint enforces it; the matcher's own unit tests and the generators in tools/ may reach inside).
 *
 * Inside:
 * - engine/     the code: the matcher (engine/matcher.ts), its features' byte layout, the
 *               in-memory index and its SIMD scan, the score and its fitted weights, the text
 *               normalisation, the concept and place tables, the encoders and the hubness correction.
 * - eval/       the evaluation on a judged set (`tend match-eval --qrels`): metrics, BM25, domain-left-out CV.
 * - data/       hand-written tables: the taxonomy of kinds of help, places, abbreviations.
 * - generated/  files written by `npm run generate` (tools/generate/); never edit them by hand.
 * - prepare.ts  the build step that caches the word-vector table (scripts/build.mjs runs it).
 */
export {
  FEEDBACK_DEFAULTS,
  FeedbackModel,
  type Adjustment,
  type FeedbackOptions,
  type FeedbackPair,
} from './feedback.js';
export {
  createMatcher,
  featurizeAll,
  POSSIBLE_FLOOR,
  POSSIBLE_MAX,
  splitMatches,
  type MatchResult,
  type RankedNeed,
  type RankOptions,
  rankAll,
  scorePair,
  type Embedder,
  type Features,
  type MatchIndex,
  type Matcher,
  type MatcherOptions,
  type MatchText,
  type Scored,
  type SearchOptions,
} from './engine/matcher.js';
export { bm25Rank } from './eval/bm25.js';
export { evaluateMatching, type EvalReport, type EvalOptions, type DomainFold } from './eval/report.js';
export { metrics, type Calibration, type Metrics, type Qrels } from './eval/metrics.js';
