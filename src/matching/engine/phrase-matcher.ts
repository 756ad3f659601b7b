import { allStems } from './normalise.js';

/** One entry a phrase can point to: which item of a table, and whether the phrase is a weak cue. */
export interface PhraseTarget {
  index: number;
  weak: boolean;
}

/** Phrase table keyed by the space-joined stems of each phrase. */
export interface PhraseMatcher {
  readonly table: ReadonlyMap<string, readonly PhraseTarget[]>;
  readonly maxLen: number;
}

export function buildMatcher(
  entries: readonly { index: number; strong: string[]; weak: string[] }[],
): PhraseMatcher {
  const table = new Map<string, PhraseTarget[]>();
  let maxLen = 1;
  const add = (phrase: string, index: number, weak: boolean): void => {
    const stems = allStems(phrase);
    if (stems.length === 0) return;
    maxLen = Math.max(maxLen, stems.length);
    const key = stems.join(' ');
    const list = table.get(key) ?? [];
    // A strong listing of the same phrase for the same item wins over a weak one.
    const existing = list.find((t) => t.index === index);
    if (existing) existing.weak = existing.weak && weak;
    else list.push({ index, weak });
    table.set(key, list);
  };
  for (const e of entries) {
    for (const p of e.strong) add(p, e.index, false);
    for (const p of e.weak) add(p, e.index, true);
  }
  return { table, maxLen };
}

/**
 * Greedy longest match, left to right: "design partner" is consumed whole (a sales concept) so
 * its "design" does not also fire the design concept; "pitch deck" likewise hides "pitch".
 */
export function matchPhrases(m: PhraseMatcher, stems: readonly string[]): PhraseTarget[] {
  const hits: PhraseTarget[] = [];
  let i = 0;
  while (i < stems.length) {
    let advanced = 1;
    for (let len = Math.min(m.maxLen, stems.length - i); len >= 1; len--) {
      const found = m.table.get(stems.slice(i, i + len).join(' '));
      if (found) {
        hits.push(...found);
        advanced = len;
        break;
      }
    }
    i += advanced;
  }
  return hits;
}

/** Parses the `head | strong, terms | weak, terms` line format shared by the data tables. */
export function parseTable(src: string): { head: string; strong: string[]; weak: string[] }[] {
  const split = (s: string | undefined): string[] =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x.length > 0);
  return src
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => {
      const [head, strong, weak] = l.split('|');
      return { head: (head ?? '').trim(), strong: split(strong), weak: split(weak) };
    });
}
