/* eslint-disable @typescript-eslint/no-non-null-assertion -- a scratch bench over dense dev-set arrays */
/**
 * Exploration of scoring ideas on the dev set (not part of the product).
 * node --import tsx tools/matcher-lab/explore.ts gloss|abbr|combo|side|fuse|abbt
 * Rows of the method table in docs/decisions/0002-matcher.md (half A tunes, half B is held out).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { useLiteEmbedder } from '../../src/matching/engine/sentence-encoder.js';
import {
  buildConceptTable,
  extractConcepts,
  type ConceptHit,
} from '../../src/matching/engine/concept-table.js';
import { buildPlaceTable, extractPlaces, placeFactor } from '../../src/matching/engine/place-table.js';
import { modelText, stripRole } from '../../src/matching/engine/encoder-input.js';
import { allStems } from '../../src/matching/engine/normalise.js';
import { parsePrototypes } from '../generate/inputs/prototypes.js';
import { half, loadDevSet, metrics } from '../../bench/matching/dev-set.js';

const dev = loadDevSet();
const CACHE = '/tmp/tend-use-cache.json';
const cache = existsSync(CACHE) ? (JSON.parse(readFileSync(CACHE, 'utf8')) as Record<string, number[]>) : {};
const inner = useLiteEmbedder();
export async function emb(texts: string[]): Promise<Float32Array[]> {
  const missing = [...new Set(texts.filter((t) => !(t in cache)))];
  if (missing.length) {
    const got = await inner.embed(missing);
    missing.forEach((t, i) => (cache[t] = Array.from(got[i] ?? [])));
    writeFileSync(CACHE, JSON.stringify(cache));
  }
  return texts.map((t) => unit(Float32Array.from(cache[t] ?? [])));
}
export function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  return v.map((x) => x * inv);
}
export const dot = (a: Float32Array, b: Float32Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
};
const add = (a: Float32Array, b: Float32Array, w = 1): Float32Array => a.map((x, i) => x + w * (b[i] ?? 0));
const sub = (a: Float32Array, b: Float32Array): Float32Array => a.map((x, i) => x - (b[i] ?? 0));
const zero = (): Float32Array => new Float32Array(512);

const ct = buildConceptTable();
const pt = buildPlaceTable();
const info = (text: string): { hits: ConceptHit[]; places: number[] } => {
  const stems = allStems(text);
  return { hits: extractConcepts(ct, stems), places: extractPlaces(pt, stems) };
};
const NI = dev.needs.map((n) => info(n.text));
const OI = dev.offers.map((o) => info(o.text));
const place = NI.map((n) => OI.map((o) => (o.places.length ? placeFactor(pt, n.places, o.places) : 1)));

type Run = { need: string; offers: { id: string; score: number }[] }[];
function rank(f: (i: number, j: number) => number): Run {
  return dev.needs.map((n, i) => ({
    need: n.id,
    offers: dev.offers
      .map((o, j) => ({ id: o.id, score: f(i, j) }))
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
      .slice(0, 10),
  }));
}
export const results: string[] = [];
export function report(name: string, f: (i: number, j: number) => number): { a: number; b: number } {
  const run = rank(f);
  const all = metrics(dev.qrels, run);
  const a = metrics(dev.qrels, run, (n) => half(n) === 'A');
  const b = metrics(dev.qrels, run, (n) => half(n) === 'B');
  const s = `${name.padEnd(44)} ALL ${all['recall@5'].toFixed(3)} ${all['recall@10'].toFixed(3)} ${all['nDCG@10'].toFixed(3)} ${all['MRR@10'].toFixed(3)} | A ${a['recall@5'].toFixed(3)} ${a['nDCG@10'].toFixed(3)} | B ${b['recall@5'].toFixed(3)} ${b['nDCG@10'].toFixed(3)}`;
  console.log(s);
  return { a: a['recall@5'] + a['nDCG@10'], b: b['recall@5'] + b['nDCG@10'] };
}

const glossN = dev.needs.map((n, i) => modelText(ct.glosses, n.text, NI[i]?.hits ?? [], 'gloss'));
const glossO = dev.offers.map((o, j) => modelText(ct.glosses, o.text, OI[j]?.hits ?? [], 'gloss'));
const GN = await emb(glossN);
const GO = await emb(glossO);

const protos = parsePrototypes();
const cidx = new Map(ct.ids.map((id, i) => [id, i]));
for (const p of protos) if (!cidx.has(p.concept)) throw new Error(`unknown concept ${p.concept}`);
const PO = new Map<number, Float32Array[]>();
const PN = new Map<number, Float32Array[]>();
for (const p of protos) {
  const c = cidx.get(p.concept) ?? -1;
  PO.set(c, await emb(p.offers));
  PN.set(c, await emb(p.needs));
}
const meanOf = (vs: Float32Array[]): Float32Array => vs.reduce((s, v) => add(s, v, 1 / vs.length), zero());
const allProto = [...PO.values(), ...PN.values()].flat();
const MU = meanOf(allProto);

const cen = (v: Float32Array, mu: Float32Array): Float32Array => unit(sub(v, mu));
/** Mean of the k highest similarities of v to a reference set (a hubness measure). */
const hub = (v: Float32Array, ref: Float32Array[], k: number): number =>
  ref
    .map((r) => dot(v, r))
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((x, y) => x + y, 0) / k;
const mode = process.argv[2] ?? 'gloss';
if (mode === 'gloss') {
  const variants: Record<string, (t: string, hits: ConceptHit[]) => string> = {
    g3: (t, h) => modelText(ct.glosses, t, h, 'gloss'),
    g1: (t, h) =>
      modelText(
        ct.glosses.map((g) => g.split(', ')[0] ?? ''),
        t,
        h,
        'gloss',
      ),
    g2: (t, h) =>
      modelText(
        ct.glosses.map((g) => g.split(', ').slice(0, 2).join(', ')),
        t,
        h,
        'gloss',
      ),
    gw: (t, h) =>
      modelText(
        ct.glosses,
        t,
        h.map((x) => ({ ...x, weight: 1 })),
        'gloss',
      ),
    protoOffer: (t, h) => {
      const core = stripRole(t) || t;
      const s = h
        .filter((x) => x.weight >= 1)
        .map((x) => protos.find((p) => cidx.get(p.concept) === x.concept)?.offers[0] ?? '');
      return s.length ? `${core}. ${s.join('. ')}` : core;
    },
  };
  for (const [name, f] of Object.entries(variants)) {
    const N = await emb(dev.needs.map((n, i) => f(n.text, NI[i]!.hits)));
    const O = await emb(dev.offers.map((o, j) => f(o.text, OI[j]!.hits)));
    const CN = N.map((v) => cen(v, MU));
    const CO = O.map((v) => cen(v, MU));
    for (const pf of [1, 0.6, 0.8, 0.9]) {
      const pl = (i: number, j: number): number =>
        pf === 1 ? 1 : place[i]![j]! === 0.6 ? pf : place[i]![j]!;
      report(`${name} place(unspec ${pf})`, (i, j) => dot(N[i]!, O[j]!) * pl(i, j));
      report(`${name} centred place(unspec ${pf})`, (i, j) => dot(CN[i]!, CO[j]!) * pl(i, j));
    }
  }
}

