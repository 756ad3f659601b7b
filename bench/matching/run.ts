/**
 * Matcher bench: node --expose-gc --import tsx bench/matching/run.ts [--featurize-sample N]
 * (--expose-gc only adds the index's memory to the report)
 * A seeded synthetic corpus of 10,000 needs and 20,000 offers; prints medians of featurize
 * throughput (on a sample: the model costs ~11 ms a text), index build, one upsert, one need's
 * top-10 search; then dev-set metrics of the matcher and of BM25 computed in the same run.
 */
import { performance } from 'node:perf_hooks';
import { bm25Rank } from './bm25.js';
import { createMatcher, rankAll, type Features } from '../../src/matching/index.js';
import { loadDevSet, metrics } from './dev-set.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const rand = rng(20240611);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const KINDS = [
  'seed investor',
  'Java developer',
  'tax accountant',
  'brand designer',
  'GTM advice',
  'SRE on-call',
  'patent lawyer',
  'contract manufacturer',
  'data analyst',
  'office space',
  'clinical trial advice',
  'sales coaching',
];
const WHERE = ['', ' in Berlin', ' in NYC', ' for LatAm', ' remote', ''];
const needText = (): string =>
  `${pick(['need a', 'looking for a', 'who knows a'])} ${pick(KINDS)}${pick(WHERE)} for our ${pick(['fintech', 'SaaS', 'marketplace', 'biotech'])}`;
const offerText = (): string =>
  `${pick(['happy to help as', 'I can intro a', 'former'])} ${pick(KINDS)}${pick(WHERE)}, ${pick(['10 years', 'ex-Google', 'B2B focus', 'first-time founders'])}`;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (x: number): string => `${x.toFixed(2)} ms`;

const sample = Number(process.argv[process.argv.indexOf('--featurize-sample') + 1]) || 320;
const matcher = createMatcher();
const needs = Array.from({ length: 10_000 }, needText);
const offers = Array.from({ length: 20_000 }, offerText);

let t = performance.now();
await matcher.featurize([offers[0] ?? '']);
console.log('model load + first text', ms(performance.now() - t));
t = performance.now();
const sampleFeats = await matcher.featurize(offers.slice(0, sample));
const perText = (performance.now() - t) / sample;
console.log(
  `featurize: ${(1000 / perText).toFixed(0)} texts/s (${perText.toFixed(2)} ms a text; 30,000 texts ≈ ${((perText * 30_000) / 60_000).toFixed(1)} min)`,
);
console.log('feature bytes per text:', sampleFeats[0]?.byteLength);

// The index bench needs 30,000 featurised items; the synthetic texts are built from few parts, so
// their features are reused round-robin (search cost does not depend on the texts' content).
const distinctOffers = [...new Set(offers)];
const distinctNeeds = [...new Set(needs)];
const fo = new Map<string, Features>();
const distinctFeats = await matcher.featurize([...distinctOffers, ...distinctNeeds]);
[...distinctOffers, ...distinctNeeds].forEach((s, i) => fo.set(s, distinctFeats[i] ?? new Uint8Array()));
const offerFeats = offers.map((o) => fo.get(o) ?? new Uint8Array());
const needFeats = needs.map((n) => fo.get(n) ?? new Uint8Array());

const builds: number[] = [];
let index = matcher.createIndex();
const gc = (globalThis as { gc?: () => void }).gc;
for (let r = 0; r < 5; r++) {
  gc?.();
  const mem0 = process.memoryUsage().heapUsed;
  t = performance.now();
  index = matcher.createIndex();
  offerFeats.forEach((f, i) => {
    index.upsert(`o${i}`, f);
  });
  const needIndex = matcher.createIndex();
  needFeats.forEach((f, i) => {
    needIndex.upsert(`n${i}`, f);
  });
  builds.push(performance.now() - t);
  if (r === 4)
    console.log(
      'index heap for 30,000 items ≈',
      ((process.memoryUsage().heapUsed - mem0) / 2 ** 20).toFixed(0),
      'MB',
    );
}
console.log('index build, 30,000 items:', ms(median(builds)));

const ups: number[] = [];
for (let r = 0; r < 200; r++) {
  t = performance.now();
  index.upsert(`new${r}`, offerFeats[r] ?? new Uint8Array());
  ups.push(performance.now() - t);
}
console.log('upsert one offer:', ms(median(ups)));

const searches: number[] = [];
for (let r = 0; r < 50; r++) {
  const q = needFeats[r * 37] ?? new Uint8Array();
  t = performance.now();
  index.search(q, { k: 10, queryIs: 'need' });
  searches.push(performance.now() - t);
}
console.log(`one need's top-10 over ${index.size} offers:`, ms(median(searches)));

const dev = loadDevSet();
const fmt = (m: Record<string, number>): string =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join('  ');
console.log('dev BM25   ', fmt({ ...metrics(dev.qrels, bm25Rank(dev.needs, dev.offers, 10)) }));
console.log('dev matcher', fmt({ ...metrics(dev.qrels, await rankAll(matcher, dev.needs, dev.offers, 10)) }));
