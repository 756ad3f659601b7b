/**
 * A learned linear map applied to the encoder's unit embedding before it is stored:
 * x ↦ x + A·(Bᵀ·x), A and B dim × rank (identity plus a low-rank correction). Trained by
 * `tools/generate/adapter-weights.ts` (`npm run generate`) on synthetic (need, offer) pairs written from the taxonomy's
 * kinds of help — never on evaluation data. The same map serves needs and offers (featurize does
 * not know the side), and it runs at featurize time, so search cost does not change.
 */
export interface Adapter {
  /** Part of Matcher.version: stored features computed with another adapter are recomputed. */
  readonly name: string;
  readonly dim: number;
  readonly rank: number;
  /** Row-major dim × rank. */
  readonly a: Float32Array;
  readonly b: Float32Array;
}

export function applyAdapter(ad: Adapter, x: Float32Array): Float32Array {
  const { dim, rank, a, b } = ad;
  if (x.length !== dim) return x;
  let n = 0;
  for (const v of x) n += v * v;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  const p = new Float64Array(rank);
  for (let i = 0; i < dim; i++) {
    const xi = (x[i] ?? 0) * inv;
    for (let k = 0; k < rank; k++) p[k] = (p[k] ?? 0) + (b[i * rank + k] ?? 0) * xi;
  }
  const out = new Float32Array(dim);
  for (let i = 0; i < dim; i++) {
    let s = (x[i] ?? 0) * inv;
    for (let k = 0; k < rank; k++) s += (a[i * rank + k] ?? 0) * (p[k] ?? 0);
    out[i] = s;
  }
  return out;
}

function f32(base64: string): Float32Array {
  const buf = Buffer.from(base64, 'base64');
  const out = new Float32Array(buf.byteLength / 4);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = dv.getFloat32(i * 4, true);
  return out;
}

export function toBase64(v: Float32Array): string {
  const buf = Buffer.alloc(v.length * 4);
  v.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString('base64');
}

export function decodeAdapter(w: { name: string; dim: number; rank: number; a: string; b: string }): Adapter {
  return { name: w.name, dim: w.dim, rank: w.rank, a: f32(w.a), b: f32(w.b) };
}
