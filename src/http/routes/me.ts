import { z } from 'zod';
import { addItem, myItems, setItemStatus, editItemText } from '../../app/items.js';
import { shareItem, sharedWithSchema, sharesOfItem } from '../../app/team/sharing.js';
import { itemText } from '../../app/validate.js';
import { invalid } from '../../core/errors.js';
import { failures, idParam } from './schemas.js';
import type { RouteModule } from './types.js';

const sides = { offers: 'offer', needs: 'need', goals: 'goal' } as const;

/** `/api/me`: what I offer, need and am trying to accomplish (`tend me`). */
export const meRoutes: RouteModule = (app, { ctx, team: teamMode = false }) => {
  app.get('/me', { schema: { tags: ['me'], summary: 'my offers, needs and goals' } }, async () =>
    myItems(await ctx()),
  );

  for (const [plural, side] of Object.entries(sides))
    app.post(
      `/me/${plural}`,
      {
        schema: {
          tags: ['me'],
          summary: `add one of my ${plural} (one I already have open comes back unchanged, 200)`,
          body: z.object({
            text: itemText,
            ...(side === 'need' ? { goal: z.number().int().positive().optional() } : {}),
          }),
          errors: failures(400, 404),
        },
      },
      async (req, reply) => {
        const body = req.body as { text: string; goal?: number };
        // One I already have open comes back unchanged (200), not added again (201).
        const { unchanged, ...item } = await addItem(await ctx(), { side, text: body.text, goal: body.goal });
        return reply.code(unchanged ? 200 : 201).send({ item, unchanged: unchanged === true });
      },
    );

  app.patch(
    '/items/:id',
    {
      schema: {
        tags: ['me', 'people'],
        summary: 'change a need, offer or goal: its text, or its status (met, stale, open, deleted)',
        params: idParam,
        body: z
          .object({
            text: itemText.optional(),
            status: z.enum(['open', 'met', 'stale', 'deleted']).optional(),
            sharedWith: sharedWithSchema
              .optional()
              .describe(
                'team mode: the ids of the communities this offer or need is shared with (replaces the list)',
              ),
          })
          .refine(
            (b) => b.text !== undefined || b.status !== undefined || b.sharedWith !== undefined,
            'give text or status (or sharedWith, on a team server)',
          ),
        errors: failures(400, 404),
      },
    },
    async (req) => {
      const { text, status, sharedWith } = req.body;
      if (sharedWith !== undefined && !teamMode)
        throw invalid(
          'sharedWith needs a team server (tend serve --team): there is no community to share with',
          [{ path: 'sharedWith', message: 'only in team mode' }],
        );
      const c = await ctx();
      let item = text !== undefined ? await editItemText(c, req.params.id, text) : undefined;
      if (status !== undefined) item = await setItemStatus(c, req.params.id, status);
      if (sharedWith === undefined) return { item };
      const shared = await shareItem(c, req.params.id, sharedWith);
      return { item: item ?? shared.item, sharedWith: shared.sharedWith };
    },
  );

  if (teamMode)
    app.get(
      '/items/:id/shares',
      {
        schema: {
          tags: ['me'],
          summary: 'team mode: the ids of the communities this offer or need of mine is shared with',
          params: idParam,
          errors: failures(401, 404),
        },
      },
      async (req) => sharesOfItem(await ctx(), req.params.id),
    );
};
