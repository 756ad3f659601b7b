/**
 * Writes the hubness correction's reference (src/matching/generated/hub-reference.generated.ts and
 * hub-reference-data.generated.ts): the embedding vectors of synthetic needs and offers made from
 * the taxonomy's kinds of help and the hand-written prototypes (inputs/synthetic-pairs.ts,
 * inputs/prototypes.ts) — never from evaluation data. Rerun (`npm run generate`) whenever the
 * embedding pipeline changes: the matcher stops using a stale reference, since its embedding name
 * no longer matches. Runs the sentence encoder over ~2,400 texts (~25 s).
 */
import { createMatcher, embeddingName, embeddingVectors } from '../../src/matching/engine/matcher.js';
import { rowsToBase64, toRows } from '../../src/matching/engine/hubness.js';
import { hash32 } from '../../src/matching/engine/normalise.js';
import { cachedEmbedder } from './embedding-cache.js';
import { parsePrototypes } from './inputs/prototypes.js';
import { synthesize } from './inputs/synthetic-pairs.js';
import { header, inputsHash, type GeneratedFile } from './output.js';

/** Sixteen template sentences per kind of help and side, plus the prototypes (fifth round). */
export function referenceTexts(): { needs: string[]; offers: string[] } {
  const synth = synthesize(7, 16);
  const protos = parsePrototypes();
  const uniq = (xs: string[]): string[] => [...new Set(xs)];
  return {
    needs: uniq([...protos.flatMap((p) => p.needs), ...synth.needs.map((s) => s.text)]),
    offers: uniq([...protos.flatMap((p) => p.offers), ...synth.offers.map((s) => s.text)]),
  };
}

/** Everything the reference depends on: its texts and what the embedding vectors mean. */
export function hubReferenceInputs(): string {
  const embedding = embeddingName(createMatcher({ hubReference: null }));
  return inputsHash({ embedding, ...referenceTexts() });
}

export async function generateHubReference(): Promise<GeneratedFile[]> {
  const m = createMatcher({ embedder: cachedEmbedder(), hubReference: null });
  const { needs, offers } = referenceTexts();
  const nv = await embeddingVectors(m, needs);
  const ov = await embeddingVectors(m, offers);
  if (!nv || !ov) throw new Error('the matcher has no model');
  const all = (vs: (Float32Array | null)[]): Float32Array[] =>
    vs.map((v, i) => {
      if (!v) throw new Error(`the encoder gave nothing for reference text ${i}`);
      return v;
    });
  const n64 = rowsToBase64(toRows(all(nv)));
  const o64 = rowsToBase64(toRows(all(ov)));
  const name = `r${needs.length}-${offers.length}-${hash32(n64 + o64).toString(36)}`;
  const inputs = hubReferenceInputs();
  const by = 'tools/generate/hub-reference.ts';
  return [
    {
      name: 'hub-reference.generated.ts',
      text:
        header(by, 'with the vectors in hub-reference-data.generated.ts, loaded on first use', inputs) +
        `export const HUB_REFERENCE = {\n  name: '${name}',\n  embedding: '${embeddingName(m)}',\n  needs: ${needs.length},\n  offers: ${offers.length},\n};\n`,
    },
    {
      name: 'hub-reference-data.generated.ts',
      text:
        header(by, 'as base64 of f32 scales then int8 rows', inputs) +
        `export const NEEDS =\n  '${n64}';\nexport const OFFERS =\n  '${o64}';\n`,
    },
  ];
}
