import { buildMatcher, matchPhrases, parseTable, type PhraseMatcher } from './phrase-matcher.js';
import { SYMPTOMS } from '../data/symptoms.js';
import { TAXONOMY } from '../data/taxonomy.js';

export interface ConceptTable {
  readonly ids: readonly string[];
  /** Index of each concept's domain (its first id segment), for the compatibility rule. */
  readonly domainOf: Int32Array;
  /** Index of each concept's parent, or -1. */
  readonly parentOf: Int32Array;
  readonly matcher: PhraseMatcher;
  /** rel[a * n + b]: how well concept b (offer) serves concept a (need), in [0,1]. */
  readonly rel: Float32Array;
  /** A few plain names of each concept (its first strong terms), given to the sentence encoder. */
  readonly glosses: readonly string[];
}

/** A concept found in a text with its weight (strong cue 1, weak cue confirmed by context 0.5). */
export interface ConceptHit {
  concept: number;
  weight: number;
}

/**
 * The concept table of the taxonomy, with the problem statements of `extra` (symptoms.ts) added to
 * the concepts they name: the taxonomy keeps its rows, order and glosses. An id in `extra` that
 * the taxonomy lacks is an error, not a new concept.
 */
export function buildConceptTable(src: string = TAXONOMY, extra: string = SYMPTOMS): ConceptTable {
  const rows = parseTable(src);
  const byHead = new Map(rows.map((r) => [r.head, r]));
  for (const x of parseTable(extra)) {
    const row = byHead.get(x.head);
    if (!row) throw new Error(`symptoms: "${x.head}" is not a concept of the taxonomy`);
    row.strong.push(...x.strong);
    row.weak.push(...x.weak);
  }
  const ids = rows.map((r) => r.head);
  const pos = new Map(ids.map((id, i) => [id, i]));
  const parentOf = new Int32Array(ids.length).fill(-1);
  const domainOf = new Int32Array(ids.length);
  ids.forEach((id, i) => {
    const dot = id.lastIndexOf('.');
    if (dot > 0) parentOf[i] = pos.get(id.slice(0, dot)) ?? -1;
    domainOf[i] = pos.get(id.split('.')[0] ?? id) ?? i;
  });
  const glosses = rows.map((r) => r.strong.slice(0, 3).join(', '));
  // The phrase table (stemming every term) is only needed to encode new text; scoring stored
  // features never touches it, so `tend show` and `tend today` do not pay for building it.
  let matcher: PhraseMatcher | undefined;
  return {
    ids,
    domainOf,
    parentOf,
    get matcher() {
      return (matcher ??= buildMatcher(rows.map((r, index) => ({ index, strong: r.strong, weak: r.weak }))));
    },
    rel: relatednessOf(ids, parentOf, domainOf),
    glosses,
  };
}

/**
 * Concepts of a text. A weak cue ("java", "cluster", "seed") counts only when the text also
 * has a strong cue of the same domain, or a second, different weak cue of that domain.
 */
export function extractConcepts(t: ConceptTable, stems: readonly string[]): ConceptHit[] {
  const hits = matchPhrases(t.matcher, stems);
  const strongDomains = new Set<number>();
  const weakCount = new Map<number, number>();
  for (const h of hits) {
    const d = t.domainOf[h.index] ?? h.index;
    if (!h.weak) strongDomains.add(d);
    else weakCount.set(d, (weakCount.get(d) ?? 0) + 1);
  }
  const weight = new Map<number, number>();
  for (const h of hits) {
    const d = t.domainOf[h.index] ?? h.index;
    let w = 1;
    if (h.weak) {
      if (strongDomains.has(d)) w = 0.5;
      else if ((weakCount.get(d) ?? 0) >= 2) w = 0.35;
      else continue;
    }
    weight.set(h.index, Math.max(weight.get(h.index) ?? 0, w));
  }
  return [...weight.entries()].sort((a, b) => a[0] - b[0]).map(([concept, w]) => ({ concept, weight: w }));
}

/**
 * How well an offer concept serves a need concept: the same kind 1, one contains the other 0.6
 * (a "fundraising" need and an "angel investing" offer), siblings in one domain 0.25 (deck prep is
 * not who-to-pitch; frontend is not backend), different domains 0 unless listed in AFFINITY.
 */
function relatednessOf(ids: readonly string[], parentOf: Int32Array, domainOf: Int32Array): Float32Array {
  const n = ids.length;
  const rel = new Float32Array(n * n);
  const isAncestor = (anc: number, c: number): boolean => {
    for (let p = parentOf[c] ?? -1; p >= 0; p = parentOf[p] ?? -1) if (p === anc) return true;
    return false;
  };
  const pos = new Map(ids.map((id, i) => [id, i]));
  const aff = new Float32Array(n * n);
  for (const [x, y, w] of AFFINITY) {
    const i = pos.get(x);
    const j = pos.get(y);
    if (i === undefined || j === undefined) throw new Error(`affinity names an unknown concept: ${x} ${y}`);
    aff[i * n + j] = w;
    aff[j * n + i] = w;
  }
  const a = (i: number, j: number): number => (i >= 0 && j >= 0 ? (aff[i * n + j] ?? 0) : 0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let r: number;
      if (i === j) r = 1;
      else if (isAncestor(i, j) || isAncestor(j, i)) r = 0.6;
      else if (domainOf[i] === domainOf[j]) r = 0.25;
      else {
        // Affinity declared on a parent holds, discounted, for its children.
        const pi = parentOf[i] ?? -1;
        const pj = parentOf[j] ?? -1;
        r = Math.max(a(i, j), 0.7 * a(pi, j), 0.7 * a(i, pj), 0.5 * a(pi, pj));
      }
      rel[i * n + j] = r;
    }
  }
  return rel;
}

/**
 * Cross-domain kinds of help that genuinely serve each other, from how the fields work: a
 * recruiter helps a job seeker, a data engineer is half an analytics hire, a fractional CFO
 * is both finance and an exec hire.
 */
const AFFINITY: readonly [string, string, number][] = [
  ['career', 'hire', 0.4],
  ['eng.data', 'data', 0.6],
  ['eng.ml', 'data', 0.4],
  ['acct.fpa', 'fund.prep', 0.5],
  ['hire.exec', 'acct', 0.3],
  ['mentor', 'career', 0.3],
  ['mentor.leadership', 'ops.people', 0.3],
  ['legal.corporate', 'acct.tax', 0.2],
  ['mkt', 'sales', 0.3],
  ['design.web', 'eng.frontend', 0.4],
  ['product', 'design', 0.3],
  ['fin', 'legal.regulatory', 0.3],
  ['health', 'legal.regulatory', 0.2],
  ['mfg', 'ops.supply', 0.5],
  ['mfg', 'eng.embedded', 0.4],
  ['ecom', 'mkt', 0.3],
  ['intl', 'legal.immigration', 0.2],
  ['edu', 'mentor', 0.2],
];
