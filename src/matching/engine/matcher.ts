/**
 * Tend's matcher (its public entry is ../index.ts): ranks free-text offers for a free-text need (and back) with scores in [0,1]
 * that mean the same across needs. A hybrid of a sentence encoder (USE lite, shipped in an npm
 * package, loaded lazily), a concept layer of kinds of help, word overlap, and two judgement
 * rules (region-bound offers, incompatible kinds of help). See docs/decisions/0002-matcher.md.
 */
import { buildConceptTable, extractConcepts, type ConceptHit } from './concept-table.js';
import { encode, FORMAT } from './features.js';
import { STANCE_RULES, stanceOf } from './stance.js';
import { LANGUAGE_RULES, languagesOf } from './languages.js';
import { AUDIENCE_RULES, audienceOf } from './audience.js';
import { SENSE_RULES, sensesOf, shippedSenseTable } from './senses.js';
import { InMemoryIndex, type Scored, type SearchOptions } from './in-memory-index.js';
import { useLiteEmbedder, type Embedder } from './sentence-encoder.js';
import { modelText, type ModelInput } from './encoder-input.js';
import { MODELLESS, WITH_MODEL, WITHOUT_HUB } from './score-params.js';
import { buildPlaceTable, extractPlaces } from './place-table.js';
import { score, type ScoreParams, type Tables } from './score.js';
import { decode } from './features.js';
import { allStems, contentStems, hash32, isGeneric } from './normalise.js';
import { SYMPTOMS } from '../data/symptoms.js';
import { TAXONOMY } from '../data/taxonomy.js';
import { PLACES } from '../data/places.js';
import { ABBREVIATIONS } from '../data/abbreviations.js';
import { applyAdapter, decodeAdapter, type Adapter } from './adapter.js';
import { ADAPTER_WEIGHTS } from '../generated/adapter-weights.generated.js';
import { HUB_K, hubsOf, rowsFromBase64, type HubReference } from './hubness.js';
import { HUB_REFERENCE } from '../generated/hub-reference.generated.js';
import {
  loadWordTable,
  sentenceVector,
  WORD_DIM,
  WORD_VECTORS_NAME,
  type WordTable,
} from './word-vectors.js';

export interface MatchText {
  id: string;
  text: string;
}
export type { Scored, SearchOptions, Embedder };
/** Serialisable per-text representation; stored by the app in the database (as bytes), keyed by item. */
export type Features = Uint8Array;

export interface Matcher {
  /** Changes whenever the meaning of Features changes; stored features with another version are recomputed. */
  readonly version: string;
  /** Encode texts (needs and offers alike). Lazily loads the model on first non-empty call. */
  featurize(texts: readonly string[]): Promise<Features[]>;
  /** A fresh, empty in-memory index over one side (the items searched). */
  createIndex(): MatchIndex;
}

export interface MatchIndex {
  upsert(id: string, features: Features): void;
  remove(id: string): void;
  readonly size: number;
  /** Rank indexed items for a need's features (index of offers) or an offer's (index of needs): score(need, offer) either way. */
  search(query: Features, opts: SearchOptions): Scored[];
}

export interface MatcherOptions {
  /** No sentence encoder: concept layer and word overlap only (fast, for tests). */
  modelless?: boolean;
  /** Another encoder in place of USE lite (tests, experiments). */
  embedder?: Embedder;
  /** What the encoder sees (experiments; the default is the chosen method). */
  modelInput?: ModelInput;
  /** The learned map applied to embeddings before storing them; null = none (experiments). */
  adapter?: Adapter | null;
  /** The word-vector view; null = the sentence encoder alone (experiments). Loaded when first needed. */
  wordVectors?: (() => WordTable) | null;
  /**
   * The reference of the hubness correction. Default: the shipped one when it was computed with
   * this matcher's embedding pipeline (otherwise none); null = none (experiments).
   */
  hubReference?: HubReference | null;
}

