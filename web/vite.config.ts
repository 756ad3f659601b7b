import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app talks to the API only; in development `vite` proxies /api to a running `tend serve`.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:4321' } },
});
