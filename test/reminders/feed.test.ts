/**
 * The private calendar feed: what it holds (pure core), what `tend serve` serves at
 * /feed/<token>.ics read by a real parser (Debian's python3-icalendar), and the token's life:
 * unguessable, stored hashed, revocable, re-creatable; a wrong or revoked token gets a bare 404.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/app/context.js';
import { addEvent, addMetAtEvent, pickFollowUp } from '../../src/app/events.js';
import { createFeed, revokeFeed } from '../../src/app/feed.js';
import { logInteraction } from '../../src/app/interactions.js';
import { addPerson } from '../../src/app/people.js';
import { closePromise, makePromise } from '../../src/app/promises.js';
import { parse, personInput } from '../../src/app/validate.js';
import { birthdayStart, reminders } from '../../src/core/reminders.js';
import { buildServer } from '../../src/http/server.js';
import { tend } from '../helpers/cli.js';
import { backends, fixedClock, freshApp, sqliteBackend } from '../helpers/db.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const python = '/usr/bin/python3';
const hasParser =
  fs.existsSync(python) && spawnSync(python, ['-c', 'import icalendar'], { stdio: 'ignore' }).status === 0;
const skip =
  !hasParser && !process.env.CI ? 'python3-icalendar missing: apt-get install python3-icalendar' : false;

interface Read {
  name: string;
  refresh: string | null;
  events: {
    uid: string;
    summary: string;
    description: string;
    start: string;
    end: string;
    rrule: string | null;
    occurs: string[] | null;
    trigger: string[];
  }[];
}

function readCalendar(ics: string): Read {
  const r = spawnSync(python, [path.join(here, 'read_calendar.py')], { input: ics, encoding: 'utf8' });
  assert.equal(r.status, 0, `python3-icalendar could not read the feed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Read;
}

describe('reminders (core): what the feed holds', () => {
  const base = {
    today: '2026-11-26',
    eventFollowUpDays: 7,
    promises: [],
    followUps: [],
    cadences: [],
    birthdays: [],
  };

  test('an overdue promise moves to today and says how late it is; a future one stays on its day', () => {
    const r = reminders({
      ...base,
      promises: [
        { id: 1, personId: 1, personName: 'Priya Raman', text: 'send the deck', due: '2026-11-20' },
        { id: 2, personId: 2, personName: 'Jonas Weber', text: 'intro to Lars', due: '2026-12-01' },
      ],
    });
    assert.deepEqual(
      r.map((x) => [x.uid, x.day]),
      [
        ['promise-1@tend', '2026-11-26'],
        ['promise-2@tend', '2026-12-01'],
      ],
    );
    assert.match(r[0]?.description ?? '', /Due 2026-11-20, 6 days late/);
  });

  test('a follow-up already made by a real contact after the event is not in the feed', () => {
    const f = { eventId: 3, eventName: 'Data Meetup', eventDate: '2026-11-24', personName: 'Sato Hanako' };
    const r = reminders({
      ...base,
      followUps: [
        { ...f, personId: 5, contacts: [] },
        { ...f, personId: 6, personName: 'Lea', contacts: [{ date: '2026-11-25', channel: 'call' }] },
      ],
    });
    assert.deepEqual(
      r.map((x) => [x.uid, x.day]),
      [['followup-3-5@tend', '2026-12-01']],
    );
  });

  test('keep in touch: last real contact plus the cadence, today when overdue or never', () => {
    const r = reminders({
      ...base,
      cadences: [
        {
          personId: 7,
          personName: 'Ana',
          cadenceDays: 30,
          contacts: [{ date: '2026-11-10', channel: 'call' }],
        },
        {
          personId: 8,
          personName: 'Bo',
          cadenceDays: 14,
          contacts: [{ date: '2026-10-01', channel: 'in_person' }],
        },
        { personId: 9, personName: 'Cy', cadenceDays: 14, contacts: [] },
      ],
    });
    assert.deepEqual(
      r.map((x) => [x.uid, x.day]),
      [
        ['keep-in-touch-7@tend', '2026-12-10'],
        ['keep-in-touch-8@tend', '2026-11-26'],
        ['keep-in-touch-9@tend', '2026-11-26'],
      ],
    );
  });

  test('birthdays start on the birth date (or in 2000 without a year); 29 February falls back to the 28th', () => {
    assert.deepEqual(birthdayStart('1990-05-17'), { day: '1990-05-17', lastDayOfFebruary: false });
    assert.deepEqual(birthdayStart('--12-05'), { day: '2000-12-05', lastDayOfFebruary: false });
    assert.deepEqual(birthdayStart('1992-02-29'), { day: '1992-02-29', lastDayOfFebruary: true });
    assert.deepEqual(birthdayStart('--02-29'), { day: '2000-02-29', lastDayOfFebruary: true });
    assert.equal(birthdayStart('soon'), undefined);
  });
});

for (const backend of backends) {
  describe(`the calendar feed served by tend serve (${backend.name})`, { skip }, () => {
    const clock = fixedClock('2026-11-26T09:00:00.000Z');
    let ctx: AppContext;
    let app: FastifyInstance;
    let origin: string;
    const get = (p: string): Promise<Response> => fetch(`${origin}${p}`);

    before(async () => {
      ctx = await freshApp(backend, clock);
      const person = (input: Record<string, unknown>) => addPerson(ctx, parse(personInput, input));
      await person({ name: 'Priya Raman', birthday: '1992-02-29' });
      await person({ name: 'Jonas van der Berg', birthday: '--12-05' });
      await person({ name: 'Lars Olsen', cadenceDays: 30 });
      await person({ name: 'Ana Lima', cadenceDays: 14 });
      await person({ name: 'Pool Person', circle: 'pool', birthday: '1980-01-01' });
      await logInteraction(ctx, {
        people: ['Lars Olsen'],
        channel: 'call',
        nature: 'touch',
        date: '2026-11-10',
      });
      await makePromise(ctx, {
        person: 'Priya Raman',
        text: 'send the deck, with notes; today',
        due: '2026-11-20',
      });
      await makePromise(ctx, { person: 'Jonas van der Berg', text: 'introduce Lars', due: '2026-12-01' });
      await addEvent(ctx, { name: 'Data Meetup; Berlin', date: '2026-11-24', place: 'Café Zürich' });
      await addMetAtEvent(ctx, { name: 'Sato Hanako', line: 'likes ramen, jazz' });
      await pickFollowUp(ctx, { people: ['Sato Hanako'] });
      app = await buildServer(() => ctx, { webRoot: null });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const a = app.server.address();
      origin = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    });
    after(async () => {
      await app.close();
      await ctx.store.close();
    });

    test('the feed is a calendar every reminder is read from, with stable UIDs and yearly birthdays', async () => {
      const { token, path: feedPath } = await createFeed(ctx);
      assert.ok(Buffer.from(token, 'base64url').length >= 16, 'at least 128 random bits');
      const res = await get(feedPath);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/calendar; charset=utf-8/);
      const cal = readCalendar(await res.text());
      assert.equal(cal.name, 'Tend reminders');
      assert.equal(cal.refresh, 'PT1H');
      const byUid = new Map(cal.events.map((e) => [e.uid, e]));
      const pid = (name: string) => cal.events.find((e) => e.summary.includes(name))?.uid ?? '';
      assert.deepEqual(
        cal.events.map((e) => [e.summary, e.start]).sort(),
        [
          ["Jonas van der Berg's birthday", '2000-12-05'],
          ['Keep in touch with Ana Lima: a call or a coffee', '2026-11-26'],
          ['Keep in touch with Lars Olsen: a call or a coffee', '2026-12-10'],
          ['Keep your promise to Jonas van der Berg: introduce Lars', '2026-12-01'],
          ['Keep your promise to Priya Raman: send the deck, with notes; today', '2026-11-26'],
          ["Priya Raman's birthday", '1992-02-29'],
          ['Follow up with Sato Hanako (met at Data Meetup; Berlin)', '2026-12-01'],
        ].sort(),
      );
      // Every year: a 29 February birthday on the 28th in other years.
      assert.deepEqual(byUid.get(pid("Priya Raman's birthday"))?.occurs, ['2027-02-28', '2028-02-29']);
      assert.deepEqual(byUid.get(pid("Jonas van der Berg's birthday"))?.occurs, ['2027-12-05', '2028-12-05']);
      assert.ok(!cal.events.some((e) => e.summary.includes('Pool Person')), 'tool-only people stay out');
      for (const e of cal.events) assert.equal(e.trigger.length, 1, `${e.summary} has a reminder`);
      const sato = cal.events.find((e) => e.summary.startsWith('Follow up'));
      assert.match(sato?.description ?? '', /Met in Café Zürich on 2026-11-24\.\nlikes ramen, jazz/);

      // Fetched again the next day, after a promise is kept: the same UIDs, one event fewer.
      clock.advanceDays(1);
      try {
        await closePromise(ctx, 2, 'kept');
        const again = readCalendar(await (await get(feedPath)).text());
        assert.deepEqual(
          again.events.map((e) => e.uid).sort(),
          cal.events
            .filter((e) => !e.summary.startsWith('Keep your promise to Jonas'))
            .map((e) => e.uid)
            .sort(),
        );
      } finally {
        clock.advanceDays(-1);
      }
    });

    test('a wrong, revoked or replaced token gets the same bare 404, echoing nothing', async () => {
      const first = await createFeed(ctx);
      const second = await createFeed(ctx);
      const wrong = `${first.token.slice(0, -2)}xx`;
      const answers = [];
      for (const p of [first.path, `/feed/${wrong}.ics`, `/feed/${second.token}`, '/feed/.ics']) {
        const res = await get(p);
        const body = await res.text();
        answers.push([res.status, res.headers.get('content-type'), body]);
        assert.ok(!body.includes(first.token.slice(0, 8)) && !body.includes(second.token.slice(0, 8)));
      }
      assert.deepEqual(
        new Set(answers.map((a) => JSON.stringify(a))).size,
        1,
        'every failure looks the same',
      );
      assert.equal(answers[0]?.[0], 404);
      assert.equal((await get(second.path)).status, 200, 'the newest token works');
      assert.deepEqual(await revokeFeed(ctx), { revoked: true });
      assert.equal((await get(second.path)).status, 404, 'revoked');
      assert.deepEqual(await revokeFeed(ctx), { revoked: false });
    });

    test('only a hash of the token is stored', async () => {
      const { token } = await createFeed(ctx);
      const rows = await ctx.db.selectFrom('settings').selectAll().execute();
      assert.ok(!rows.some((r) => r.value.includes(token)), 'the token itself is not in the database');
      assert.ok(rows.some((r) => r.key === 'private:feed'));
    });

    test('the API creates (the address once), shows and revokes the feed', async () => {
      const post = await fetch(`${origin}/api/feed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(post.status, 200);
      const created = (await post.json()) as { url: string; active: boolean };
      assert.match(created.url, new RegExp(`^${origin}/feed/[A-Za-z0-9_-]{43}\\.ics$`));
      assert.equal((await fetch(created.url)).status, 200);
      const shown = (await (await get('/api/feed')).json()) as Record<string, unknown>;
      assert.equal(shown.active, true);
      assert.ok(!JSON.stringify(shown).includes(created.url.slice(-20, -4)), 'show never gives the token');
      assert.equal((await fetch(`${origin}/api/feed`, { method: 'DELETE' })).status, 200);
      assert.equal((await fetch(created.url)).status, 404);
      assert.deepEqual(await (await get('/api/feed')).json(), { active: false });
    });
  });
}

describe('tend feed create|show|revoke', () => {
  test('create prints the address once, show never does, revoke stops it; --json throughout', () => {
    const db = sqliteBackend.fresh();
    const created = tend(db, ['feed', 'create', '--url', 'https://tend.example.org/', '--json']);
    assert.equal(created.code, 0, created.stderr);
    const url = String(created.json().url);
    assert.match(url, /^https:\/\/tend\.example\.org\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const shown = tend(db, ['feed', 'show']);
    assert.equal(shown.code, 0);
    assert.match(shown.stdout, /A calendar feed exists since 2026-/);
    assert.ok(!shown.stdout.includes(url.slice(-20, -4)));
    assert.deepEqual(tend(db, ['feed', 'revoke', '--json']).json().revoked, true);
    assert.equal(tend(db, ['feed', 'show', '--json']).json().active, false);
    const bad = tend(db, ['feed', 'create', '--url', 'ftp://x']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--url must be an http:\/\/ or https:\/\/ address/);
    assert.equal(tend(db, ['feed', 'show', '--json']).json().active, false, 'nothing written on bad input');
  });
});
