import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

/** Every file under `dir`, as paths relative to it with forward slashes. */
function walk(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/**
 * Builds the service worker (web/sw/sw.ts) into `<outDir>/sw.js` after Vite has written the app,
 * with the precache list injected: every file of the build, hashed assets by name alone (their
 * name changes with their content), the others (index.html, the manifest, the icons) with a
 * hash of their content as revision, so a new build replaces exactly what changed. This is
 * workbox's "inject manifest" done in a few lines: workbox-build would bring Babel and Rollup 2
 * into the install for the same list (docs/decisions/0017-offline-pwa.md).
 */
export function serviceWorker(buildId: string): Plugin {
  let outDir = '';
  return {
    name: 'tend-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const entries = walk(outDir)
        .filter((f) => f !== 'sw.js' && !f.startsWith('.') && !f.endsWith('.map'))
        .sort()
        .map((f) => ({
          url: `/${f}`,
          revision: f.startsWith('assets/')
            ? null
            : createHash('sha256')
                .update(fs.readFileSync(path.join(outDir, f)))
                .digest('hex')
                .slice(0, 16),
        }));
      await build({
        entryPoints: [path.join(import.meta.dirname, 'sw', 'sw.ts')],
        outfile: path.join(outDir, 'sw.js'),
        bundle: true,
        minify: true,
        format: 'iife',
        target: 'es2022',
        legalComments: 'none',
        define: {
          __PRECACHE__: JSON.stringify(entries),
          __TEND_BUILD__: JSON.stringify(buildId),
          'process.env.NODE_ENV': '"production"',
        },
        logLevel: 'warning',
      });
    },
  };
}
