/**
 * Relevance feedback: the pairs a user confirmed ("would help") or dismissed ("not relevant")
 * move other pairs of this database up or down. For a need q and an offer o:
 *
 *   score'(q, o) = clamp01(score(q, o) + w · Σ_j s(q, need_j) · s(o, offer_j) · (±1) − c · [o was confirmed for an unlike need])
 *
 * The sum runs over the answered pairs j whose need is like q (s ≥ NEED_SIM), where s is the
 * cosine of the stored embeddings rescaled so that unrelated notes give 0:
 * s = max(0, (cos − SIM_FLOOR) / (1 − SIM_FLOOR)); without a model (tests) s is the overlap of
 * content stems. The last term: an offer the user confirmed for one need belongs to that kind of
 * need, so for unlike needs it yields to the other candidates (on the development set an offer
 * confirmed for another need was relevant to an unlike one 3 times in 55, against 1 in 6 for
 * unanswered offers). Only a need's best candidates are reranked (`pool`), so a search stays a
 * few milliseconds over 20,000 offers. The weights were chosen with a simulated user on the
 * development set (bench/matching/feedback-sim.ts --grid).
 */
import { decode, type Decoded } from './engine/features.js';
import { cosine, overlap } from './engine/score.js';
import type { Features, MatchIndex, Scored } from './engine/matcher.js';

export interface FeedbackPair {
  need: Features;
  offer: Features;
  confirmed: boolean;
  /** The offer's identity (its id), so that an answer can name it for every need. */
  offerKey?: string;
}

export interface FeedbackOptions {
  /** w: how far one answered pair moves a pair just like it. */
  weight?: number;
  /** An answered pair moves pairs of needs at least this like its need. */
  needSim?: number;
  /** The cosine that means "unrelated" (rescaled to 0). */
  simFloor?: number;
  /** c: how far an offer confirmed for an unlike need falls. */
  claimed?: number;
  /** How many of the base ranking's best are reranked. */
  pool?: number;
}

export const FEEDBACK_DEFAULTS: Required<FeedbackOptions> = {
  weight: 0.2,
  needSim: 0.45,
  simFloor: 0.5,
  claimed: 0.3,
  pool: 150,
};

interface Learned {
  need: Decoded;
  offer: Decoded;
  sign: number;
  key: string | undefined;
}

/** One need's adjustment: what to add to its score with an offer (named by its key when known). */
export type Adjustment = (offer: Features, key?: string) => number;

export class FeedbackModel {
  private readonly pairs: Learned[];
  readonly options: Required<FeedbackOptions>;
  private readonly decoded = new WeakMap<Features, Decoded>();

  constructor(pairs: readonly FeedbackPair[], opts: FeedbackOptions = {}) {
    this.options = { ...FEEDBACK_DEFAULTS, ...opts };
    this.pairs = pairs.map((p) => ({
      need: decode(p.need),
      offer: decode(p.offer),
      sign: p.confirmed ? 1 : -1,
      key: p.offerKey,
    }));
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

  /**
   * The answers that bear on one need: those on needs like it (each offer's weight in the
   * relevance-feedback sum) and the offers confirmed for unlike needs only (pushed down here).
   */
  private answersFor(need: Features): {
    alike: { offer: Decoded; k: number }[];
    claimedElsewhere: Set<string>;
  } {
    const q = this.dec(need);
    const { weight, needSim, claimed } = this.options;
    const alike: { offer: Decoded; k: number }[] = [];
    const claimedElsewhere = new Set<string>();
    const confirmedHere = new Set<string>();
    for (const p of this.pairs) {
      const s = this.sim(q, p.need);
      if (s >= needSim) {
        alike.push({ offer: p.offer, k: weight * s * p.sign });
        if (p.sign > 0 && p.key !== undefined) confirmedHere.add(p.key);
      } else if (p.sign > 0 && p.key !== undefined && claimed > 0) claimedElsewhere.add(p.key);
    }
    for (const k of confirmedHere) claimedElsewhere.delete(k);
    return { alike, claimedElsewhere };
  }

  /** The adjustment for one need, or null when no answer bears on it (the score stands). */
  forNeed(need: Features): Adjustment | null {
    if (this.pairs.length === 0) return null;
    return this.adjustment(this.answersFor(need));
  }

  private adjustment({
    alike,
    claimedElsewhere,
  }: {
    alike: { offer: Decoded; k: number }[];
    claimedElsewhere: Set<string>;
  }): Adjustment | null {
    if (alike.length === 0 && claimedElsewhere.size === 0) return null;
    const { claimed } = this.options;
    return (offer, key) => {
      let add = key !== undefined && claimedElsewhere.has(key) ? -claimed : 0;
      if (alike.length === 0) return add;
      const o = this.dec(offer);
      for (const a of alike) add += a.k * this.sim(o, a.offer);
      return add;
    };
  }

  /** A pair scorer with the answers applied (the offer named by its key when known). */
  scorer(
    base: (need: Features, offer: Features) => number,
  ): (need: Features, offer: Features, offerKey?: string) => number {
    if (this.pairs.length === 0) return base;
    const cache = new WeakMap<Features, Adjustment | null>();
    return (need, offer, offerKey) => {
      let adj = cache.get(need);
      if (adj === undefined) {
        adj = this.forNeed(need);
        cache.set(need, adj);
      }
      const s = base(need, offer);
      return adj ? clamp01(s + adj(offer, offerKey)) : s;
    };
  }

  /**
   * A need's top k in an index of offers, with the answers applied: the base ranking's best
   * `pool` reranked. `offerOf` gives an indexed offer's features (its id is its key).
   */
  search(
    index: MatchIndex,
    need: Features,
    offerOf: (id: string) => Features | undefined,
    opts: { k: number; filter?: (id: string) => boolean },
  ): Scored[] {
    const filter = opts.filter ? { filter: opts.filter } : {};
    if (this.pairs.length === 0) return index.search(need, { k: opts.k, queryIs: 'need', ...filter });
    const answers = this.answersFor(need);
    const adj = this.adjustment(answers);
    if (!adj) return index.search(need, { k: opts.k, queryIs: 'need', ...filter });
    const poolMax = Math.max(opts.k, this.options.pool);
    let pool: Scored[];
    if (answers.alike.length === 0) {
      // Answers on unlike needs only push offers down, so the base ranking's best n hold the top k
      // once n − (pushed-down offers among them) ≥ k: anything below scores less than they do.
      let n = opts.k;
      for (;;) {
        pool = index.search(need, { k: n, queryIs: 'need', ...filter });
        const down = pool.reduce((c, r) => c + (answers.claimedElsewhere.has(r.id) ? 1 : 0), 0);
        if (n - down >= opts.k || pool.length < n || n >= poolMax) break;
        n = Math.min(poolMax, opts.k + down);
      }
    } else pool = index.search(need, { k: poolMax, queryIs: 'need', ...filter });
    // Ranked by the unclamped sum, so pairs already at 0 or 1 keep an order.
    return pool
      .map((r) => {
        const f = offerOf(r.id);
        return { id: r.id, by: r.score + (f ? adj(f, r.id) : 0) };
      })
      .sort((a, b) => b.by - a.by || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, opts.k)
      .map((r) => ({ id: r.id, score: clamp01(r.by) }));
  }
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
