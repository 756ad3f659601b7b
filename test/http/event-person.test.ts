import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildServer } from '../../src/http/server.js';
import { freshApp, sqliteBackend } from '../helpers/db.js';

test('capture at an event: an existing person sent by id is linked, never duplicated; "new" is explicit', async () => {
  const ctx = await freshApp(sqliteBackend);
  try {
    const app = await buildServer(() => ctx, { webRoot: null });
    const post = async (url: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url, payload });
    const jonas = (await post('/api/people', { name: 'Jonas Weber', company: 'Ledgerly' })).json<{
      person: { id: number };
    }>().person;
    await post('/api/events', { name: 'PGConf', date: '2026-11-20' });
    const count = async (): Promise<number> =>
      (await app.inject({ method: 'GET', url: '/api/people?all=true&limit=1' })).json<{ total: number }>()
        .total;

    // The web app offered Jonas Weber while "Jonas" was typed; the user chose him.
    const linked = await post('/api/events/PGConf/met', {
      name: 'Jonas',
      person: jonas.id,
      line: 'Postgres',
    });
    assert.equal(linked.statusCode, 201, linked.body);
    const body = linked.json<{ person: { id: number; name: string; created: boolean } }>();
    assert.deepEqual(body.person, { id: jonas.id, name: 'Jonas Weber', created: false });
    assert.equal(await count(), 1, 'no second Jonas');

    // An explicit "Add new person 'Jonas Weber'": someone else with the same name.
    const other = await post('/api/events/PGConf/met', { name: 'Jonas Weber', new: true });
    assert.equal(other.statusCode, 201, other.body);
    assert.equal(other.json<{ person: { created: boolean } }>().person.created, true);
    assert.equal(await count(), 2);

    const missing = await post('/api/events/PGConf/met', { name: 'Ghost', person: 9999 });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json<{ error: { code: string } }>().error.code, 'unknown_person');
    assert.equal(await count(), 2, 'nothing written for an unknown id');
    await app.close();
  } finally {
    await ctx.store.close();
  }
});
