import { z } from 'zod';
import { answerMatch, forgetMatch } from '../../app/feedback.js';
import { failures } from './schemas.js';
import type { RouteModule } from './types.js';

// Strict: a field the request does not take (a `verdict` sent to /confirm) is refused, not ignored.
const pair = z.strictObject({
  need: z.number().int().positive().describe('the need’s (or goal’s) item id'),
  offer: z.number().int().positive().describe('the offer’s item id'),
});

/**
 * `/api/matches/…`: the user's answer to a shown match (`tend match confirm|dismiss|forget`).
 * A dismissed pair never returns; a confirmed one is kept and marked; both teach the matcher.
 */
export const matchFeedbackRoutes: RouteModule = (app, { ctx }) => {
  app.post(
    '/matches/confirm',
    {
      schema: {
        tags: ['matches'],
        summary: 'this match would help: the pair is kept and marked confirmed, and similar pairs rise',
        body: pair,
        errors: failures(400, 404),
      },
    },
    async (req) => answerMatch(await ctx(), req.body.need, req.body.offer, 'confirmed'),
  );

  app.post(
    '/matches/dismiss',
    {
      schema: {
        tags: ['matches'],
        summary: 'this match is not relevant: the pair is never shown again, and similar pairs fall',
        body: pair,
        errors: failures(400, 404),
      },
    },
    async (req) => answerMatch(await ctx(), req.body.need, req.body.offer, 'dismissed'),
  );

  app.post(
    '/matches/forget',
    {
      schema: {
        tags: ['matches'],
        summary: 'undo a confirm or dismiss: the pair is matched as if never answered',
        body: pair,
        errors: failures(400, 404),
      },
    },
    async (req) => forgetMatch(await ctx(), req.body.need, req.body.offer),
  );
};
