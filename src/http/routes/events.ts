import { z } from 'zod';
import { addEvent, addMetAtEvent, listEvents, pickFollowUp, showEvent } from '../../app/events.js';
import { dateText } from '../../app/validate.js';
import { failures } from './schemas.js';
import type { RouteModule } from './types.js';

const eventParam = z.object({ id: z.string().trim().min(1).max(200).describe('event id or name') });

/**
 * `/api/events`: quick capture (`tend event add|met|followup|list`). The use cases validate
 * names and lines with the shared schemas; these only check shapes.
 */
export const eventRoutes: RouteModule = (app, { ctx }) => {
  app.get(
    '/events',
    { schema: { tags: ['events'], summary: 'events, newest first, with their outcome' } },
    async () => ({
      events: await listEvents(await ctx()),
    }),
  );

  app.post(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: 'add an event',
        body: z.object({ name: z.string(), date: dateText.optional(), place: z.string().optional() }),
        errors: failures(400),
      },
    },
    async (req, reply) => reply.code(201).send({ event: await addEvent(await ctx(), req.body) }),
  );

  app.get(
    '/events/:id',
    { schema: { tags: ['events'], summary: 'one event', params: eventParam, errors: failures(400, 404) } },
    async (req) => ({ event: await showEvent(await ctx(), req.params.id) }),
  );

  app.post(
    '/events/:id/met',
    {
      schema: {
        tags: ['events'],
        summary:
          'someone met there: a name and one line (person: the id of someone you have, linked; new: a new person even if the name is taken; else the one person you have by exactly this name is linked, or a new person; existing: resolve the name as a prefix)',
        params: eventParam,
        body: z.object({
          name: z.string(),
          line: z.string().optional(),
          existing: z.boolean().default(false),
          person: z.number().int().positive().optional().describe('id of a person you have: link them'),
          new: z.boolean().default(false).describe('true: a new person, even if someone has this name'),
        }),
        errors: failures(400, 404),
      },
    },
    async (req, reply) =>
      reply.code(201).send(await addMetAtEvent(await ctx(), { event: req.params.id, ...req.body })),
  );

  app.post(
    '/events/:id/followup',
    {
      schema: {
        tags: ['events'],
        summary: 'pick (or with off, un-pick) people met there for follow-up',
        params: eventParam,
        body: z.object({
          people: z.array(z.string().trim().min(1)).min(1, 'name at least one person').max(200),
          off: z.boolean().default(false),
        }),
        errors: failures(400, 404),
      },
    },
    async (req) => ({ event: await pickFollowUp(await ctx(), { event: req.params.id, ...req.body }) }),
  );
};
