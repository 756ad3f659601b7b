import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openApp, type AppContext } from '../../src/app/context.js';
import { buildServer } from '../../src/http/server.js';
import { createMatcher } from '../../src/matching/index.js';
import { backends } from '../helpers/db.js';

/** DELETE, restore and PATCH of interactions, items, promises and events; the give sent twice. */
interface Profile {
  timeline: { id: number; kind?: string; date: string }[];
  needs: { id: number }[];
  promises: { id: number; text: string; due: string }[];
}

for (const backend of backends)
  describe(`corrections over HTTP on ${backend.name}`, () => {
    let ctx: AppContext;
    let app: FastifyInstance;
    const now = () => new Date('2026-11-26T09:00:00Z');
    const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
      const r = await app.inject({
        method,
        url,
        ...(payload !== undefined ? { payload: payload as string } : {}),
      });
      return { status: r.statusCode, body: JSON.parse(r.body) as Record<string, unknown> };
    };
    let person = 0;
    const profile = async () => (await call('GET', `/api/people/${person}`)).body as unknown as Profile;

    before(async () => {
      const matcher = createMatcher({ modelless: true });
      ctx = await openApp({ db: backend.fresh(), matcher: () => Promise.resolve(matcher), clock: now });
      app = await buildServer(() => ctx, { webRoot: null });
      await app.ready();
      person = ((await call('POST', '/api/people', { name: 'Priya Nair' })).body.person as { id: number }).id;
    });
    after(async () => {
      await app.close();
      await ctx.store.close();
    });

    test('the one-click give sent twice is logged once', async () => {
      const body = { action: 'give', text: 'intro to Lars', kind: 'intro', once: true };
      const first = await call('POST', `/api/people/${person}/interactions`, body);
      const second = await call('POST', `/api/people/${person}/interactions`, body);
      assert.equal(first.status, 201);
      assert.equal(second.status, 200);
      assert.equal(second.body.unchanged, true);
      assert.equal((await profile()).timeline.length, 1);
    });

    test('an interaction is corrected, removed and restored', async () => {
      const id = (await profile()).timeline[0]?.id ?? 0;
      const bad = await call('PATCH', `/api/interactions/${id}`, { kind: 'job' });
      assert.equal(bad.status, 400);
      assert.match((bad.body.error as { message: string }).message, /kind "job" does not go with gave/);
      const empty = await call('PATCH', `/api/interactions/${id}`, {});
      assert.equal(empty.status, 400);
      const fixed = await call('PATCH', `/api/interactions/${id}`, { kind: 'referral', date: '2026-11-24' });
      assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
      assert.deepEqual(
        (await profile()).timeline.map((t) => [t.kind, t.date]),
        [['referral', '2026-11-24']],
      );
      const del = await call('DELETE', `/api/interactions/${id}`);
      assert.equal(del.status, 200);
      assert.equal(del.body.done, 'removed');
      assert.equal((await profile()).timeline.length, 0);
      assert.equal((await call('DELETE', `/api/interactions/${id}`)).status, 404);
      assert.equal((await call('POST', `/api/interactions/${id}/restore`, {})).status, 200);
      assert.equal((await profile()).timeline.length, 1);
      assert.equal((await call('POST', `/api/interactions/${id}/restore`, {})).status, 400);
    });

    test('needs, promises and events: removed and restored; a promise corrected', async () => {
      const need = (
        (await call('POST', `/api/people/${person}/needs`, { text: 'a data engineer' })).body.item as {
          id: number;
        }
      ).id;
      assert.equal((await call('DELETE', `/api/items/${need}`)).status, 200);
      assert.equal((await profile()).needs.length, 0);
      await call('POST', `/api/items/${need}/restore`, {});
      assert.equal((await profile()).needs.length, 1);

      const pr = (
        (await call('POST', `/api/people/${person}/promises`, { text: 'send the deck', due: '2026-11-30' }))
          .body.promise as { id: number }
      ).id;
      const edited = await call('PATCH', `/api/promises/${pr}`, {
        due: '2026-12-02',
        text: 'send the board deck',
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.deepEqual(
        (await profile()).promises.map((p) => [p.text, p.due]),
        [['send the board deck', '2026-12-02']],
      );
      assert.equal((await call('PATCH', `/api/promises/${pr}`, { due: 'whenever' })).status, 400);
      assert.equal((await call('DELETE', `/api/promises/${pr}`)).status, 200);
      assert.equal((await profile()).promises.length, 0);
      await call('POST', `/api/promises/${pr}/restore`, {});
      assert.equal((await profile()).promises.length, 1);

      const ev = (
        (await call('POST', '/api/events', { name: 'Data Council', date: '2026-11-20' })).body as {
          event: { id: number };
        }
      ).event.id;
      assert.equal((await call('DELETE', `/api/events/${ev}`)).status, 200);
      assert.equal((await call('GET', `/api/events/${ev}`)).status, 404);
      await call('POST', `/api/events/${ev}/restore`, {});
      assert.equal((await call('GET', `/api/events/${ev}`)).status, 200);
      assert.equal((await call('DELETE', '/api/events/abc')).status, 400);
    });

    test('the routes are in the OpenAPI document', async () => {
      const doc = (await call('GET', '/api/openapi.json')).body as {
        paths: Record<string, Record<string, unknown>>;
      };
      for (const p of ['/api/interactions/{id}', '/api/items/{id}', '/api/promises/{id}', '/api/events/{id}'])
        assert.ok(doc.paths[p]?.delete, `DELETE ${p}`);
      assert.ok(doc.paths['/api/interactions/{id}']?.patch);
      assert.ok(doc.paths['/api/interactions/{id}/restore']?.post);
    });
  });
