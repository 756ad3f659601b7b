import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addItem } from '../../src/app/items.js';
import { addPerson } from '../../src/app/people.js';
import { parse, personInput } from '../../src/app/validate.js';
import { buildServer } from '../../src/http/server.js';
import { backends, freshApp } from '../helpers/db.js';
import { snapshot } from '../helpers/snapshot.js';

for (const backend of backends)
  describe(`/api/intros on ${backend.name}`, () => {
    let ctx: Awaited<ReturnType<typeof freshApp>>;
    let app: FastifyInstance;
    const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
      const r = await app.inject({ method, url, ...(payload ? { payload } : {}) });
      return { status: r.statusCode, body: JSON.parse(r.body) as Record<string, unknown> };
    };
    before(async () => {
      ctx = await freshApp(backend);
      app = await buildServer(() => ctx, { webRoot: null });
      await addPerson(ctx, parse(personInput, { name: 'Priya Nair' }));
      await addPerson(ctx, parse(personInput, { name: 'Lars Olsen' }));
      await addItem(ctx, { person: 'priya', side: 'need', text: 'hiring two data engineers in Berlin' });
      await addItem(ctx, {
        person: 'lars',
        side: 'offer',
        text: 'looking for a data engineering job in Berlin',
      });
    });
    after(async () => {
      await app.close();
      await ctx.store.close();
    });

    test('propose, walk the double opt-in, and list', async () => {
      const p = await call('POST', '/api/intros', { a: 'priya', b: 'lars' });
      assert.equal(p.status, 201, JSON.stringify(p.body));
      const intro = p.body.intro as { id: number; state: string; drafts: { a: string } };
      assert.equal(intro.state, 'proposed');
      assert.match(intro.drafts.a, /hiring two data engineers in Berlin/);
      for (const to of ['asked_a', 'asked_b', 'made']) {
        const r = await call('PATCH', `/api/intros/${intro.id}`, { to });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      }
      const list = await call('GET', '/api/intros?state=made');
      assert.equal((list.body.intros as unknown[]).length, 1);
    });

    test('options: the open needs and offers of the two, and the pair the matcher would choose', async () => {
      const r = await call('GET', '/api/intros/options?a=priya&b=lars');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const o = r.body as {
        a: { name: string };
        b: { name: string };
        needs: { id: number; text: string }[];
        offers: { id: number; text: string }[];
        suggested?: { need: number; offer: number };
      };
      assert.equal(o.a.name, 'Priya Nair');
      assert.equal(o.b.name, 'Lars Olsen');
      assert.deepEqual(
        o.needs.map((n) => n.text),
        ['hiring two data engineers in Berlin'],
      );
      assert.deepEqual(
        o.offers.map((n) => n.text),
        ['looking for a data engineering job in Berlin'],
      );
      assert.deepEqual(o.suggested, { need: o.needs[0]?.id, offer: o.offers[0]?.id });
      const nobody = await call('GET', '/api/intros/options?a=priya&b=nobody');
      assert.equal(nobody.status, 404);
      assert.equal((nobody.body.error as { code: string }).code, 'unknown_person');
      assert.equal((await call('GET', '/api/intros/options?a=priya')).status, 400);
    });

    test('bad input: 400 or 404 or 409 with the error shape, nothing written', async () => {
      const before = await snapshot(ctx.db);
      const self = await call('POST', '/api/intros', { a: 'priya', b: 'priya nair', reason: 'x' });
      assert.equal(self.status, 400);
      assert.match((self.body.error as { message: string }).message, /themself/);
      assert.equal((await call('POST', '/api/intros', { a: 'priya' })).status, 400);
      assert.equal((await call('POST', '/api/intros', { a: 'priya', b: 'nobody', reason: 'x' })).status, 404);
      assert.equal((await call('PATCH', '/api/intros/999', { to: 'asked_a' })).status, 404);
      assert.equal((await call('PATCH', '/api/intros/1', { to: 'teleported' })).status, 400);
      const again = await call('PATCH', '/api/intros/1', { to: 'asked_a' });
      assert.equal(again.status, 409);
      assert.equal((again.body.error as { code: string }).code, 'invalid_transition');
      assert.equal(await snapshot(ctx.db), before);
    });
  });
