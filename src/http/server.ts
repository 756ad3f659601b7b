import fastifySwagger from '@fastify/swagger';
import { sameHost } from './origin.js';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parse } from '../app/validate.js';
import { DomainError, invalid, type Problem } from '../core/errors.js';
import { echo, unicodeProblem } from '../core/text.js';
import { registerResponseCache } from './cache.js';
import { bodyLimit, errorBody, toHttpError } from './errors.js';
import { registerIdempotency } from './idempotency.js';
import { registerFeedFile } from './routes/feed.js';
import { apiRoutes } from './routes/index.js';
import { errorSchema } from './routes/schemas.js';
import type { CtxFactory, RouteModule } from './routes/types.js';
import { findWebRoot, registerWeb } from './static.js';
import { registerTeamGate } from './team/auth.js';
import { communityRoutes } from './team/communities.js';
import { passkeyRoutes } from './team/passkeys.js';
import { authRoutes } from './team/routes.js';

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
  /**
   * Names this server process in an `X-Tend-Instance` header on every response, so that behind a
   * load balancer one can tell which server answered (it holds no state, so any may).
   */
  instance?: string;
  /** Team mode (docs/decisions/0019-teams.md): many accounts, each request signed in. */
  team?: boolean;
  /** Proxies whose X-Forwarded-For/-Proto are believed (Fastify's `trustProxy`: their addresses). */
  trustProxy?: string | boolean | undefined;
  /**
   * Team mode: the origin passkeys belong to (`TEND_PASSKEY_ORIGIN`, e.g. https://tend.example.org);
   * without it, each request's scheme and Host.
   */
  passkeyOrigin?: string | undefined;
  /** Team mode: this server sends daily digests (its operator set up a mail server). */
  digests?: boolean;
}

const errorJson = z.toJSONSchema(errorSchema, { target: 'draft-2020-12' });
const statusText: Record<number, string> = {
  400: 'bad input: nothing was written',
  404: 'no such person, item, promise or event',
  409: 'refused by a give-first rule (ask guard, focus cap) or in conflict with the current state',
  413: "the body is larger than the route's limit (1 MB; 64 MB for an import)",
  502: 'a server Tend talks to (mail, CalDAV, IMAP) could not be reached or refused the login',
  401: 'team mode: not signed in (or the email or password is wrong)',
  403: 'a write from another site, or an action the role (or an API token) may not take',
  429: 'too many sign-in attempts: wait for Retry-After seconds',
  501: 'passkeys asked for at an IP address (browsers refuse them): use a host name or TEND_PASSKEY_ORIGIN',
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
    const size = /^Too (big|small): expected string to have ([<>]=)(\d+) characters?$/.exec(p.message);
    if (size)
      return {
        path: p.path,
        message: `${size[1] === 'big' ? 'at most' : 'at least'} ${size[3] ?? ''} characters`,
      };
    const bound = /^Too (big|small): expected number to be ([<>]=?)(-?[\d.]+)$/.exec(p.message);
    if (bound) {
      const said = { '>': 'greater than', '>=': 'at least', '<': 'less than', '<=': 'at most' };
      return { path: p.path, message: `must be ${said[bound[2] as keyof typeof said]} ${bound[3] ?? ''}` };
    }
    const unknown = /^Unrecognized keys?: (.*)$/.exec(p.message);
    if (unknown)
      return { path: p.path, message: `has fields this request does not take: ${unknown[1] ?? ''}` };
    const m = /^Invalid input: expected (\w+), received (\w+)$/.exec(p.message);
    if (!m) return p;
    // An article for type names only: "not a string", but "not null", "not NaN".
    const kind = (t: string): string =>
      t === 'int'
        ? 'a whole number'
        : !/^(?:string|number|boolean|object|array|bigint|symbol|date|function)$/.test(t)
          ? t
          : /^[aeiou]/.test(t)
            ? `an ${t}`
            : `a ${t}`;
    return {
      path: p.path,
      message:
        m[2] === 'undefined'
          ? 'is required'
          : m[1] === 'int'
            ? 'must be a whole number'
            : `must be ${kind(m[1] ?? '')}, not ${kind(m[2] ?? '')}`,
    };
  });
  return new DomainError(e.code, plain.map((p) => `${p.path} ${p.message}`).join('; '), {
    ...e.details,
    problems: plain,
  });
}

/**
 * Headers on every response. The web app loads only its own scripts, styles and data (React sets
 * inline styles through the DOM, which a style-src without 'unsafe-inline' allows); its icon is a
 * data: URI. Nothing may frame it.
 */
export const securityHeaders = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;

/** A Host header: a name, an IPv4 address or a bracketed IPv6 address, and an optional port. */
function wellFormedHost(host: string): boolean {
  const m = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::(\d{1,5}))?$/i.exec(host);
  return m !== null && (m[1] === undefined || Number(m[1]) <= 65535);
}

/**
 * The path of the first string holding U+FFFD (what invalid UTF-8 decodes to) in a parsed body,
 * query or params, so that it is refused by name rather than stored. Raw bodies (an import's
 * bytes) are not strings and are the importers' to decode.
 */