/**
 * Weight of the word-vector view against the sentence encoder. Both are unit vectors stored side
 * by side as [encoder ; √w · words] / √(1 + w), so one cosine gives (cos_encoder + w·cos_words) / (1 + w).
 * Chosen on tuning half A of the development needs (decision record, fourth round).
 */
export const WORD_WEIGHT = 0.3;

let shippedAdapter: Adapter | undefined;
/** The adapter shipped in `generated/adapter-weights.generated.ts` (trained on synthetic pairs only, see the decision record). */
export function defaultAdapter(): Adapter {
  return (shippedAdapter ??= decodeAdapter(ADAPTER_WEIGHTS));
}

/**
 * The lowest score a *possible* match may have: the calibration puts 0.2 where only about 2% of
 * unrelated pairs reach (decision record), so a candidate above it still says something. The
 * threshold of a shown match is not the matcher's: it is the `matchThreshold` setting, which
 * callers pass in.
 */
export const POSSIBLE_FLOOR = 0.2;
/** At most this many possible matches are offered below the threshold. */
export const POSSIBLE_MAX = 2;

/** A ranking split the way the display shows it. */
export interface MatchResult {
  /** Candidates at or above the threshold, best first: shown as matches. */
  matches: Scored[];
  /** The best one or two candidates below the threshold and at or above POSSIBLE_FLOOR: shown as possible, marked so. */
  possible: Scored[];
}

/** Splits a ranking (best first, as `search` returns it) into matches and possible matches. */
export function splitMatches(ranked: readonly Scored[], threshold: number): MatchResult {
  const matches = ranked.filter((r) => r.score >= threshold);
  const possible = ranked
    .filter((r) => r.score < threshold && r.score >= POSSIBLE_FLOOR)
    .slice(0, POSSIBLE_MAX);
  return { matches, possible };
}

let shippedReference: Promise<HubReference> | undefined;
/** The shipped reference (written by `npm run generate`, tools/generate/hub-reference.ts), loaded on first use. */
function loadShippedReference(): Promise<HubReference> {
  shippedReference ??= import('../generated/hub-reference-data.generated.js')
    .then((d) => ({
      ...HUB_REFERENCE,
      needs: rowsFromBase64(HUB_REFERENCE.needs, d.NEEDS),
      offers: rowsFromBase64(HUB_REFERENCE.offers, d.OFFERS),
    }))
    .catch((e: unknown) => {
      shippedReference = undefined; // a later call may try again
      throw e;
    });
  return shippedReference;
}

/** A note the encoder can read: one letter or digit, in any script. */
const HAS_WORD = /[\p{L}\p{N}]/u;

class TendMatcher implements Matcher {
  readonly version: string;
  /**
   * What the embedding vectors mean: the taxonomy and abbreviations (they shape the encoder's
   * input), the encoder, its input mode, the adapter and the word view; '' without a model.
   */
  readonly embedding: string;
  /** With a model, the weights fitted with the hubness correction, or without it when none applies. */
  readonly params: ScoreParams;
  private readonly hubReference: (() => Promise<HubReference>) | null;
  constructor(
    readonly tables: Tables,
    private readonly embedder: Embedder | null,
    private readonly modelInput: ModelInput,
    private readonly adapter: Adapter | null,
    private readonly wordVectors: (() => WordTable) | null,
    hubReference: HubReference | null | undefined,
  ) {
    const words = wordVectors ? `/${WORD_VECTORS_NAME}x${WORD_WEIGHT}` : '';
    const text = `t${hash32(TAXONOMY + SYMPTOMS + PLACES + JSON.stringify(ABBREVIATIONS)).toString(36)}`;
    this.embedding = embedder
      ? `${text}/${embedder.name}/${modelInput}${adapter ? `/${adapter.name}` : ''}${words}`
      : '';
    let hub = '';
    this.hubReference = null;
    if (embedder && hubReference) {
      if (hubReference.embedding !== this.embedding)
        throw new Error(
          `hub reference ${hubReference.name} was computed for ${hubReference.embedding}, not ${this.embedding}`,
        );
      this.hubReference = () => Promise.resolve(hubReference);
      hub = `/hub${HUB_K}-${hubReference.name}`;
    } else if (embedder && hubReference === undefined && HUB_REFERENCE.embedding === this.embedding) {
      this.hubReference = loadShippedReference;
      hub = `/hub${HUB_K}-${HUB_REFERENCE.name}`;
    }
    // The sides of an exchange, the audience, the senses and the languages are stored with each note but do not change its
    // embedding: their rules are part of the version (stored notes are read again when they
    // change), not of the embedding's name that the hub reference is computed for.
    const sides = `s${hash32(STANCE_RULES + AUDIENCE_RULES + SENSE_RULES + LANGUAGE_RULES + HAS_WORD.source).toString(36)}`;
    this.version = `tend-match/f${FORMAT}/${sides}/${embedder ? `${this.embedding}${hub}` : `${text}/none`}`;
    this.params = !embedder ? MODELLESS : this.hubReference ? WITH_MODEL : WITHOUT_HUB;
  }

