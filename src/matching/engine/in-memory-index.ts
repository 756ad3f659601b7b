import { decode, EMBEDDING_DIM, type Decoded, type FeaturesError } from './features.js';
import { DotSlab } from './dot-slab.js';
import { calibrate, rawUpperBound, scoreWithCosine, type ScoreParams, type Tables } from './score.js';

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
 *
 * The embeddings sit in one contiguous int8 slab (a row per item) in WebAssembly memory, whose
 * SIMD scan gives every cosine at once (`dot-slab.ts`); the rest of a pair's score is
 * computed only when the pair's upper bound (its cosine with full concept and place credit) could
 * still enter the top k.
 */
export class InMemoryIndex {
  private readonly ids: string[] = [];
  /** Decoded features without their embedding (that lives in the slab). */
  private readonly items: Decoded[] = [];
  private readonly slots = new Map<string, number>();
  private readonly slab: DotSlab;
  private scales = new Float64Array(0);
  private hasEmbedding = new Uint8Array(0);

  constructor(
    private readonly tables: Tables,
    private readonly params: ScoreParams,
    opts: { simd?: boolean } = {},
  ) {
    this.slab = new DotSlab(EMBEDDING_DIM, opts);
  }

  /** True when searches scan the embeddings with WebAssembly SIMD. */
  get simd(): boolean {
    return this.slab.simd;
  }

  get size(): number {
    return this.ids.length;
  }

  /** @throws {FeaturesError} when the bytes are not features of this format. */
  upsert(id: string, features: Uint8Array): void {
    const item = decode(features);
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.grow(slot + 1);
      this.slots.set(id, slot);
      this.ids.push(id);
      this.items.push(item);
    }
    this.items[slot] = { ...item, embedding: null };
    this.hasEmbedding[slot] = item.embedding ? 1 : 0;
    this.scales[slot] = item.embeddingScale;
    this.slab.set(slot, item.embedding);
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
      this.slab.move(last, slot);
      this.scales[slot] = this.scales[last] ?? 0;
      this.hasEmbedding[slot] = this.hasEmbedding[last] ?? 0;
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
    const w = this.params;
    const qe = q.embedding;
    const asNeed = opts.queryIs === 'need';
    const top: Scored[] = [];
    const n = this.items.length;
    const dots = qe ? this.slab.scan(qe, n) : null;
    for (let i = 0; i < n; i++) {
      const item = this.items[i];
      const id = this.ids[i];
      if (item === undefined || id === undefined) continue;
      let model = 0;
      if (dots && this.hasEmbedding[i] === 1) {
        const dot = dots[i] as number;
        // The same product order as score.ts `cosine(need, offer)`, so the value is identical.
        const scale = this.scales[i] ?? 0;
        model = asNeed ? dot * q.embeddingScale * scale : dot * scale * q.embeddingScale;
      }
      const worst = top.length === k ? top[k - 1] : undefined;
      if (min > 0 || worst) {
        const hub = asNeed ? item.hubAsOffer + q.hubAsNeed : q.hubAsOffer + item.hubAsNeed;
        const bound = calibrate(rawUpperBound(model, hub, w), w);
        if (bound < min || (worst !== undefined && bound < worst.score)) continue;
      }
      const s = asNeed
        ? scoreWithCosine(this.tables, w, q, item, model)
        : scoreWithCosine(this.tables, w, item, q, model);
      if (s < min) continue;
      if (worst !== undefined && !better(s, id, worst)) continue;
      if (opts.filter && !opts.filter(id)) continue;
      insert(top, { id, score: s }, k);
    }
    return top;
  }

  private grow(n: number): void {
    this.slab.reserve(n);
    if (n <= this.scales.length) return;
    const cap = Math.max(64, this.scales.length * 2, n);
    const scales = new Float64Array(cap);
    scales.set(this.scales);
    this.scales = scales;
    const has = new Uint8Array(cap);
    has.set(this.hasEmbedding);
    this.hasEmbedding = has;
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