function replacementAt(
  value: unknown,
  path: string,
  depth = 0,
): { path: string; problem: string } | undefined {
  if (typeof value === 'string') {
    const problem = unicodeProblem(value);
    return problem === undefined ? undefined : { path, problem };
  }
  if (depth > 20 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const found = replacementAt(v, path ? `${path}.${k}` : k, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
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
  const app = Fastify({
    bodyLimit,
    logger: false,
    return503OnClosing: true,
    forceCloseConnections: true,
    // A person in the path may be a 200-character name, percent-encoded: long enough that the use
    // case, not the router, says what is wrong with a longer one.
    routerOptions: { maxParamLength: 4096 },
    trustProxy: opts.trustProxy ?? false,
    // A malformed path (`/api/people/%E0%A4%A`) gets the documented error shape like any other.
    frameworkErrors: (err, _req, reply) => {
      const { status, body } = toHttpError(err);
      void (reply as FastifyReply).code(status).send(body);
    },
  });
  const log = opts.log ?? (() => undefined);

  // Every response, errors and the web app included, carries the security headers.
  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [name, value] of Object.entries(securityHeaders))
      if (!reply.hasHeader(name)) reply.header(name, value);
    if (opts.instance !== undefined) reply.header('x-tend-instance', opts.instance);
    return payload;
  });

  // Which methods each API path answers, so that a wrong method gets 405 with `Allow`, not 404.
  const apiPaths: { pattern: RegExp; methods: Set<string> }[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.includes('*')) return;
    const pattern = new RegExp(
      `^${route.url
        .split('/')
        .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/')}/?$`,
    );
    let entry = apiPaths.find((p) => p.pattern.source === pattern.source);
    if (!entry) apiPaths.push((entry = { pattern, methods: new Set() }));
    for (const m of Array.isArray(route.method) ? route.method : [route.method]) entry.methods.add(m);
  });

  app.setValidatorCompiler<z.ZodType>(({ schema, httpPart }) => (data) => {
    const part = httpPart ?? 'input';
    try {
      if (part === 'body' && (data === null || data === undefined))
        throw invalid('the request body is missing: send a JSON object', [
          { path: 'body', message: 'is required' },
        ]);
      const at = replacementAt(data, '');
      if (at !== undefined) {
        const broken = at.path === '' ? part : at.path;
        throw invalid(`${broken} ${at.problem}: send text as UTF-8`, [{ path: broken, message: at.problem }]);
      }
      return { value: parse(schema, data, part) };
    } catch (e) {
      return { error: e instanceof DomainError ? plainer(e) : (e as Error) };
    }
  });
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toHttpError(err, req.routeOptions.bodyLimit);
    const retry = err instanceof DomainError ? err.details.retryAfterSeconds : undefined;
    if (typeof retry === 'number') void reply.header('retry-after', String(retry));
    if (status >= 500)
      log(`${req.method} ${req.url}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return reply.code(status).send(body);
  });

  const allowed = opts.allowedHosts ?? loopbackHosts;
  app.addHook('onRequest', async (req, reply) => {
    const host = req.headers.host ?? '';
    if (!wellFormedHost(host))
      return reply.code(400).send(
        errorBody(
          'invalid_input',
          `the Host header "${echo(host)}" is not a host name with an optional port`,
          {
            problems: [{ path: 'host', message: 'is malformed' }],
          },
        ),
      );
    if (allowed !== 'any' && !allowed.includes(hostName(host)))
      return reply
        .code(403)
        .send(errorBody('forbidden_origin', `this server answers to ${allowed.join(', ')} only`));
    const origin = req.headers.origin;
    if (origin !== undefined && req.method !== 'GET' && req.method !== 'HEAD') {
      if (!sameHost(origin, req.host))
        return reply.code(403).send(errorBody('forbidden_origin', 'requests from other sites are refused'));
    }
    return undefined;
  });

  // The response cache is per process and per database; a team server shares neither. A team
  // server signs each request in and runs its handler for that account. Idempotency keys are
  // single-user for now: their hook runs before the handler, outside the account's transaction.
  if (opts.team !== true) {
    registerResponseCache(app, ctx);
    registerIdempotency(app, ctx);
  } else registerTeamGate(app, ctx);

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

  for (const routes of [
    ...(opts.team === true ? [authRoutes, passkeyRoutes(opts.passkeyOrigin), communityRoutes] : []),
    ...apiRoutes,
    ...(opts.routes ?? []),
  ])
    await app.register(
      (scope, _o, done) => {
        routes(scope.withTypeProvider<ZodTypeProvider>(), {
          ctx,
          team: opts.team === true,
          digests: opts.digests === true,
        });
        done();
      },
      { prefix: '/api' },
    );
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  registerFeedFile(app, ctx, opts.team === true);

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
    ) {
      const known = apiPaths.find((p) => p.pattern.test(url));
      if (known && !known.methods.has(req.method)) {
        const allow = [...known.methods].sort().join(', ');
        return reply
          .code(405)
          .header('allow', allow)
          .send(
            errorBody('method_not_allowed', `${url} does not answer ${req.method} (it answers ${allow})`, {
              method: req.method,
              url: echo(url, 200),
              allow: [...known.methods].sort(),
            }),
          );
      }
      return reply.code(404).send(
        errorBody('unknown_route', `no route ${req.method} ${echo(url, 200)}`, {
          method: req.method,
          url: echo(url, 200),
        }),
      );
    }
    return indexHtml(reply);
  });
  return app;
}
