/**
 * Tend's matcher: ranks free-text offers for a free-text need (and back) with scores in [0,1]
 * that mean the same across needs. A hybrid of a sentence encoder (USE lite, shipped in an npm
 * package, loaded lazily), a concept layer of kinds of help, word overlap, and two judgement
 * rules (region-bound offers, incompatible kinds of help). See docs/decisions/0002-matcher.md.
 */
import { buildConceptTable, extractConcepts } from './concepts.js';
import { encode, FORMAT } from './features.js';
import { MatchIndexImpl, type Scored, type SearchOptions } from './match-index.js';
import { useLiteEmbedder, type Embedder } from './model.js';
import { modelText, type ModelInput } from './model-text.js';
import { MODELLESS, WITH_MODEL } from './params.js';
import { buildPlaceTable, extractPlaces } from './place-table.js';
import { score, type ScoreParams, type Tables } from './score.js';
import { decode } from './features.js';
import { allStems, contentStems, hash32, isGeneric } from './text.js';
import { TAXONOMY } from './taxonomy.js';
import { PLACES } from './places.js';
import { ABBREVIATIONS } from './abbreviations.js';
import { applyAdapter, decodeAdapter, type Adapter } from './adapter.js';
import { ADAPTER_WEIGHTS } from './adapter-weights.js';
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
}

/**
 * Weight of the word-vector view against the sentence encoder. Both are unit vectors stored side
 * by side as [encoder ; √w · words] / √(1 + w), so one cosine gives (cos_encoder + w·cos_words) / (1 + w).
 * Chosen on tuning half A of the development needs (decision record, fourth round).
 */
export const WORD_WEIGHT = 0.3;

let shippedAdapter: Adapter | undefined;
/** The adapter shipped in `adapter-weights.ts` (trained on synthetic pairs only, see the decision record). */
export function defaultAdapter(): Adapter {
  return (shippedAdapter ??= decodeAdapter(ADAPTER_WEIGHTS));
}

/** Threshold at or above which a score is shown as a match (see the decision record). */
export const MATCH_THRESHOLD = 0.5;

class TendMatcher implements Matcher {
  readonly version: string;
  constructor(
    readonly tables: Tables,
    readonly params: ScoreParams,
    private readonly embedder: Embedder | null,
    private readonly modelInput: ModelInput,
    private readonly adapter: Adapter | null,
    private readonly wordVectors: (() => WordTable) | null,
  ) {
    const words = wordVectors ? `/${WORD_VECTORS_NAME}x${WORD_WEIGHT}` : '';
    const model = embedder
      ? `${embedder.name}/${modelInput}${adapter ? `/${adapter.name}` : ''}${words}`
      : 'none';
    this.version = `tend-match/f${FORMAT}/t${hash32(TAXONOMY + PLACES + JSON.stringify(ABBREVIATIONS)).toString(36)}/${model}`;
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
      };
    });
    const embeddings = this.embedder
      ? await this.embedder.embed(
          parsed.map((p) => modelText(this.tables.concepts.glosses, p.text, p.concepts, this.modelInput)),
        )
      : null;
    const adapter = this.adapter;
    const table = embeddings && this.wordVectors ? this.wordVectors() : null;
    return parsed.map((p, i) => {
      const e = embeddings?.[i] ?? null;
      if (!e) return encode({ ...p, embedding: null });
      const words = table ? sentenceVector(table, p.text) : null;
      return encode({ ...p, embedding: joinViews(adapter ? applyAdapter(adapter, e) : e, words) });
    });
  }

  createIndex(): MatchIndex {
    return new MatchIndexImpl(this.tables, this.params);
  }
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
    embedder ? WITH_MODEL : MODELLESS,
    embedder,
    opts.modelInput ?? 'gloss-abbr',
    embedder && opts.adapter !== null ? (opts.adapter ?? defaultAdapter()) : null,
    embedder && opts.wordVectors !== null ? (opts.wordVectors ?? loadWordTable) : null,
  );
}

/** Pure pair score, the same number the index gives. */
export function scorePair(m: Matcher, need: Features, offer: Features): number {
  if (!(m instanceof TendMatcher)) throw new TypeError('scorePair needs a matcher made by createMatcher');
  return score(m.tables, m.params, decode(need), decode(offer));
}

/** The match-eval use: rank all offers for each need, top k, through featurize + index + search. */
export async function rankAll(
  m: Matcher,
  needs: MatchText[],
  offers: MatchText[],
  k: number,
): Promise<{ need: string; offers: Scored[] }[]> {
  const [nf, of] = await Promise.all([
    m.featurize(needs.map((n) => n.text)),
    m.featurize(offers.map((o) => o.text)),
  ]);
  const index = m.createIndex();
  offers.forEach((o, i) => {
    const f = of[i];
    if (f) index.upsert(o.id, f);
  });
  return needs.map((n, i) => {
    const f = nf[i];
    return { need: n.id, offers: f ? index.search(f, { k, queryIs: 'need' }) : [] };
  });
}
