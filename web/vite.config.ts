import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { serviceWorker } from './pwa-build.js';

// The web app talks to the API only; in development `vite` proxies /api to a running `tend serve`.
// TEND_BUILD_ID names the build (shown at the foot of every page; the default is the package's
// version): a new id is a new app for the service worker.
const pkg = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
  version: string;
};

const buildId = process.env.TEND_BUILD_ID ?? pkg.version;

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), serviceWorker(buildId)],
  define: {
    __TEND_BUILD__: JSON.stringify(buildId),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:4321' } },
});
