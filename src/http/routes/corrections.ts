import { z } from 'zod';
import {
  editInteraction,
  removeRecord,
  restoreRecord,
  type InteractionPatch,
  type RecordKind,
} from '../../app/corrections.js';
import { channel, dateText, kind, nature, text } from '../../app/validate.js';
import { limits } from '../../core/text.js';
import { failures, idParam } from './schemas.js';
import type { RouteModule } from './types.js';

const correction = z.object({
  kind: z.enum(['interaction', 'item', 'promise', 'event']),
  id: z.number(),
  done: z.enum(['removed', 'restored', 'edited', 'unedited']),
  personIds: z.array(z.number()),
});

const interactionPatch = z
  .object({
    date: dateText.optional(),
    channel: channel.optional(),
    nature: nature.optional(),
    kind: kind.nullable().optional().describe('a kind of give or ask; null clears it'),
    note: z
      .union([z.null(), z.literal(''), text(limits.text)])
      .optional()
      .describe('null or "" clears it'),
  })
  .refine(
    (b) => [b.date, b.channel, b.nature, b.kind, b.note].some((v) => v !== undefined),
    'give at least one field to correct',
  );

const paths: [RecordKind, string][] = [
  ['interaction', 'interactions'],
  ['item', 'items'],
  ['promise', 'promises'],
  ['event', 'events'],
];

/**
 * Removing, restoring and correcting what was added (docs/decisions/0014-edit-and-undo.md):
 * `DELETE /api/<kind>s/:id` is a soft delete that `POST /api/<kind>s/:id/restore` takes back.
 */
export const correctionRoutes: RouteModule = (app, { ctx }) => {
  for (const [kind, path] of paths) {
    app.delete(
      `/${path}/:id`,
      {
        schema: {
          tags: ['corrections'],
          summary: `remove a ${kind === 'item' ? 'need, offer or goal' : kind} (restorable: POST …/restore)`,
          params: idParam,
          response: { 200: correction },
          errors: failures(400, 404),
        },
      },
      async (req) => removeRecord(await ctx(), kind, req.params.id),
    );
    app.post(
      `/${path}/:id/restore`,
      {
        schema: {
          tags: ['corrections'],
          summary: `bring back a removed ${kind === 'item' ? 'need, offer or goal' : kind}`,
          params: idParam,
          body: z.object({}).describe('{}: the id says what to restore'),
          response: { 200: correction },
          errors: failures(400, 404),
        },
      },
      async (req) => restoreRecord(await ctx(), kind, req.params.id),
    );
  }

  app.patch(
    '/interactions/:id',
    {
      schema: {
        tags: ['corrections'],
        summary: 'correct an interaction: its date, channel, nature, kind or note',
        params: idParam,
        body: interactionPatch,
        response: { 200: correction },
        errors: failures(400, 404),
      },
    },
    async (req) => {
      const { note, ...rest } = req.body;
      const patch = { ...rest, ...(note !== undefined ? { note: note === '' ? null : note } : {}) };
      return editInteraction(await ctx(), req.params.id, patch as InteractionPatch);
    },
  );
};
