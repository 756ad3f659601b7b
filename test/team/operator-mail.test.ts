import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/http/server.js';
import { freshApp, sqliteBackend } from '../helpers/db.js';
import { noTeamBackend } from './helpers.js';
import { signUp, teamServer, type TeamServer, type User } from './server.js';

interface Problem {
  path: string;
  message: string;
}
interface Failure {
  error: { code: string; message: string; details: { problems?: Problem[] } };
}

const setting = async (u: User, key: string): Promise<unknown> => {
  const r = await u.call('GET', '/api/config');
  return r.json<{ settings: { key: string; value: unknown }[] }>().settings.find((s) => s.key === key)?.value;
};

describe('team mode: the mail settings are the operator’s', { skip: noTeamBackend }, () => {
  let s: TeamServer;
  let ada: User;
  before(async () => {
    s = await teamServer();
    ada = await signUp(s, 'ada');
  });
  after(async () => s.close());

  for (const [key, value] of [
    ['smtp.host', 'mail.example.org'],
    ['smtp.port', 2525],
    ['smtp.passwordEnv', 'TEND_TEAM_OWNER_URL'],
    ['smtp.passwordFile', '/etc/shadow'],
    ['digest.from', 'me@example.org'],
    ['smtp.host', null],
  ] as const)
    test(`PUT /api/config/${key} ${JSON.stringify(value)} is refused, naming the key; nothing written`, async () => {
      const before = await setting(ada, key);
      const r = await ada.call('PUT', `/api/config/${key}`, { value });
      assert.equal(r.statusCode, 400, r.body);
      const body = r.json<Failure>();
      assert.equal(body.error.code, 'invalid_input');
      assert.match(
        body.error.message,
        new RegExp(`^${key.replace('.', '\\.')}: set by the server operator in team mode`),
      );
      assert.deepEqual(body.error.details.problems, [
        { path: key, message: 'set by the server operator in team mode (TEND_SMTP_*, TEND_DIGEST_FROM)' },
      ]);
      assert.deepEqual(await setting(ada, key), before);
    });

  test('the digest settings an account does use are still accepted', async () => {
    for (const [key, value] of [
      ['digest.daily', true],
      ['digest.hour', 9],
      ['digest.to', 'elsewhere@example.org'],
    ] as const) {
      const r = await ada.call('PUT', `/api/config/${key}`, { value });
      assert.equal(r.statusCode, 200, `${key}: ${r.body}`);
      assert.equal(await setting(ada, key), value);
    }
  });
});

describe('team mode: GET /api/auth/me says whether the server sends digests', { skip: noTeamBackend }, () => {
  for (const [digests, expected] of [
    [false, 'off'],
    [true, 'available'],
  ] as const)
    test(`${expected} on a server ${digests ? 'with' : 'without'} the operator's mail server`, async () => {
      const s = await teamServer(undefined, { digests });
      try {
        const bea = await signUp(s, `bea${expected}`);
        const r = await bea.call('GET', '/api/auth/me');
        assert.equal(r.statusCode, 200, r.body);
        const me = r.json<{ account: { email: string }; digests: string }>();
        assert.equal(me.account.email, bea.email);
        assert.equal(me.digests, expected);
      } finally {
        await s.close();
      }
    });
});

describe('single-user mode still takes the mail settings', () => {
  let ctx: Awaited<ReturnType<typeof freshApp>>;
  let app: FastifyInstance;
  before(async () => {
    ctx = await freshApp(sqliteBackend);
    app = await buildServer(() => ctx, { webRoot: null });
  });
  after(async () => {
    await app.close();
    await ctx.store.close();
  });

  test('PUT /api/config/smtp.host and digest.from are stored', async () => {
    for (const [key, value] of [
      ['smtp.host', 'mail.example.org'],
      ['digest.from', 'me@example.org'],
    ] as const) {
      const r = await app.inject({ method: 'PUT', url: `/api/config/${key}`, payload: { value } });
      assert.equal(r.statusCode, 200, `${key}: ${r.body}`);
      assert.equal(r.json<{ value: unknown }>().value, value);
    }
  });
});
