import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parse } from '../app/validate.js';
import { DomainError, invalid, type Problem } from '../core/errors.js';
import { registerResponseCache } from './cache.js';
import { bodyLimit, errorBody, toHttpError } from './errors.js';
import { apiRoutes } from './routes/index.js';
import { errorSchema } from './routes/schemas.js';
import type { CtxFactory, RouteModule } from './routes/types.js';
import { findWebRoot, registerWeb } from './static.js';

export type { CtxFactory, RouteModule } from './routes/types.js';

export interface ServerOptions {
  /** The built web app; found next to the package when omitted; `null` serves no web app. */
  webRoot?: string | null;
  /**
   * Host names the server answers to. Bound to loopback, only loopback names are accepted, so a
   * web page elsewhere cannot reach the API through DNS rebinding. `'any'` when bound wider.
   */
  allowedHosts?: readonly string[] | 'any';
  /** Extra resources (import, export, intros) registered like the built-in ones. */
  routes?: readonly RouteModule[];
  /** Where unexpected failures are reported (their details never reach the client). */
  log?: (message: string) => void;
}

const errorJson = z.toJSONSchema(errorSchema, { target: 'draft-2020-12' });
const statusText: Record<number, string> = {
  400: 'bad input: nothing was written',
  404: 'no such person, item, promise or event',
  409: 'refused by a give-first rule (ask guard, focus cap) or in conflict with the current state',
  413: 'the body is larger than 1 MB',
};

/** The zod transform, plus every route's declared `errors` as responses with the error shape. */
const documentErrors: typeof jsonSchemaTransform = (doc) => {
  const errors = doc.schema.errors;
  const out = jsonSchemaTransform({ ...doc, schema: { ...doc.schema, errors: undefined } });
  if (!errors) return out;
  const response: Record<string, unknown> = {
    200: { description: 'done', type: 'object' },
    ...(out.schema.response as Record<string, unknown> | undefined),
  };
  for (const status of [...errors, ...(out.schema.body ? [413] : [])])
    response[status] = { ...errorJson, description: statusText[status] ?? 'error' };
  const { errors: _errors, ...rest } = out.schema as Record<string, unknown>;
  return { ...out, schema: { ...rest, response } };
};

/**
 * zod's generic "Invalid input: expected string, received undefined" in words a person reads:
 * a JSON body can miss a field or carry the wrong type, which a command line cannot.
 */
function plainer(e: DomainError): DomainError {
  const problems = (e.details.problems ?? []) as Problem[];
  if (problems.length === 0) return e;
  const plain = problems.map((p) => {
    const m = /^Invalid input: expected (\w+), received (\w+)$/.exec(p.message);
    if (!m) return p;
    return {
      path: p.path,
      message: m[2] === 'undefined' ? 'is required' : `must be a ${m[1] ?? ''}, not ${m[2] ?? ''}`,
    };
  });
  return new DomainError(e.code, plain.map((p) => `${p.path} ${p.message}`).join('; '), {
    ...e.details,
    problems: plain,
  });
}

/** Whether an Origin names this host (default ports compare equal); an unparsable one is foreign. */
function sameHost(origin: string, host: string): boolean {
  try {
    const o = new URL(origin);
    return o.host === new URL(`${o.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

export const loopbackHosts = ['localhost', '127.0.0.1', '[::1]', '::1'] as const;

const hostName = (host: string): string =>
  host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');

/**
 * The HTTP API over the same use cases as the CLI, and the web app. Validation at the boundary
 * uses the shared zod schemas through `parse`, so a bad body gets the CLI's message and error
 * shape; statuses come from the one map in errors.ts.
 */
export async function buildServer(ctx: CtxFactory, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit, logger: false, return503OnClosing: true, forceCloseConnections: true });
  const log = opts.log ?? (() => undefined);

  app.setValidatorCompiler<z.ZodType>(({ schema, httpPart }) => (data) => {
    const part = httpPart ?? 'input';
    try {
      if (part === 'body' && (data === null || data === undefined))
        throw invalid('the request body is missing: send a JSON object', [
          { path: 'body', message: 'is required' },
        ]);
      return { value: parse(schema, data, part) };
    } catch (e) {
      return { error: e instanceof DomainError ? plainer(e) : (e as Error) };
    }
  });
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toHttpError(err);
    if (status >= 500)
      log(`${req.method} ${req.url}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return reply.code(status).send(body);
  });

  const allowed = opts.allowedHosts ?? loopbackHosts;
  app.addHook('onRequest', async (req, reply) => {
    const host = req.headers.host ?? '';
    if (allowed !== 'any' && !allowed.includes(hostName(host)))
      return reply
        .code(403)
        .send(errorBody('forbidden_origin', `this server answers to ${allowed.join(', ')} only`));
    const origin = req.headers.origin;
    if (origin !== undefined && req.method !== 'GET' && req.method !== 'HEAD') {
      if (!sameHost(origin, host))
        return reply.code(403).send(errorBody('forbidden_origin', 'requests from other sites are refused'));
    }
    return undefined;
  });

  registerResponseCache(app, ctx);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tend API',
        version: '0.1.0',
        description:
          'Give-first networking: the same use cases as the `tend` command line. Errors are `{"error":{"code","message","details"}}`, as with `tend --json`.',
      },
      servers: [{ url: '/' }],
    },
    transform: documentErrors,
  });

  for (const routes of [...apiRoutes, ...(opts.routes ?? [])])
    await app.register(
      (scope, _o, done) => {
        routes(scope.withTypeProvider<ZodTypeProvider>(), { ctx });
        done();
      },
      { prefix: '/api' },
    );
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  const indexHtml = await registerWeb(
    app,
    opts.webRoot === null ? undefined : (opts.webRoot ?? findWebRoot()),
  );
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    if (
      url === '/api' ||
      url.startsWith('/api/') ||
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      /\.[a-z0-9]+$/i.test(url)
    )
      return reply
        .code(404)
        .send(errorBody('unknown_route', `no route ${req.method} ${url}`, { method: req.method, url }));
    return indexHtml(reply);
  });
  return app;
}
