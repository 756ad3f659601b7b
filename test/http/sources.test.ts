import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openApp, type AppContext } from '../../src/app/context.js';
import { buildServer } from '../../src/http/server.js';
import { createMatcher } from '../../src/matching/index.js';
import { backends } from '../helpers/db.js';
import { hasRadicale, makeCalendar, putEvent, startRadicale, type Radicale } from '../helpers/radicale.js';

/** The web app's Sources panel through the API: connect, run, runs, undo; on both databases. */

const skip = !hasRadicale && !process.env.CI ? 'radicale missing: apt-get install radicale' : false;
const ics = (uid: string, day: string): string =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tend tests//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20261101T000000Z',
    `DTSTART:${day}T100000Z`,
    `DTEND:${day}T110000Z`,
    'SUMMARY:Coffee',
    'LOCATION:Café Einstein, Berlin',
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:maya@example.com',
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:ana@example.org',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

describe('live sources over HTTP', { skip }, () => {
  let dav: Radicale;
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-key-'));
  const saved = process.env.TEND_SECRET_KEY_FILE;
  before(async () => {
    process.env.TEND_SECRET_KEY_FILE = path.join(keyDir, 'secret.key');
    dav = await startRadicale();
    const cal = await makeCalendar(dav, 'home', 'Home');
    await putEvent(dav, cal, 'coffee.ics', ics('coffee-ana@test', '20261117'));
  });
  after(async () => {
    await dav.stop();
    if (saved === undefined) delete process.env.TEND_SECRET_KEY_FILE;
    else process.env.TEND_SECRET_KEY_FILE = saved;
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  for (const backend of backends)
    describe(`on ${backend.name}`, () => {
      let ctx: AppContext;
      let app: FastifyInstance;
      const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) => {
        const r = await app.inject({
          method,
          url,
          ...(payload !== undefined ? { payload: payload as string } : {}),
        });
        return { status: r.statusCode, text: r.body, body: JSON.parse(r.body) as Record<string, unknown> };
      };
      before(async () => {
        const matcher = createMatcher({ modelless: true });
        ctx = await openApp({
          db: backend.fresh(),
          matcher: () => Promise.resolve(matcher),
          clock: () => new Date('2026-11-26T09:00:00Z'),
        });
        app = await buildServer(() => ctx, { webRoot: null });
        await app.ready();
        const { changeMyEmails } = await import('../../src/app/capture-runs.js');
        await changeMyEmails(ctx, { add: ['maya@example.com'] });
        assert.equal(
          (await call('POST', '/api/people', { name: 'Ana Lima', emails: ['ana@example.org'] })).status,
          201,
        );
      });
      after(async () => {
        await app.close();
        await ctx.store.close();
      });

      test('connect: bad bodies are 400 naming the field; the password never comes back', async () => {
        const bad = await call('POST', '/api/sources', {
          kind: 'caldav',
          name: 'home',
          url: 'ftp://x',
          user: 'maya',
          password: 'p',
        });
        assert.equal(bad.status, 400);
        assert.match(bad.text, /not an http\(s\) URL/);
        const noPw = await call('POST', '/api/sources', {
          kind: 'imap',
          name: 'mail',
          server: 'imap.example.com',
          user: 'maya',
        });
        assert.equal(noPw.status, 400);
        assert.match(noPw.text, /password/);
        const ok = await call('POST', '/api/sources', {
          kind: 'caldav',
          name: 'home',
          url: dav.url,
          user: dav.user,
          password: dav.password,
        });
        assert.equal(ok.status, 201, ok.text);
        assert.ok(!ok.text.includes(dav.password));
        const twice = await call('POST', '/api/sources', {
          kind: 'caldav',
          name: 'home',
          url: dav.url,
          user: dav.user,
          password: dav.password,
        });
        assert.equal(twice.status, 409);
        const list = await call('GET', '/api/sources');
        assert.equal((list.body.sources as { name: string }[])[0]?.name, 'home');
        assert.ok(!list.text.includes(dav.password));
      });

      test('run (dry, then for real), its runs, undo; a wrong password is 502 and writes nothing', async () => {
        const dry = await call('POST', '/api/sources/home/run', { dryRun: true });
        assert.equal(dry.status, 200, dry.text);
        assert.equal(dry.body.created, 1);
        assert.deepEqual((await call('GET', '/api/sources/home/runs')).body.runs, []);
        const real = await call('POST', '/api/sources/home/run', {});
        assert.equal(real.body.created, 1);
        const runs = (await call('GET', '/api/sources/home/runs')).body.runs as {
          id: number;
          counts: { created: number };
        }[];
        assert.equal(runs.length, 1);
        const [only] = runs;
        assert.ok(only);
        assert.equal(only.counts.created, 1);
        const undo = await call('POST', `/api/sources/home/runs/${only.id}/undo`, {});
        assert.equal(undo.status, 200, undo.text);
        assert.equal(undo.body.reverted, 1);
        assert.equal((await call('POST', '/api/sources/home/runs/9999/undo', {})).status, 404);
        assert.equal((await call('POST', '/api/sources/nope/run', {})).status, 404);

        await call('POST', '/api/sources', {
          kind: 'caldav',
          name: 'wrong',
          url: dav.url,
          user: dav.user,
          password: 'not-it',
        });
        const denied = await call('POST', '/api/sources/wrong/run', {});
        assert.equal(denied.status, 502);
        assert.equal((denied.body.error as { code: string }).code, 'source_auth_failed');
        assert.equal(((await call('GET', '/api/sources/wrong/runs')).body.runs as unknown[]).length, 0);
        assert.equal((await call('DELETE', '/api/sources/wrong')).status, 200);
        const doc = await call('GET', '/api/openapi.json');
        assert.ok(Object.keys(doc.body.paths as object).includes('/api/sources/{name}/runs/{run}/undo'));
      });
    });
});
