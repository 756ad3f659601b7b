import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createFeed, feedCalendar, feedStatus, revokeFeed } from '../../app/feed.js';
import type { Principal } from '../../app/team/auth.js';
import { createTeamFeed, revokeTeamFeed, teamFeedCalendar, teamFeedStatus } from '../../app/team/feed.js';
import { DomainError } from '../../core/errors.js';
import type { CtxFactory, RouteModule } from './types.js';

/** The signed-in account, on a team server (the gate has answered 401 without one). */
const principal = (req: FastifyRequest): Principal => {
  if (req.principal === null) throw new DomainError('unauthenticated', 'sign in first', {});
  return req.principal;
};

/**
 * `/api/feed`: the private calendar feed's status, a new address (shown once), revocation. On a
 * team server each account has its own (src/app/team/feed.ts).
 */
export const feedRoutes: RouteModule = (app, { ctx, team = false }) => {
  app.get(
    '/feed',
    { schema: { tags: ['reminders'], summary: 'whether a calendar feed exists' } },
    async (req) => {
      const c = await ctx();
      return team ? teamFeedStatus(c.db, principal(req)) : feedStatus(c);
    },
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
      const c = await ctx();
      const created = team ? await createTeamFeed(c.db, principal(req), c.clock()) : await createFeed(c);
      return { ...created, url: `${req.protocol}://${req.host}${created.path}` };
    },
  );
  app.delete(
    '/feed',
    { schema: { tags: ['reminders'], summary: 'revoke the calendar feed' } },
    async (req) => {
      const c = await ctx();
      return team ? revokeTeamFeed(c.db, principal(req)) : revokeFeed(c);
    },
  );
};

/**
 * `GET /feed/<token>.ics`, outside `/api` and its response cache: what a calendar app subscribes
 * to. A wrong, old or revoked token gets the same bare 404 as a path that never existed, with
 * nothing echoed and nothing about whether a feed exists.
 */
export function registerFeedFile(app: FastifyInstance, ctx: CtxFactory, team = false): void {
  app.get('/feed/:file', { schema: { hide: true } }, async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
    const body =
      token === ''
        ? undefined
        : team
          ? await teamFeedCalendar(await ctx(), token)
          : await feedCalendar(await ctx(), token);
    if (body === undefined)
      return reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('Not found\n');
    return reply
      .code(200)
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-cache')
      .send(body);
  });
}
