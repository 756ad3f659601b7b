import type { FastifyInstance, FastifyRequest } from 'fastify';
import { dayOf } from '../core/dates.js';
import type { CtxFactory } from './routes/types.js';

/**
 * A cache of finished GET responses, checked on every request against what could have changed
 * them: any write through this server (a generation counter bumped by every other method), any
 * commit by another connection to the same SQLite file (`PRAGMA data_version`, e.g. a `tend`
 * command in a terminal), and the day (strength and the agenda move with the date). A hit costs
 * one pragma; nothing is ever served that the database would not give. It holds no state that
 * cannot be rebuilt, and it is off on PostgreSQL, where several servers share one database and
 * there is no cheap cross-connection change counter.
 */
const maxEntries = 512;
const uncached = new Set(['/api/openapi.json', '/api/health', '/api/export']);

interface Entry {
  version: string;
  status: number;
  contentType: string;
  /** Encoded once: a hit sends bytes, with no re-encoding of the JSON text. */
  body: Buffer;
}

export function registerResponseCache(app: FastifyInstance, ctx: CtxFactory): void {
  const entries = new Map<string, Entry>();
  const pending = new WeakMap<FastifyRequest, { key: string; version: string }>();
  let generation = 0;

  const versionOf = async (): Promise<{ day: string; version: string } | undefined> => {
    const c = await ctx();
    const counter = c.store.changeCounter;
    if (counter === undefined) return undefined;
    return { day: dayOf(c.clock()), version: `${generation}:${counter()}` };
  };

  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (req.method !== 'GET' || !path.startsWith('/api/') || uncached.has(path)) return;
    const v = await versionOf();
    if (!v) return;
    const key = `${v.day} ${req.url}`;
    const hit = entries.get(key);
    if (hit?.version === v.version) {
      await reply
        .code(hit.status)
        .header('content-type', hit.contentType)
        .header('x-tend-cache', 'hit')
        .send(hit.body);
      return;
    }
    pending.set(req, { key, version: v.version });
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const p = pending.get(req);
    if (p && reply.statusCode === 200 && typeof payload === 'string') {
      if (entries.size >= maxEntries) entries.clear();
      entries.set(p.key, {
        version: p.version,
        status: 200,
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        body: Buffer.from(payload, 'utf8'),
      });
    }
    return payload;
  });

  app.addHook('onResponse', (req, _reply, done) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.url.startsWith('/api/')) {
      generation++;
      entries.clear();
    }
    done();
  });
}
