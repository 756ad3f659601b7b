// Builds the `tend` CLI as one ESM bundle with lazily loaded chunks (the web server, importers and
// the matcher's model load only when a command needs them), and the web app when it exists.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** `TEND_NO_MINIFY=1` keeps names readable, for a CPU profile of the built CLI (bench --cpu-prof). */
const minify = !process.env.TEND_NO_MINIFY;

/**
 * commander loads node:child_process (and with it net, dgram and streams) at start-up, for
 * subcommands that are separate executables, which Tend has none of. Every command paid for it;
 * now the module loads on first use, which never comes.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'child_process', namespace: 'lazy-builtin' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let m;\nmodule.exports = new Proxy({}, { get: (_t, k) => (m ??= require('node:${args.path}'))[k] });\n`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: {
    // What `tend` loads when the command runs in its own process (dist/tend.cjs, below, is the first stage).
    'tend-main': path.join(root, 'src/cli/main.ts'),
    'prepare-matcher': path.join(root, 'src/matching/prepare.ts'),
  },
  outdir: path.join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify,
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // Native addons and the model package (weights on disk) stay outside the bundle.
  external: [
    'better-sqlite3',
    'pg-native',
    '@node-rs/*',
    '@energetic-ai/*',
    'playwright-core',
    'vite',
    '@vitejs/*',
  ],
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __tendCreateRequire } from 'node:module';\nconst require = __tendCreateRequire(import.meta.url);",
  },
  plugins: [lazyChildProcess],
  logLevel: 'warning',
});
/**
 * `dist/tend.cjs`, the first stage (src/cli/entry.ts): one file of Node built-ins only, which
 * hands reads to the daemon and loads `tend-main.mjs` for everything else.
 */
const mainStage = {
  name: 'main-stage',
  setup(b) {
    b.onResolve({ filter: /^\.\/main\.js$/ }, () => ({ path: './tend-main.mjs', external: true }));
  },
};
// CommonJS: Node starts a CommonJS file 3–8 ms faster than an ES module, a tenth of a bare start.
await build({
  entryPoints: [path.join(root, 'src/cli/entry.ts')],
  outfile: path.join(root, 'dist/tend.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify,
  sourcemap: 'linked',
  banner: { js: '#!/usr/bin/env node' },
  define: { 'import.meta.filename': '__filename' },
  plugins: [mainStage],
  logLevel: 'warning',
});
// The build id the client and its daemon meet by (docs/decisions/0016-cli-daemon.md): a hash of
// every file of the bundle, written over a placeholder of the same length (the source map holds).
const placeholder = 'TEND_BUILD_ID_00';
const hash = crypto.createHash('sha256');
for (const f of fs.readdirSync(path.join(root, 'dist'), { recursive: true }).sort()) {
  const p = path.join(root, 'dist', f);
  if (fs.statSync(p).isFile()) hash.update(f).update(fs.readFileSync(p));
}
const buildId = hash.digest('hex').slice(0, placeholder.length);
const entryFile = path.join(root, 'dist/tend.cjs');
const entry = fs.readFileSync(entryFile, 'utf8');
if (entry.split(placeholder).length !== 3)
  throw new Error('dist/tend.cjs: the build id placeholder must appear twice');
fs.writeFileSync(entryFile, entry.replace(`"${placeholder}"`, `"${buildId}"`));
fs.chmodSync(entryFile, 0o755);
// The matcher's word-vector table, made once per install from its npm package (a few seconds).
execFileSync(process.execPath, [path.join(root, 'dist/prepare-matcher.mjs')], { stdio: 'inherit' });

if (fs.existsSync(path.join(root, 'web/vite.config.ts')) && !process.argv.includes('--cli-only')) {
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: path.join(root, 'web'),
      stdio: 'inherit',
    },
  );
}
