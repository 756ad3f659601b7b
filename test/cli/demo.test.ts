import assert from 'node:assert/strict';
import { test } from 'node:test';
import { poolPerson, seedDemo } from '../../src/cli/demo.js';
import { demoRoutes } from '../../src/http/routes/demo.js';
import { buildServer } from '../../src/http/server.js';
import { freshApp, sqliteBackend } from '../helpers/db.js';

interface P {
  person: { id: number; name: string; company?: string; title?: string };
}

test('the demo pool never repeats a name, and titles and companies vary beside each other', () => {
  const pool = Array.from({ length: 720 }, (_, i) => poolPerson(i));
  assert.equal(new Set(pool.map((p) => p.name)).size, 720, 'every one of 720 pool people has their own name');
  for (let i = 1; i < pool.length; i++) {
    const [a, b] = [pool[i - 1], pool[i]];
    assert.notEqual(a?.title, b?.title, `neighbours ${i - 1} and ${i} have the same title`);
    assert.notEqual(a?.company, b?.company, `neighbours ${i - 1} and ${i} work at the same company`);
  }
  assert.ok(new Set(pool.map((p) => p.title)).size >= 15);
  assert.ok(new Set(pool.map((p) => p.company)).size >= 20);
});

test('the demo network is varied and alive: distinct people, introductions in several states, a banner route', async () => {
  const ctx = await freshApp(sqliteBackend);
  try {
    await seedDemo(ctx, { poolSize: 120 });
    const app = await buildServer(() => ctx, { webRoot: null, routes: [demoRoutes] });
    const get = async <T>(url: string): Promise<T> => (await app.inject({ method: 'GET', url })).json<T>();

    const people = await get<{ total: number; people: P[] }>('/api/people?all=true&limit=500');
    const names = people.people.map((p) => p.person.name);
    assert.equal(new Set(names).size, names.length, `a name appears twice: ${names.join(', ')}`);
    // No "six Alex Bauers, Data engineer": the same title at the same company at most twice.
    const roles = new Map<string, number>();
    for (const p of people.people) {
      if (p.person.title === undefined && p.person.company === undefined) continue; // met at an event
      const k = `${p.person.title ?? ''} @ ${p.person.company ?? ''}`;
      roles.set(k, (roles.get(k) ?? 0) + 1);
    }
    const crowded = [...roles].filter(([, n]) => n > 2);
    assert.deepEqual(crowded, [], 'no role at one company is shared by more than two people');

    const intros = await get<{ intros: { state: string }[] }>('/api/intros');
    const states = new Set(intros.intros.map((i) => i.state));
    for (const s of ['proposed', 'asked_a', 'asked_b', 'made', 'outcome', 'declined'])
      assert.ok(states.has(s), `an introduction is ${s}`);

    const events = await get<{ events: unknown[] }>('/api/events');
    assert.ok(events.events.length >= 2);
    const focus = await get<{ people: { person: { name: string } }[] }>('/api/focus');
    const focusFirst = focus.people.map((p) => p.person.name.split(' ')[0]);
    assert.equal(new Set(focusFirst).size, focusFirst.length, 'focus people have distinct first names');

    const demo = await get<{ demo: boolean; start: string[] }>('/api/demo');
    assert.equal(demo.demo, true);
    assert.match(demo.start[0] ?? '', /^tend serve$/);
    await app.close();

    const plain = await buildServer(() => ctx, { webRoot: null });
    const res = await plain.inject({ method: 'GET', url: '/api/demo' });
    assert.equal(res.statusCode, 404, 'only the demo answers /api/demo: no banner over real data');
    await plain.close();
  } finally {
    await ctx.store.close();
  }
});
