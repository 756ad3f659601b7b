/**
 * Seventh round: variants of relevance feedback measured with the simulated user of
 * bench/matching/feedback-sim.ts (answers on the top 3 of one half of the needs, recall@5 and
 * nDCG@10 on the other half, both ways round) on four ways of halving the needs.
 *
 *   node --import tsx tools/matcher-lab/feedback-variants.ts ['[{"wneg":0.5}, {"bil":500}]']
 *
 * It re-implements the shipped reranker's two terms (an offer confirmed for an unlike need yields;
 * answered pairs of like needs move like offers) so that other terms can be added beside them; the
 * first row, FeedbackModel itself, checks that the re-implementation gives the same gains.
 * Variant keys (all default 0 / off):
 *   claimed  the shipped yield of an offer confirmed for an unlike need (default 0.3)
 *   wpos     confirmed pairs pull up offers like theirs, for needs like theirs (any likeness > 0)
 *   wneg     dismissed pairs push down offers like theirs, likewise
 *   dir      offers along the mean of confirmed offers less the mean of dismissed ones rise
 *   bil      a diagonal relevance metric: Σ_k w_k·q_k·o_k, w = mean over confirmed pairs of q⊙o
 *            less the mean over dismissed pairs
 *   kindW    a prior per relation kind: the Beta-smoothed share of confirmed answers among the
 *            answered pairs whose need and offer share a domain (kinds: 1 = a concept) with the pair
 * Writes nothing.
 */
import { FeedbackModel } from '../../src/matching/feedback.js';
import { createMatcher, scoringOf } from '../../src/matching/engine/matcher.js';
import { decode, type Decoded } from '../../src/matching/engine/features.js';
import { cosine } from '../../src/matching/engine/score.js';
import { cachedEmbedder } from '../generate/embedding-cache.js';
import { loadDevSet, metrics } from '../../bench/matching/dev-set.js';

type Variant = Record<string, number>;
interface Answer {
  need: string;
  offer: string;
  ok: boolean;
}

const dev = loadDevSet();
const m = createMatcher({ embedder: cachedEmbedder() });
const { tables } = scoringOf(m);
const texts = [...dev.needs, ...dev.offers];
const feats = await m.featurize(texts.map((t) => t.text));
const featOf = new Map(texts.map((t, i) => [t.id, feats[i] ?? new Uint8Array()]));
const dec = new Map<string, Decoded>([...featOf].map(([id, f]) => [id, decode(f)]));
const vec = new Map(
  [...dec].map(([id, d]) => [id, Float64Array.from(d.embedding ?? [], (x) => x * d.embeddingScale)]),
);
const index = m.createIndex();
for (const o of dev.offers) index.upsert(o.id, featOf.get(o.id) ?? new Uint8Array());
const ids = dev.needs.map((n) => n.id).sort();
const base = new Map(
  ids.map((id) => [id, index.search(featOf.get(id) ?? new Uint8Array(), { k: 150, queryIs: 'need' })]),
);
const relevant = (n: string, o: string): boolean => (dev.qrels.get(n)?.get(o) ?? 0) >= 1;
const D = (id: string): Decoded => dec.get(id) as Decoded;
const V = (id: string): Float64Array => vec.get(id) as Float64Array;

/** The same four ways of halving the needs as feedback-sim.ts --splits 4. */
const inA: ((i: number) => boolean)[] = [
  (i) => i % 2 === 0,
  (i) => Math.floor(i / 2) % 2 === 0,
  (i) => Math.floor(i / 4) % 2 === 0,
  (i) => i < ids.length / 2,
];

const answersOf = (teach: Set<string>): Answer[] =>
  [...teach].flatMap((n) =>
    (base.get(n) ?? []).slice(0, 3).map((o) => ({ need: n, offer: o.id, ok: relevant(n, o.id) })),
  );

/** Rescaled cosine of two notes: 0 for unrelated ones (the shipped reranker's s). */
const like = (a: Decoded, b: Decoded): number => Math.max(0, (cosine(a, b) - 0.5) / 0.5);

function learnedTerms(answers: Answer[], v: Variant): (q: string, o: string) => number {
  const dim = V(answers[0]?.need ?? ids[0] ?? '').length;
  const sum = {
    pos: new Float64Array(dim),
    neg: new Float64Array(dim),
    po: new Float64Array(dim),
    no: new Float64Array(dim),
  };
  let nPos = 0;
  let nNeg = 0;
  for (const a of answers) {
    const q = V(a.need);
    const o = V(a.offer);
    const [pair, off] = a.ok ? [sum.pos, sum.po] : [sum.neg, sum.no];
    for (let k = 0; k < dim; k++) {
      pair[k] = (pair[k] ?? 0) + (q[k] ?? 0) * (o[k] ?? 0);
      off[k] = (off[k] ?? 0) + (o[k] ?? 0);
    }
    if (a.ok) nPos++;
    else nNeg++;
  }
  const w = Float64Array.from(
    sum.pos,
    (x, k) => x / Math.max(1, nPos) - (sum.neg[k] ?? 0) / Math.max(1, nNeg),
  );
  const u = Float64Array.from(sum.po, (x, k) => x / Math.max(1, nPos) - (sum.no[k] ?? 0) / Math.max(1, nNeg));
  const bil = v['bil'] ?? 0;
  const dir = v['dir'] ?? 0;
  return (q, o) => {
    if (bil === 0 && dir === 0) return 0;
    const Q = V(q);
    const O = V(o);
    let b = 0;
    let c = 0;
    for (let k = 0; k < dim; k++) {
      b += (w[k] ?? 0) * (Q[k] ?? 0) * (O[k] ?? 0);
      c += (u[k] ?? 0) * (O[k] ?? 0);
    }
    return bil * b + dir * c;
  };
}

