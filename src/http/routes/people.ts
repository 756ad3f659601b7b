import { z } from 'zod';
import { addPerson, editPerson, listPeople, showPerson } from '../../app/people.js';
import { movePeople } from '../../app/people-cleanup.js';
import { personInput, personPatch } from '../../app/validate.js';
import { invalid } from '../../core/errors.js';
import { circles, sources } from '../../core/types.js';
import { boolQuery, failures, personParam } from './schemas.js';
import type { RouteModule } from './types.js';

const listQuery = z.object({
  search: z.string().max(200).optional(),
  circle: z.enum(circles).optional(),
  tag: z.string().trim().min(1).max(200).optional(),
  source: z.enum(sources).optional(),
  toolOnly: boolQuery.optional().describe('true: only tool-only people; false: only people met for real'),
  all: boolQuery.optional().describe('include archived people'),
  order: z.enum(['name', 'recent']).default('name'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const moveBody = z.object({
  circle: z.enum(circles),
  from: z.enum(circles).optional(),
  tag: z.string().trim().min(1).max(200).optional(),
  source: z.enum(sources).optional(),
  search: z.string().trim().min(1).max(200).optional(),
  toolOnly: z.boolean().optional(),
  people: z.array(z.string().trim().min(1)).max(10_000).optional(),
  dryRun: z.boolean().default(false),
});

/** A patch field that says something: not absent, not an empty list. */
/** `/api/people`: list, search, add, bulk move, one person's profile (`tend people|add|move|show|edit`). */
export const peopleRoutes: RouteModule = (app, { ctx }) => {
  app.get(
    '/people',
    {
      schema: {
        tags: ['people'],
        summary: 'people, filtered and searched (names, companies, notes, needs, offers)',
        querystring: listQuery,
        errors: failures(400),
      },
    },
    async (req) => {
      const q = req.query;
      return listPeople(
        await ctx(),
        {
          circle: q.circle,
          search: q.search,
          tag: q.tag,
          source: q.source,
          toolOnly: q.toolOnly,
          includeArchived: q.all ?? false,
        },
        { limit: q.limit, offset: q.offset, order: q.order },
      );
    },
  );

  app.post(
    '/people',
    {
      schema: {
        tags: ['people'],
        summary:
          'add a person: only a name is needed; a name you already have is refused (409 person_exists) unless new is true',
        body: personInput.extend({
          new: z
            .boolean()
            .optional()
            .describe('true: someone else with the name of a person you already have'),
        }),
        errors: failures(400, 404, 409),
      },
    },
    async (req, reply) => {
      const { new: isNew, ...input } = req.body;
      const { person, warnings } = await addPerson(await ctx(), input, { new: isNew });
      return reply.code(201).send({ person, warnings });
    },
  );

  app.post(
    '/people/move',
    {
      schema: {
        tags: ['people'],
        summary: 'move people between circles in bulk, by filter or by name (all or nothing)',
        body: moveBody,
        errors: failures(400, 404, 409),
      },
    },
    async (req) => {
      const { circle, dryRun, ...filter } = req.body;
      const res = await movePeople(await ctx(), circle, filter, dryRun);
      return { ...res, dryRun, circle };
    },
  );

  app.get(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'everything about one person: strength, ledger, needs, offers, ways to help, timeline',
        params: personParam,
        errors: failures(400, 404),
      },
    },
    async (req) => showPerson(await ctx(), req.params.id),
  );

  app.patch(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'change what you know about a person (circles change through /focus and /people/move)',
        params: personParam,
        body: personPatch,
        errors: failures(400, 404),
      },
    },
    async (req) => {
      if (Object.keys(req.body).length === 0)
        throw invalid('nothing to change: give at least one field', [{ path: 'body', message: 'empty' }]);
      return { person: await editPerson(await ctx(), req.params.id, req.body) };
    },
  );
};
