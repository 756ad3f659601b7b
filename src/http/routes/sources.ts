import { z } from 'zod';
import {
  addSource,
  listSources,
  removeSource,
  runSource,
  sourceRuns,
  undoSourceRun,
} from '../../app/live-sources.js';
import { failures } from './schemas.js';
import type { RouteModule } from './types.js';

/**
 * Live capture sources (docs/decisions/0018-live-sources.md): connect a CalDAV or IMAP source,
 * run it, see its runs, undo one. The password goes in once, in a POST body; no answer ever
 * carries it back.
 */

const sourceView = z.object({
  name: z.string(),
  kind: z.enum(['caldav', 'imap']),
  where: z.string().describe('the CalDAV URL, or imap(s)://host:port'),
  user: z.string(),
  calendars: z.array(z.string()).optional(),
  mailboxes: z.array(z.string()).optional(),
  security: z.enum(['tls', 'starttls', 'insecure-local']).optional(),
  lastRunAt: z.string().optional(),
  createdAt: z.string(),
});

const nameField = z.string().trim().min(1, 'must not be empty').max(40);
const secret = z.string().min(1, 'must not be empty').max(1000).describe('stored encrypted, never returned');

const newSource = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('caldav'),
    name: nameField,
    url: z.string().trim().min(1, 'must not be empty').max(2000),
    user: z.string().trim().min(1, 'must not be empty').max(320),
    password: secret,
    calendars: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  }),
  z.object({
    kind: z.literal('imap'),
    name: nameField,
    server: z.string().trim().min(1, 'must not be empty').max(300).describe('HOST or HOST:PORT'),
    user: z.string().trim().min(1, 'must not be empty').max(320),
    password: secret,
    mailboxes: z.array(z.string().trim().min(1).max(200)).min(1).max(50).optional(),
    security: z.enum(['tls', 'starttls', 'insecure-local']).default('tls'),
  }),
]);

const runRow = z.object({
  id: z.number(),
  kind: z.enum(['calendar', 'mail']),
  source: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  counts: z.record(z.string(), z.number()),
  undoneAt: z.string().optional(),
});

const runSummary = z.object({
  source: z.string(),
  kind: z.enum(['calendar', 'mail']),
  dryRun: z.boolean(),
  run: z.number().optional().describe('absent on a dry run or when nothing changed'),
  read: z.array(z.string()),
  fetched: z.number(),
  incremental: z.boolean(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  removed: z.number(),
  skipped: z.record(z.string(), z.number()),
  newStrangers: z.number(),
  changedNothing: z.boolean(),
  resynced: z.array(z.string()),
  problems: z.array(z.object({ line: z.number(), message: z.string() })),
});

const nameParam = z.object({ name: nameField });

export const sourceRoutes: RouteModule = (app, { ctx }) => {
  app.get(
    '/sources',
    {
      schema: {
        tags: ['sources'],
        summary: 'live calendar and mail sources (never their passwords)',
        response: { 200: z.object({ sources: z.array(sourceView) }) },
      },
    },
    async () => ({ sources: await listSources(await ctx()) }),
  );
  app.post(
    '/sources',
    {
      schema: {
        tags: ['sources'],
        summary: 'connect a CalDAV or IMAP source; the password is stored encrypted',
        body: newSource,
        response: { 201: z.object({ source: sourceView }) },
        errors: failures(400, 409),
      },
    },
    async (req, reply) => {
      const b = req.body;
      const source = await addSource(
        await ctx(),
        b.kind === 'caldav'
          ? { ...b, calendars: b.calendars ?? [] }
          : { ...b, mailboxes: b.mailboxes?.join(',') },
      );
      return reply.code(201).send({ source });
    },
  );
  app.delete(
    '/sources/:name',
    {
      schema: {
        tags: ['sources'],
        summary: 'forget a source and its password (what it captured stays)',
        params: nameParam,
        response: { 200: z.object({ removed: sourceView, runs: z.array(z.number()) }) },
        errors: failures(404),
      },
    },
    async (req) => removeSource(await ctx(), req.params.name),
  );
  app.post(
    '/sources/:name/run',
    {
      schema: {
        tags: ['sources'],
        summary: 'read a source now: its changes since the last run (dryRun: preview, write nothing)',
        params: nameParam,
        body: z.object({ dryRun: z.boolean().default(false), withSubjects: z.boolean().default(false) }),
        response: { 200: runSummary },
        errors: failures(400, 404, 502),
      },
    },
    async (req) =>
      runSource(await ctx(), req.params.name, {
        dryRun: req.body.dryRun,
        withSubjects: req.body.withSubjects,
      }),
  );
  app.get(
    '/sources/:name/runs',
    {
      schema: {
        tags: ['sources'],
        summary: "the source's runs, newest first",
        params: nameParam,
        response: { 200: z.object({ runs: z.array(runRow) }) },
        errors: failures(404),
      },
    },
    async (req) => ({ runs: await sourceRuns(await ctx(), req.params.name) }),
  );
  app.post(
    '/sources/:name/runs/:run/undo',
    {
      schema: {
        tags: ['sources'],
        summary: 'undo one run of the source; its next run reads those events or messages again',
        params: z.object({
          name: nameField,
          run: z.coerce
            .number({ error: () => 'must be a number' })
            .int()
            .positive(),
        }),
        body: z.object({}).describe('{}: the path says which run'),
        response: { 200: z.object({ run: runRow, reverted: z.number() }) },
        errors: failures(404, 409),
      },
    },
    async (req) => undoSourceRun(await ctx(), req.params.name, req.params.run),
  );
};
