import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Where the built web app is: `web/dist` of the package, found from this module whether it runs
 * from src/ (tsx) or from the bundle in dist/.
 */
export function findWebRoot(from = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'web', 'dist');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

const notBuilt = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Tend</title>
<body>
<h1>Tend</h1><p>The web app is not built yet. Run <code>npm run build</code>, then start <code>tend serve</code> again.
The API is up: <a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>`;

/**
 * Serves the web app: hashed assets cached for a year, index.html never cached, and every
 * other non-API GET answered with index.html so the app's own routes survive a reload.
 */
export async function registerWeb(
  app: FastifyInstance,
  root: string | undefined,
): Promise<(reply: FastifyReply) => FastifyReply> {
  if (root === undefined) return (reply) => reply.code(200).type('text/html; charset=utf-8').send(notBuilt);
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    index: 'index.html',
    setHeaders: (res, file) => {
      res.header(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return (reply) => reply.header('cache-control', 'no-cache').sendFile('index.html', root);
}
