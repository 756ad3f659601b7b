/**
 * How much the simulated user's answers (bench/matching/feedback-sim.ts: the top 3 of half the
 * needs, judged by the qrels) could lift recall@5 on the other half, and what they say about it:
 *
 * - an oracle that knows which answered offers are relevant to each measured need and moves only
 *   answered offers (relevant ones first, the rest out): the most any reranker of answered offers
 *   could gain;
 * - the same oracle that only removes the answered offers wrong for the measured need;
 * - the shipped reranker (FeedbackModel);
 * - how often an answered offer in the measured need's top 5 is relevant, by what was answered
 *   (confirmed or dismissed for another need), before and after the shipped reranker.
 *
 * Over the four ways of halving the needs (dev-set.ts `halvings`), both ways round.
 *   node --import tsx tools/matcher-lab/feedback-bound.ts
 */
import { createMatcher, FeedbackModel, type Features } from '../../src/matching/index.js';
import { halvings, loadDevSet, metrics } from '../../bench/matching/dev-set.js';

const dev = loadDevSet();
const matcher = createMatcher();
const features = await matcher.featurize([...dev.needs, ...dev.offers].map((t) => t.text));
const feat = (i: number): Features => features[i] ?? new Uint8Array();
const needF = new Map(dev.needs.map((n, i) => [n.id, feat(i)]));
const offerF = new Map(dev.offers.map((o, i) => [o.id, feat(dev.needs.length + i)]));
const index = matcher.createIndex();
for (const [id, f] of offerF) index.upsert(id, f);
const needOf = (id: string): Features => needF.get(id) ?? new Uint8Array();

const ids = dev.needs.map((n) => n.id).sort();
const base = new Map(
  ids.map((id) => [id, index.search(needOf(id), { k: dev.offers.length, queryIs: 'need' }).map((s) => s.id)]),
);
const ranked = (id: string): string[] => base.get(id) ?? [];
const relevant = (n: string, o: string): boolean => (dev.qrels.get(n)?.get(o) ?? 0) >= 1;

type Kind = 'not answered' | 'dismissed elsewhere' | 'confirmed elsewhere' | 'both';
const tally = { before: new Map<Kind, [number, number]>(), after: new Map<Kind, [number, number]>() };
const count = (t: Map<Kind, [number, number]>, k: Kind, rel: boolean): void => {
  const v = t.get(k) ?? [0, 0];
  v[0]++;
  if (rel) v[1]++;
  t.set(k, v);
};
const gain = { oracle: 0, removeWrong: 0, shipped: 0 };
const splits = halvings(ids);
const runs = splits.length * 2;
for (const split of splits)
  for (const [teachHalf, measure] of [
    [split.A, split.B],
    [split.B, split.A],
  ] as const) {
    const teach = [...teachHalf];
    const confirmed = new Set<string>();
    const dismissed = new Set<string>();
    const answers = teach.flatMap((n) =>
      ranked(n)
        .slice(0, 3)
        .map((o) => {
          (relevant(n, o) ? confirmed : dismissed).add(o);
          return {
            need: needOf(n),
            offer: offerF.get(o) ?? new Uint8Array(),
            confirmed: relevant(n, o),
            offerKey: o,
          };
        }),
    );
    const kind = (o: string): Kind =>
      confirmed.has(o) && dismissed.has(o)
        ? 'both'
        : confirmed.has(o)
          ? 'confirmed elsewhere'
          : dismissed.has(o)
            ? 'dismissed elsewhere'
            : 'not answered';
    const answered = (o: string): boolean => confirmed.has(o) || dismissed.has(o);
    const r5 = (order: (n: string) => string[]): number =>
      metrics(
        dev.qrels,
        [...measure].map((n) => ({
          need: n,
          offers: order(n)
            .slice(0, 10)
            .map((id) => ({ id })),
        })),
        (n) => measure.has(n),
      )['recall@5'];
    const model = new FeedbackModel(answers);
    const shipped = new Map(
      [...measure].map((n) => [
        n,
        model.search(index, needOf(n), (o) => offerF.get(o), { k: 10 }).map((s) => s.id),
      ]),
    );
    const before = r5(ranked);
    gain.oracle +=
      (r5((n) => [
        ...ranked(n).filter((o) => answered(o) && relevant(n, o)),
        ...ranked(n).filter((o) => !answered(o)),
      ]) -
        before) /
      runs;
    gain.removeWrong += (r5((n) => ranked(n).filter((o) => !answered(o) || relevant(n, o))) - before) / runs;
    gain.shipped += (r5((n) => shipped.get(n) ?? []) - before) / runs;
    for (const n of measure) {
      for (const o of ranked(n).slice(0, 5)) count(tally.before, kind(o), relevant(n, o));
      for (const o of (shipped.get(n) ?? []).slice(0, 5)) count(tally.after, kind(o), relevant(n, o));
    }
  }
const f3 = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
console.log(
  `recall@5 gain over ${runs} runs: oracle on answered offers ${f3(gain.oracle)}, removing only wrong answered offers ${f3(gain.removeWrong)}, shipped reranker ${f3(gain.shipped)}`,
);
for (const [when, t] of Object.entries(tally)) {
  console.log(`\nin the measured needs' top 5, ${when} the reranker: pairs, relevant`);
  for (const [k, [n, r]] of t)
    console.log(`  ${k.padEnd(20)} ${String(n).padStart(5)}  ${((100 * r) / n).toFixed(1)} %`);
}
