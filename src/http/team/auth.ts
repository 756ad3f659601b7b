import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { sameHost } from '../origin.js';
import { authenticate, sessionDays, type Principal } from '../../app/team/auth.js';
import { withTenant } from '../../app/team/context.js';
import { errorBody } from '../errors.js';
import type { CtxFactory } from '../routes/types.js';
import { passkeyLoginPaths } from './passkeys.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Team mode: who signed in (a session cookie or an API token); null before or without. */
    principal: Principal | null;
  }
}

export const sessionCookie = 'tend_session';

/** Routes that answer without signing in. */
const open = new Set([
  '/api/auth/signup',
  '/api/auth/login',
  ...passkeyLoginPaths,
  '/api/health',
  '/api/openapi.json',
]);

export function cookieOf(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure when the request came over HTTPS. */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string | null): void {
  const attrs = [
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${token === null ? 0 : sessionDays * 86_400}`,
  ];
  if (req.protocol === 'https') attrs.push('Secure');
  reply.header('set-cookie', `${sessionCookie}=${token ?? ''}; ${attrs.join('; ')}`);
}

/**
 * A write a browser sends from another site: Origin is checked by the server for every mode; here
 * Sec-Fetch-Site (cross-site, same-site) and, without either, a foreign Referer. A client that
 * sends none of them is not a browser (curl, a script with a token) and is not a forgery risk.
 */
function crossSiteWrite(req: FastifyRequest): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  const host = req.host;
  const origin = req.headers.origin;
  if (origin !== undefined) return !sameHost(origin, host);
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const referer = req.headers.referer;
  return referer !== undefined && site === undefined && !sameHost(referer, host);
}

/**
 * Team mode's gate, registered before the routes: cross-site writes are refused (403, before any
 * handler runs, so nothing is written); every API route but signup, login and health needs a
 * session or a token (401); and each handler runs inside `withTenant` for the signed-in account,
 * so the single-user use cases serve each account unchanged.
 */
export function registerTeamGate(app: FastifyInstance, ctx: CtxFactory): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req, reply) => {
    if (crossSiteWrite(req))
      return reply.code(403).send(errorBody('forbidden_origin', 'requests from other sites are refused'));
    const url = req.url.split('?')[0] ?? '';
    if (!url.startsWith('/api/') && url !== '/api') return undefined;
    const auth = req.headers.authorization;
    const bearer =
      auth !== undefined && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '').trim() : undefined;
    const session = cookieOf(req, sessionCookie);
    const c = await ctx();
    req.principal =
      (bearer ?? session) !== undefined
        ? ((await authenticate(c.db, { bearer, session }, c.clock())) ?? null)
        : null;
    if (req.principal === null && !open.has(url))
      return reply
        .code(401)
        .send(
          errorBody(
            'unauthenticated',
            'sign in first: POST /api/auth/login, then send the session cookie (or Authorization: Bearer with an API token)',
          ),
        );
    return undefined;
  });
  // Every handler registered after this runs for the signed-in account.
  app.addHook('onRoute', (route) => {
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function (this: FastifyInstance, req, reply) {
      const p = req.principal;
      return p === null
        ? handler.call(this, req, reply)
        : withTenant(p.account.id, () => handler.call(this, req, reply));
    };
  });
}
