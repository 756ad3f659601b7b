/**
 * The byte layout of Features, so the app can store them and nothing is re-encoded at start.
 * Little-endian throughout:
 *   u8 format · u8 flags(bit0 = has embedding) · u16 nStems · u32 stem hash × nStems
 *   · u8 nConcepts · (u16 concept, u8 weight·255) × nConcepts · u8 nPlaces · u16 place × nPlaces
 *   · u32 stance (stance.ts: the sides of an exchange the note stands on)
 *   · u8 audience (audience.ts: whom the help is for)
 *   · u32 languages (languages.ts: the languages the note names)
 *   · u8 nSenses · (u8 word, u8 sense bits) × nSenses   (senses.ts: words of two senses, as meant)
 *   · [f32 scale · i8 × EMBEDDING_DIM   (embedding quantised to int8: 4× smaller, cosine error ~1e-3)
 *      · f32 hub as offer · f32 hub as need]   (hubness.ts; 0 when no reference was used)
 */
import type { Hubs } from './hubness.js';
import type { SenseHit } from './senses.js';

export const FORMAT = 6;
/** The sentence encoder's 512 dimensions followed by the word-vector view's 100 (see matcher.ts). */
export const EMBEDDING_DIM = 612;

export interface Decoded {
  /** Sorted unique hashes of content stems. */
  readonly stems: Uint32Array;
  readonly concepts: Uint16Array;
  readonly conceptWeights: Float32Array;
  readonly places: readonly number[];
  /** The sides of an exchange the note stands on (stance.ts); 0 when it says none. */
  readonly stance: number;
  /** Whom the note's help is for (audience.ts); 0 when it names no one. */
  readonly audience: number;
  /** The languages the note names (languages.ts), as bits; 0 when it names none. */
  readonly languages: number;
  /** Words of two senses the note uses, with the senses its context means (senses.ts). */
  readonly senses: readonly SenseHit[];
  /** Unit-length embedding quantised to int8, or null when encoded without a model. */
  readonly embedding: Int8Array | null;
  readonly embeddingScale: number;
  /** Mean similarity to the nearest reference needs (subtracted when this note is the offer of a pair). */
  readonly hubAsOffer: number;
  /** Mean similarity to the nearest reference offers (subtracted when this note is the need of a pair). */
  readonly hubAsNeed: number;
}

export interface Encodable {
  stems: readonly number[];
  concepts: readonly { concept: number; weight: number }[];
  places: readonly number[];
  stance?: number;
  audience?: number;
  languages?: number;
  senses?: readonly SenseHit[];
  embedding: Float32Array | null;
  /** The note's hubness (hubness.ts), stored with its embedding; null = no correction. */
  hubs?: Hubs | null;
}

export function encode(e: Encodable): Uint8Array {
  const stems = [...new Set(e.stems)].sort((a, b) => a - b).slice(0, 0xffff);
  const concepts = e.concepts.slice(0, 0xff);
  const places = e.places.slice(0, 0xff);
  const senses = (e.senses ?? []).slice(0, 0xff);
  const size =
    4 +
    4 * stems.length +
    1 +
    3 * concepts.length +
    1 +
    2 * places.length +
    4 +
    1 +
    4 +
    1 +
    2 * senses.length +
    (e.embedding ? 4 + EMBEDDING_DIM + 8 : 0);
  const buf = new Uint8Array(size);
  const dv = new DataView(buf.buffer);
  let o = 0;
  dv.setUint8(o++, FORMAT);
  dv.setUint8(o++, e.embedding ? 1 : 0);
  dv.setUint16(o, stems.length, true);
  o += 2;
  for (const h of stems) {
    dv.setUint32(o, h, true);
    o += 4;
  }
  dv.setUint8(o++, concepts.length);
  for (const c of concepts) {
    dv.setUint16(o, c.concept, true);
    dv.setUint8(o + 2, Math.round(Math.min(1, Math.max(0, c.weight)) * 255));
    o += 3;
  }
  dv.setUint8(o++, places.length);
  for (const p of places) {
    dv.setUint16(o, p, true);
    o += 2;
  }
  dv.setUint32(o, e.stance ?? 0, true);
  o += 4;
  dv.setUint8(o++, e.audience ?? 0);
  dv.setUint32(o, e.languages ?? 0, true);
  o += 4;
  dv.setUint8(o++, senses.length);
  for (const h of senses) {
    dv.setUint8(o++, h.entry);
    dv.setUint8(o++, h.senses);
  }
  if (e.embedding) {
    const v = unit(e.embedding);
    let max = 1e-12;
    for (const x of v) max = Math.max(max, Math.abs(x));
    const scale = max / 127;
    dv.setFloat32(o, scale, true);
    o += 4;
    for (let i = 0; i < EMBEDDING_DIM; i++) dv.setInt8(o + i, Math.round((v[i] ?? 0) / scale));
    o += EMBEDDING_DIM;
    dv.setFloat32(o, e.hubs?.asOffer ?? 0, true);
    dv.setFloat32(o + 4, e.hubs?.asNeed ?? 0, true);
  }
  return buf;
}

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  return v.map((x) => x * inv);
}

