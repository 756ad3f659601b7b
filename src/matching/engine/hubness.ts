/**
 * Hubness correction. In a high-dimensional embedding space some notes are "hubs": close to
 * almost everything (a broad offer such as "happy to help founders with anything go-to-market"),
 * so on cosine alone they crowd the top of many needs' lists and push out the specific offer that
 * answers the need. The cross-domain similarity local scaling of Conneau et al. (2018, "Word
 * translation without parallel data") corrects this by subtracting each side's mean similarity to
 * its k nearest neighbours on the other side. Tend measures that neighbourhood against a fixed
 * reference set (synthetic needs and offers written from the taxonomy's kinds of help, never from
 * evaluation data), so a note's hubness is known when it is featurized, is stored with its
 * features, and never depends on what else is in the database: an index built incrementally still
 * equals one built at once, and a pair scores the same everywhere.
 */
import { EMBEDDING_DIM } from './features.js';

/** How many nearest reference notes make a note's neighbourhood (decision record, fifth round). */
export const HUB_K = 20;

/** Reference vectors of one side: int8 rows of EMBEDDING_DIM with a scale each (unit length × scale). */
export interface ReferenceRows {
  readonly count: number;
  readonly data: Int8Array;
  readonly scales: Float32Array;
}

export interface HubReference {
  /** Part of Matcher.version: features computed against another reference are recomputed. */
  readonly name: string;
  /** The embedding pipeline the vectors were computed with (a reference only fits its own). */
  readonly embedding: string;
  /** Needs: an offer's hubness is its neighbourhood among them. */
  readonly needs: ReferenceRows;
  /** Offers: a need's hubness is its neighbourhood among them. */
  readonly offers: ReferenceRows;
}

/** A note's two hubness values: how close it sits to needs in general, and to offers in general. */
export interface Hubs {
  asOffer: number;
  asNeed: number;
}

/** Mean cosine of a unit vector to its k nearest reference rows (all rows when there are fewer). */
export function neighbourhood(rows: ReferenceRows, v: Float32Array, k = HUB_K): number {
  const n = rows.count;
  if (n === 0) return 0;
  if (v.length !== EMBEDDING_DIM)
    throw new RangeError(`a vector of ${v.length} dimensions, not ${EMBEDDING_DIM}`);
  const kk = Math.min(k, n);
  // The k largest so far, ascending: a new value replaces the smallest when it beats it.
  const top = new Float64Array(kk).fill(-Infinity);
  const { data, scales } = rows;
  const x = Float64Array.from(v.subarray(0, EMBEDDING_DIM));
  for (let r = 0; r < n; r++) {
    const at = r * EMBEDDING_DIM;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let d = 0; d < EMBEDDING_DIM; d += 4) {
      s0 += (data[at + d] as number) * (x[d] as number);
      s1 += (data[at + d + 1] as number) * (x[d + 1] as number);
      s2 += (data[at + d + 2] as number) * (x[d + 2] as number);
      s3 += (data[at + d + 3] as number) * (x[d + 3] as number);
    }
    const s = (s0 + s1 + s2 + s3) * (scales[r] as number);
    if (s <= (top[0] as number)) continue;
    let i = 0;
    while (i + 1 < kk && (top[i + 1] as number) < s) {
      top[i] = top[i + 1] as number;
      i++;
    }
    top[i] = s;
  }
  let sum = 0;
  for (const x of top) sum += x;
  return sum / kk;
}

/**
 * A note's hubness on each side, never below 0: the correction only ever takes credit away, so a
 * pair where one side has no embedding (cosine 0) cannot gain from it.
 */
export function hubsOf(ref: HubReference, unitVector: Float32Array): Hubs {
  return {
    asOffer: Math.max(0, neighbourhood(ref.needs, unitVector)),
    asNeed: Math.max(0, neighbourhood(ref.offers, unitVector)),
  };
}

/** Quantises unit vectors into reference rows (the same int8 scheme as stored features). */
export function toRows(vectors: readonly Float32Array[]): ReferenceRows {
  const data = new Int8Array(vectors.length * EMBEDDING_DIM);
  const scales = new Float32Array(vectors.length);
  vectors.forEach((v, r) => {
    if (v.length !== EMBEDDING_DIM) throw new RangeError(`reference vector ${r} has ${v.length} dimensions`);
    let max = 1e-12;
    for (const x of v) max = Math.max(max, Math.abs(x));
    const scale = max / 127;
    scales[r] = scale;
    for (let d = 0; d < EMBEDDING_DIM; d++) data[r * EMBEDDING_DIM + d] = Math.round((v[d] ?? 0) / scale);
  });
  return { count: vectors.length, data, scales };
}

/** Rows as base64 (scales as f32 little-endian, then the int8 data), for the generated module. */
export function rowsToBase64(rows: ReferenceRows): string {
  const buf = Buffer.alloc(rows.count * 4 + rows.data.length);
  rows.scales.forEach((s, i) => buf.writeFloatLE(s, i * 4));
  Buffer.from(rows.data.buffer, rows.data.byteOffset, rows.data.byteLength).copy(buf, rows.count * 4);
  return buf.toString('base64');
}

export function rowsFromBase64(count: number, base64: string): ReferenceRows {
  const buf = Buffer.from(base64, 'base64');
  if (buf.byteLength !== count * (4 + EMBEDDING_DIM))
    throw new RangeError(
      `hub reference holds ${buf.byteLength} bytes, expected ${count * (4 + EMBEDDING_DIM)}`,
    );
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) scales[i] = buf.readFloatLE(i * 4);
  const data = Int8Array.from(new Int8Array(buf.buffer, buf.byteOffset + count * 4, count * EMBEDDING_DIM));
  return { count, data, scales };
}
