import { z } from 'zod';
import { listFocus, setFocus } from '../../app/focus.js';
import { swapFocus } from '../../app/focus.js';
import { failures, personParam } from './schemas.js';
import type { RouteModule } from './types.js';

/** `/api/focus`: the capped focus list (`tend focus [add|remove]`). */
export const focusRoutes: RouteModule = (app, { ctx }) => {
  app.get(
    '/focus',
    { schema: { tags: ['focus'], summary: 'the focus list against its cap, with fit' } },
    async () => listFocus(await ctx()),
  );

  app.post(
    '/focus',
    {
      schema: {
        tags: ['focus'],
        summary:
          'add someone to focus; refused with 409 and the weakest-fit candidates when full, unless replace names one to move out',
        body: z.object({
          person: z.string().trim().min(1, 'must not be empty').max(200),
          replace: z
            .string()
            .trim()
            .min(1)
            .max(200)
            .optional()
            .describe('a focus person to move back to the network'),
        }),
        errors: failures(400, 404, 409),
      },
    },
    async (req, reply) => {
      const c = await ctx();
      if (req.body.replace !== undefined)
        return reply.code(201).send(await swapFocus(c, req.body.person, req.body.replace));
      return reply.code(201).send({ added: await setFocus(c, req.body.person, true) });
    },
  );

  app.delete(
    '/focus/:id',
    {
      schema: {
        tags: ['focus'],
        summary: 'move someone out of focus, back to the network',
        params: personParam,
        errors: failures(400, 404),
      },
    },
    async (req) => ({ removed: await setFocus(await ctx(), req.params.id, false) }),
  );
};
