/**
 * The devices list says when each session was last seen, to the minute: every request checks the
 * session, but it is written only when last seen over a minute ago (a write per read would be a
 * write on every request of every member).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { accountContext, openTeamApp } from '../../src/app/team/context.js';
import { buildServer } from '../../src/http/server.js';
import { fixedClock } from '../helpers/db.js';
import { teamBackend, noTeamBackend } from './helpers.js';
import { cookieFrom } from './server.js';

const schemas: string[] = [];
after(async () => {
  if (schemas.length === 0) return;
  const c = new pg.Client({ connectionString: process.env.TEND_TEST_POSTGRES_URL });
  await c.connect();
  for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  await c.end();
});

test(
  'a session is marked seen at most once a minute, and the devices list shows it',
  { skip: noTeamBackend },
  async () => {
    const url = teamBackend?.fresh() ?? '';
    schemas.push(new URL(url).searchParams.get('schema') ?? '');
    const clock = fixedClock('2026-12-03T09:00:00.000Z');
    const ctx = await openTeamApp({ url, env: process.env, clock: clock.now });
    const app = await buildServer(() => accountContext(ctx), {
      webRoot: null,
      team: true,
      allowedHosts: 'any',
    });
    try {
      const signup = await app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: { email: 'ada@example.org', password: 'a passphrase for ada', name: 'Ada' },
      });
      assert.equal(signup.statusCode, 201, signup.body);
      const cookie = `tend_session=${cookieFrom(signup) ?? ''}`;
      const lastSeenAt = async (at: string): Promise<string | undefined> => {
        clock.set(at);
        const res = await app.inject({ method: 'GET', url: '/api/auth/sessions', headers: { cookie } });
        assert.equal(res.statusCode, 200, res.body);
        return res
          .json<{ sessions: { lastSeenAt: string; current: boolean }[] }>()
          .sessions.find((s) => s.current)?.lastSeenAt;
      };
      assert.equal(await lastSeenAt('2026-12-03T09:00:30.000Z'), '2026-12-03T09:00:00.000Z');
      assert.equal(await lastSeenAt('2026-12-03T09:01:30.000Z'), '2026-12-03T09:01:30.000Z');
      assert.equal(await lastSeenAt('2026-12-03T09:01:40.000Z'), '2026-12-03T09:01:30.000Z');
      assert.equal(await lastSeenAt('2026-12-03T09:05:00.000Z'), '2026-12-03T09:05:00.000Z');
    } finally {
      await app.close();
      await ctx.store.close();
    }
  },
);
