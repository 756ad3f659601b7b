/* eslint-disable @typescript-eslint/no-non-null-assertion -- dense numeric arrays in a bench script */
/**
 * Trains the embedding adapter (src/matching/engine/adapter.ts) on synthetic pairs only
 * (inputs/synthetic-pairs.ts): same kind of help = positive, other kinds and surface
 * distractors = negatives, InfoNCE with in-batch negatives, both directions, L2 pull toward the
 * identity. Seeded: the same inputs give the same weights. The synthetic sentences are glossed with
 * the frozen taxonomy of inputs/training-taxonomy.ts, so the shipped weights do not move when the
 * product's taxonomy grows.
 *
 * `npm run generate` trains with SHIPPED and writes src/matching/generated/adapter-weights.generated.ts.
 * As a laboratory script it reports on the development set (never trained on: half A, half B, all):
 *   node --import tsx tools/generate/adapter-weights.ts [--rank=16] [--lambda=1e-3] [--epochs=5]
 *        [--tau=0.05] [--lr=2e-3] [--batch=128] [--per=16] [--seed=7] [--nohard] [--dump=FILE]
 */
import { writeFileSync } from 'node:fs';
import { applyAdapter, toBase64, type Adapter } from '../../src/matching/engine/adapter.js';
import { buildConceptTable, extractConcepts } from '../../src/matching/engine/concept-table.js';
import { modelText } from '../../src/matching/engine/encoder-input.js';
import { WITH_MODEL } from '../../src/matching/engine/score-params.js';
import { buildPlaceTable, extractPlaces, placeFactor } from '../../src/matching/engine/place-table.js';
import { rawScore } from '../../src/matching/engine/score.js';
import { allStems, hash32 } from '../../src/matching/engine/normalise.js';
import { DISTRACTORS, synthesize } from './inputs/synthetic-pairs.js';
import { ADAPTER_TAXONOMY } from './inputs/training-taxonomy.js';
import { half, loadDevSet, metrics } from '../../bench/matching/dev-set.js';
import { cachedEmbedder } from './embedding-cache.js';
import { header, inputsHash, type GeneratedFile } from './output.js';

export interface TrainOptions {
  rank: number;
  lambda: number;
  epochs: number;
  tau: number;
  lr: number;
  batch: number;
  /** Synthetic sentences per kind of help and side. */
  per: number;
  seed: number;
  /** Train with the surface distractors as hard negatives (false: an ablation). */
  hard: boolean;
}

/** The settings of the shipped adapter (third round of docs/decisions/0002-matcher.md). */
export const SHIPPED: TrainOptions = {
  rank: 16,
  lambda: 1e-3,
  epochs: 5,
  tau: 0.05,
  lr: 2e-3,
  batch: 128,
  per: 16,
  seed: 7,
  hard: true,
};

const D = 512;
const ENCODER = 'use-lite@0.2.0';

function unit(v: Float64Array): Float64Array {
  let n = 0;
  for (const x of v) n += x * x;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  return v.map((x) => x * inv);
}
const dotv = (a: Float64Array, b: Float64Array): number => {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += a[i]! * b[i]!;
  return t;
};
const embedder = cachedEmbedder();
async function emb(texts: string[]): Promise<Float64Array[]> {
  return (await embedder.embed(texts)).map((v) => unit(Float64Array.from(v)));
}

const ct = buildConceptTable();
/** The synthetic sentences are glossed with the taxonomy the shipped adapter was trained with. */
const trainCt = buildConceptTable(ADAPTER_TAXONOMY, '');
const pt = buildPlaceTable();
/** The exact text the product's encoder sees (engine/matcher.ts featurize). */
const productText = (text: string, table = ct): string =>
  modelText(table.glosses, text, extractConcepts(table, allStems(text)), 'gloss-abbr');
const trainText = (text: string): string => productText(text, trainCt);

/** The exact texts the encoder sees in training, with their kinds of help. */
export function trainingTexts(o: TrainOptions): {
  needs: { text: string; concept: string }[];
  offers: { text: string; concept: string }[];
  hard: { text: string; concept: string }[];
} {
  const syn = synthesize(o.seed, o.per);
  const glossed = (xs: readonly { text: string; concept: string }[]): { text: string; concept: string }[] =>
    xs.map((x) => ({ text: trainText(x.text), concept: x.concept }));
  return { needs: glossed(syn.needs), offers: glossed(syn.offers), hard: glossed(o.hard ? DISTRACTORS : []) };
}

