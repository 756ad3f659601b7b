import type { ConceptTable } from './concept-table.js';
import type { Decoded } from './features.js';
import { placeFactor, type PlaceTable } from './place-table.js';
import { sameSide } from './stance.js';
import { audienceFactor } from './audience.js';
import { OTHER_SENSE, senseConflict } from './senses.js';
import { languageFactor } from './languages.js';

/** The weights of the hybrid and its calibration; one set per mode (with or without a model). */
export interface ScoreParams {
  model: number;
  concept: number;
  lexical: number;
  /** Weight of the hubness correction: the cosine less hub · (offer's hub as offer + need's hub as need). */
  hub: number;
  /** Model cosine below this is noise for short texts (unrelated notes sit around 0.1–0.3). */
  modelFloor: number;
  /** Factor when both sides name kinds of help and none of them serve each other (investors vs hiring). */
  conflict: number;
  /** Factor when both stand on the same side of an exchange (both hiring, both raising: stance.ts). */
  sameSide: number;
  /** Logistic calibration: score = 1 / (1 + e^(−slope·(raw − mid))). */
  slope: number;
  mid: number;
}

export interface Tables {
  concepts: ConceptTable;
  places: PlaceTable;
}

/** Parts of a pair score, exposed for the calibration and the decision record's method table. */
export interface ScoreParts {
  /** Encoder cosine, before the hubness correction. */
  model: number;
  /** The pair's hubness: the offer's as offer plus the need's as need (hubness.ts). */
  hub: number;
  concept: number;
  lexical: number;
  place: number;
  /** The audience rule's factor (audience.ts): below 1 when both name whom the help is for and none meet. */
  audience: number;
  /** The language rule's factor (languages.ts): below 1 when both name languages and share none. */
  language: number;
  /** True when both use a word of two senses and their contexts mean different ones (senses.ts). */
  otherSense: boolean;
  /** True when both sides have concepts and none relate. */
  conflict: boolean;
  /** True when both stand on the same side of an exchange (stance.ts). */
  sameSide: boolean;
}

/** Every part of a pair's score (the calibration and the decision record's method table read them all). */
export function scoreParts(t: Tables, need: Decoded, offer: Decoded): ScoreParts {
  return partsOf(t, null, need, offer);
}

/**
 * Kinds of help given to a business rather than to a person: there, whom the product serves ("an
 * app for kids") is not whom the help is for, and the audience rule does not bind.
 */
const BUSINESS =
  /^(?:fund|hire|acct|design|mkt|sales|cs|eng|data|product|ops|mfg|ecom|gov|intl|legal\.(?:corporate|ip|employment|privacy|contracts|regulatory|governance))(?:\.|$)/;
const businessOf = new WeakMap<ConceptTable, Uint8Array>();

function forBusiness(t: ConceptTable, d: Decoded): boolean {
  let b = businessOf.get(t);
  if (!b) {
    b = Uint8Array.from(t.ids, (id) => (BUSINESS.test(id) ? 1 : 0));
    businessOf.set(t, b);
  }
  // Business help only: a child psychologist whose notes mention "testing" still serves a person.
  let business = false;
  for (const c of d.concepts) {
    if (b[c] !== 1) return false;
    business = true;
  }
  return business;
}

/** The audience rule's factor, where it binds (audience.ts). */
function audiencePart(t: ConceptTable, need: Decoded, offer: Decoded): number {
  if (need.audience === 0 || offer.audience === 0) return 1;
  const f = audienceFactor(need.audience, offer.audience);
  return f < 1 && !forBusiness(t, need) && !forBusiness(t, offer) ? f : 1;
}

export function pairHub(need: Decoded, offer: Decoded): number {
  return offer.hubAsOffer + need.hubAsNeed;
}

/**
 * The model part of the raw score: the hubness-corrected cosine above the floor, rescaled. Not
 * clamped at zero: a clamp tied most unrelated pairs at one floor score and lost their order
 * (the logistic calibration maps any raw value into (0, 1)).
 */
function modelPart(cosine: number, hub: number, w: ScoreParams): number {
  return (cosine - w.hub * hub - w.modelFloor) / (1 - w.modelFloor);
}

/**
 * The highest raw score a pair with this encoder cosine and hubness can reach (place and conflict
 * only scale down, concept and word overlap are at most 1): lets a search skip the rest of a pair
 * that cannot enter its top k.
 */
export function rawUpperBound(cosine: number, hub: number, w: ScoreParams): number {
  return w.model * modelPart(cosine, hub, w) + w.concept + w.lexical;
}

export function calibrate(raw: number, w: ScoreParams): number {
  return 1 / (1 + Math.exp(-w.slope * (raw - w.mid)));
}

