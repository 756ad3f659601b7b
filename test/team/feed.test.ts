/**
 * The calendar feed in team mode: each account's own secret address, fetched by a calendar app
 * without a session and read here by a real parser (python3-icalendar, as test/reminders does);
 * it holds that account's reminders only, and rotating or revoking it closes the old address.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { ownerClient, teamBackend } from './helpers.js';
import { signUp, teamServer, type TeamServer, type User } from './server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const python = '/usr/bin/python3';
const hasParser =
  fs.existsSync(python) && spawnSync(python, ['-c', 'import icalendar'], { stdio: 'ignore' }).status === 0;
const skip = !teamBackend
  ? 'no PostgreSQL'
  : !hasParser && !process.env.CI
    ? 'python3-icalendar missing: apt-get install python3-icalendar'
    : false;

interface Read {
  name: string;
  events: { uid: string; summary: string; description: string; start: string }[];
}

function readCalendar(ics: string): Read {
  const r = spawnSync(python, [path.join(here, '../reminders/read_calendar.py')], {
    input: ics,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `python3-icalendar could not read the feed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Read;
}

interface Created {
  active: true;
  token: string;
  path: string;
  url: string;
  createdAt: string;
}

describe('team mode: each account has its own calendar feed', { skip }, () => {
  let s: TeamServer;
  let owner: pg.Client;
  let ada: User;
  let bob: User;

  /** What a calendar app does: a GET with no cookie and no token. */
  const fetchFeed = (p: string) => s.app.inject({ method: 'GET', url: p });
  const promise = async (u: User, person: string, text: string): Promise<void> => {
    const made = await u.call('POST', '/api/people', { name: person, circle: 'focus' });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json<{ person: { id: number } }>().person.id;
    const p = await u.call('POST', `/api/people/${id}/promises`, { text, due: '2026-11-30' });
    assert.equal(p.statusCode, 201, p.body);
  };
  const create = async (u: User): Promise<Created> => {
    const r = await u.call('POST', '/api/feed', {});
    assert.equal(r.statusCode, 200, r.body);
    return r.json<Created>();
  };

  before(async () => {
    s = await teamServer();
    owner = await ownerClient(s.schema);
    ada = await signUp(s, 'ada');
    bob = await signUp(s, 'bob');
    await promise(ada, 'Priya Raman', 'send Priya the deck');
    await promise(bob, 'Bea Lund', 'lend Bea the book');
  });
  after(async () => {
    await owner.end();
    await s.close();
  });

  test("an account's feed holds its reminders only, fetched without a session", async () => {
    assert.deepEqual((await ada.call('GET', '/api/feed')).json(), { active: false });
    const a = await create(ada);
    assert.match(a.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(a.path, `/feed/${a.token}.ics`);
    assert.ok(a.url.endsWith(a.path));
    const status = (await ada.call('GET', '/api/feed')).json<{ active: boolean; createdAt: string }>();
    assert.deepEqual(status, { active: true, createdAt: a.createdAt });

    const r = await fetchFeed(a.path);
    assert.equal(r.statusCode, 200, r.body);
    assert.match(String(r.headers['content-type']), /^text\/calendar/);
    assert.equal(r.headers['cache-control'], 'private, no-cache');
    const cal = readCalendar(r.body);
    assert.equal(cal.name, 'Tend reminders');
    const text = cal.events.map((e) => `${e.summary} ${e.description}`).join('\n');
    assert.match(text, /send Priya the deck/);
    assert.doesNotMatch(text, /Bea/, "another account's reminders are not in it");

    const b = await create(bob);
    assert.notEqual(b.token, a.token);
    const bobs = readCalendar((await fetchFeed(b.path)).body);
    const bobText = bobs.events.map((e) => `${e.summary} ${e.description}`).join('\n');
    assert.match(bobText, /lend Bea the book/);
    assert.doesNotMatch(bobText, /Priya/, "ada's reminders are not in bob's feed");

    // Only the hash is stored: a copy of the table opens no feed.
    const rows = await owner.query<{ h: Buffer }>(
      'SELECT token_hash AS h FROM feed_tokens ORDER BY account_id',
    );
    assert.equal(rows.rows.length, 2);
    const hashes = rows.rows.map((x) => x.h.toString('hex'));
    assert.ok(hashes.includes(createHash('sha256').update(a.token).digest('hex')));
    assert.ok(!rows.rows.some((x) => x.h.toString('utf8').includes(a.token)));
  });

  test('rotating closes the old address; revoking closes it; a wrong token is a bare 404', async () => {
    const first = await create(ada);
    const second = await create(ada);
    const old = await fetchFeed(first.path);
    assert.equal(old.statusCode, 404);
    assert.equal(old.body, 'Not found\n');
    assert.equal((await fetchFeed(second.path)).statusCode, 200);
    assert.equal((await owner.query('SELECT 1 FROM feed_tokens')).rows.length, 2, 'one per account');

    for (const wrong of [
      `/feed/${'A'.repeat(43)}.ics`,
      `/feed/${second.token}`,
      `/feed/${second.token.slice(0, -1)}.ics`,
      '/feed/short.ics',
    ]) {
      const r = await fetchFeed(wrong);
      assert.equal(r.statusCode, 404, wrong);
      assert.equal(r.body, 'Not found\n', wrong);
    }

    const revoked = await ada.call('DELETE', '/api/feed');
    assert.deepEqual(revoked.json(), { revoked: true });
    assert.equal((await fetchFeed(second.path)).statusCode, 404);
    assert.deepEqual((await ada.call('GET', '/api/feed')).json(), { active: false });
    assert.deepEqual((await ada.call('DELETE', '/api/feed')).json(), { revoked: false });
    // Bob's feed is his own: ada's revocation leaves it open.
    const bobStatus = (await bob.call('GET', '/api/feed')).json<{ active: boolean }>();
    assert.equal(bobStatus.active, true);
  });

  test("signed out, the feed's settings answer 401 and nothing is written", async () => {
    const before = (await owner.query('SELECT 1 FROM feed_tokens')).rows.length;
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const r = await s.app.inject({
        method,
        url: '/api/feed',
        ...(method === 'POST' ? { payload: {} } : {}),
      });
      assert.equal(r.statusCode, 401, method);
    }
    assert.equal((await owner.query('SELECT 1 FROM feed_tokens')).rows.length, before);
  });
});
