import { invalid } from '../core/errors.js';
import type { FeedbackOptions, Features, Matcher, MatchText, Scored } from '../matching/index.js';
import { checkK, readEvalFile, readJsonl } from './match-eval.js';

/** One line of a feedback file: `need<TAB>offer<TAB>1|0` (1 = confirmed, 0 = dismissed). */
export interface FeedbackLine {
  need: string;
  offer: string;
  confirmed: boolean;
}

/**
 * Reads a feedback file, naming the file and line of anything that is not a feedback line or
 * names a need or offer that is not in the evaluation's files.
 */
export function readFeedbackFile(
  file: string,
  needIds: ReadonlySet<string>,
  offerIds: ReadonlySet<string>,
): FeedbackLine[] {
  const raw = readEvalFile(file);
  const out: FeedbackLine[] = [];
  raw.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    const [need, offer, verdict, ...rest] = line.trim().split('\t');
    if (!need || !offer || (verdict !== '1' && verdict !== '0') || rest.length > 0)
      throw invalid(`${where}: expected need<TAB>offer<TAB>1|0`, [
        { path: where, message: 'not a feedback line' },
      ]);
    if (!needIds.has(need))
      throw invalid(`${where}: need "${need}" is not in the needs file`, [
        { path: where, message: 'unknown need' },
      ]);
    if (!offerIds.has(offer))
      throw invalid(`${where}: offer "${offer}" is not in the offers file`, [
        { path: where, message: 'unknown offer' },
      ]);
    out.push({ need, offer, confirmed: verdict === '1' });
  });
  return out;
}

/** Needs and offers encoded and indexed once, ranked with any set of answers. */
export interface PreparedRanking {
  /**
   * Every need's top k with the answers applied (relevance feedback, as the app applies a
   * database's answers); the pairs the answers name are left out, so an evaluation is on the rest.
   */
  rank(
    feedback: readonly FeedbackLine[],
    k: number,
    feedbackOptions?: FeedbackOptions,
  ): { need: string; offers: Scored[] }[];
}

export async function prepareRanking(
  matcher: Matcher,
  needs: readonly MatchText[],
  offers: readonly MatchText[],
  opts: {
    onProgress?: ((done: number, total: number) => void) | undefined;
    /** The needs' then the offers' features, when the caller has them already. */
    features?: readonly Features[];
  } = {},
): Promise<PreparedRanking> {
  const { FeedbackModel, featurizeAll } = await import('../matching/index.js');
  const features =
    opts.features ??
    (await featurizeAll(
      matcher,
      [...needs, ...offers].map((t) => t.text),
      opts.onProgress,
    ));
  const needF = new Map(needs.map((n, i) => [n.id, features[i] ?? new Uint8Array()]));
  const offerF = new Map(offers.map((o, i) => [o.id, features[needs.length + i] ?? new Uint8Array()]));
  const index = matcher.createIndex();
  for (const [id, f] of offerF) index.upsert(id, f);
  return {
    rank(feedback, k, feedbackOptions) {
      const model = new FeedbackModel(
        feedback.map((l) => ({
          need: needF.get(l.need) ?? new Uint8Array(),
          offer: offerF.get(l.offer) ?? new Uint8Array(),
          confirmed: l.confirmed,
          // The offer's id in the index: an offer confirmed for an unlike need is pushed down by it.
          offerKey: l.offer,
        })),
        feedbackOptions,
      );
      const named = new Set(feedback.map((l) => `${l.need}\t${l.offer}`));
      return needs.map((n) => {
        const f = needF.get(n.id);
        if (!f) return { need: n.id, offers: [] };
        return {
          need: n.id,
          offers: model.search(index, f, (id) => offerF.get(id), {
            k,
            filter: (id) => !named.has(`${n.id}\t${id}`),
          }),
        };
      });
    },
  };
}

/** `tend match-eval --feedback FILE`: the files read and checked, then ranked with the feedback. */
export async function matchEvalWithFeedback(
  matcher: Matcher,
  files: { needs: string; offers: string; feedback: string },
  k: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ need: string; offers: Scored[] }[]> {
  checkK(k);
  const needs = readJsonl(files.needs);
  const offers = readJsonl(files.offers);
  const feedback = readFeedbackFile(
    files.feedback,
    new Set(needs.map((n) => n.id)),
    new Set(offers.map((o) => o.id)),
  );
  return (await prepareRanking(matcher, needs, offers, { onProgress })).rank(feedback, k);
}
