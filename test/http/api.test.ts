import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildServer } from '../../src/http/server.js';
import { backends, freshApp } from '../helpers/db.js';

/**
 * The HTTP API over a real database (SQLite always, PostgreSQL when TEND_TEST_POSTGRES_URL is
 * set): every endpoint's happy path and its bad input — 400 with the CLI's error shape and
 * nothing written, 404 for unknown people and routes, 409 for the give-first rules.
 */
const tables = [
  'people',
  'person_tags',
  'items',
  'interactions',
  'interaction_people',
  'promises',
  'events',
  'event_people',
  'circle_moves',
  'settings',
] as const;

interface Res {
  status: number;
  body: Record<string, unknown>;
}

for (const backend of backends)
  describe(`HTTP API on ${backend.name}`, () => {
    let ctx: Awaited<ReturnType<typeof freshApp>>;
    let app: FastifyInstance;

    const call = async (
      method: InjectOptions['method'],
      url: string,
      payload?: unknown,
      headers: Record<string, string> = {},
    ): Promise<Res> => {
      const r = await app.inject({
        method,
        url,
        headers,
        ...(payload !== undefined ? { payload: payload as string } : {}),
      });
      return {
        status: r.statusCode,
        body: r.body === '' ? {} : (JSON.parse(r.body) as Record<string, unknown>),
      };
    };
    const counts = async (): Promise<Record<string, number>> => {
      const out: Record<string, number> = {};
      for (const t of tables) {
        const row = await ctx.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirst();
        out[t] = Number(row?.n ?? 0);
      }
      return out;
    };
    const errorOf = (r: Res): { code: string; message: string; details: Record<string, unknown> } => {
      const e = r.body.error as
        { code: string; message: string; details: Record<string, unknown> } | undefined;
      assert.ok(e, `an error body: ${JSON.stringify(r.body)}`);
      assert.equal(typeof e.code, 'string');
      assert.equal(typeof e.message, 'string');
      assert.equal(typeof e.details, 'object');
      return e;
    };
    /** Bad input: 400, the error shape, a message naming the field, and not one row written. */
    const refusesBadInput = async (
      method: InjectOptions['method'],
      url: string,
      payload: unknown,
      field: string | RegExp,
    ): Promise<void> => {
      const before = await counts();
      const r = await call(method, url, payload);
      assert.equal(r.status, 400, `${method} ${url} ${JSON.stringify(payload)} → ${JSON.stringify(r.body)}`);
      const e = errorOf(r);
      assert.equal(e.code === 'invalid_input' || e.code === 'invalid_date', true, e.code);
      assert.match(e.message, typeof field === 'string' ? new RegExp(`\\b${field}\\b`) : field);
      assert.deepEqual(await counts(), before, 'nothing written');
    };

    before(async () => {
      ctx = await freshApp(backend);
      app = await buildServer(() => ctx, { webRoot: null });
      await app.ready();
    });
    after(async () => {
      await app.close();
      await ctx.store.close();
    });

    test('me: offers, needs, goals', async () => {
      assert.equal(
        (await call('POST', '/api/me/offers', { text: 'Postgres performance reviews' })).status,
        201,
      );
      const goal = await call('POST', '/api/me/goals', { text: 'A steady pipeline of referral clients' });
      assert.equal(goal.status, 201);
      const goalId = (goal.body.item as { id: number }).id;
      assert.equal(
        (await call('POST', '/api/me/needs', { text: 'Two new clients in fintech', goal: goalId })).status,
        201,
      );
      const me = await call('GET', '/api/me');
      assert.equal(me.status, 200);
      assert.equal((me.body.offers as unknown[]).length, 1);
      assert.equal((me.body.needs as unknown[]).length, 1);
      assert.equal((me.body.goals as unknown[]).length, 1);
      await refusesBadInput('POST', '/api/me/offers', {}, 'text');
      await refusesBadInput('POST', '/api/me/offers', { text: 42 }, 'text');
      await refusesBadInput('POST', '/api/me/needs', { text: '   ' }, 'text');
      await refusesBadInput('POST', '/api/me/needs', { text: 'x', goal: 'one' }, 'goal');
      const unknownGoal = await call('POST', '/api/me/needs', { text: 'x', goal: 9999 });
      assert.equal(unknownGoal.status, 404);
    });

    test('people: add, list with filters, profile, edit', async () => {
      const add = await call('POST', '/api/people', {
        name: 'Jonas Weber',
        met: 'PGConf Berlin',
        company: 'Ledgerly',
        emails: ['Jonas@Ledgerly.io'],
        tags: ['fintech'],
      });
      assert.equal(add.status, 201);
      const jonas = add.body.person as { id: number; emails: string[]; circle: string };
      assert.deepEqual(jonas.emails, ['jonas@ledgerly.io']);
      assert.equal(jonas.circle, 'network');
      await call('POST', '/api/people', { name: 'Priya Raman', circle: 'pool', tags: ['hiring'] });
      await call('POST', '/api/people', { name: 'Carla Mendes', circle: 'pool', tags: ['fintech'] });

      const all = await call('GET', '/api/people');
      assert.equal(all.body.total, 3);
      assert.equal((await call('GET', '/api/people?circle=pool')).body.total, 2);
      assert.equal((await call('GET', '/api/people?tag=fintech')).body.total, 2);
      assert.equal((await call('GET', '/api/people?search=ledger')).body.total, 1);
      assert.equal((await call('GET', '/api/people?toolOnly=true')).body.total, 3);
      const page = await call('GET', '/api/people?limit=1&offset=1');
      assert.equal((page.body.people as unknown[]).length, 1);

      const profile = await call('GET', `/api/people/${jonas.id}`);
      assert.equal(profile.status, 200);
      for (const key of [
        'person',
        'strength',
        'toolOnly',
        'balance',
        'ledger',
        'needs',
        'offers',
        'timeline',
        'promises',
        'fit',
        'waysToHelp',
      ])
        assert.ok(key in profile.body, key);
      assert.equal((await call('GET', '/api/people/jonas')).status, 200, 'a name works like in the CLI');

      const edit = await call('PATCH', `/api/people/${jonas.id}`, { title: 'CTO' });
      assert.equal((edit.body.person as { title: string }).title, 'CTO');
      // null empties a field, an empty list empties a list; what is not named stays.
      await call('PATCH', `/api/people/${jonas.id}`, {
        birthday: '--04-12',
        notes: 'Runs the data team.',
        cadenceDays: 30,
        emails: ['jonas@example.com'],
      });
      const emptied = await call('PATCH', `/api/people/${jonas.id}`, {
        birthday: null,
        notes: null,
        cadenceDays: null,
        emails: [],
      });
      assert.equal(emptied.status, 200);
      const after = emptied.body.person as Record<string, unknown>;
      assert.deepEqual(
        [after.birthday, after.notes, after.cadenceDays, after.emails, after.title],
        [undefined, undefined, undefined, [], 'CTO'],
      );
      await refusesBadInput('PATCH', `/api/people/${jonas.id}`, { name: null }, 'name');
      await refusesBadInput('PATCH', `/api/people/${jonas.id}`, { birthday: 'April' }, 'birthday');

      await refusesBadInput('POST', '/api/people', {}, 'name');
      await refusesBadInput('POST', '/api/people', { name: 12 }, 'name');
      await refusesBadInput('POST', '/api/people', { name: 'Ann', emails: 'ann@example.com' }, 'emails');
      await refusesBadInput('POST', '/api/people', { name: 'Ann', emails: ['not-an-email'] }, 'emails');
      await refusesBadInput('POST', '/api/people', { name: 'Ann', circle: 'friends' }, 'circle');
      await refusesBadInput(
        'POST',
        '/api/people',
        { name: 'Ann', linkedin: 'https://example.com/ann' },
        'linkedin',
      );
      await refusesBadInput('POST', '/api/people', [1, 2], /body/);
      await refusesBadInput('PATCH', `/api/people/${jonas.id}`, {}, /nothing to change/);
      const badQuery = await call('GET', '/api/people?limit=abc');
      assert.equal(badQuery.status, 400);
      assert.match(errorOf(badQuery).message, /limit/);
      assert.equal((await call('GET', '/api/people?circle=friends')).status, 400);
      assert.equal((await call('GET', '/api/people?toolOnly=yes')).status, 400);

      const missing = await call('GET', '/api/people/99999');
      assert.equal(missing.status, 404);
      assert.equal(errorOf(missing).code, 'unknown_person');
    });

    test('a person: needs, offers, promises; unknown person → 404, nothing written', async () => {
      assert.equal(
        (
          await call('POST', '/api/people/jonas/needs', {
            text: 'A Postgres expert to tune our slow SQL queries',
          })
        ).status,
        201,
      );
      assert.equal(
        (await call('POST', '/api/people/jonas/offers', { text: 'Intros to fintech founders' })).status,
        201,
      );
      const promise = await call('POST', '/api/people/jonas/promises', {
        text: 'send the checklist',
        due: '2026-11-30',
      });
      assert.equal(promise.status, 201);
      const pid = (promise.body.promise as { id: number; due: string }).id;
      assert.equal((promise.body.promise as { due: string }).due, '2026-11-30');
      const natural = await call('POST', '/api/people/jonas/promises', { text: 'coffee', due: 'in 2 weeks' });
      assert.equal(natural.status, 201);

      const profile = await call('GET', '/api/people/jonas');
      assert.equal((profile.body.needs as unknown[]).length, 1);
      assert.equal((profile.body.offers as unknown[]).length, 1);
      assert.equal((profile.body.promises as unknown[]).length, 2);

      const kept = await call('PATCH', `/api/promises/${pid}`, { status: 'kept' });
      assert.equal(kept.status, 200);
      assert.equal((kept.body.promise as { status: string }).status, 'kept');
      const again = await call('PATCH', `/api/promises/${pid}`, { status: 'broken' });
      assert.equal(again.status, 400, 'an already kept promise stays kept');
      assert.equal((await call('PATCH', '/api/promises/99999', { status: 'kept' })).status, 404);
      await refusesBadInput('PATCH', `/api/promises/${pid}`, { status: 'done' }, 'status');
      await refusesBadInput('PATCH', '/api/promises/abc', { status: 'kept' }, 'id');
      const open = await call('GET', '/api/promises');
      assert.equal((open.body.promises as unknown[]).length, 1);
      assert.equal(((await call('GET', '/api/promises?all=true')).body.promises as unknown[]).length, 2);

      await refusesBadInput('POST', '/api/people/jonas/needs', { text: '' }, 'text');
      await refusesBadInput('POST', '/api/people/jonas/promises', { text: 'x' }, 'due');
      await refusesBadInput('POST', '/api/people/jonas/promises', { text: 'x', due: 'someday maybe' }, 'due');

      for (const [url, body] of [
        ['/api/people/99999/needs', { text: 'x' }],
        ['/api/people/99999/offers', { text: 'x' }],
        ['/api/people/99999/promises', { text: 'x', due: 'friday' }],
        ['/api/people/99999/interactions', { action: 'give', text: 'x' }],
      ] as const) {
        const before = await counts();
        const r = await call('POST', url, body);
        assert.equal(r.status, 404, url);
        assert.equal(errorOf(r).code, 'unknown_person');
        assert.deepEqual(await counts(), before, `${url}: nothing written`);
      }
    });

    test('interactions: the ask is refused (409 with gives), then allowed after a give', async () => {
      const before = await counts();
      const refused = await call('POST', '/api/people/Priya/interactions', {
        action: 'ask',
        text: 'a referral',
        kind: 'referral',
      });
      assert.equal(refused.status, 409);
      const e = errorOf(refused);
      assert.equal(e.code, 'ask_refused');
      const gives = e.details.gives as { text: string }[];
      assert.ok(gives.length >= 1 && gives.length <= 3, 'up to three suggested gives');
      assert.deepEqual(await counts(), before, 'a refused ask writes nothing');

      const give = await call('POST', '/api/people/Priya/interactions', {
        action: 'give',
        text: 'CV review',
        kind: 'advice',
        channel: 'call',
      });
      assert.equal(give.status, 201);
      assert.equal((give.body.ledger as { gaveCount: number }).gaveCount, 1);
      const ask = await call('POST', '/api/people/Priya/interactions', {
        action: 'ask',
        text: 'a referral',
        kind: 'referral',
      });
      assert.equal(ask.status, 201);
      assert.equal((ask.body.decision as { verdict: string }).verdict, 'allow');
      const overdrawn = await call('POST', '/api/people/Priya/interactions', {
        action: 'ask',
        text: 'another referral',
        kind: 'referral',
      });
      assert.equal(overdrawn.status, 201, 'a negative balance warns, it does not refuse');
      assert.equal((overdrawn.body.warnings as { code: string }[])[0]?.code, 'overdrawn');

      const anyway = await call('POST', '/api/people/Carla/interactions', {
        action: 'ask',
        text: 'an intro',
        anyway: true,
      });
      assert.equal(anyway.status, 201);
      assert.equal((anyway.body.interaction as { unearned: boolean }).unearned, true);
      assert.equal((anyway.body.warnings as { code: string }[])[0]?.code, 'unearned_ask');

      const log = await call('POST', '/api/people/Carla/interactions', {
        action: 'log',
        channel: 'in_person',
        nature: 'touch',
        note: 'coffee',
        date: '2026-11-25',
      });
      assert.equal(log.status, 201);
      assert.equal((log.body.interaction as { date: string }).date, '2026-11-25');

      await refusesBadInput('POST', '/api/people/Carla/interactions', { text: 'x' }, 'action');
      await refusesBadInput('POST', '/api/people/Carla/interactions', { action: 'give' }, 'text');
      await refusesBadInput(
        'POST',
        '/api/people/Carla/interactions',
        { action: 'give', text: 'x', kind: 'bribe' },
        'kind',
      );
      await refusesBadInput(
        'POST',
        '/api/people/Carla/interactions',
        { action: 'give', text: 'x', kind: 'job' },
        'kind',
      );
      await refusesBadInput(
        'POST',
        '/api/people/Carla/interactions',
        { action: 'log', nature: 'touch' },
        'channel',
      );
      await refusesBadInput(
        'POST',
        '/api/people/Carla/interactions',
        { action: 'log', channel: 'fax', nature: 'touch' },
        'channel',
      );
      await refusesBadInput(
        'POST',
        '/api/people/Carla/interactions',
        { action: 'ask', text: 'x', anyway: 'yes' },
        'anyway',
      );
      await refusesBadInput(
        'POST',
        '/api/people/Carla/interactions',
        { action: 'give', text: 'x', date: 'the other day' },
        'date',
      );
    });

    test('focus: add, full → 409 with candidates, trade, remove', async () => {
      assert.equal((await call('PUT', '/api/config/focusCap', { value: 5 })).status, 200);
      const names = ['Ann One', 'Ben Two', 'Cem Three', 'Dee Four', 'Eve Five', 'Fay Six'];
      for (const name of names) await call('POST', '/api/people', { name });
      for (const name of names.slice(0, 5))
        assert.equal((await call('POST', '/api/focus', { person: name })).status, 201, name);
      const focus = await call('GET', '/api/focus');
      assert.equal(focus.body.cap, 5);
      assert.equal((focus.body.people as unknown[]).length, 5);
      const entry = (focus.body.people as { fit: Record<string, unknown> }[])[0];
      for (const k of ['fit', 'helpOut', 'helpIn', 'reach']) assert.ok(entry && k in entry.fit, k);

      const before = await counts();
      const full = await call('POST', '/api/focus', { person: 'Fay Six' });
      assert.equal(full.status, 409);
      const e = errorOf(full);
      assert.equal(e.code, 'focus_full');
      const candidates = e.details.candidates as { id: number; name: string }[];
      assert.ok(candidates.length >= 1);
      assert.deepEqual(await counts(), before, 'a refused add writes nothing');

      const out = candidates[0];
      assert.ok(out);
      const trade = await call('POST', '/api/focus', { person: 'Fay Six', replace: String(out.id) });
      assert.equal(trade.status, 201);
      const after = (await call('GET', '/api/focus')).body.people as { person: { name: string } }[];
      assert.equal(after.length, 5);
      assert.ok(after.some((p) => p.person.name === 'Fay Six'));
      assert.ok(!after.some((p) => p.person.name === out.name));

      assert.equal((await call('DELETE', '/api/focus/Fay')).status, 200);
      assert.equal(((await call('GET', '/api/focus')).body.people as unknown[]).length, 4);
      assert.equal((await call('DELETE', '/api/focus/Fay')).status, 400, 'not in focus');
      assert.equal((await call('DELETE', '/api/focus/99999')).status, 404);
      await refusesBadInput('POST', '/api/focus', {}, 'person');
      await refusesBadInput(
        'POST',
        '/api/focus',
        { person: 'Fay', replace: 'Jonas' },
        /not in your focus list/,
      );
      await refusesBadInput('PUT', '/api/config/focusCap', { value: 500 }, 'focusCap');
      assert.equal((await call('PUT', '/api/config/noSuchThing', { value: 1 })).status, 400);
      assert.equal((await call('PUT', '/api/config/focusCap', { value: 20 })).status, 200);
    });

    test('bulk move: pool → network by filter or by name, all or nothing', async () => {
      const dry = await call('POST', '/api/people/move', { circle: 'network', from: 'pool', dryRun: true });
      assert.equal(dry.body.moved, 2);
      assert.equal((await call('GET', '/api/people?circle=pool')).body.total, 2, 'a dry run moves no one');
      const moved = await call('POST', '/api/people/move', {
        circle: 'network',
        from: 'pool',
        tag: 'fintech',
      });
      assert.equal(moved.body.moved, 1);
      assert.equal((await call('GET', '/api/people?circle=pool')).body.total, 1);
      const byName = await call('POST', '/api/people/move', { circle: 'network', people: ['Priya'] });
      assert.equal(byName.body.moved, 1);
      assert.equal((await call('GET', '/api/people?circle=pool')).body.total, 0);
      await refusesBadInput('POST', '/api/people/move', { circle: 'network' }, /at least one filter/);
      await refusesBadInput('POST', '/api/people/move', { from: 'pool' }, 'circle');
      const unknown = await call('POST', '/api/people/move', {
        circle: 'network',
        people: ['Nobody At All'],
      });
      assert.equal(unknown.status, 404);
    });

    test('events: add, met, follow-up, list', async () => {
      const ev = await call('POST', '/api/events', {
        name: 'Berlin Data Meetup',
        date: '2026-11-24',
        place: 'Factory',
      });
      assert.equal(ev.status, 201);
      const id = (ev.body.event as { id: number }).id;
      const met = await call('POST', `/api/events/${id}/met`, {
        name: 'Nadia Volkova',
        line: 'fraud team, hiring',
      });
      assert.equal(met.status, 201);
      assert.equal((met.body.person as { created: boolean }).created, true);
      const known = await call('POST', `/api/events/${id}/met`, { name: 'Jonas', existing: true });
      assert.equal((known.body.person as { created: boolean }).created, false);
      const picked = await call('POST', `/api/events/${id}/followup`, { people: ['Nadia'] });
      assert.equal(picked.status, 200);
      assert.equal(
        (picked.body.event as { people: { followUp: boolean }[] }).people.filter((p) => p.followUp).length,
        1,
      );
      await call('POST', '/api/people/Nadia/interactions', {
        action: 'log',
        channel: 'call',
        nature: 'touch',
      });
      const list = await call('GET', '/api/events');
      assert.equal((list.body.events as { outcome: string }[])[0]?.outcome, 'succeeded');
      assert.equal((await call('GET', `/api/events/${id}`)).status, 200);
      assert.equal((await call('GET', '/api/events/Berlin')).status, 200, 'by name, as in the CLI');

      await refusesBadInput('POST', '/api/events', {}, 'name');
      await refusesBadInput('POST', '/api/events', { name: '' }, 'name');
      await refusesBadInput('POST', '/api/events', { name: 'x', date: 'whenever' }, 'date');
      await refusesBadInput('POST', `/api/events/${id}/met`, { line: 'no name' }, 'name');
      await refusesBadInput('POST', `/api/events/${id}/followup`, { people: [] }, 'people');
      await refusesBadInput('POST', `/api/events/${id}/followup`, { people: ['Priya'] }, /not met/);
      assert.equal((await call('GET', '/api/events/99999')).status, 404);
      assert.equal((await call('POST', '/api/events/99999/met', { name: 'x' })).status, 404);
    });

    test('today, review, match', async () => {
      const today = await call('GET', '/api/today');
      assert.equal(today.status, 200);
      assert.equal(today.body.date, '2026-11-26');
      assert.ok(Array.isArray(today.body.actions));
      assert.ok((today.body.actions as unknown[]).length <= 5);
      assert.ok(!('engineMs' in today.body), 'no benchmark internals in the API');
      // Each action carries its draft, written by the core: the web app shows it as it comes.
      for (const a of today.body.actions as { personName: string; draft: string }[])
        assert.match(a.draft, /^Hi \S[^,]*,\n\n.+[.!?]$/su, a.personName);

      const review = await call('GET', '/api/review');
      assert.equal(review.status, 200);
      const r = review.body.review as { gave: number; asked: number; from: string; to: string };
      assert.equal(r.to, '2026-11-26');
      assert.equal(r.from, '2026-11-20');
      const series = await call('GET', '/api/review?weeks=4');
      const weeks = series.body.weeks as {
        week: string;
        gave: number;
        focusStrength: number;
        promisesKept: number;
      }[];
      assert.equal(weeks.length, 4);
      assert.equal(
        weeks.reduce((s, w) => s + w.gave, 0),
        (series.body.review as { gave: number }).gave,
        'the weekly series adds up to the review',
      );
      assert.equal((await call('GET', '/api/review?since=2026-11-01')).status, 200);
      assert.equal((await call('GET', '/api/review?weeks=0')).status, 400);
      assert.equal((await call('GET', '/api/review?since=whenever')).status, 400);

      const match = await call('GET', '/api/match?person=Jonas');
      assert.equal(match.status, 200);
      const m = (match.body.matches as { person: { name: string }; gives: { text: string }[] }[])[0];
      assert.equal(m?.person.name, 'Jonas Weber');
      assert.ok(
        m.gives.some((g) => /Postgres/.test(g.text)),
        'my Postgres offer meets his Postgres need',
      );
      assert.equal((await call('GET', '/api/match')).status, 200);
      assert.equal((await call('GET', '/api/match?person=Nobody')).status, 404);
    });

    test('items: mark a need met', async () => {
      const profile = await call('GET', '/api/people/Jonas');
      const need = (profile.body.needs as { id: number }[])[0];
      assert.ok(need);
      const met = await call('PATCH', `/api/items/${need.id}`, { status: 'met' });
      assert.equal((met.body.item as { status: string }).status, 'met');
      await refusesBadInput('PATCH', `/api/items/${need.id}`, {}, /give text or status/);
      assert.equal((await call('PATCH', '/api/items/99999', { status: 'met' })).status, 404);
    });

    test('the boundary: unknown routes, 1 MB bodies, media types, foreign hosts and origins', async () => {
      for (const [method, url] of [
        ['GET', '/api/nope'],
        ['POST', '/api/people/1/nope'],
        ['GET', '/api'],
      ] as const) {
        const r = await call(method, url);
        assert.equal(r.status, 404, `${method} ${url}`);
        assert.equal(errorOf(r).code, 'unknown_route');
      }
      // A known path with a method it does not answer: 405, naming the methods it does.
      const wrongMethod = await call('DELETE', '/api/people');
      assert.equal(wrongMethod.status, 405);
      assert.equal(errorOf(wrongMethod).code, 'method_not_allowed');
      const before = await counts();
      const big = await call('POST', '/api/people', { name: 'x'.repeat(1024 * 1024) });
      assert.equal(big.status, 413);
      assert.equal(errorOf(big).code, 'body_too_large');
      const bigNote = await call('POST', '/api/people/Jonas/interactions', {
        action: 'give',
        text: 'y'.repeat(1024 * 1024 + 1),
      });
      assert.equal(bigNote.status, 413);
      const text = await app.inject({
        method: 'POST',
        url: '/api/people',
        payload: 'name=Ann',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(text.statusCode, 415, 'a plain form post (cross-site) is not accepted');
      const empty = await app.inject({
        method: 'POST',
        url: '/api/people',
        payload: '',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(empty.statusCode, 400);
      const malformed = await app.inject({
        method: 'POST',
        url: '/api/people',
        payload: '{"name":',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(malformed.statusCode, 400);
      assert.equal(
        errorOf({ status: 400, body: JSON.parse(malformed.body) as Record<string, unknown> }).code,
        'invalid_input',
      );
      const foreignHost = await call('GET', '/api/people', undefined, { host: 'evil.example:4321' });
      assert.equal(foreignHost.status, 403, 'DNS rebinding: only loopback names');
      const foreignOrigin = await call(
        'POST',
        '/api/people',
        { name: 'Mallory' },
        { origin: 'https://evil.example' },
      );
      assert.equal(foreignOrigin.status, 403);
      // No proxy is trusted here: a forwarded host that would match the origin is not believed.
      const forwarded = await call(
        'POST',
        '/api/people',
        { name: 'Mallory' },
        { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
      );
      assert.equal(forwarded.status, 403);
      const sameOrigin = await call(
        'POST',
        '/api/people',
        { name: 'Olga' },
        { origin: 'http://localhost:80', host: 'localhost:80' },
      );
      assert.equal(sameOrigin.status, 201);
      const afterCounts = await counts();
      assert.equal(afterCounts.people, (before.people ?? 0) + 1, 'only the same-origin add was written');
    });

    test('openapi.json describes every resource as OpenAPI 3', async () => {
      const r = await call('GET', '/api/openapi.json');
      assert.equal(r.status, 200);
      const doc = r.body as {
        openapi: string;
        info: { title: string };
        paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
      };
      assert.match(doc.openapi, /^3\.\d+\.\d+$/);
      assert.equal(doc.info.title, 'Tend API');
      for (const p of [
        '/api/me',
        '/api/me/offers',
        '/api/people',
        '/api/people/{id}',
        '/api/people/{id}/needs',
        '/api/people/{id}/offers',
        '/api/people/{id}/interactions',
        '/api/people/{id}/promises',
        '/api/people/move',
        '/api/promises/{id}',
        '/api/focus',
        '/api/focus/{id}',
        '/api/today',
        '/api/review',
        '/api/events',
        '/api/events/{id}/met',
        '/api/events/{id}/followup',
        '/api/match',
      ])
        assert.ok(p in doc.paths, p);
      assert.ok(!('/api/openapi.json' in doc.paths));
      for (const [path, ops] of Object.entries(doc.paths))
        for (const [method, op] of Object.entries(ops)) {
          assert.ok(Object.keys(op.responses).length > 0, `${method} ${path} has responses`);
          if (method === 'post' || method === 'put' || method === 'patch')
            assert.ok(op.requestBody !== undefined, `${method} ${path} documents its body`);
        }
      const post = doc.paths['/api/people']?.post;
      assert.ok(post?.responses['400'], 'bad input documented with the error shape');
      // Every $ref resolves inside the document.
      const refs = JSON.stringify(doc).match(/"\$ref":"([^"]+)"/g) ?? [];
      for (const ref of refs) {
        const target = ref.slice(8, -1).replace(/^#\//, '').split('/');
        let node: unknown = doc;
        for (const part of target) node = (node as Record<string, unknown> | undefined)?.[part];
        assert.ok(node !== undefined, `${ref} resolves`);
      }
    });

    test('without a built web app, / explains how to build it; other pages fall back to it', async () => {
      const r = await app.inject({ method: 'GET', url: '/people/3', headers: { accept: 'text/html' } });
      assert.equal(r.statusCode, 200);
      assert.match(String(r.headers['content-type']), /text\/html/);
      assert.match(r.body, /npm run build/);
      assert.equal((await app.inject({ method: 'GET', url: '/missing.js' })).statusCode, 404);
    });
  });
