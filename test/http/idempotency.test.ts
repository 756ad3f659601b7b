import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openApp, type AppContext } from '../../src/app/context.js';
import { buildServer } from '../../src/http/server.js';
import { createMatcher } from '../../src/matching/index.js';
import { backends } from '../helpers/db.js';

/** `Idempotency-Key` on writes: a replay answers the first answer and writes nothing. */
for (const backend of backends)
  describe(`idempotency keys over HTTP on ${backend.name}`, () => {
    let ctx: AppContext;
    let app: FastifyInstance;
    let t = new Date('2026-11-26T09:00:00Z').getTime();
    const now = () => new Date(t);
    const call = async (method: 'GET' | 'POST', url: string, payload?: unknown, key?: string) => {
      const r = await app.inject({
        method,
        url,
        ...(payload !== undefined ? { payload: payload as string } : {}),
        ...(key !== undefined ? { headers: { 'idempotency-key': key } } : {}),
      });
      return {
        status: r.statusCode,
        text: r.body,
        replayed: r.headers['idempotent-replayed'],
        body: JSON.parse(r.body) as Record<string, unknown>,
      };
    };
    const timeline = async (who: string) =>
      ((await call('GET', `/api/people/${encodeURIComponent(who)}`)).body.timeline as unknown[]).length;

    before(async () => {
      const matcher = createMatcher({ modelless: true });
      ctx = await openApp({ db: backend.fresh(), matcher: () => Promise.resolve(matcher), clock: now });
      app = await buildServer(() => ctx, { webRoot: null });
      await app.ready();
    });
    after(async () => {
      await app.close();
      await ctx.store.close();
    });

    test('the same key twice writes once and answers the same body', async () => {
      const key = '5b0e7a3c-1d2f-4a55-9c1e-0f7a2b3c4d5e';
      const person = { name: 'Jonas Weber', met: 'Berlin Data Meetup' };
      const first = await call('POST', '/api/people', person, key);
      const second = await call('POST', '/api/people', person, key);
      assert.equal(first.status, 201, first.text);
      assert.equal(second.status, 201);
      assert.equal(second.text, first.text);
      assert.equal(first.replayed, undefined);
      assert.equal(second.replayed, 'true');
      const list = await call('GET', '/api/people?search=Jonas');
      assert.equal(list.body.total, 1);

      const touch = { action: 'log', nature: 'touch', channel: 'in_person', note: 'coffee at the meetup' };
      const url = `/api/people/${encodeURIComponent('Jonas Weber')}/interactions`;
      const a = await call('POST', url, touch, 'touch-1');
      const b = await call('POST', url, touch, 'touch-1');
      assert.equal(a.status, 201, a.text);
      assert.equal(b.text, a.text);
      assert.equal(await timeline('Jonas Weber'), 1);
      // Without a key, the same request is a second touch, as before.
      assert.equal((await call('POST', url, touch)).status, 201);
      assert.equal(await timeline('Jonas Weber'), 2);
    });

    test('the same key with a different body is 422, naming the key, and writes nothing', async () => {
      const first = await call('POST', '/api/people', { name: 'Priya Nair' }, 'k-reused');
      assert.equal(first.status, 201);
      const other = await call('POST', '/api/people', { name: 'Lars Holm' }, 'k-reused');
      assert.equal(other.status, 422);
      const err = other.body.error as { code: string; message: string };
      assert.equal(err.code, 'idempotency_key_reused');
      assert.match(err.message, /Idempotency-Key "k-reused" was first used at .* for a different request/);
      assert.equal((await call('GET', '/api/people?search=Lars')).body.total, 0);
      // Same body on another path is another request too.
      const need = await call(
        'POST',
        '/api/people/Priya%20Nair/needs',
        { text: 'a data engineer' },
        'k-reused',
      );
      assert.equal(need.status, 422);
    });

    test('a malformed key is refused with 400 and nothing written', async () => {
      const r = await call('POST', '/api/people', { name: 'Mila Kovac' }, 'has spaces in it');
      assert.equal(r.status, 400);
      assert.match(
        (r.body.error as { message: string }).message,
        /Idempotency-Key header must be 1 to 200 visible ASCII/,
      );
      assert.equal((await call('GET', '/api/people?search=Mila')).body.total, 0);
    });

    test('a refused request is not kept: once the cause is gone, a retry with the same key runs', async () => {
      const url = '/api/people/Anna%20de%20Vries/needs';
      const body = { text: 'a designer for a weekend project' };
      const bad = await call('POST', url, body, 'k-404');
      assert.equal(bad.status, 404);
      assert.equal((await call('POST', '/api/people', { name: 'Anna de Vries' })).status, 201);
      const retry = await call('POST', url, body, 'k-404');
      assert.equal(retry.status, 201, retry.text);
      const replay = await call('POST', url, body, 'k-404');
      assert.equal(replay.replayed, 'true');
      assert.equal(((await call('GET', '/api/people/Anna%20de%20Vries')).body.needs as unknown[]).length, 1);
    });

    test('keys expire after a week: the same key then runs as a new request', async () => {
      const body = { text: 'an intro to a seed investor' };
      const url = '/api/people/Priya%20Nair/needs';
      assert.equal((await call('POST', url, body, 'k-week')).status, 201);
      t += 8 * 86_400_000;
      const later = await call('POST', url, body, 'k-week');
      assert.equal(later.status, 201);
      assert.equal(later.replayed, undefined);
      const needs = (await call('GET', '/api/people/Priya%20Nair')).body.needs as unknown[];
      assert.equal(needs.length, 2);
    });
  });
