/**
 * Examples written by a reader, scored the way the canonical suite scores its own:
 *   node --import tsx bench/matching/examples.ts FILE.jsonl [--quiet]
 * FILE holds one object a line: {"kind":"pair"|"confuser","domain","need","offer"}.
 * As in the canonical suite, a pair holds when its offer ranks first among the file's offers and
 * reaches the threshold, and a confuser holds when its offer stays under the threshold. The
 * development set's offers are added to the pool for a second, harder figure: the pair's offer
 * in the top 3 of several hundred offers (some of which may meet the need as well). Prints what
 * does not hold.
 */
import { readFileSync } from 'node:fs';
import { defaultSettings } from '../../src/core/settings.js';
import { createMatcher, scorePair, type Features } from '../../src/matching/index.js';
import { loadDevSet } from './dev-set.js';

interface Example {
  kind: 'pair' | 'confuser';
  domain: string;
  need: string;
  offer: string;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: examples.ts FILE.jsonl [--quiet]');
  process.exit(2);
}
const quiet = process.argv.includes('--quiet');
const examples = readFileSync(file, 'utf8')
  .split('\n')
  .map((line, i): Example | null => {
    if (!line.trim()) return null;
    let e: Partial<Record<keyof Example, unknown>>;
    try {
      e = JSON.parse(line) as Partial<Record<keyof Example, unknown>>;
    } catch (err) {
      throw new Error(`${file}:${i + 1}: not JSON (${(err as Error).message})`);
    }
    const { kind, domain, need, offer } = e;
    if ((kind !== 'pair' && kind !== 'confuser') || typeof need !== 'string' || typeof offer !== 'string')
      throw new Error(`${file}:${i + 1}: needs "kind" (pair or confuser), "need" and "offer"`);
    return { kind, domain: typeof domain === 'string' ? domain : '', need, offer };
  })
  .filter((e): e is Example => e !== null);
const threshold = defaultSettings.matchThreshold;
const matcher = createMatcher();
const ownSet = new Set(examples.map((e) => e.offer));
const own = [...ownSet];
const offers = [...new Set([...own, ...loadDevSet().offers.map((o) => o.text)])];
const needs = [...new Set(examples.map((e) => e.need))];
const texts = [...needs, ...offers];
const feats = await matcher.featurize(texts);
const f = new Map<string, Features>(texts.map((t, i) => [t, feats[i] as Features]));
const score = (n: string, o: string): number =>
  scorePair(matcher, f.get(n) as Features, f.get(o) as Features);

let first = 0;
let top3 = 0;
let shown = 0;
let both = 0;
let confShown = 0;
const pairs = examples.filter((e) => e.kind === 'pair');
const confusers = examples.filter((e) => e.kind === 'confuser');
for (const p of pairs) {
  const s = score(p.need, p.offer);
  let rank = 1;
  let poolRank = 1;
  let best = { o: p.offer, s };
  for (const o of offers) {
    if (o === p.offer) continue;
    const so = score(p.need, o);
    if (so > s) poolRank++;
    if (so > s && ownSet.has(o)) rank++;
    if (so > best.s && ownSet.has(o)) best = { o, s: so };
  }
  if (rank === 1) first++;
  if (poolRank <= 3) top3++;
  if (s >= threshold) shown++;
  if (rank === 1 && s >= threshold) both++;
  else if (!quiet)
    console.log(
      `PAIR ${p.domain}: rank ${rank} (${poolRank} in the pool), ${s.toFixed(3)}\n  need:  ${p.need}\n  offer: ${p.offer}` +
        (rank > 1 ? `\n  first: ${best.o} (${best.s.toFixed(3)})` : ''),
    );
}
for (const c of confusers) {
  const s = score(c.need, c.offer);
  if (s >= threshold) {
    confShown++;
    if (!quiet) console.log(`CONFUSER ${c.domain}: ${s.toFixed(3)}\n  need:  ${c.need}\n  offer: ${c.offer}`);
  }
}
console.log(
  `pairs: ${both}/${pairs.length} first and shown (first ${first}, shown ${shown}); ` +
    `top 3 of ${offers.length} pool offers ${top3}; confusers shown ${confShown}/${confusers.length}`,
);
