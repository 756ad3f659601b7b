import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../app/team/auth.js';
import { accountView } from '../../app/team/accounts.js';
import * as pk from '../../app/team/passkeys.js';
import { DomainError } from '../../core/errors.js';
import { failures } from '../routes/schemas.js';
import type { RouteModule } from '../routes/types.js';
import { setSessionCookie } from './auth.js';

const idParam = z.object({ id: z.string().min(1).max(100) });
/** The authenticator's answer as @simplewebauthn/browser returns it; the use cases check it. */
const credential = z
  .object({
    id: z.string(),
    rawId: z.string(),
    type: z.string(),
    response: z.object({ clientDataJSON: z.string() }).loose(),
    clientExtensionResults: z.object({}).loose().optional(),
  })
  .loose();

const principal = (req: FastifyRequest): Principal => {
  if (req.principal === null) throw new DomainError('unauthenticated', 'sign in first', {});
  return req.principal;
};

const client = (req: FastifyRequest, now: Date) => ({
  ip: req.ip,
  userAgent: req.headers['user-agent'] ?? null,
  now,
});

/** The routes that answer without a session: signing in with a passkey. */
export const passkeyLoginPaths = ['/api/auth/passkeys/login/options', '/api/auth/passkeys/login/verify'];

/**
 * `/api/auth/passkeys*`: add a passkey to the signed-in account (options, then the
 * authenticator's answer), sign in with one (the same two steps, anonymous, rate-limited like
 * login), and list, rename and remove the account's passkeys. The relying party is
 * `TEND_PASSKEY_ORIGIN` when set, else the request's scheme and Host (behind a trusted proxy,
 * its X-Forwarded-Proto and -Host).
 */
export const passkeyRoutes =
  (origin?: string): RouteModule =>
  (app, { ctx }) => {
    const fixed = origin !== undefined ? pk.relyingPartyOf(origin) : undefined;
    const rp = (req: FastifyRequest): pk.RelyingParty =>
      fixed ?? pk.relyingPartyFromRequest(req.protocol, req.host);
    const tags = ['auth'];
    app.post(
      '/auth/passkeys/register/options',
      {
        schema: {
          tags,
          summary:
            'options for adding a passkey (navigator.credentials.create), after the password is given again',
          body: z.object({ password: z.string() }),
          errors: failures(400, 401, 403, 429, 501),
        },
      },
      async (req) => {
        const c = await ctx();
        return pk.registrationOptions(c.db, principal(req), rp(req), req.body, client(req, c.clock()));
      },
    );
    app.post(
      '/auth/passkeys/register/verify',
      {
        schema: {
          tags,
          summary: "add the passkey the authenticator made (its answer to the options' challenge)",
          body: z.object({ response: credential, name: z.string().optional() }),
          errors: failures(400, 401, 403, 409, 501),
        },
      },
      async (req, reply) => {
        const c = await ctx();
        const passkey = await pk.register(c.db, principal(req), rp(req), req.body, c.clock());
        return reply.code(201).send({ passkey });
      },
    );
    app.post(
      '/auth/passkeys/login/options',
      {
        schema: {
          tags,
          summary: 'options for signing in with a passkey (navigator.credentials.get)',
          errors: failures(429, 501),
        },
      },
      async (req) => {
        const c = await ctx();
        return pk.loginOptions(c.db, rp(req), client(req, c.clock()));
      },
    );
    app.post(
      '/auth/passkeys/login/verify',
      {
        schema: {
          tags,
          summary: 'sign in with a passkey (a new session cookie)',
          body: z.object({ response: credential }),
          errors: failures(400, 401, 429, 501),
        },
      },
      async (req, reply) => {
        const c = await ctx();
        const r = await pk.loginWithPasskey(c.db, rp(req), req.body, client(req, c.clock()));
        setSessionCookie(req, reply, r.token);
        return { account: accountView(r.account) };
      },
    );
    app.get(
      '/auth/passkeys',
      { schema: { tags, summary: 'my passkeys', errors: failures(401) } },
      async (req) => {
        const c = await ctx();
        return { passkeys: await pk.passkeys(c.db, principal(req)) };
      },
    );
    app.patch(
      '/auth/passkeys/:id',
      {
        schema: {
          tags,
          summary: 'rename a passkey',
          params: idParam,
          body: z.object({ name: z.string() }),
          errors: failures(400, 401, 404),
        },
      },
      async (req) => {
        const c = await ctx();
        return { passkey: await pk.renamePasskey(c.db, principal(req), req.params.id, req.body) };
      },
    );
    app.delete(
      '/auth/passkeys/:id',
      { schema: { tags, summary: 'remove a passkey', params: idParam, errors: failures(401, 404) } },
      async (req, reply) => {
        const c = await ctx();
        await pk.removePasskey(c.db, principal(req), req.params.id);
        return reply.code(204).send();
      },
    );
  };
