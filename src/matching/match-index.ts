import { decode, type Decoded, type FeaturesError } from './features.js';
import { score, type ScoreParams, type Tables } from './score.js';

export interface Scored {
  id: string;
  score: number;
}

export interface SearchOptions {
  k: number;
  minScore?: number;
  filter?: (id: string) => boolean;
  queryIs: 'need' | 'offer';
}

/**
 * An in-memory index over one side. Items live in dense arrays so a search is one tight loop;
 * remove swaps the last item into the hole, so upsert and remove are O(1). The score needs no
 * corpus statistics, so an index built incrementally equals one built at once, and a pair scores
 * the same in every index (what makes one threshold mean the same everywhere).
 */
export class MatchIndexImpl {
  private readonly ids: string[] = [];
  private readonly items: Decoded[] = [];
  private readonly slots = new Map<string, number>();

  constructor(
    private readonly tables: Tables,
    private readonly params: ScoreParams,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  /** @throws {FeaturesError} when the bytes are not features of this format. */
  upsert(id: string, features: Uint8Array): void {
    const item = decode(features);
    const slot = this.slots.get(id);
    if (slot !== undefined) {
      this.items[slot] = item;
      return;
    }
    this.slots.set(id, this.ids.length);
    this.ids.push(id);
    this.items.push(item);
  }

  remove(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    const last = this.ids.length - 1;
    const lastId = this.ids[last];
    const lastItem = this.items[last];
    if (slot !== last && lastId !== undefined && lastItem !== undefined) {
      this.ids[slot] = lastId;
      this.items[slot] = lastItem;
      this.slots.set(lastId, slot);
    }
    this.ids.pop();
    this.items.pop();
    this.slots.delete(id);
  }

  search(query: Uint8Array, opts: SearchOptions): Scored[] {
    const q = decode(query);
    const k = Math.max(0, Math.floor(opts.k));
    if (k === 0) return [];
    const min = opts.minScore ?? 0;
    const top: Scored[] = [];
    for (let i = 0; i < this.items.length; i++) {
      const item = this.items[i];
      const id = this.ids[i];
      if (item === undefined || id === undefined) continue;
      const s =
        opts.queryIs === 'need'
          ? score(this.tables, this.params, q, item)
          : score(this.tables, this.params, item, q);
      if (s < min) continue;
      if (top.length === k) {
        const worst = top[k - 1];
        if (worst !== undefined && !better(s, id, worst)) continue;
      }
      if (opts.filter && !opts.filter(id)) continue;
      insert(top, { id, score: s }, k);
    }
    return top;
  }
}

/** Best first; ties broken by id so the ranking never depends on insertion order. */
function better(s: number, id: string, than: Scored): boolean {
  return s > than.score || (s === than.score && id < than.id);
}

function insert(top: Scored[], x: Scored, k: number): void {
  let i = top.length;
  top.push(x);
  while (i > 0) {
    const prev = top[i - 1];
    if (prev === undefined || !better(x.score, x.id, prev)) break;
    top[i] = prev;
    i--;
  }
  top[i] = x;
  if (top.length > k) top.pop();
}

export type { FeaturesError };
