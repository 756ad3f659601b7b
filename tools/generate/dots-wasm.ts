/**
 * Compiles src/matching/engine/dots.wat with wabt (a dev dependency) into the base64 module of
 * src/matching/generated/dots-wasm.generated.ts, so the product needs no toolchain at run time.
 * Fast and byte-reproducible: the test regenerates it in full.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import wabtInit from 'wabt';
import { header, repoRoot, type GeneratedFile } from './output.js';

export async function compileDots(): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const file = path.join(repoRoot, 'src/matching/engine/dots.wat');
  const mod = wabt.parseWat(file, readFileSync(file, 'utf8'), { simd: true });
  try {
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

export async function generateDotsWasm(): Promise<GeneratedFile[]> {
  const bytes = await compileDots();
  return [
    {
      name: 'dots-wasm.generated.ts',
      text:
        header('tools/generate/dots-wasm.ts', 'from src/matching/engine/dots.wat') +
        `export const DOTS_WASM =\n  '${Buffer.from(bytes).toString('base64')}';\n`,
    },
  ];
}
