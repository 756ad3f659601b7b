/**
 * A simulated user teaching the matcher (relevance feedback, src/matching/feedback.ts):
 * on the development set, the user answers the top 3 suggestions of half the needs (1 when the
 * qrels grade is ≥ 1, else 0); quality is measured on the other half, before and after, with
 * the set's own evaluate.mjs. Both ways round (A teaches, B is measured; then B teaches, A is
 * measured), and the mean of the two.
 *
 *   node --import tsx bench/matching/feedback-sim.ts [--dir DIR] [--splits 1-4] [--grid]
 *
 * --splits N repeats it on N ways of halving the needs (see splitOf) and prints the mean gain.
 *
 * --grid also prints recall@5 / nDCG@10 after feedback for a small grid of the reranker's
 * weights (how the defaults were chosen).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createMatcher,
  featurizeAll,
  FEEDBACK_DEFAULTS,
  FeedbackModel,
  type FeedbackOptions,
  type Scored,
} from '../../src/matching/index.js';
import { halvings, loadDevSet, metrics } from './dev-set.js';

const args = process.argv.slice(2);
const dirAt = args.indexOf('--dir');
const dev = loadDevSet(dirAt >= 0 ? args[dirAt + 1] : undefined);
const grid = args.includes('--grid');
const splitAt = args.indexOf('--splits');
const nSplits = splitAt >= 0 ? Number(args[splitAt + 1]) : 1;
if (!Number.isInteger(nSplits) || nSplits < 1 || nSplits > 4) {
  console.error(`--splits: expected 1 to 4, got ${String(args[splitAt + 1])}`);
  process.exit(2);
}

const matcher = createMatcher();
const features = await featurizeAll(
  matcher,
  [...dev.needs, ...dev.offers].map((t) => t.text),
);
const needF = new Map(dev.needs.map((n, i) => [n.id, features[i] ?? new Uint8Array()]));
const offerF = new Map(dev.offers.map((o, i) => [o.id, features[dev.needs.length + i] ?? new Uint8Array()]));
const index = matcher.createIndex();
for (const [id, f] of offerF) index.upsert(id, f);

// Halves of the needs (dev-set.ts `halvings`): split 1, or all four with --splits N.
const splits = halvings(dev.needs.map((n) => n.id));
const splitOf = (k: number): { A: Set<string>; B: Set<string> } =>
  splits[k] ?? splits[0] ?? { A: new Set(), B: new Set() };
let halves = splitOf(0);

type Run = { need: string; offers: Scored[] }[];
const rank = (model: FeedbackModel, needs: Iterable<string>): Run =>
  [...needs].map((id) => ({
    need: id,
    offers: model.search(index, needF.get(id) ?? new Uint8Array(), (o) => offerF.get(o), { k: 10 }),
  }));

/** The simulated user's answers: the top 3 of each teaching need, judged by the qrels. */
function answers(teach: Set<string>): { need: string; offer: string; confirmed: boolean }[] {
  const base = rank(new FeedbackModel([]), teach);
  return base.flatMap((r) =>
    r.offers.slice(0, 3).map((o) => ({
      need: r.need,
      offer: o.id,
      confirmed: (dev.qrels.get(r.need)?.get(o.id) ?? 0) >= 1,
    })),
  );
}

function after(teach: Set<string>, measure: Set<string>, opts: FeedbackOptions): Run {
  const model = new FeedbackModel(
    answers(teach).map((a) => ({
      need: needF.get(a.need) ?? new Uint8Array(),
      offer: offerF.get(a.offer) ?? new Uint8Array(),
      confirmed: a.confirmed,
      offerKey: a.offer,
    })),
    opts,
  );
  return rank(model, measure);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tend-feedback-sim-'));
/** recall@5 and nDCG@10 by the development set's own evaluate.mjs, over the measured needs only. */
function evaluate(run: Run, measure: Set<string>, name: string): { r5: number; ndcg: number } {
  const qrels = path.join(tmp, `${name}.qrels.tsv`);
  const runFile = path.join(tmp, `${name}.run.jsonl`);
  writeFileSync(
    qrels,
    [...dev.qrels]
      .filter(([n]) => measure.has(n))
      .flatMap(([n, m]) => [...m].map(([o, g]) => `${n}\t${o}\t${g}`))
      .join('\n') + '\n',
  );
  writeFileSync(runFile, run.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const out = JSON.parse(
    execFileSync(process.execPath, [path.join(dev.dir, 'evaluate.mjs'), '--qrels', qrels, '--run', runFile], {
      encoding: 'utf8',
    }),
  ) as Record<string, number>;
  return { r5: out['recall@5'] ?? 0, ndcg: out['ndcg@10'] ?? 0 };
}

const f3 = (x: number): string => x.toFixed(3);
console.log(`development set ${dev.dir}: ${dev.needs.length} needs, ${dev.offers.length} offers`);
console.log(`reranker: ${JSON.stringify(FEEDBACK_DEFAULTS)}`);
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${f3(x)}`;
const all = { r5: 0, ndcg: 0 };
for (let k = 0; k < nSplits; k++) {
  halves = splitOf(k);
  console.log(
    `${nSplits > 1 ? `split ${k + 1}: ` : ''}teach → measure   answers (yes/no)   recall@5 before → after   nDCG@10 before → after`,
  );
  const gains = { r5: 0, ndcg: 0 };
  for (const [teach, measure] of [
    ['A', 'B'],
    ['B', 'A'],
  ] as const) {
    const a = answers(halves[teach]);
    const tag = `${k}-${measure}`;
    const before = evaluate(rank(new FeedbackModel([]), halves[measure]), halves[measure], `before-${tag}`);
    const withFb = evaluate(after(halves[teach], halves[measure], {}), halves[measure], `after-${tag}`);
    gains.r5 += (withFb.r5 - before.r5) / 2;
    gains.ndcg += (withFb.ndcg - before.ndcg) / 2;
    console.log(
      `${teach} → ${measure}             ${a.length} (${a.filter((x) => x.confirmed).length}/${a.filter((x) => !x.confirmed).length})           ${f3(before.r5)} → ${f3(withFb.r5)}             ${f3(before.ndcg)} → ${f3(withFb.ndcg)}`,
    );
  }
  console.log(`mean gain: recall@5 ${signed(gains.r5)}, nDCG@10 ${signed(gains.ndcg)}`);
  all.r5 += gains.r5 / nSplits;
  all.ndcg += gains.ndcg / nSplits;
}
if (nSplits > 1)
  console.log(`mean over ${nSplits} splits: recall@5 ${signed(all.r5)}, nDCG@10 ${signed(all.ndcg)}`);
halves = splitOf(0);

if (grid) {
  console.log('\ngrid (mean of both ways; in-process metrics, same definitions):');
  console.log('weight needSim claimed recall@5  nDCG@10');
  for (const weight of [0, 0.2, 0.5])
    for (const needSim of [0.3, 0.45])
      for (const claimed of [0, 0.2, 0.3, 0.4, 0.6]) {
        const o = { weight, needSim, claimed };
        let r5 = 0;
        let ndcg = 0;
        for (const [teach, measure] of [
          ['A', 'B'],
          ['B', 'A'],
        ] as const) {
          const m = metrics(dev.qrels, after(halves[teach], halves[measure], o), (n) =>
            halves[measure].has(n),
          );
          r5 += m['recall@5'] / 2;
          ndcg += m['nDCG@10'] / 2;
        }
        console.log(
          `${String(weight).padEnd(6)} ${String(needSim).padEnd(6)} ${String(claimed).padEnd(8)}   ${f3(r5)}     ${f3(ndcg)}`,
        );
      }
}