  /** The unit embedding vectors of texts as they are stored (before int8), or null without a model. */
  async vectors(
    texts: readonly string[],
    concepts?: readonly (readonly ConceptHit[])[],
  ): Promise<(Float32Array | null)[] | null> {
    if (!this.embedder) return null;
    const found = concepts ?? texts.map((t) => extractConcepts(this.tables.concepts, allStems(t)));
    const embeddings = await this.embedder.embed(
      texts.map((t, i) => modelText(this.tables.concepts.glosses, t, found[i] ?? [], this.modelInput)),
    );
    const adapter = this.adapter;
    const table = this.wordVectors ? this.wordVectors() : null;
    return texts.map((t, i) => {
      const e = embeddings[i];
      if (!e || e.length === 0) return null; // the encoder gave nothing: stored without an embedding
      // A note with no letter and no digit ("🚀🚀", "...") says nothing the encoder reads: every such
      // note gets the encoder's unknown-word vector, alike to each other and to a one-word note.
      if (!HAS_WORD.test(t)) return null;
      const words = table ? sentenceVector(table, t) : null;
      return unit(joinViews(adapter ? applyAdapter(adapter, e) : e, words));
    });
  }

  async featurize(texts: readonly string[]): Promise<Features[]> {
    if (texts.length === 0) return [];
    const parsed = texts.map((text) => {
      const stems = allStems(text);
      return {
        text,
        stems: contentStems(text)
          .filter((s) => !isGeneric(s))
          .map(hash32),
        concepts: extractConcepts(this.tables.concepts, stems),
        places: extractPlaces(this.tables.places, stems),
        stance: stanceOf(text),
        audience: audienceOf(text),
        languages: languagesOf(text),
        senses: sensesOf(shippedSenseTable(), text),
      };
    });
    const vectors = await this.vectors(
      texts,
      parsed.map((p) => p.concepts),
    );
    const reference = vectors && this.hubReference ? await this.hubReference() : null;
    return parsed.map((p, i) => {
      const v = vectors?.[i] ?? null;
      return encode({ ...p, embedding: v, hubs: v && reference ? hubsOf(reference, v) : null });
    });
  }

  createIndex(): MatchIndex {
    return new InMemoryIndex(this.tables, this.params);
  }
}

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  return v.map((x) => x * inv);
}

/** [unit(sentence) ; √WORD_WEIGHT · words]: the word part is zero when the note has no known word. */
function joinViews(sentence: Float32Array, words: Float32Array | null): Float32Array {
  const out = new Float32Array(sentence.length + WORD_DIM);
  let n = 0;
  for (const x of sentence) n += x * x;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  sentence.forEach((x, i) => (out[i] = x * inv));
  if (words) {
    const w = Math.sqrt(WORD_WEIGHT);
    words.forEach((x, i) => (out[sentence.length + i] = x * w));
  }
  return out;
}

