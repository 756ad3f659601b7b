import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import type { AppContext } from '../../src/app/context.js';
import { buildServer } from '../../src/http/server.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDist = path.join(root, 'web', 'dist');
export const shots = path.join(root, 'artifacts', 'screenshots');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser suite cannot run here, or undefined when it can. */
export function skipReason(): string | undefined {
  // CI installs Chromium and builds the app: there a missing piece is a failure, never a skip.
  if (process.env.CI) return undefined;
  if (!fs.existsSync(chromiumPath)) return `no Chromium at ${chromiumPath} (apt-get install -y chromium)`;
  if (!fs.existsSync(path.join(webDist, 'index.html'))) return 'web/dist is not built (npm run build)';
  return undefined;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A real server on a free loopback port over the given database. */
export async function serve(ctx: AppContext): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildServer(() => ctx, { webRoot: webDist });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return { app, url: `http://127.0.0.1:${port}` };
}