// ---- all-but-the-top, concept fusion, compatibility
import { conceptSim } from '../../src/matching/engine/score.js';
if (mode === 'abtt') {
  const ref = allProto.map((v) => sub(v, MU));
  // power iteration for top PCs of the reference set
  const pcs: Float32Array[] = [];
  for (let d = 0; d < 12; d++) {
    let v = unit(Float32Array.from({ length: 512 }, (_, i) => Math.sin(i * 7.1 + d)));
    for (let it = 0; it < 60; it++) {
      let w = zero();
      for (const r of ref) w = add(w, r, dot(r, v));
      for (const p of pcs) w = add(w, p, -dot(w, p));
      v = unit(w);
    }
    pcs.push(v);
  }
  const proj = (v: Float32Array, D: number): Float32Array => {
    let x = sub(v, MU);
    for (const p of pcs.slice(0, D)) x = add(x, p, -dot(x, p));
    return unit(x);
  };
  const pl = (i: number, j: number): number => (place[i]![j]! === 0.6 ? 0.9 : place[i]![j]!);
  for (const D of [0, 1, 2, 3, 5, 8, 12]) {
    const N = GN.map((v) => proj(v, D));
    const O = GO.map((v) => proj(v, D));
    report(`abtt D=${D} place .9`, (i, j) => dot(N[i]!, O[j]!) * pl(i, j));
  }
}
if (mode === 'fuse') {
  const pl = (i: number, j: number): number => (place[i]![j]! === 0.6 ? 0.9 : place[i]![j]!);
  const dec = (h: ConceptHit[]) => ({
    concepts: Uint16Array.from(h.map((x) => x.concept)),
    conceptWeights: Float32Array.from(h.map((x) => Math.round(x.weight * 255) / 255)),
  });
  const CNd = NI.map((n) => dec(n.hits));
  const COd = OI.map((o) => dec(o.hits));
  const C = CNd.map((n) => COd.map((o) => conceptSim(ct, n as never, o as never)));
  const M = GN.map((n) => GO.map((o) => dot(n, o)));
  // global stats
  const flat = (X: number[][]): number[] => X.flat();
  const st = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { m, s: Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length) };
  };
  const cm = flat(C.map((r) => r.map((x) => x.concept)));
  const sm = st(flat(M));
  const sc = st(cm);
  console.log('model mean/sd', sm, 'concept mean/sd', sc);
  report('model place.9', (i, j) => M[i]![j]! * pl(i, j));
  for (const w of [0.05, 0.1, 0.2, 0.3, 0.5])
    report(
      `z-fuse w=${w}`,
      (i, j) => ((M[i]![j]! - sm.m) / sm.s + (w * (C[i]![j]!.concept - sc.m)) / sc.s) * pl(i, j),
    );
  // per-query z (corpus dependent), RRF
  const rr = (X: number[][]) =>
    X.map((row) => {
      const idx = row.map((x, j) => [x, j] as const).sort((a, b) => b[0] - a[0]);
      const r = new Array<number>(row.length);
      idx.forEach(([, j], k) => (r[j] = k + 1));
      return r;
    });
  const RM = rr(M.map((r, i) => r.map((x, j) => x * pl(i, j))));
  const RC = rr(C.map((r) => r.map((x) => x.concept)));
  for (const w of [0.2, 0.5, 1])
    report(`RRF k=60 w=${w}`, (i, j) => 1 / (60 + RM[i]![j]!) + w / (60 + RC[i]![j]!));
  for (const f of [0.9, 0.8, 0.7])
    report(`conflict ×${f} (any)`, (i, j) => M[i]![j]! * pl(i, j) * (C[i]![j]!.conflict ? f : 1));
  for (const f of [0.95, 0.9, 0.8])
    report(`conflict ×${f} strong only`, (i, j) => {
      const ns = NI[i]!.hits.filter((h) => h.weight >= 1);
      const os = OI[j]!.hits.filter((h) => h.weight >= 1);
      const n = ct.ids.length;
      let conflict = ns.length > 0 && os.length > 0;
      for (const a of ns)
        for (const b of os) if ((ct.rel[a.concept * n + b.concept] ?? 0) > 0) conflict = false;
      return M[i]![j]! * pl(i, j) * (conflict ? f : 1);
    });
  for (const w of [0.02, 0.05, 0.1])
    report(`lin m + ${w}c`, (i, j) => (M[i]![j]! + w * C[i]![j]!.concept) * pl(i, j));
}
if (mode === 'side') {
  const g = (t: string): string => modelText(ct.glosses, t, info(t).hits, 'gloss');
  const pOff = await emb(protos.flatMap((p) => p.offers).map(g));
  const pNeed = await emb(protos.flatMap((p) => p.needs).map(g));
  const muO = meanOf(pOff);
  const muN = meanOf(pNeed);
  const muAll = meanOf([...pOff, ...pNeed]);
  console.log(
    '|muO-muN|',
    Math.sqrt(dot(sub(muO, muN), sub(muO, muN))).toFixed(3),
    '|muAll|',
    Math.sqrt(dot(muAll, muAll)).toFixed(3),
  );
  const pl = (i: number, j: number): number => (place[i]![j]! === 0.6 ? 0.9 : place[i]![j]!);
  report('plain place.9', (i, j) => dot(GN[i]!, GO[j]!) * pl(i, j));
  for (const lam of [0.5, 1]) {
    const s = (mu: Float32Array) => mu.map((x) => x * lam);
    const N = GN.map((v) => cen(v, s(muAll)));
    const O = GO.map((v) => cen(v, s(muAll)));
    report(`centre glossed-proto mean λ=${lam}`, (i, j) => dot(N[i]!, O[j]!) * pl(i, j));
    const N2 = GN.map((v) => cen(v, s(muN)));
    const O2 = GO.map((v) => cen(v, s(muO)));
    report(`side centring λ=${lam}`, (i, j) => dot(N2[i]!, O2[j]!) * pl(i, j));
    const devMuN = meanOf(GN),
      devMuO = meanOf(GO);
    const N3 = GN.map((v) => cen(v, s(devMuN)));
    const O3 = GO.map((v) => cen(v, s(devMuO)));
    report(`side centring dev means (ref) λ=${lam}`, (i, j) => dot(N3[i]!, O3[j]!) * pl(i, j));
  }
  for (const k of [10, 30])
    for (const beta of [0.3, 0.5]) {
      const HB = GO.map((v) => hub(v, pNeed, k));
      const N2 = GN.map((v) => cen(v, muN));
      const O2 = GO.map((v) => cen(v, muO));
      const HB2 = O2.map((v) =>
        hub(
          v,
          pNeed.map((x) => cen(x, muN)),
          k,
        ),
      );
      report(`hub glossed k=${k} b=${beta}`, (i, j) => (dot(GN[i]!, GO[j]!) - beta * HB[j]!) * pl(i, j));
      report(
        `side centring + hub k=${k} b=${beta}`,
        (i, j) => (dot(N2[i]!, O2[j]!) - beta * HB2[j]!) * pl(i, j),
      );
    }
}
import { expandAbbreviations } from '../../src/matching/data/abbreviations.js';
if (mode === 'abbr') {
  const pl = (i: number, j: number): number => (place[i]![j]! === 0.6 ? 0.9 : place[i]![j]!);
  report('plain place.9', (i, j) => dot(GN[i]!, GO[j]!) * pl(i, j));
  const v1 = (t: string, h: ConceptHit[]) => expandAbbreviations(modelText(ct.glosses, t, h, 'gloss'));
  const v2 = (t: string, _h: ConceptHit[]) => {
    const c = stripRole(t) || t;
    return expandAbbreviations(c);
  };
  for (const [name, f] of [
    ['abbr+gloss', v1],
    ['abbr no gloss', v2],
  ] as const) {
    const N = await emb(dev.needs.map((n, i) => f(n.text, NI[i]!.hits)));
    const O = await emb(dev.offers.map((o, j) => f(o.text, OI[j]!.hits)));
    report(name, (i, j) => dot(N[i]!, O[j]!) * pl(i, j));
    const MNv = N.map((v, i) => unit(add(v, GN[i]!)));
    const MOv = O.map((v, j) => unit(add(v, GO[j]!)));
    report(name + ' + gloss view (mean)', (i, j) => dot(MNv[i]!, MOv[j]!) * pl(i, j));
  }
  // clauses
  const split = (t: string): string[] =>
    t
      .split(/[,;:()]|\s+and\s+|\s+&\s+|\s[-–]\s/i)
      .map((x) => x.trim())
      .filter((x) => x.split(/\s+/).length >= 2);
  const segs = async (texts: string[]) =>
    Promise.all(
      texts.map(async (t) => {
        const s = split(stripRole(t) || t);
        return s.length > 1 ? emb(s.map(expandAbbreviations)) : [];
      }),
    );
  const SNs = await segs(dev.needs.map((n) => n.text));
  const SOs = await segs(dev.offers.map((o) => o.text));
  for (const w of [0.3, 0.5, 1]) {
    report(`clauses max, w=${w}`, (i, j) => {
      let best = dot(GN[i]!, GO[j]!);
      for (const a of [GN[i]!, ...SNs[i]!])
        for (const b of [GO[j]!, ...SOs[j]!])
          best = Math.max(best, dot(a, b) * (a === GN[i] && b === GO[j] ? 1 : 1));
      return (w * best + (1 - w) * dot(GN[i]!, GO[j]!)) * pl(i, j);
    });
  }
  report('clauses offer-side only max 0.5', (i, j) => {
    let best = dot(GN[i]!, GO[j]!);
    for (const b of SOs[j]!) best = Math.max(best, dot(GN[i]!, b));
    return (0.5 * best + 0.5 * dot(GN[i]!, GO[j]!)) * pl(i, j);
  });
}
if (mode === 'combo') {
  const f = (t: string, h: ConceptHit[]): string => modelText(ct.glosses, t, h, 'gloss-abbr');
  const g = (t: string): string => f(t, info(t).hits);
  const N = await emb(dev.needs.map((n, i) => f(n.text, NI[i]!.hits)));
  const O = await emb(dev.offers.map((o, j) => f(o.text, OI[j]!.hits)));
  const pOff = await emb(protos.flatMap((p) => p.offers).map(g));
  const pNeed = await emb(protos.flatMap((p) => p.needs).map(g));
  const muO = meanOf(pOff),
    muN = meanOf(pNeed),
    muA = meanOf([...pOff, ...pNeed]);
  for (const pf of [0.6, 0.8, 0.9, 1]) {
    const pl = (i: number, j: number): number => (place[i]![j]! === 0.6 ? pf : place[i]![j]!);
    report(`abbr+gloss unspec ${pf}`, (i, j) => dot(N[i]!, O[j]!) * pl(i, j));
    for (const lam of [0.3, 0.5]) {
      const s = (mu: Float32Array) => mu.map((x) => x * lam);
      const N2 = N.map((v) => cen(v, s(muN))),
        O2 = O.map((v) => cen(v, s(muO)));
      report(`  + side centring ${lam}`, (i, j) => dot(N2[i]!, O2[j]!) * pl(i, j));
      const N3 = N.map((v) => cen(v, s(muA))),
        O3 = O.map((v) => cen(v, s(muA)));
      report(`  + common centring ${lam}`, (i, j) => dot(N3[i]!, O3[j]!) * pl(i, j));
    }
  }
}