/** Everything the weights depend on: the settings, the encoder and the texts it embeds. */
export function adapterInputs(o: TrainOptions = SHIPPED): string {
  if (embedder.name !== ENCODER)
    throw new Error(`the adapter is trained on ${ENCODER}, not ${embedder.name}`);
  return inputsHash({ ...o, encoder: ENCODER, ...trainingTexts(o) });
}

export async function trainAdapter(
  o: TrainOptions,
  log: (line: string) => void = () => undefined,
): Promise<Adapter> {
  const { rank: RANK, lambda: LAMBDA, epochs: EPOCHS, tau: TAU, lr: LR, batch: BATCH, seed: SEED } = o;
  const texts = trainingTexts(o);
  const concepts = [...new Set(texts.needs.map((n) => n.concept))];
  const cIdx = new Map(concepts.map((c, i) => [c, i]));
  const NX = await emb(texts.needs.map((n) => n.text));
  const OX = await emb(texts.offers.map((x) => x.text));
  const HX = await emb(texts.hard.map((h) => h.text));
  const nC = texts.needs.map((n) => cIdx.get(n.concept)!);
  const oC = texts.offers.map((x) => cIdx.get(x.concept)!);
  const hC = texts.hard.map((h) => cIdx.get(h.concept) ?? -1);
  const offersOf = concepts.map((_, c) => oC.flatMap((x, j) => (x === c ? [j] : [])));
  log(
    `synthetic: ${NX.length} needs, ${OX.length} offers, ${HX.length} distractors, ${concepts.length} kinds`,
  );

  let s = SEED >>> 0;
  const rnd = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gauss = (): number => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());

  // ---- the model: u = x + A (Bᵀ x), cosine after normalisation ----
  const A = new Float64Array(D * RANK).map(() => gauss() * 0.01);
  const B = new Float64Array(D * RANK).map(() => gauss() * 0.01);
  interface Fwd {
    p: Float64Array;
    u: Float64Array;
    norm: number;
    uh: Float64Array;
  }
  function fwd(x: Float64Array): Fwd {
    const p = new Float64Array(RANK);
    for (let i = 0; i < D; i++) {
      const xi = x[i]!;
      const o = i * RANK;
      for (let k = 0; k < RANK; k++) p[k]! += B[o + k]! * xi;
    }
    const u = new Float64Array(D);
    let n = 0;
    for (let i = 0; i < D; i++) {
      let v = x[i]!;
      const o = i * RANK;
      for (let k = 0; k < RANK; k++) v += A[o + k]! * p[k]!;
      u[i] = v;
      n += v * v;
    }
    const norm = Math.sqrt(n);
    return { p, u, norm, uh: u.map((v) => v / norm) };
  }
  function back(x: Float64Array, f: Fwd, g: Float64Array, gA: Float64Array, gB: Float64Array): void {
    // g = dL/dû → dL/du = (g − (g·û)û)/|u|
    let gd = 0;
    for (let i = 0; i < D; i++) gd += g[i]! * f.uh[i]!;
    const gu = new Float64Array(D);
    for (let i = 0; i < D; i++) gu[i] = (g[i]! - gd * f.uh[i]!) / f.norm;
    const gp = new Float64Array(RANK);
    for (let i = 0; i < D; i++) {
      const o = i * RANK;
      const gi = gu[i]!;
      for (let k = 0; k < RANK; k++) {
        gA[o + k]! += gi * f.p[k]!;
        gp[k]! += A[o + k]! * gi;
      }
    }
    for (let i = 0; i < D; i++) {
      const o = i * RANK;
      const xi = x[i]!;
      for (let k = 0; k < RANK; k++) gB[o + k]! += xi * gp[k]!;
    }
  }

  // Adam
  const mA = new Float64Array(D * RANK);
  const vA = new Float64Array(D * RANK);
  const mB = new Float64Array(D * RANK);
  const vB = new Float64Array(D * RANK);
  let step = 0;
  function adam(w: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array): void {
    const b1 = 0.9;
    const b2 = 0.999;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]! + 2 * LAMBDA * w[i]!;
      m[i] = b1 * m[i]! + (1 - b1) * gi;
      v[i] = b2 * v[i]! + (1 - b2) * gi * gi;
      const mh = m[i]! / (1 - b1 ** step);
      const vh = v[i]! / (1 - b2 ** step);
      w[i]! -= (LR * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }

  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const order = NX.map((_, i) => i).sort(() => rnd() - 0.5);
    let total = 0;
    for (let b0 = 0; b0 < order.length; b0 += BATCH) {
      const ni = order.slice(b0, b0 + BATCH);
      // One positive offer of the same kind per need; candidates = these offers + all distractors.
      const oj = ni.map((i) => {
        const list = offersOf[nC[i]!]!;
        return list[Math.floor(rnd() * list.length)]!;
      });
      const fn = ni.map((i) => fwd(NX[i]!));
      const fo = oj.map((j) => fwd(OX[j]!));
      const fh = HX.map((h) => fwd(h));
      const cand = [...fo, ...fh];
      const candC = [...oj.map((j) => oC[j]!), ...hC.map(() => -2)];
      const n = ni.length;
      const m = cand.length;
      const S = ni.map((_, a) => cand.map((c) => dotv(fn[a]!.uh, c.uh) / TAU));
      const dS = ni.map(() => new Float64Array(m));
      // need → offer (rows); same-kind offers other than the positive are masked out
      for (let a = 0; a < n; a++) {
        const row = S[a]!;
        let mx = -Infinity;
        for (let c = 0; c < m; c++) if (c === a || candC[c] !== nC[ni[a]!]) mx = Math.max(mx, row[c]!);
        let z = 0;
        const e = new Float64Array(m);
        for (let c = 0; c < m; c++)
          if (c === a || candC[c] !== nC[ni[a]!]) z += e[c] = Math.exp(row[c]! - mx);
        total += -(row[a]! - mx - Math.log(z));
        for (let c = 0; c < m; c++) dS[a]![c]! += (e[c]! / z - (c === a ? 1 : 0)) / n;
      }
      // offer → need (columns of the first n candidates)
      for (let c = 0; c < n; c++) {
        let mx = -Infinity;
        for (let a = 0; a < n; a++) if (a === c || nC[ni[a]!] !== candC[c]) mx = Math.max(mx, S[a]![c]!);
        let z = 0;
        const e = new Float64Array(n);
        for (let a = 0; a < n; a++)
          if (a === c || nC[ni[a]!] !== candC[c]) z += e[a] = Math.exp(S[a]![c]! - mx);
        total += -(S[c]![c]! - mx - Math.log(z));
        for (let a = 0; a < n; a++) dS[a]![c]! += (e[a]! / z - (a === c ? 1 : 0)) / n;
      }
      const gA = new Float64Array(D * RANK);
      const gB = new Float64Array(D * RANK);
      for (let a = 0; a < n; a++) {
        const g = new Float64Array(D);
        for (let c = 0; c < m; c++) {
          const w = dS[a]![c]! / TAU;
          if (w === 0) continue;
          const v = cand[c]!.uh;
          for (let i = 0; i < D; i++) g[i]! += w * v[i]!;
        }
        back(NX[ni[a]!]!, fn[a]!, g, gA, gB);
      }
      for (let c = 0; c < m; c++) {
        const g = new Float64Array(D);
        for (let a = 0; a < n; a++) {
          const w = dS[a]![c]! / TAU;
          if (w === 0) continue;
          const v = fn[a]!.uh;
          for (let i = 0; i < D; i++) g[i]! += w * v[i]!;
        }
        back(c < n ? OX[oj[c]!]! : HX[c - n]!, cand[c]!, g, gA, gB);
      }
      step++;
      adam(A, gA, mA, vA);
      adam(B, gB, mB, vB);
    }
    if (epoch % 5 === 4 || epoch === EPOCHS - 1)
      log(`epoch ${epoch + 1} loss ${(total / NX.length).toFixed(4)}`);
  }

  const a = Float32Array.from(A);
  const b = Float32Array.from(B);
  return { name: `ad${RANK}-${hash32(toBase64(a) + toBase64(b)).toString(36)}`, dim: D, rank: RANK, a, b };
}