/**
 * The parts of a pair's score; with weights `w`, the parts they ignore are not computed (null:
 * all). `model` is the encoder cosine when already known.
 */
function partsOf(
  t: Tables,
  w: ScoreParams | null,
  need: Decoded,
  offer: Decoded,
  model?: number,
): ScoreParts {
  const c =
    !w || w.concept > 0 || w.conflict < 1
      ? conceptSim(t.concepts, need, offer)
      : { concept: 0, conflict: false };
  return {
    model: !w || w.model > 0 ? (model ?? cosine(need, offer)) : 0,
    hub: pairHub(need, offer),
    concept: c.concept,
    lexical: !w || w.lexical > 0 ? overlap(need.stems, offer.stems) : 0,
    place: offer.places.length === 0 ? 1 : placeFactor(t.places, need.places, offer.places),
    audience: audiencePart(t.concepts, need, offer),
    language: languageFactor(need.languages, offer.languages),
    otherSense: senseConflict(need.senses, offer.senses),
    conflict: c.conflict,
    sameSide: sameSide(need.stance, offer.stance),
  };
}

/** The uncalibrated hybrid: a weighted sum, scaled down by the judgement rules. */
export function rawScore(p: ScoreParts, w: ScoreParams): number {
  let raw = w.model * modelPart(p.model, p.hub, w) + w.concept * p.concept + w.lexical * p.lexical;
  if (p.conflict) raw = scaleDown(raw, w.conflict);
  if (p.sameSide) raw = scaleDown(raw, w.sameSide);
  if (p.otherSense) raw = scaleDown(raw, OTHER_SENSE);
  return scaleDown(scaleDown(scaleDown(raw, p.place), p.audience), p.language);
}

/**
 * A judgement rule's factor f in [0, 1] applied to a raw score of either sign: a positive score
 * shrinks (×f), a negative one grows more negative (÷f), so a rule never raises a pair.
 */
function scaleDown(raw: number, f: number): number {
  if (f >= 1) return raw;
  if (raw >= 0) return raw * f;
  return f > 0 ? raw / f : -Infinity;
}

export function combine(p: ScoreParts, w: ScoreParams): number {
  return calibrate(rawScore(p, w), w);
}

export function score(t: Tables, w: ScoreParams, need: Decoded, offer: Decoded): number {
  return combine(partsOf(t, w, need, offer), w);
}

/** `score` with the encoder cosine already known (the index computes it from its slab). */
export function scoreWithCosine(
  t: Tables,
  w: ScoreParams,
  need: Decoded,
  offer: Decoded,
  model: number,
): number {
  return combine(partsOf(t, w, need, offer, model), w);
}

/** Cosine of the int8-quantised unit embeddings; 0 when either side was encoded without a model. */
export function cosine(a: Decoded, b: Decoded): number {
  const x = a.embedding;
  const y = b.embedding;
  if (!x || !y) return 0;
  // Four int32 accumulators (exact: |sum| ≤ 612 · 127² < 2³¹): the same integer as the index's SIMD scan.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = Math.min(x.length, y.length) & ~3;
  for (let i = 0; i < n; i += 4) {
    s0 = (s0 + (x[i] as number) * (y[i] as number)) | 0;
    s1 = (s1 + (x[i + 1] as number) * (y[i + 1] as number)) | 0;
    s2 = (s2 + (x[i + 2] as number) * (y[i + 2] as number)) | 0;
    s3 = (s3 + (x[i + 3] as number) * (y[i + 3] as number)) | 0;
  }
  return (s0 + s1 + s2 + s3) * a.embeddingScale * b.embeddingScale;
}

/**
 * Share of the need's kinds of help that the offer serves, each weighted by how sure we are of it.
 * Asymmetric on purpose: an offer listing five services is not penalised for the four the need
 * does not ask for.
 */
export function conceptSim(
  t: ConceptTable,
  need: Decoded,
  offer: Decoded,
): { concept: number; conflict: boolean } {
  const n = t.ids.length;
  if (need.concepts.length === 0 || offer.concepts.length === 0) return { concept: 0, conflict: false };
  let num = 0;
  let den = 0;
  for (let i = 0; i < need.concepts.length; i++) {
    const a = need.concepts[i] ?? 0;
    const wa = need.conceptWeights[i] ?? 0;
    let best = 0;
    for (let j = 0; j < offer.concepts.length; j++) {
      const r = (t.rel[a * n + (offer.concepts[j] ?? 0)] ?? 0) * (offer.conceptWeights[j] ?? 0);
      if (r > best) best = r;
    }
    num += wa * best;
    den += wa;
  }
  const concept = den > 0 ? num / den : 0;
  return { concept, conflict: concept === 0 };
}

/** Cosine of the two stem sets (binary), both sorted ascending. */
export function overlap(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common / Math.sqrt(a.length * b.length);
}
