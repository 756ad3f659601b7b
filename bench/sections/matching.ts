/**
 * The matcher's own figures belong to bench/matching/ (the matcher engineer's). When its
 * run.ts exports something this harness can call, this section reports it; until then it leaves
 * a note. The one-time index build of the generated network is reported either way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchContext, Section } from '../lib/harness.js';

export const section: Section = {
  name: 'matching',
  order: 40,
  async run(ctx: BenchContext) {
    const n = ctx.network;
    if (n.textsFeaturized > 0)
      ctx.record({
        name: `index build: featurize ${n.textsFeaturized} texts (one-time)`,
        unit: 'ms',
        runs: 1,
        median: n.indexBuildMs,
        note: `${n.msPerText.toFixed(1)} ms a text, ${n.featurizeProcesses} process(es)`,
      });
    else
      ctx.note(
        `index build: all ${n.textsDistinct} distinct texts came from the feature cache (matcher ${n.matcherVersion})`,
      );

    const file = path.join(ctx.root, 'bench', 'matching', 'run.ts');
    if (!fs.existsSync(file)) {
      ctx.note('bench/matching/run.ts does not exist yet');
      return;
    }
    // Only import it when it declares itself a section: today it is a script whose top level
    // runs the whole matcher bench (minutes) and prints, so importing it would run it.
    const text = fs.readFileSync(file, 'utf8');
    if (!/export\s+const\s+section\b/.test(text)) {
      ctx.note(
        'bench/matching/run.ts is a standalone script (no exported `section`); run it with `node --import tsx bench/matching/run.ts` for the matcher figures',
      );
      return;
    }
    const mod = (await import(pathToFileURL(file).href)) as { section?: Section };
    if (mod.section) await mod.section.run(ctx);
  },
};
