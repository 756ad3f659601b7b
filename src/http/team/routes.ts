import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { accountView } from '../../app/team/accounts.js';
import * as auth from '../../app/team/auth.js';
import { DomainError } from '../../core/errors.js';
import { failures } from '../routes/schemas.js';
import type { RouteModule } from '../routes/types.js';
import { setSessionCookie } from './auth.js';

const credentials = z.object({ email: z.string(), password: z.string() });
const idParam = z.object({ id: z.string().min(1).max(100) });

const principal = (req: FastifyRequest): auth.Principal => {
  if (req.principal === null) throw new DomainError('unauthenticated', 'sign in first', {});
  return req.principal;
};

const client = (req: FastifyRequest, now: Date): auth.Client => ({
  ip: req.ip,
  userAgent: req.headers['user-agent'] ?? null,
  now,
});

/**
 * `/api/auth/*` (DESIGN.md "Teams and communities"): signup, login, logout, me, this account's
 * sessions (devices) and API tokens, and password change. Validation is the use cases' (one
 * message for a missing or malformed field); the schemas here document the bodies. `me` also
 * says whether this server sends daily digests (`digests`: its operator set up mail, or not).
 */
export const authRoutes: RouteModule = (app, { ctx, digests = false }) => {
  const tags = ['auth'];
  app.post(
    '/auth/signup',
    {
      schema: {
        tags,
        summary: 'create an account and sign in (a session cookie)',
        body: z.object({ email: z.string(), password: z.string(), name: z.string() }),
        errors: failures(400, 409, 429),
      },
    },
    async (req, reply) => {
      const c = await ctx();
      const r = await auth.signup(c.db, req.body, client(req, c.clock()));
      setSessionCookie(req, reply, r.token);
      return reply.code(201).send({ account: accountView(r.account) });
    },
  );
  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'sign in (a new session cookie)',
        body: credentials,
        errors: failures(400, 401, 429),
      },
    },
    async (req, reply) => {
      const c = await ctx();
      const r = await auth.login(c.db, req.body, client(req, c.clock()));
      setSessionCookie(req, reply, r.token);
      return { account: accountView(r.account) };
    },
  );
  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'end this session', errors: failures(401) } },
    async (req, reply) => {
      const c = await ctx();
      await auth.logout(c.db, principal(req), c.clock());
      setSessionCookie(req, reply, null);
      return reply.code(204).send();
    },
  );
  app.get(
    '/auth/me',
    {
      schema: {
        tags,
        summary: 'who is signed in, and whether this server sends daily digests (available or off)',
        errors: failures(401),
      },
    },
    (req) => ({
      account: accountView(principal(req).account),
      digests: digests ? ('available' as const) : ('off' as const),
    }),
  );
  app.get(
    '/auth/sessions',
    { schema: { tags, summary: 'my signed-in devices', errors: failures(401) } },
    async (req) => {
      const c = await ctx();
      return { sessions: await auth.sessions(c.db, principal(req), c.clock()) };
    },
  );
  app.delete(
    '/auth/sessions/:id',
    { schema: { tags, summary: 'sign a device out', params: idParam, errors: failures(401, 404) } },
    async (req, reply) => {
      const c = await ctx();
      await auth.revokeSession(c.db, principal(req), req.params.id, c.clock());
      return reply.code(204).send();
    },
  );
  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary:
          'change my password (signs out every other device; removePasskeys also removes every passkey)',
        body: z.object({ current: z.string(), new: z.string(), removePasskeys: z.boolean().optional() }),
        errors: failures(400, 401, 429),
      },
    },
    async (req) => {
      const c = await ctx();
      return auth.changePassword(c.db, principal(req), req.body, client(req, c.clock()));
    },
  );
  app.get(
    '/auth/tokens',
    { schema: { tags, summary: 'my API tokens', errors: failures(401) } },
    async (req) => {
      const c = await ctx();
      return { tokens: await auth.tokens(c.db, principal(req)) };
    },
  );
  app.post(
    '/auth/tokens',
    {
      schema: {
        tags,
        summary: 'a new API token (shown once) for Authorization: Bearer',
        body: z.object({ name: z.string() }),
        errors: failures(400, 401),
      },
    },
    async (req, reply) => {
      const c = await ctx();
      return reply
        .code(201)
        .send({ token: await auth.createToken(c.db, principal(req), req.body, c.clock()) });
    },
  );
  app.delete(
    '/auth/tokens/:id',
    { schema: { tags, summary: 'revoke an API token', params: idParam, errors: failures(401, 404) } },
    async (req, reply) => {
      const c = await ctx();
      await auth.revokeToken(c.db, principal(req), req.params.id, c.clock());
      return reply.code(204).send();
    },
  );
};