export async function generateAdapterWeights(log?: (line: string) => void): Promise<GeneratedFile[]> {
  const ad = await trainAdapter(SHIPPED, log);
  return [
    {
      name: 'adapter-weights.generated.ts',
      text:
        header('tools/generate/adapter-weights.ts', 'from synthetic pairs only', adapterInputs()) +
        `export const ADAPTER_WEIGHTS = {\n  name: '${ad.name}',\n  dim: ${ad.dim},\n  rank: ${ad.rank},\n` +
        `  a: '${toBase64(ad.a)}',\n  b: '${toBase64(ad.b)}',\n};\n`,
    },
  ];
}

/** The laboratory use: train with the flags' settings and report on the development set. */
async function lab(): Promise<void> {
  const arg = (k: keyof TrainOptions): number => {
    const a = process.argv.find((x) => x.startsWith(`--${k}=`));
    return a ? Number(a.slice(k.length + 3)) : (SHIPPED[k] as number);
  };
  const o: TrainOptions = {
    rank: arg('rank'),
    lambda: arg('lambda'),
    epochs: arg('epochs'),
    tau: arg('tau'),
    lr: arg('lr'),
    batch: arg('batch'),
    per: arg('per'),
    seed: arg('seed'),
    hard: !process.argv.includes('--nohard'),
  };
  const adapter = await trainAdapter(o, (line) => {
    console.log(line);
  });
  // ---- report on the dev set (never trained on) ----
  const dev = loadDevSet();
  const info = (t: string): { x: Float64Array; places: number[] } => ({
    x: new Float64Array(0),
    places: extractPlaces(pt, allStems(t)),
  });
  const dn = dev.needs.map((n) => info(n.text));
  const dofs = dev.offers.map((o) => info(o.text));
  const DN = await emb(dev.needs.map((n) => productText(n.text)));
  const DO = await emb(dev.offers.map((o) => productText(o.text)));
  function report(name: string, map: (x: Float64Array) => Float64Array): void {
    const N = DN.map(map).map(unit);
    const O = DO.map(map).map(unit);
    const run = dev.needs.map((n, i) => ({
      need: n.id,
      offers: dev.offers
        .map((o, j) => {
          const place = dofs[j]!.places.length ? placeFactor(pt, dn[i]!.places, dofs[j]!.places) : 1;
          const model = dotv(N[i]!, O[j]!);
          return {
            id: o.id,
            score:
              rawScore(
                {
                  model,
                  hub: 0,
                  concept: 0,
                  lexical: 0,
                  place,
                  audience: 1,
                  language: 1,
                  otherSense: false,
                  conflict: false,
                  sameSide: false,
                },
                WITH_MODEL,
              ) +
              1e-6 * model,
          };
        })
        .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
        .slice(0, 10),
    }));
    const all = metrics(dev.qrels, run);
    const a = metrics(dev.qrels, run, (id) => half(id) === 'A');
    const b = metrics(dev.qrels, run, (id) => half(id) === 'B');
    console.log(
      `${name.padEnd(34)} ALL r5 ${all['recall@5'].toFixed(3)} r10 ${all['recall@10'].toFixed(3)} nDCG ${all['nDCG@10'].toFixed(3)} MRR ${all['MRR@10'].toFixed(3)} | A ${a['recall@5'].toFixed(3)} / ${a['nDCG@10'].toFixed(3)} | B ${b['recall@5'].toFixed(3)} / ${b['nDCG@10'].toFixed(3)}`,
    );
  }
  report('no adapter', (x) => x);
  report(`adapter r${o.rank} λ${o.lambda} e${o.epochs} τ${o.tau}`, (x) =>
    Float64Array.from(applyAdapter(adapter, Float32Array.from(x))),
  );

  // --dump=FILE: the weights as JSON, for tools/matcher-lab/adapter-average.ts (an ensemble of seeds).
  const dump = process.argv.find((x) => x.startsWith('--dump='))?.slice(7);
  if (dump)
    writeFileSync(
      dump,
      JSON.stringify({ seed: o.seed, rank: o.rank, dim: D, a: toBase64(adapter.a), b: toBase64(adapter.b) }),
    );
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await lab();
