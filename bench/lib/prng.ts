/**
 * A seeded PRNG (mulberry32) and the few draws the generator needs. The bench never calls
 * Math.random(): the same seed gives the same network, byte for byte, on every machine.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T;
  /** k distinct elements (k ≤ xs.length), in random order. */
  sample<T>(xs: readonly T[], k: number): T[];
  shuffle<T>(xs: T[]): T[];
}

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => {
    if (xs.length === 0) throw new RangeError('pick from an empty list');
    return xs[Math.floor(next() * xs.length)] as T;
  };
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const tmp = xs[i] as T;
      xs[i] = xs[j] as T;
      xs[j] = tmp;
    }
    return xs;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted<T>(pairs: readonly (readonly [T, number])[]): T {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of pairs) {
        r -= w;
        if (r < 0) return v;
      }
      const last = pairs[pairs.length - 1];
      if (!last) throw new RangeError('weighted pick from an empty list');
      return last[0];
    },
    sample<T>(xs: readonly T[], k: number): T[] {
      if (k >= xs.length) return shuffle([...xs]);
      // Partial Fisher–Yates over indices: O(k) draws, no copy of a large list's values.
      const idx = new Map<number, number>();
      const out: T[] = [];
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor(next() * (xs.length - i));
        const vi = idx.get(i) ?? i;
        const vj = idx.get(j) ?? j;
        idx.set(j, vi);
        out.push(xs[vj] as T);
      }
      return out;
    },
    shuffle,
  };
}
