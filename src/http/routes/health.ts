import { toHttpError } from '../errors.js';
import type { RouteModule } from './types.js';

/** How long the health check waits for the database before answering 503. */
export const healthTimeoutMs = 2000;

/**
 * Liveness for a load balancer: 200 `{ok: true}` when the database answers a `SELECT 1` within
 * two seconds (or the query timeout, when shorter), else 503 with the error shape naming it.
 */
export const healthRoutes: RouteModule = (app, { ctx }) => {
  app.get(
    '/health',
    { schema: { tags: ['meta'], summary: 'liveness: the server and its database answer' } },
    async (_req, reply) => {
      try {
        const c = await ctx();
        await c.store.ping(healthTimeoutMs);
        return { ok: true };
      } catch (e) {
        const { status, body } = toHttpError(e);
        return reply.code(status).send(body);
      }
    },
  );
};
