import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createFeed, feedCalendar, feedStatus, revokeFeed } from '../../app/feed.js';
import type { CtxFactory, RouteModule } from './types.js';

/** `/api/feed`: the private calendar feed's status, a new address (shown once), revocation. */
export const feedRoutes: RouteModule = (app, { ctx }) => {
  app.get('/feed', { schema: { tags: ['reminders'], summary: 'whether a calendar feed exists' } }, async () =>
    feedStatus(await ctx()),
  );
  app.post(
    '/feed',
    {
      schema: {
        tags: ['reminders'],
        summary: 'a new private calendar feed address (shown once; any earlier one stops working)',
        body: z.object({}).describe('empty: the server makes the token'),
      },
    },
    async (req) => {
      const created = await createFeed(await ctx());
      return { ...created, url: `${req.protocol}://${req.host}${created.path}` };
    },
  );
  app.delete('/feed', { schema: { tags: ['reminders'], summary: 'revoke the calendar feed' } }, async () =>
    revokeFeed(await ctx()),
  );
};

/**
 * `GET /feed/<token>.ics`, outside `/api` and its response cache: what a calendar app subscribes
 * to. A wrong, old or revoked token gets the same bare 404 as a path that never existed, with
 * nothing echoed and nothing about whether a feed exists.
 */
export function registerFeedFile(app: FastifyInstance, ctx: CtxFactory): void {
  app.get('/feed/:file', { schema: { hide: true } }, async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
    const body = token === '' ? undefined : await feedCalendar(await ctx(), token);
    if (body === undefined)
      return reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('Not found\n');
    return reply
      .code(200)
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-cache')
      .send(body);
  });
}
