import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { importCalendar } from '../../app/capture-calendar.js';
import { importMail } from '../../app/capture-mail.js';
import {
  addStranger,
  ignoreStranger,
  listRuns,
  reviewStrangers,
  undoRun,
  unignoreStranger,
} from '../../app/capture-runs.js';
import { DomainError } from '../../core/errors.js';
import { channels } from '../../core/types.js';
import { acceptFileBodies, failures, idParam, requireFileBody, uploadLimit } from './schemas.js';
import type { RouteModule } from './types.js';

const email = z
  .string()
  .trim()
  .min(3, 'must be an email address')
  .max(320)
  .describe('the address as the review list shows it');

const stranger = z.object({
  email: z.string(),
  name: z.string().optional(),
  count: z.number().describe('meetings or threads with them'),
  first: z.string(),
  last: z.string(),
  channels: z.array(z.enum(channels)),
  sources: z.array(z.string()).describe('where they were met: the files or live sources read'),
  kinds: z.array(z.enum(['calendar', 'mail'])),
});

const run = z.object({
  id: z.number(),
  kind: z.enum(['calendar', 'mail']),
  source: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  counts: z.record(z.string(), z.number()),
  undoneAt: z.string().optional(),
});

const uploadQuery = z.object({
  kind: z.enum(['calendar', 'mail']).describe('calendar: an .ics export; mail: an .mbox mailbox'),
  dryRun: z.enum(['true', 'false']).default('false'),
  strict: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true: refuse the file, writing nothing, when an event or message in it cannot be read'),
  withSubjects: z.enum(['true', 'false']).default('false').describe('mail: keep subjects as titles'),
  filename: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/^[^/\\\0]+$/, 'must be a file name, not a path')
    .default('upload'),
});

/**
 * `/api/capture`: the same use cases as `tend import calendar|mail`, `tend sync list|undo` and
 * `tend capture review|add|ignore` (docs/decisions/0012-capture.md).
 */
export const captureRoutes: RouteModule = (app, { ctx }) => {
  acceptFileBodies(app);

  app.get(
    '/capture/review',
    {
      schema: {
        tags: ['capture'],
        summary: 'met in meetings or mail, not in Tend: who, how often, when, from which source',
        response: { 200: z.object({ people: z.array(stranger) }) },
      },
    },
    async () => ({ people: await reviewStrangers(await ctx()) }),
  );

  app.post(
    '/capture/review/add',
    {
      schema: {
        tags: ['capture'],
        summary: 'add someone from the review list to the pool or the network; their meetings count',
        body: z.object({
          email,
          circle: z.enum(['pool', 'network']).default('pool'),
          name: z
            .string()
            .trim()
            .min(1)
            .max(200)
            .optional()
            .describe('their name; the one the meetings gave otherwise'),
        }),
        errors: failures(400, 404, 409),
      },
    },
    async (req, reply) => {
      const res = await addStranger(await ctx(), req.body.email, {
        circle: req.body.circle,
        name: req.body.name,
      });
      return reply.code(201).send(res);
    },
  );

  app.post(
    '/capture/review/ignore',
    {
      schema: {
        tags: ['capture'],
        summary: 'never list this address again (POST …/unignore takes it back)',
        body: z.object({ email }),
        response: { 200: z.object({ email: z.string() }) },
        errors: failures(400),
      },
    },
    async (req) => ignoreStranger(await ctx(), req.body.email),
  );

  app.post(
    '/capture/review/unignore',
    {
      schema: {
        tags: ['capture'],
        summary: 'list an ignored address again, with the meetings already read',
        body: z.object({ email }),
        response: { 200: z.object({ email: z.string() }) },
        errors: failures(400, 404),
      },
    },
    async (req) => unignoreStranger(await ctx(), req.body.email),
  );

  app.get(
    '/capture/runs',
    {
      schema: {
        tags: ['capture'],
        summary: 'the capture runs, newest first: source, when, counts added/updated/removed/ignored',
        response: { 200: z.object({ runs: z.array(run) }) },
      },
    },
    async () => ({ runs: await listRuns(await ctx()) }),
  );

  app.post(
    '/capture/runs/:id/undo',
    {
      schema: {
        tags: ['capture'],
        summary: 'undo a run as a whole: its interactions go, what it changed is as it was',
        params: idParam,
        body: z.object({}).describe('{}: the id says what to undo'),
        response: { 200: z.object({ run, reverted: z.number() }) },
        errors: failures(400, 404, 409),
      },
    },
    async (req) => undoRun(await ctx(), req.params.id),
  );

  app.post(
    '/capture/import',
    {
      bodyLimit: uploadLimit,
      schema: {
        tags: ['capture'],
        summary:
          'read an .ics calendar or an .mbox mailbox sent as the raw body (application/octet-stream); dryRun shows what would be captured and writes nothing',
        querystring: uploadQuery,
        consumes: ['application/octet-stream'],
        body: z.any().describe('the file exactly as the client exported it'),
        errors: failures(400, 413),
      },
    },
    async (req, reply) => {
      const body = requireFileBody(req.body);
      const q = req.query;
      const dryRun = q.dryRun === 'true';
      // The readers stream from a file (a mailbox can be large): the upload is one, briefly.
      const dir = await mkdtemp(path.join(tmpdir(), 'tend-upload-'));
      const file = path.join(dir, q.filename);
      try {
        await writeFile(file, body);
        const c = await ctx();
        const input = { file, dryRun, strict: q.strict === 'true', source: `upload: ${q.filename}` };
        const summary =
          q.kind === 'calendar'
            ? await importCalendar(c, input)
            : await importMail(c, { ...input, withSubjects: q.withSubjects === 'true' });
        return await reply.code(dryRun ? 200 : 201).send(named(summary, file, q.filename));
      } catch (e) {
        if (e instanceof DomainError)
          throw new DomainError(
            e.code,
            named(e.message, file, q.filename),
            named(e.details, file, q.filename),
          );
        throw e;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
};

/** The temporary path never leaves the server: summaries and error messages name the upload. */
function named<T>(value: T, tmp: string, name: string): T {
  const json = JSON.stringify(value);
  return JSON.parse(json.split(JSON.stringify(tmp).slice(1, -1)).join(name)) as T;
}