function kindsOf(d: Decoded, concepts: boolean): Set<number> {
  return new Set([...d.concepts].map((c) => (concepts ? c : (tables.concepts.domainOf[c] ?? c))));
}
const meets = (a: Set<number>, b: Set<number>): boolean => [...a].some((x) => b.has(x));

/** The adjustment of one measured need's candidates. */
function adjustment(q: string, answers: Answer[], v: Variant): (o: string) => number {
  const Q = D(q);
  const claimed = new Set<string>();
  const here = new Set<string>();
  const alike: { offer: Decoded; k: number }[] = [];
  for (const a of answers) {
    const s = like(Q, D(a.need));
    if (s >= 0.45) {
      if (a.ok) here.add(a.offer);
      alike.push({ offer: D(a.offer), k: 0.2 * s * (a.ok ? 1 : -1) });
    } else if (a.ok) claimed.add(a.offer);
    if (s > 0) alike.push({ offer: D(a.offer), k: s * (a.ok ? (v['wpos'] ?? 0) : -(v['wneg'] ?? 0)) });
  }
  for (const h of here) claimed.delete(h);
  const concepts = (v['kinds'] ?? 0) === 1;
  const qk = kindsOf(Q, concepts);
  const answeredKinds = answers.map((a) => ({
    n: kindsOf(D(a.need), concepts),
    o: kindsOf(D(a.offer), concepts),
    ok: a.ok,
  }));
  return (o) => {
    const O = D(o);
    let add = claimed.has(o) ? -(v['claimed'] ?? 0.3) : 0;
    for (const a of alike) add += a.k * like(O, a.offer);
    const kindW = v['kindW'] ?? 0;
    if (kindW > 0) {
      const ok = kindsOf(O, concepts);
      let yes = 0;
      let no = 0;
      for (const a of answeredKinds)
        if (meets(qk, a.n) && meets(ok, a.o)) {
          if (a.ok) yes++;
          else no++;
        }
      const prior = 0.36; // the share of confirmed answers overall
      add += kindW * ((yes + 1) / (yes + no + 2 / prior) - prior);
    }
    return add;
  };
}

type Run = { need: string; offers: { id: string; score: number }[] }[];
function measure(run: Run, needs: Set<string>): { r5: number; ndcg: number } {
  const x = metrics(dev.qrels, run, (n) => needs.has(n));
  return { r5: x['recall@5'], ndcg: x['nDCG@10'] };
}

function gains(v: Variant | 'shipped', split: number): { r5: number; ndcg: number } {
  const a = inA[split] ?? ((i: number) => i % 2 === 0);
  const halves = { A: new Set(ids.filter((_, i) => a(i))), B: new Set(ids.filter((_, i) => !a(i))) };
  const out = { r5: 0, ndcg: 0 };
  for (const [teach, measured] of [
    [halves.A, halves.B],
    [halves.B, halves.A],
  ] as const) {
    const answers = answersOf(teach);
    const before = measure(
      [...measured].map((q) => ({ need: q, offers: (base.get(q) ?? []).slice(0, 10) })),
      measured,
    );
    let run: Run;
    if (v === 'shipped') {
      const model = new FeedbackModel(
        answers.map((x) => ({
          need: featOf.get(x.need) ?? new Uint8Array(),
          offer: featOf.get(x.offer) ?? new Uint8Array(),
          confirmed: x.ok,
          offerKey: x.offer,
        })),
      );
      run = [...measured].map((q) => ({
        need: q,
        offers: model.search(index, featOf.get(q) ?? new Uint8Array(), (o) => featOf.get(o), { k: 10 }),
      }));
    } else {
      const learned = learnedTerms(answers, v);
      run = [...measured].map((q) => {
        const adj = adjustment(q, answers, v);
        const offers = (base.get(q) ?? [])
          .map((o) => ({ id: o.id, score: o.score + adj(o.id) + learned(q, o.id) }))
          .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
          .slice(0, 10);
        return { need: q, offers };
      });
    }
    const after = measure(run, measured);
    out.r5 += (after.r5 - before.r5) / 2;
    out.ndcg += (after.ndcg - before.ndcg) / 2;
  }
  return out;
}

const variants: (Variant | 'shipped')[] = [
  'shipped',
  {},
  ...(JSON.parse(
    process.argv[2] ??
      '[{"wneg":0.5},{"wpos":0.2},{"dir":1},{"bil":500},{"bil":1000},{"kindW":0.2},{"kindW":0.2,"kinds":1}]',
  ) as Variant[]),
];
const f3 = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
console.log('variant   recall@5 gain on splits 1–4 (mean)   nDCG@10 gain on splits 1–4 (mean)');
for (const v of variants) {
  const g = [0, 1, 2, 3].map((k) => gains(v, k));
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  console.log(
    `${v === 'shipped' ? 'FeedbackModel' : JSON.stringify(v)}   ${g.map((x) => f3(x.r5)).join(' ')} (${f3(mean(g.map((x) => x.r5)))})   ${g.map((x) => f3(x.ndcg)).join(' ')} (${f3(mean(g.map((x) => x.ndcg)))})`,
  );
}
