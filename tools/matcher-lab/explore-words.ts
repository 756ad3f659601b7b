/**
 * The word-vector rows of the fourth round in docs/decisions/0002-matcher.md (not part of the
 * product): the encoder + adapter features × place, plus λ × a word-vector view of the note.
 *   node --import tsx tools/matcher-lab/explore-words.ts
 * Half A tunes, half B is held out; the dev set is only scored.
 */
import { expandAbbreviations } from '../../src/matching/data/abbreviations.js';
import { extractConcepts } from '../../src/matching/engine/concept-table.js';
import { decode } from '../../src/matching/engine/features.js';
import { createMatcher } from '../../src/matching/index.js';
import { modelText } from '../../src/matching/engine/encoder-input.js';
import { scoreParts, type Tables } from '../../src/matching/engine/score.js';
import { allStems } from '../../src/matching/engine/normalise.js';
import {
  loadWordTable,
  sentenceVector,
  words,
  type WordTable,
} from '../../src/matching/engine/word-vectors.js';
import { cachedEmbedder } from '../generate/embedding-cache.js';
import { half, loadDevSet, metrics } from '../../bench/matching/dev-set.js';

const dev = loadDevSet();
// The encoder view alone: the same features as the product without its word part.
const m = createMatcher({ embedder: cachedEmbedder(), wordVectors: null }) as unknown as {
  tables: Tables;
} & ReturnType<typeof createMatcher>;
const nf = (await m.featurize(dev.needs.map((n) => n.text))).map(decode);
const of = (await m.featurize(dev.offers.map((o) => o.text))).map(decode);
const parts = nf.map((n) => of.map((o) => scoreParts(m.tables, n, o)));
const table = loadWordTable();

const dot = (a: Float32Array | null, b: Float32Array | null): number => {
  if (!a || !b) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
};
const glossed = (t: string): string =>
  modelText(m.tables.concepts.glosses, t, extractConcepts(m.tables.concepts, allStems(t)), 'gloss-abbr');
const view = (f: (t: string) => string): { n: (Float32Array | null)[]; o: (Float32Array | null)[] } => ({
  n: dev.needs.map((x) => sentenceVector(table, f(x.text))),
  o: dev.offers.map((x) => sentenceVector(table, f(x.text))),
});
const raw = view((t) => t);
const gloss = view(glossed);
const abbr = view(expandAbbreviations);

/** Mean over the need's words of the best cosine with an offer word (SIF-free soft alignment). */
function rowsOf(t: WordTable, text: string): number[] {
  return words(text)
    .map((w) => t.rowOf(w))
    .filter((r) => r >= 0);
}
const unitRow = (r: number): Float32Array => {
  const v = Float32Array.from(table.vectors.subarray(r * table.dim, (r + 1) * table.dim));
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
};
const NR = dev.needs.map((x) => rowsOf(table, x.text).map(unitRow));
const OR = dev.offers.map((x) => rowsOf(table, x.text).map(unitRow));
const align = (a: Float32Array[], b: Float32Array[]): number =>
  a.length && b.length ? a.reduce((s, x) => s + Math.max(...b.map((y) => dot(x, y))), 0) / a.length : 0;
const AL = NR.map((a) => OR.map((b) => (align(a, b) + align(b, a)) / 2));

function report(name: string, f: (i: number, j: number) => number): void {
  const run = dev.needs.map((n, i) => ({
    need: n.id,
    offers: dev.offers
      .map((o, j) => ({ id: o.id, score: f(i, j) }))
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
      .slice(0, 10),
  }));
  const all = metrics(dev.qrels, run);
  const a = metrics(dev.qrels, run, (id) => half(id) === 'A');
  const b = metrics(dev.qrels, run, (id) => half(id) === 'B');
  const f3 = (x: number): string => x.toFixed(3);
  console.log(
    `${name.padEnd(46)} ALL ${f3(all['recall@5'])} / ${f3(all['nDCG@10'])} | A ${f3(a['recall@5'])} / ${f3(a['nDCG@10'])} | B ${f3(b['recall@5'])} / ${f3(b['nDCG@10'])}`,
  );
}
const enc = (i: number, j: number): number => parts[i]?.[j]?.model ?? 0;
const place = (i: number, j: number): number => parts[i]?.[j]?.place ?? 1;
const sif = (v: typeof raw, i: number, j: number): number => dot(v.n[i] ?? null, v.o[j] ?? null);

report('encoder + adapter × place', (i, j) => enc(i, j) * place(i, j));
report('SIF of the raw note alone', (i, j) => sif(raw, i, j));
report('soft alignment alone', (i, j) => AL[i]?.[j] ?? 0);
for (const l of [0.1, 0.3, 0.5, 1])
  report(`+ ${l} · SIF (raw note)`, (i, j) => (enc(i, j) + l * sif(raw, i, j)) * place(i, j));
report('+ 0.3 · SIF (encoder input, glossed)', (i, j) => (enc(i, j) + 0.3 * sif(gloss, i, j)) * place(i, j));
report(
  '+ 0.3 · SIF (abbreviations spelled out)',
  (i, j) => (enc(i, j) + 0.3 * sif(abbr, i, j)) * place(i, j),
);
report('+ 0.3 · soft alignment', (i, j) => (enc(i, j) + 0.3 * (AL[i]?.[j] ?? 0)) * place(i, j));
report(
  '+ 0.3 · SIF + 0.1 · soft alignment',
  (i, j) => (enc(i, j) + 0.3 * sif(raw, i, j) + 0.1 * (AL[i]?.[j] ?? 0)) * place(i, j),
);
