import { z } from 'zod';
import { introOptions, listIntros, proposeIntro, showIntro, updateIntro } from '../../app/intros.js';
import { introStates } from '../../core/types.js';
import { failures, idParam } from './schemas.js';
import type { RouteModule } from './types.js';

const person = z.string().trim().min(1, 'must not be empty').max(200);

/** `/api/intros`: double opt-in introductions (`tend intro`). */
export const introRoutes: RouteModule = (app, { ctx }) => {
  app.get(
    '/intros',
    {
      schema: {
        tags: ['intros'],
        summary: 'introductions with their state and draft messages',
        querystring: z.object({ state: z.enum(introStates).optional() }),
        errors: failures(400),
      },
    },
    async (req) => ({
      intros: await listIntros(
        await ctx(),
        req.query.state !== undefined ? { states: [req.query.state] } : {},
      ),
    }),
  );

  app.post(
    '/intros',
    {
      schema: {
        tags: ['intros'],
        summary: 'propose introducing A and B; without a need and offer the matcher finds the best pair',
        body: z.object({
          a: person,
          b: person,
          reason: z.string().max(2000).optional(),
          need: z.number().int().positive().optional(),
          offer: z.number().int().positive().optional(),
        }),
        errors: failures(400, 404),
      },
    },
    async (req, reply) => reply.code(201).send({ intro: await proposeIntro(await ctx(), req.body) }),
  );

  app.get(
    '/intros/options',
    {
      schema: {
        tags: ['intros'],
        summary: 'the open needs and offers an introduction of A and B could rest on, and the best pair',
        querystring: z.object({ a: person, b: person }),
        errors: failures(400, 404),
      },
    },
    async (req) => introOptions(await ctx(), req.query.a, req.query.b),
  );

  app.get(
    '/intros/:id',
    {
      schema: { tags: ['intros'], summary: 'one introduction', params: idParam, errors: failures(400, 404) },
    },
    async (req) => ({ intro: await showIntro(await ctx(), req.params.id) }),
  );

  app.patch(
    '/intros/:id',
    {
      schema: {
        tags: ['intros'],
        summary:
          'move an introduction on: asked_a → asked_b → made → outcome, or declined; making it logs a give to both',
        params: idParam,
        body: z.object({ to: z.enum(introStates), outcome: z.string().max(2000).optional() }),
        errors: failures(400, 404),
      },
    },
    async (req) => ({
      intro: await updateIntro(await ctx(), req.params.id, req.body.to, { outcome: req.body.outcome }),
    }),
  );
};
