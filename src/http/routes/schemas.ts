import { z } from 'zod';
import { invalid } from '../../core/errors.js';
import type { ApiScope } from './types.js';

declare module 'fastify' {
  interface FastifySchema {
    /** Error statuses a route can answer with, documented with the error shape in OpenAPI. */
    errors?: readonly ErrorStatus[];
  }
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 501 | 502;

/** The error document, the same as the CLI prints with --json on failure. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});

/** Error responses a route can give, for the OpenAPI document. */
export const failures = (...statuses: ErrorStatus[]): readonly ErrorStatus[] => statuses;

/** A person in a path: an id or an unambiguous name, exactly as the CLI's PERSON. */
export const personParam = z.object({
  id: z.string().trim().min(1, 'must not be empty').max(200).describe('person id or unambiguous name'),
});

export const idParam = z.object({
  id: z.coerce
    .number({ error: () => 'must be a number' })
    .int()
    .positive(),
});

/** Query strings are text: a boolean is `true` or `false`. */
export const boolQuery = z
  .enum(['true', 'false'], { error: () => 'must be true or false' })
  .transform((v) => v === 'true');

/** The largest file a browser may upload (a contacts export, a calendar, a mailbox). */
export const uploadLimit = 64 * 1024 * 1024;

/**
 * Lets this route scope take raw bytes: the file is the body, exactly as the service or client
 * that exported it wrote it. Only the scopes that call it accept `application/octet-stream`.
 */
export function acceptFileBodies(app: ApiScope): void {
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: uploadLimit },
    (_req, body, done) => {
      done(null, body);
    },
  );
}

/**
 * The uploaded file of a route that called `acceptFileBodies`: its bytes, or bad input (400,
 * naming `body`) when nothing or something other than raw bytes was sent.
 */
export function requireFileBody(body: unknown): Buffer {
  if (!(body instanceof Buffer) || body.length === 0)
    throw invalid('send the file as the request body (application/octet-stream)', [
      { path: 'body', message: 'is empty' },
    ]);
  return body;
}
