import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/app/context.js';
import { accountContext } from '../../src/app/team/context.js';
import { buildServer } from '../../src/http/server.js';
import { fixedClock } from '../helpers/db.js';
import type { account } from './helpers.js';
import { freshTeam } from './helpers.js';
import { cookieFrom } from './server.js';

export type Who = Awaited<ReturnType<typeof account>> | null;

export interface Res {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * A team server over a fresh schema, with a clock the test moves. `call(who, …)` signs `who` in
 * once (POST /api/auth/login) and sends the session cookie; `null` sends none.
 */
export async function communityServer() {
  const { ctx, schema, url } = await freshTeam();
  const clock = fixedClock('2026-11-26T09:00:00.000Z');
  (ctx as { clock: AppContext['clock'] }).clock = clock.now;
  const app: FastifyInstance = await buildServer(() => accountContext(ctx), {
    webRoot: null,
    team: true,
    log: (m) => void process.stderr.write(`${m}\n`),
  });
  await app.ready();
  const cookies = new Map<number, string>();
  const cookieOf = async (who: NonNullable<Who>): Promise<string> => {
    const known = cookies.get(who.id);
    if (known !== undefined) return known;
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host: '127.0.0.1' },
      payload: { email: who.email, password: who.password },
    });
    const c = cookieFrom(r);
    if (r.statusCode !== 200 || c === undefined) throw new Error(`login ${r.statusCode}: ${r.body}`);
    cookies.set(who.id, c);
    return c;
  };
  const call = async (who: Who, method: string, path: string, body?: unknown): Promise<Res> => {
    const r = await app.inject({
      method: method as 'GET',
      url: path,
      headers: {
        host: '127.0.0.1',
        ...(who === null ? {} : { cookie: `tend_session=${await cookieOf(who)}` }),
      },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    return { status: r.statusCode, body: r.body === '' ? undefined : (JSON.parse(r.body) as unknown) };
  };
  return { ctx, schema, url, clock, app, call };
}