export function createMatcher(opts: MatcherOptions = {}): Matcher {
  const tables: Tables = { concepts: buildConceptTable(), places: buildPlaceTable() };
  const embedder = opts.modelless ? null : (opts.embedder ?? useLiteEmbedder());
  return new TendMatcher(
    tables,
    embedder,
    opts.modelInput ?? 'gloss-abbr',
    embedder && opts.adapter !== null ? (opts.adapter ?? defaultAdapter()) : null,
    embedder && opts.wordVectors !== null ? (opts.wordVectors ?? loadWordTable) : null,
    opts.hubReference,
  );
}

/** The unit embedding vectors a matcher stores for texts (the hub reference is built from these). */
export function embeddingVectors(
  m: Matcher,
  texts: readonly string[],
): Promise<(Float32Array | null)[] | null> {
  if (!(m instanceof TendMatcher))
    throw new TypeError('embeddingVectors needs a matcher made by createMatcher');
  return m.vectors(texts);
}

/** What a matcher's embedding vectors mean ('' without a model): a hub reference must match it. */
export function embeddingName(m: Matcher): string {
  if (!(m instanceof TendMatcher)) throw new TypeError('embeddingName needs a matcher made by createMatcher');
  return m.embedding;
}

/** The concept and place tables and the score's weights of a matcher (its evaluation reads them). */
export function scoringOf(m: Matcher): { tables: Tables; params: ScoreParams } {
  if (!(m instanceof TendMatcher)) throw new TypeError('scoringOf needs a matcher made by createMatcher');
  return { tables: m.tables, params: m.params };
}

/** Pure pair score, the same number the index gives. */
export function scorePair(m: Matcher, need: Features, offer: Features): number {
  if (!(m instanceof TendMatcher)) throw new TypeError('scorePair needs a matcher made by createMatcher');
  return score(m.tables, m.params, decode(need), decode(offer));
}

export interface RankOptions {
  /** The `matchThreshold` setting: with it, each result lists its possible matches below it. */
  threshold?: number;
  onProgress?: (done: number, total: number) => void;
}

/** One need's ranking: its top k offers, and (given a threshold) the possible ones among them. */
export interface RankedNeed {
  need: string;
  offers: Scored[];
  /** `splitMatches(offers, threshold).possible`; empty without a threshold. */
  possible: Scored[];
}

/** Features of many texts, in steps of 64, so that a long evaluation can show how far it has gone. */
export async function featurizeAll(
  m: Matcher,
  texts: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<Features[]> {
  const features: Features[] = [];
  for (let at = 0; at < texts.length; at += 64) {
    onProgress?.(at, texts.length);
    features.push(...(await m.featurize(texts.slice(at, at + 64))));
  }
  onProgress?.(texts.length, texts.length);
  return features;
}

/** The match-eval use: rank all offers for each need, top k, through featurize + index + search. */
export async function rankAll(
  m: Matcher,
  needs: MatchText[],
  offers: MatchText[],
  k: number,
  opts: RankOptions = {},
): Promise<RankedNeed[]> {
  const { onProgress, threshold } = opts;
  const texts = [...needs, ...offers].map((t) => t.text);
  if (texts.length === 0) return [];
  const features = await featurizeAll(m, texts, onProgress);
  const nf = features.slice(0, needs.length);
  const of = features.slice(needs.length);
  const index = m.createIndex();
  offers.forEach((o, i) => {
    const f = of[i];
    if (f) index.upsert(o.id, f);
  });
  return needs.map((n, i) => {
    const f = nf[i];
    const ranked = f ? index.search(f, { k, queryIs: 'need' }) : [];
    return {
      need: n.id,
      offers: ranked,
      possible: threshold === undefined ? [] : splitMatches(ranked, threshold).possible,
    };
  });
}
