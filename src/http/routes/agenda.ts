import { z } from 'zod';
import { match } from '../../app/match.js';
import { review } from '../../app/review.js';
import { today } from '../../app/today.js';
import { reviewSeries } from '../../app/review-series.js';
import { failures } from './schemas.js';
import type { RouteModule } from './types.js';

/** `/api/today`, `/api/review`, `/api/match`: what to do, how it went, whom I can help. */
export const agendaRoutes: RouteModule = (app, { ctx }) => {
  app.get(
    '/today',
    { schema: { tags: ['agenda'], summary: 'at most five actions for today, and shotgun signals' } },
    async () => {
      const { engineMs: _engineMs, ...t } = await today(await ctx());
      return t;
    },
  );

  app.get(
    '/review',
    {
      schema: {
        tags: ['agenda'],
        summary:
          'the review: over days or since a date (as `tend review`), or weeks=N with weekly series for charts',
        querystring: z.object({
          days: z.coerce.number().int().min(1).max(366).optional(),
          since: z.string().trim().min(1).max(100).optional(),
          weeks: z.coerce.number().int().min(1).max(52).optional(),
        }),
        errors: failures(400),
      },
    },
    async (req) => {
      const c = await ctx();
      const q = req.query;
      if (q.weeks !== undefined) return reviewSeries(c, q.weeks);
      return { review: await review(c, { days: q.days, since: q.since }) };
    },
  );

  app.get(
    '/match',
    {
      schema: {
        tags: ['agenda'],
        summary: 'gives and introductions I can make: for one person, or across focus and network',
        querystring: z.object({
          person: z.string().trim().min(1).max(200).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        errors: failures(400, 404),
      },
    },
    async (req) => ({ matches: await match(await ctx(), req.query.person, { limit: req.query.limit }) }),
  );
};
