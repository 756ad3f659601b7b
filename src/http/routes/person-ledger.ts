import { z } from 'zod';
import { addItem } from '../../app/items.js';
import { ask, give, logInteraction } from '../../app/interactions.js';
import { editPromise } from '../../app/corrections.js';
import { closePromise, listPromises, makePromise } from '../../app/promises.js';
import { limits } from '../../core/text.js';
import { askInput, dateText, giveInput, itemText, logInput, promiseInput, text } from '../../app/validate.js';
import { boolQuery, failures, idParam, personParam } from './schemas.js';
import type { RouteModule } from './types.js';

/**
 * One interaction with the person in the path. `give` and `ask` are the CLI's `give` and `ask`
 * (the ask guard refuses with 409 and the suggested gives, unless `anyway`); `log` is `tend log`.
 */
const interactionBody = z.discriminatedUnion('action', [
  giveInput.omit({ person: true }).extend({
    action: z.literal('give'),
    once: z
      .boolean()
      .optional()
      .describe('true: the same give to this person today is not logged twice (answered 200, unchanged)'),
  }),
  askInput.omit({ person: true }).extend({ action: z.literal('ask') }),
  logInput.omit({ people: true }).extend({ action: z.literal('log') }),
]);

/** `/api/people/:id/…` and `/api/promises`: the ledger of one person (`tend need|offer|log|give|ask|promise|done`). */
export const personLedgerRoutes: RouteModule = (app, { ctx }) => {
  for (const side of ['need', 'offer'] as const)
    app.post(
      `/people/:id/${side}s`,
      {
        schema: {
          tags: ['people'],
          summary: `note one of their ${side}s`,
          params: personParam,
          body: z.object({ text: itemText }),
          errors: failures(400, 404),
        },
      },
      async (req, reply) => {
        const item = await addItem(await ctx(), { person: req.params.id, side, text: req.body.text });
        return reply.code(201).send({ item });
      },
    );

  app.post(
    '/people/:id/interactions',
    {
      schema: {
        tags: ['people'],
        summary:
          'log a give, an ask (refused with 409 if you never gave to them, unless anyway) or any interaction',
        params: personParam,
        body: interactionBody,
        errors: failures(400, 404, 409),
      },
    },
    async (req, reply) => {
      const c = await ctx();
      const person = req.params.id;
      const b = req.body;
      if (b.action === 'give') {
        const { once, ...input } = b;
        const res = await give(c, { ...input, person }, { once: once === true });
        return reply.code(res.unchanged ? 200 : 201).send(res);
      }
      const res =
        b.action === 'ask'
          ? await ask(c, { ...b, person })
          : await logInteraction(c, { ...b, people: [person] });
      return reply.code(201).send(res);
    },
  );

  app.post(
    '/people/:id/promises',
    {
      schema: {
        tags: ['promises'],
        summary: 'note something you said you would do for them, with a due date',
        params: personParam,
        body: promiseInput.omit({ person: true }).extend({ due: dateText }),
        errors: failures(400, 404),
      },
    },
    async (req, reply) => {
      const promise = await makePromise(await ctx(), { ...req.body, person: req.params.id });
      return reply.code(201).send({ promise });
    },
  );

  app.get(
    '/promises',
    {
      schema: {
        tags: ['promises'],
        summary: 'open promises (all with all=true)',
        querystring: z.object({ all: boolQuery.optional() }),
        errors: failures(400),
      },
    },
    async (req) => ({ promises: await listPromises(await ctx(), { all: req.query.all ?? false }) }),
  );

  app.patch(
    '/promises/:id',
    {
      schema: {
        tags: ['promises'],
        summary: 'close an open promise as kept or broken, or correct its text or due date',
        params: idParam,
        body: z
          .object({
            status: z.enum(['kept', 'broken']).optional(),
            text: text(limits.text).optional(),
            due: dateText.optional(),
          })
          .refine((b) => b.status !== undefined || b.text !== undefined || b.due !== undefined, {
            message: 'give status, text or due',
          }),
        errors: failures(400, 404, 409),
      },
    },
    async (req) => {
      const c = await ctx();
      const { status, ...patch } = req.body;
      if (patch.text !== undefined || patch.due !== undefined) await editPromise(c, req.params.id, patch);
      if (status !== undefined) return { promise: await closePromise(c, req.params.id, status) };
      return { promise: (await listPromises(c, { all: true })).find((p) => p.id === req.params.id) };
    },
  );
};