export class FeaturesError extends Error {}

/** Decodes bytes written by `encode`; throws FeaturesError on bytes of another format. */
export function decode(bytes: Uint8Array): Decoded {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 6 || dv.getUint8(0) !== FORMAT)
    throw new FeaturesError('features of an unknown format');
  const hasEmbedding = (dv.getUint8(1) & 1) === 1;
  let o = 2;
  const nStems = dv.getUint16(o, true);
  o += 2;
  const stems = new Uint32Array(nStems);
  for (let i = 0; i < nStems; i++, o += 4) stems[i] = dv.getUint32(o, true);
  const nConcepts = dv.getUint8(o++);
  const concepts = new Uint16Array(nConcepts);
  const conceptWeights = new Float32Array(nConcepts);
  for (let i = 0; i < nConcepts; i++, o += 3) {
    concepts[i] = dv.getUint16(o, true);
    conceptWeights[i] = dv.getUint8(o + 2) / 255;
  }
  const nPlaces = dv.getUint8(o++);
  const places: number[] = [];
  for (let i = 0; i < nPlaces; i++, o += 2) places.push(dv.getUint16(o, true));
  if (bytes.byteLength < o + 9) throw new FeaturesError('features are truncated');
  const stance = dv.getUint32(o, true);
  o += 4;
  const audience = dv.getUint8(o++);
  const languages = dv.getUint32(o, true);
  o += 4;
  if (bytes.byteLength < o + 1) throw new FeaturesError('features are truncated');
  const nSenses = dv.getUint8(o++);
  if (bytes.byteLength < o + 2 * nSenses) throw new FeaturesError('features are truncated');
  const senses: SenseHit[] = [];
  for (let i = 0; i < nSenses; i++, o += 2)
    senses.push({ entry: dv.getUint8(o), senses: dv.getUint8(o + 1) });
  let embedding: Int8Array | null = null;
  let embeddingScale = 0;
  let hubAsOffer = 0;
  let hubAsNeed = 0;
  if (hasEmbedding) {
    if (bytes.byteLength < o + 4 + EMBEDDING_DIM + 8) throw new FeaturesError('features are truncated');
    embeddingScale = dv.getFloat32(o, true);
    o += 4;
    // A copy, not a view: the index must not pin (or be corrupted by) the caller's buffer.
    embedding = Int8Array.from(new Int8Array(bytes.buffer, bytes.byteOffset + o, EMBEDDING_DIM));
    o += EMBEDDING_DIM;
    hubAsOffer = dv.getFloat32(o, true);
    hubAsNeed = dv.getFloat32(o + 4, true);
    o += 8;
  }
  if (o !== bytes.byteLength) throw new FeaturesError('features have trailing or missing bytes');
  return {
    stems,
    concepts,
    conceptWeights,
    places,
    stance,
    audience,
    languages,
    senses,
    embedding,
    embeddingScale,
    hubAsOffer,
    hubAsNeed,
  };
}
