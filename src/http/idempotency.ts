import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { claimIdempotent, finishIdempotent, releaseIdempotent } from '../app/idempotency.js';
import { errorBody, toHttpError } from './errors.js';
import type { CtxFactory } from './routes/types.js';

const writes = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** What makes two requests "the same": method, path with query, and the body's bytes. */
function fingerprint(req: FastifyRequest): string {
  const h = createHash('sha256').update(`${req.method} ${req.url}\n`);
  const b = req.body;
  if (Buffer.isBuffer(b)) h.update(b);
  else if (typeof b === 'string') h.update(b);
  else if (b !== undefined) h.update(JSON.stringify(b));
  return h.digest('base64url');
}

/**
 * `Idempotency-Key` on any write under /api: the first request with a key runs and, when it
 * succeeds (2xx), its answer is kept for a week; a replay gets that answer with `Idempotent-Replayed: true`
 * and writes nothing; the key sent with another request is 422 `idempotency_key_reused`; a
 * replay while the first still runs is 409 `idempotency_key_in_use`. Requests without the
 * header are untouched.
 */
export function registerIdempotency(app: FastifyInstance, ctx: CtxFactory): void {
  const claimed = new WeakMap<FastifyRequest, string>();

  app.addHook('preValidation', async (req, reply) => {
    const header = req.headers['idempotency-key'];
    if (header === undefined || !writes.has(req.method) || !req.url.startsWith('/api/')) return;
    const key = Array.isArray(header) ? (header[0] ?? '') : header;
    let claim;
    try {
      claim = await claimIdempotent(await ctx(), key, fingerprint(req));
    } catch (e) {
      const { status, body } = toHttpError(e);
      return reply.code(status).send(body);
    }
    switch (claim.kind) {
      case 'first':
        claimed.set(req, key);
        return;
      case 'replay':
        return reply
          .code(claim.status)
          .header('content-type', 'application/json; charset=utf-8')
          .header('idempotent-replayed', 'true')
          .send(claim.body);
      case 'mismatch':
        return reply
          .code(422)
          .send(
            errorBody(
              'idempotency_key_reused',
              `the Idempotency-Key "${key}" was first used at ${claim.firstAt} for a different request (another path or body): send a new key for a new request`,
              { key, firstAt: claim.firstAt },
            ),
          );
      case 'running':
        return reply
          .code(409)
          .header('retry-after', '1')
          .send(
            errorBody(
              'idempotency_key_in_use',
              `a request with the Idempotency-Key "${key}" is still running: retry in a moment`,
              { key },
            ),
          );
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const key = claimed.get(req);
    if (key === undefined) return payload;
    claimed.delete(req);
    const c = await ctx();
    // Only a success is kept: a refused or failed request wrote nothing, so its retry runs again
    // (a touch queued for a person captured later succeeds once the capture is in).
    if (reply.statusCode < 300 && (typeof payload === 'string' || Buffer.isBuffer(payload)))
      await finishIdempotent(c, key, reply.statusCode, payload.toString());
    else await releaseIdempotent(c, key);
    return payload;
  });
}
