import { z } from 'zod';

declare module 'fastify' {
  interface FastifySchema {
    /** Error statuses a route can answer with, documented with the error shape in OpenAPI. */
    errors?: readonly ErrorStatus[];
  }
}

export type ErrorStatus = 400 | 404 | 409 | 413;

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
