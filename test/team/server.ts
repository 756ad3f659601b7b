import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/app/context.js';
import { accountContext } from '../../src/app/team/context.js';
import { buildServer, type ServerOptions } from '../../src/http/server.js';
import { freshTeam } from './helpers.js';

export interface TeamServer {
  app: FastifyInstance;
  ctx: AppContext;
  schema: string;
  close: () => Promise<void>;
}

/** The team server in-process (the same app `tend serve --team` builds) over a fresh schema. */
export async function teamServer(
  onQuery?: (sql: string) => void,
  options: ServerOptions = {},
): Promise<TeamServer> {
  const { ctx, schema } = await freshTeam(onQuery);
  const app = await buildServer(() => accountContext(ctx), {
    webRoot: null,
    team: true,
    allowedHosts: 'any',
    trustProxy: '127.0.0.1',
    ...options,
  });
  await app.ready();
  return {
    app,
    ctx,
    schema,
    close: async () => {
      await app.close();
      await ctx.store.close();
    },
  };
}

export const cookieFrom = (res: LightMyRequestResponse): string | undefined => {
  const h = res.headers['set-cookie'];
  const line = Array.isArray(h) ? h[0] : h;
  return line ? /tend_session=([^;]*)/.exec(line)?.[1] : undefined;
};

/** A signed-in user: an account and its session cookie, with request helpers. */
export interface User {
  email: string;
  password: string;
  cookie: string;
  id: string;
  call: (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
}

let n = 0;
export async function signUp(s: TeamServer, name = `member${++n}`, ip = '10.1.0.1'): Promise<User> {
  const email = `${name}.${process.pid}@example.org`;
  const password = `a passphrase for ${name}`;
  const res = await s.app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { email, password, name },
    remoteAddress: ip,
  });
  if (res.statusCode !== 201) throw new Error(`signup ${res.statusCode}: ${res.body}`);
  const cookie = cookieFrom(res) ?? '';
  const id = res.json<{ account: { id: string } }>().account.id;
  return { email, password, cookie, id, call: caller(s, () => cookie) };
}

export function caller(s: TeamServer, cookie: () => string | undefined) {
  return (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const c = cookie();
    return s.app.inject({
      method,
      url,
      ...(body !== undefined ? { payload: body as object } : {}),
      headers: { ...(c !== undefined ? { cookie: `tend_session=${c}` } : {}), ...headers },
    });
  };
}
