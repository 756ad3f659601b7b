import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { DomainError } from '../../src/core/errors.js';
import { toHttpError } from '../../src/http/errors.js';
import { buildServer } from '../../src/http/server.js';
import { backends, freshApp } from '../helpers/db.js';

/**
 * HTTP and input hygiene over a real database: errors name fields (never CLI flags), one
 * LinkedIn URL form, names that would display wrongly, bounded inputs, interaction dates, and
 * the headers and error shapes of every response. The clock is 2026-11-26.
 */
interface ErrorShape {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

for (const backend of backends)
  describe(`HTTP hygiene on ${backend.name}`, () => {
    let ctx: Awaited<ReturnType<typeof freshApp>>;
    let app: FastifyInstance;

    const raw = (method: InjectOptions['method'], url: string, payload?: unknown, headers = {}) =>
      app.inject({
        method,
        url,
        headers,
        ...(payload !== undefined
          ? {
              payload:
                typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
            }
          : {}),
        ...(payload !== undefined && typeof payload !== 'string' && !Buffer.isBuffer(payload)
          ? { headers: { 'content-type': 'application/json', ...headers } }
          : {}),
      });
    const errorOf = (r: LightMyRequestResponse): ErrorShape => {
      const body = JSON.parse(r.body) as { error?: ErrorShape };
      assert.ok(body.error, `the documented error shape: ${r.body}`);
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'details', 'message']);
      assert.equal(typeof body.error.message, 'string');
      assert.equal(typeof body.error.details, 'object');
      return body.error;
    };
    const people = async (): Promise<number> =>
      Number(
        (
          await ctx.db
            .selectFrom('people')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const interactions = async (): Promise<number> =>
      Number(
        (
          await ctx.db
            .selectFrom('interactions')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      ctx = await freshApp(backend);
      app = await buildServer(() => ctx, { webRoot: null });
      await app.ready();
      for (const name of ['Priya Raman', 'Lars Holm'])
        assert.equal((await raw('POST', '/api/people', { name })).statusCode, 201);
    });
    after(async () => {
      await app.close();
      await ctx.store.close();
    });

    test('errors name fields, never command-line flags', async () => {
      const intro = await raw('POST', '/api/intros', { a: 'priya', b: 'lars' });
      assert.equal(intro.statusCode, 400);
      const e = errorOf(intro);
      assert.match(e.message, /^reason is required/);
      assert.doesNotMatch(intro.body, /--|`tend /);
      assert.deepEqual(e.details.problems, [{ path: 'reason', message: 'required' }]);

      const move = await raw('POST', '/api/people/move', { circle: 'pool' });
      assert.equal(move.statusCode, 400);
      const m = errorOf(move);
      assert.match(m.message, /\(tag, from, source, search, toolOnly or people\)/);
      assert.doesNotMatch(move.body, /--/);

      const self = await raw('POST', '/api/intros', { a: 'priya', b: 'priya', reason: 'x' });
      assert.equal(self.statusCode, 400);
      assert.deepEqual(errorOf(self).details.problems, [{ path: 'b', message: 'is the same person as a' }]);

      const edit = await raw('PATCH', '/api/people/1', { circle: 'focus' });
      assert.equal(edit.statusCode, 400);
      assert.doesNotMatch(edit.body, /--|`tend /);
    });

    test('a LinkedIn URL typed with accents and one sent percent-encoded are one profile', async () => {
      const typed = await raw('POST', '/api/people', {
        name: 'José Álvarez',
        linkedin: 'https://www.linkedin.com/in/josé-álvarez',
      });
      assert.equal(typed.statusCode, 201, typed.body);
      const person = (JSON.parse(typed.body) as { person: { id: number; linkedin: string } }).person;
      assert.equal(person.linkedin, 'https://www.linkedin.com/in/josé-álvarez');
      const encoded = await raw('POST', '/api/people', {
        name: 'Jose Alvarez',
        // The same name without accents is refused as someone Tend has unless said to be new.
        new: true,
        linkedin: 'https://de.linkedin.com/in/JOS%C3%89-%C3%81LVAREZ/?trk=x',
      });
      assert.equal(
        (JSON.parse(encoded.body) as { person: { linkedin: string } }).person.linkedin,
        person.linkedin,
      );
      const before = await people();
      const csv = `First Name,Last Name,URL,Email Address,Company,Position,Connected On\nJosé,Álvarez,https://www.linkedin.com/in/jos%C3%A9-%C3%A1lvarez,,,,01 Mar 2025\n`;
      const imported = await raw('POST', '/api/import?format=linkedin', Buffer.from(csv), {
        'content-type': 'application/octet-stream',
      });
      assert.ok(imported.statusCode < 300, imported.body);
      assert.equal(await people(), before, 'the imported profile is a person already known');
      const bad = await raw('POST', '/api/people', {
        name: 'X',
        linkedin: 'https://www.linkedin.com/in/%E0%A4%A',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(errorOf(bad).message, /^linkedin is not a LinkedIn profile URL/);
    });

    test('names that would display wrongly: cleaned or refused, nothing written', async () => {
      const zw = await raw('POST', '/api/people', { name: 'Jonas\u200B Weber\u202E' });
      assert.equal(zw.statusCode, 201);
      const added = JSON.parse(zw.body) as { person: { name: string } };
      assert.equal(added.person.name, 'Jonas Weber');
      const before = await people();
      for (const [name, why] of [
        ['\u200B\u200C\u200D\u2060', /name must not be empty/],
        ['Anna\nBerg', /name must be on one line/],
        ['Anna\tBerg', /name must be on one line/],
        ['Jos\uFFFD', /name contains invalid UTF-8 \(U\+FFFD\)/],
      ] as const) {
        const r = await raw('POST', '/api/people', { name });
        assert.equal(r.statusCode, 400, JSON.stringify(name));
        assert.match(errorOf(r).message, why);
      }
      const company = await raw('POST', '/api/people', { name: 'Ok Name', company: 'Ac\uFFFDme' });
      assert.equal(company.statusCode, 400);
      assert.match(errorOf(company).message, /company contains invalid UTF-8/);
      // Invalid UTF-8 bytes in the body itself decode to U+FFFD: refused the same way.
      const bytes = Buffer.concat([
        Buffer.from('{"name":"Jos'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"}'),
      ]);
      const badBytes = await raw('POST', '/api/people', bytes, { 'content-type': 'application/json' });
      assert.equal(badBytes.statusCode, 400);
      assert.match(errorOf(badBytes).message, /name contains invalid UTF-8/);
      // Any field of any route, arrays and query strings included, is refused by name.
      const tags = await raw('POST', '/api/people', { name: 'Tag Person', tags: ['ok', 'b\uFFFDd'] });
      assert.equal(tags.statusCode, 400);
      assert.match(errorOf(tags).message, /^tags\.1 contains invalid UTF-8/);
      const search = await raw('GET', '/api/people?search=caf%EF%BF%BD');
      assert.equal(search.statusCode, 400);
      assert.match(errorOf(search).message, /^search contains invalid UTF-8/);
      const move = await raw('POST', '/api/people/move', { circle: 'pool', search: 'x\uFFFD' });
      assert.equal(move.statusCode, 400);
      assert.match(errorOf(move).message, /^search contains invalid UTF-8/);
      assert.equal(await people(), before, 'nothing written');
    });

    test('every reference and search term is bounded before any query', async () => {
      const huge = 'x'.repeat(100_000);
      const search = await raw('GET', `/api/people?search=${'y'.repeat(5_000)}`);
      assert.equal(search.statusCode, 400, search.body);
      assert.match(errorOf(search).message, /search/);
      const ask = await raw('POST', '/api/intros', { a: huge, b: 'lars', reason: 'x' });
      assert.equal(ask.statusCode, 400);
      assert.ok(ask.body.length < 2_000, 'the 100 KB value is not echoed back');
      const key = await raw('PUT', `/api/config/${'k'.repeat(90)}`, { value: 3 });
      assert.ok(key.statusCode === 400 || key.statusCode === 404, key.body);
      assert.ok(!key.body.includes('k'.repeat(61)), 'an echoed key is cut to 60 characters');
    });

    test('a person named in the path: too long is a 400 naming the limit; an unknown interaction is a 404', async () => {
      const long = await raw('GET', `/api/people/${'n'.repeat(300)}`);
      assert.equal(long.statusCode, 400, long.body);
      assert.match(errorOf(long).message, /^id at most 200 characters$/);
      const mapped = toHttpError(new DomainError('unknown_interaction', 'no interaction #9'));
      assert.equal(mapped.status, 404);
      assert.equal(mapped.body.error.code, 'unknown_interaction');
    });

    test('interaction dates: far future refused (maxFutureDays), distant past warned', async () => {
      const before = await interactions();
      const future = await raw('POST', '/api/people/priya/interactions', {
        action: 'give',
        text: 'a book',
        date: '9999-12-31',
      });
      assert.equal(future.statusCode, 400, future.body);
      const e = errorOf(future);
      assert.equal(e.code, 'invalid_date');
      assert.match(e.message, /^date 9999-12-31 is in the future/);
      assert.deepEqual(e.details.problems, [{ path: 'date', message: 'after 2026-11-27' }]);
      const dayAfter = await raw('POST', '/api/people/priya/interactions', {
        action: 'log',
        channel: 'call',
        nature: 'touch',
        date: '2026-11-28',
      });
      assert.equal(dayAfter.statusCode, 400);
      assert.equal(await interactions(), before, 'nothing written');
      const tomorrow = await raw('POST', '/api/people/priya/interactions', {
        action: 'log',
        channel: 'call',
        nature: 'touch',
        date: '2026-11-27',
      });
      assert.equal(tomorrow.statusCode, 201, tomorrow.body);
      const old = await raw('POST', '/api/people/priya/interactions', {
        action: 'give',
        text: 'an old favour',
        date: '1850-06-01',
      });
      assert.equal(old.statusCode, 201);
      const warnings = (JSON.parse(old.body) as { warnings: { code: string; message: string }[] }).warnings;
      assert.deepEqual(
        warnings.map((w) => w.code),
        ['distant_past'],
      );
      // Promises are not interactions: a due date next year is fine.
      const promise = await raw('POST', '/api/people/priya/promises', {
        text: 'send the deck',
        due: '2027-06-01',
      });
      assert.equal(promise.statusCode, 201, promise.body);
    });

    test('security headers on every response; export never cached', async () => {
      for (const [method, url] of [
        ['GET', '/api/health'],
        ['GET', '/api/people'],
        ['GET', '/api/nope'],
        ['GET', '/'],
        ['POST', '/api/people'],
      ] as const) {
        const r = await raw(method, url, method === 'POST' ? {} : undefined);
        const csp = String(r.headers['content-security-policy']);
        for (const directive of [
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data:",
          "connect-src 'self'",
          "frame-ancestors 'none'",
          "base-uri 'self'",
          "form-action 'self'",
        ])
          assert.ok(csp.includes(directive), `${method} ${url}: ${directive} in ${csp}`);
        assert.ok(!csp.includes('unsafe-inline'));
        assert.equal(r.headers['x-content-type-options'], 'nosniff');
        assert.equal(r.headers['x-frame-options'], 'DENY');
        assert.equal(r.headers['referrer-policy'], 'no-referrer');
      }
      for (const format of ['json', 'vcard', 'csv', 'ics']) {
        const r = await raw('GET', `/api/export?format=${format}`);
        assert.equal(r.statusCode, 200);
        assert.equal(r.headers['cache-control'], 'no-store', format);
      }
    });

    test('a known path with the wrong method: 405 with Allow', async () => {
      const r = await raw('DELETE', '/api/people');
      assert.equal(r.statusCode, 405);
      assert.equal(r.headers.allow, 'GET, HEAD, POST');
      assert.equal(errorOf(r).code, 'method_not_allowed');
      const one = await raw('PUT', '/api/people/12');
      assert.equal(one.statusCode, 405);
      assert.match(String(one.headers.allow), /PATCH/);
      assert.equal((await raw('DELETE', '/api/no-such-thing')).statusCode, 404);
    });

    test('the error shape for malformed paths, bad JSON and bodies over the limit', async () => {
      const path = await raw('GET', '/api/people/%E0%A4%A');
      assert.equal(path.statusCode, 400);
      assert.equal(errorOf(path).code, 'invalid_input');
      const json = await raw('POST', '/api/people', '{"name": "Anna"', {
        'content-type': 'application/json',
      });
      assert.equal(json.statusCode, 400);
      assert.match(errorOf(json).message, /not valid JSON/);
      const big = await raw('POST', '/api/people', JSON.stringify({ name: 'x'.repeat(1_100_000) }), {
        'content-type': 'application/json',
      });
      assert.equal(big.statusCode, 413);
      assert.match(errorOf(big).message, /larger than the 1 MB limit/);
      const bigImport = await raw('POST', '/api/import?format=vcard', Buffer.alloc(65 * 1024 * 1024, 0x41), {
        'content-type': 'application/octet-stream',
      });
      assert.equal(bigImport.statusCode, 413);
      const e = errorOf(bigImport);
      assert.match(e.message, /larger than the 64 MB limit/);
      assert.equal(e.details.limitBytes, 64 * 1024 * 1024);
    });

    test('malformed Host headers: 400', async () => {
      for (const host of ['local host', 'localhost:99999', 'localhost:port', '[::1', 'a/b', 'évil.example']) {
        const r = await raw('GET', '/api/health', undefined, { host });
        assert.equal(r.statusCode, 400, host);
        assert.match(errorOf(r).message, /Host header/);
      }
      assert.equal((await raw('GET', '/api/health', undefined, { host: 'localhost:4321' })).statusCode, 200);
      assert.equal((await raw('GET', '/api/health', undefined, { host: '[::1]:4321' })).statusCode, 200);
      assert.equal((await raw('GET', '/api/health', undefined, { host: 'example.com' })).statusCode, 403);
    });
  });
