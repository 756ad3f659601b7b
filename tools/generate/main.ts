/**
 * `npm run generate`: rebuilds every file under src/matching/generated/, in dependency order (the
 * hub reference is computed with the adapter's embeddings).
 *   npm run generate [-- --check] [-- adapter-weights|hub-reference|dots-wasm ...]
 * --check writes nothing: it regenerates in memory and exits 1 naming each file that differs.
 * Training the adapter and embedding the hub reference run the sentence encoder (a minute or more).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateAdapterWeights } from './adapter-weights.js';
import { generateDotsWasm } from './dots-wasm.js';
import { generateHubReference } from './hub-reference.js';
import { generatedDir, type GeneratedFile } from './output.js';

export const GENERATORS: Record<string, () => Promise<GeneratedFile[]>> = {
  'adapter-weights': () =>
    generateAdapterWeights((line) => {
      console.log(`  ${line}`);
    }),
  'hub-reference': generateHubReference,
  'dots-wasm': generateDotsWasm,
};

const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((a) => !a.startsWith('--'));
const unknown = only.filter((g) => !(g in GENERATORS));
if (unknown.length > 0) {
  console.error(`unknown generator ${unknown.join(', ')}; known: ${Object.keys(GENERATORS).join(', ')}`);
  process.exitCode = 2;
} else {
  const stray = readdirSync(generatedDir).filter((f) => !f.endsWith('.generated.ts'));
  if (stray.length > 0) console.warn(`not generated but in ${generatedDir}: ${stray.join(', ')}`);
  let differs = 0;
  for (const [name, generate] of Object.entries(GENERATORS)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const t = performance.now();
    console.log(`${name}…`);
    for (const f of await generate()) {
      const file = path.join(generatedDir, f.name);
      let old = '';
      try {
        old = readFileSync(file, 'utf8');
      } catch {
        // a new file
      }
      if (old === f.text) console.log(`  ${f.name}: unchanged`);
      else if (check) {
        differs++;
        console.log(`  ${f.name}: DIFFERS from what the generator produces`);
      } else {
        writeFileSync(file, f.text);
        console.log(`  ${f.name}: written`);
      }
    }
    console.log(`  ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  if (differs > 0) process.exitCode = 1;
}
