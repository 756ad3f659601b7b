import { z } from 'zod';
import { addItem, myItems, setItemStatus, editItemText } from '../../app/items.js';
import { itemText } from '../../app/validate.js';
import { failures, idParam } from './schemas.js';
import type { RouteModule } from './types.js';

const sides = { offers: 'offer', needs: 'need', goals: 'goal' } as const;

/** `/api/me`: what I offer, need and am trying to accomplish (`tend me`). */
export const meRoutes: RouteModule = (app, { ctx }) => {
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
          })
          .refine((b) => b.text !== undefined || b.status !== undefined, 'give text or status'),
        errors: failures(400, 404),
      },
    },
    async (req) => {
      const c = await ctx();
      let item =
        req.body.text !== undefined ? await editItemText(c, req.params.id, req.body.text) : undefined;
      if (req.body.status !== undefined) item = await setItemStatus(c, req.params.id, req.body.status);
      return { item };
    },
  );
};
