import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addPerson } from '../../src/app/people.js';
import { parse, personInput } from '../../src/app/validate.js';
import { buildServer } from '../../src/http/server.js';
import { openApp, type AppContext } from '../../src/app/context.js';
import { fixedClock, freshApp, sqliteBackend } from '../helpers/db.js';

/** The GET cache never serves what the database would not: writes here, writes elsewhere, a new day. */
describe('HTTP response cache', () => {
  let ctx: Awaited<ReturnType<typeof freshApp>>;
  let app: FastifyInstance;
  const clock = fixedClock();
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url });
    return { hit: r.headers['x-tend-cache'] === 'hit', body: JSON.parse(r.body) as { total: number } };
  };
  before(async () => {
    ctx = await freshApp(sqliteBackend, clock);
    app = await buildServer(() => ctx, { webRoot: null });
  });
  after(async () => {
    await app.close();
    await ctx.store.close();
  });

  test('a repeated GET is served from the cache; a write through the API invalidates it', async () => {
    assert.equal((await get('/api/people')).hit, false);
    assert.equal((await get('/api/people')).hit, true);
    const r = await app.inject({ method: 'POST', url: '/api/people', payload: { name: 'Ada Cache' } });
    assert.equal(r.statusCode, 201);
    const after = await get('/api/people');
    assert.equal(after.hit, false);
    assert.equal(after.body.total, 1);
  });

  test('a write by another connection (a tend command in a terminal) invalidates it', async () => {
    await get('/api/people');
    assert.equal((await get('/api/people')).hit, true);
    const other: AppContext = await openApp({ db: ctx.target });
    await addPerson(other, parse(personInput, { name: 'Bo Elsewhere' }));
    await other.store.close();
    const fresh = await get('/api/people');
    assert.equal(fresh.hit, false);
    assert.equal(fresh.body.total, 2);
  });

  test('a new day is a new answer (strength and the agenda move with the date)', async () => {
    await get('/api/today');
    assert.equal((await get('/api/today')).hit, true);
    clock.advanceDays(1);
    assert.equal((await get('/api/today')).hit, false);
  });
});
