/**
 * Relevance feedback: the pairs a user confirmed ("would help") or dismissed ("not relevant")
 * move similar pairs of this database up or down. For a need q and an offer o:
 *
 *   score'(q, o) = clamp01(score(q, o) + w · Σ_j s(q, need_j) · s(o, offer_j) · (±1))
 *
 * over the answered pairs j whose need is similar enough to q (s ≥ NEED_SIM), where s is the
 * cosine of the stored embeddings rescaled so that unrelated notes give 0:
 * s = max(0, (cos − SIM_FLOOR) / (1 − SIM_FLOOR)). Without a model (tests) s is the overlap of
 * content stems. Only a need's best candidates are reranked (`POOL`), so it stays a few
 * milliseconds over 20,000 offers. Weights measured with a simulated user on the development set
 * (bench/matching/feedback-sim.ts).
 */
import { decode, type Decoded } from './engine/features.js';
import { cosine, overlap } from './engine/score.js';
import type { Features, MatchIndex, Scored } from './engine/matcher.js';

export interface FeedbackPair {
  need: Features;
  offer: Features;
  confirmed: boolean;
  /** The offer's identity (its id): an offer answered for one need moves a little for every need. */
  offerKey?: string;
}

export interface FeedbackOptions {
  /** w: how far one answered pair moves a pair just like it. */
  weight?: number;
  /** An answered pair counts only for needs at least this similar to its need. */
  needSim?: number;
  /** The cosine that means "unrelated" (rescaled to 0). */
  simFloor?: number;
  /** How far an answered offer moves for every other need (its own prior: a dismissed offer is often a hub). */
  prior?: number;
  /** How many of the base ranking's best are reranked. */
  pool?: number;
}

export const FEEDBACK_DEFAULTS: Required<FeedbackOptions> = {
  weight: 0.2,
  needSim: 0.45,
  simFloor: 0.5,
  prior: 0,
  pool: 150,
};

interface Learned {
  need: Decoded;
  offer: Decoded;
  sign: number;
}

/** One need's adjustment: what to add to its score with an offer. */
export type Adjustment = (offer: Features) => number;

export class FeedbackModel {
  private readonly pairs: Learned[];
  readonly options: Required<FeedbackOptions>;
  private readonly decoded = new WeakMap<Features, Decoded>();
  /** offer key → the sum of its answers (+1 confirmed, −1 dismissed). */
  private readonly offerVotes = new Map<string, number>();

  constructor(pairs: readonly FeedbackPair[], opts: FeedbackOptions = {}) {
    this.options = { ...FEEDBACK_DEFAULTS, ...opts };
    this.pairs = pairs.map((p) => ({
      need: decode(p.need),
      offer: decode(p.offer),
      sign: p.confirmed ? 1 : -1,
    }));
    for (const p of pairs)
      if (p.offerKey !== undefined)
        this.offerVotes.set(p.offerKey, (this.offerVotes.get(p.offerKey) ?? 0) + (p.confirmed ? 1 : -1));
  }

  /** The prior of an answered offer, for any need. */
  offerPrior(key: string): number {
    const v = this.offerVotes.get(key);
    // Only a dismissal counts for other needs: an offer that helped one need says little of the next.
    return v === undefined || v >= 0 ? 0 : -this.options.prior;
  }

  get size(): number {
    return this.pairs.length;
  }

  private sim(a: Decoded, b: Decoded): number {
    if (a.embedding && b.embedding) {
      const f = this.options.simFloor;
      return Math.max(0, (cosine(a, b) - f) / (1 - f));
    }
    return overlap(a.stems, b.stems);
  }

  private dec(f: Features): Decoded {
    let d = this.decoded.get(f);
    if (!d) {
      d = decode(f);
      this.decoded.set(f, d);
    }
    return d;
  }

  /** The adjustment for one need, or null when no answered pair is near it (the score stands). */
  forNeed(need: Features): Adjustment | null {
    if (this.pairs.length === 0) return null;
    const q = this.dec(need);
    const active: { offer: Decoded; k: number }[] = [];
    for (const p of this.pairs) {
      const s = this.sim(q, p.need);
      if (s >= this.options.needSim) active.push({ offer: p.offer, k: this.options.weight * s * p.sign });
    }
    if (active.length === 0) return null;
    return (offer) => {
      const o = this.dec(offer);
      let add = 0;
      for (const a of active) add += a.k * this.sim(o, a.offer);
      return add;
    };
  }

  /** A pair scorer with the feedback applied. */
  scorer(base: (need: Features, offer: Features) => number): (need: Features, offer: Features) => number {
    if (this.pairs.length === 0) return base;
    const cache = new WeakMap<Features, Adjustment | null>();
    return (need, offer) => {
      let adj = cache.get(need);
      if (adj === undefined) {
        adj = this.forNeed(need);
        cache.set(need, adj);
      }
      const s = base(need, offer);
      return adj ? clamp01(s + adj(offer)) : s;
    };
  }

  /**
   * A need's top k in an index of offers, with the feedback applied: the base ranking's best
   * `pool` reranked. `offerOf` gives an indexed offer's features.
   */
  search(
    index: MatchIndex,
    need: Features,
    offerOf: (id: string) => Features | undefined,
    opts: { k: number; filter?: (id: string) => boolean },
  ): Scored[] {
    const adj = this.forNeed(need);
    const filter = opts.filter ? { filter: opts.filter } : {};
    if (!adj && this.offerVotes.size === 0)
      return index.search(need, { k: opts.k, queryIs: 'need', ...filter });
    const pool = index.search(need, { k: Math.max(opts.k, this.options.pool), queryIs: 'need', ...filter });
    // Ranked by the unclamped sum, so pairs already at 0 or 1 keep an order.
    return pool
      .map((r) => {
        const f = offerOf(r.id);
        const add = (f && adj ? adj(f) : 0) + this.offerPrior(r.id);
        return { id: r.id, score: r.score, by: r.score + add };
      })
      .sort((a, b) => b.by - a.by || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, opts.k)
      .map((r) => ({ id: r.id, score: clamp01(r.by) }));
  }
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
