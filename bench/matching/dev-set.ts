import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DevSet {
  dir: string;
  needs: { id: string; text: string }[];
  offers: { id: string; text: string }[];
  /** need → offer → grade */
  qrels: Map<string, Map<string, number>>;
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function loadDevSet(dir = path.join(repoRoot, 'test/fixtures/matching-dev')): DevSet {
  const jsonl = (f: string): { id: string; text: string }[] =>
    readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; text: string });
  const qrels = new Map<string, Map<string, number>>();
  for (const line of readFileSync(path.join(dir, 'qrels.tsv'), 'utf8').split('\n')) {
    const [n, o, g] = line.trim().split('\t');
    if (!n || !o || !g) continue;
    const m = qrels.get(n) ?? new Map<string, number>();
    m.set(o, Number(g));
    qrels.set(n, m);
  }
  return { dir, needs: jsonl('needs.jsonl'), offers: jsonl('offers.jsonl'), qrels };
}

/** Deterministic halves of the needs: A for tuning, B held out. */
export function half(id: string): 'A' | 'B' {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 2 === 0 ? 'A' : 'B';
}

/**
 * The simulated user's four ways of halving the needs (ids sorted): alternately, in alternating
 * pairs, in alternating fours, and first half / second half. One split's gain rests on a few dozen
 * answers, so the spread across splits says how far it can be trusted.
 */
export function halvings(needIds: readonly string[]): { A: Set<string>; B: Set<string> }[] {
  const ids = [...needIds].sort();
  const inA: ((i: number) => boolean)[] = [
    (i) => i % 2 === 0,
    (i) => Math.floor(i / 2) % 2 === 0,
    (i) => Math.floor(i / 4) % 2 === 0,
    (i) => i < ids.length / 2,
  ];
  return inA.map((a) => ({
    A: new Set(ids.filter((_, i) => a(i))),
    B: new Set(ids.filter((_, i) => !a(i))),
  }));
}

export interface Metrics {
  'recall@5': number;
  'recall@10': number;
  'nDCG@10': number;
  'MRR@10': number;
}

/** The same definitions as evaluate.mjs (means over every need in the qrels, restricted to `only`). */
export function metrics(
  qrels: Map<string, Map<string, number>>,
  run: { need: string; offers: { id: string }[] }[],
  only?: (needId: string) => boolean,
): Metrics {
  const byNeed = new Map(run.map((r) => [r.need, r.offers.map((o) => o.id)]));
  const acc = { r5: 0, r10: 0, ndcg: 0, mrr: 0, n: 0 };
  for (const [need, rel] of qrels) {
    if (only && !only(need)) continue;
    const ranked = [...new Set(byNeed.get(need) ?? [])];
    const relevant = [...rel.entries()].filter(([, g]) => g >= 1);
    const nRel = relevant.length;
    acc.n++;
    if (nRel === 0) continue;
    const hits = (k: number): number => ranked.slice(0, k).filter((id) => (rel.get(id) ?? 0) >= 1).length;
    acc.r5 += hits(5) / nRel;
    acc.r10 += hits(10) / nRel;
    let dcg = 0;
    ranked.slice(0, 10).forEach((id, i) => (dcg += (rel.get(id) ?? 0) / Math.log2(i + 2)));
    const ideal = relevant
      .map(([, g]) => g)
      .sort((a, b) => b - a)
      .slice(0, 10)
      .reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
    acc.ndcg += ideal > 0 ? dcg / ideal : 0;
    const first = ranked.slice(0, 10).findIndex((id) => (rel.get(id) ?? 0) >= 1);
    acc.mrr += first >= 0 ? 1 / (first + 1) : 0;
  }
  const d = Math.max(1, acc.n);
  return { 'recall@5': acc.r5 / d, 'recall@10': acc.r10 / d, 'nDCG@10': acc.ndcg / d, 'MRR@10': acc.mrr / d };
}
