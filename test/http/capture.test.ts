import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { changeMyEmails } from '../../src/app/capture-runs.js';
import { buildServer } from '../../src/http/server.js';
import { backends, freshApp } from '../helpers/db.js';
import { snapshot } from '../helpers/snapshot.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (p: string): Buffer => fs.readFileSync(path.join(root, 'test/fixtures/capture', p));

interface Stranger {
  email: string;
  name?: string;
  count: number;
  last: string;
  sources: string[];
  kinds: string[];
}
interface Run {
  id: number;
  source: string;
  counts: Record<string, number>;
  undoneAt?: string;
}

for (const backend of backends)
  describe(`/api/capture on ${backend.name}`, () => {
    let ctx: Awaited<ReturnType<typeof freshApp>>;
    let app: FastifyInstance;
    const upload = (query: string, body: string | Buffer) =>
      app.inject({
        method: 'POST',
        url: `/api/capture/import?${query}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: body,
      });
    const post = (url: string, payload: unknown) =>
      app.inject({ method: 'POST', url, payload: payload as object });
    const get = async <T>(url: string): Promise<T> => JSON.parse((await app.inject({ url })).body) as T;

    before(async () => {
      ctx = await freshApp(backend);
      app = await buildServer(() => ctx, { webRoot: null });
      assert.equal(
        (await post('/api/people', { name: 'Jonas Weber', emails: ['jonas@example.org'] })).statusCode,
        201,
      );
      await changeMyEmails(ctx, { add: ['maya@example.com'] });
    });
    after(async () => {
      await app.close();
      await ctx.store.close();
    });

    test('an uploaded calendar: the dry run writes nothing, the import fills the review list with its source', async () => {
      const before = await snapshot(ctx.db);
      const dry = await upload('kind=calendar&dryRun=true&filename=maya.ics', fixture('google-calendar.ics'));
      assert.equal(dry.statusCode, 200, dry.body);
      const preview = JSON.parse(dry.body) as {
        created: number;
        newStrangers: number;
        file: string;
        dryRun: boolean;
      };
      assert.equal(preview.dryRun, true);
      assert.equal(preview.file, 'maya.ics');
      assert.ok(preview.created >= 1 && preview.newStrangers >= 1, dry.body);
      assert.equal(await snapshot(ctx.db), before);

      const real = await upload('kind=calendar&filename=maya.ics', fixture('google-calendar.ics'));
      assert.equal(real.statusCode, 201, real.body);
      const s = JSON.parse(real.body) as { created: number; newStrangers: number; run: number };
      assert.equal(s.created, preview.created);
      assert.ok(!real.body.includes('tend-upload-'), 'the temporary path stays on the server');

      const { people } = await get<{ people: Stranger[] }>('/api/capture/review');
      const priya = people.find((p) => p.email === 'priya@example.net');
      assert.ok(priya, JSON.stringify(people));
      assert.equal(priya.name, 'Priya Raman');
      assert.deepEqual(priya.sources, ['upload: maya.ics']);
      assert.deepEqual(priya.kinds, ['calendar']);
      assert.ok(!people.some((p) => p.email === 'jonas@example.org' || p.email === 'maya@example.com'));

      const { runs } = await get<{ runs: Run[] }>('/api/capture/runs');
      const [last] = runs;
      assert.ok(last);
      assert.equal(last.id, s.run);
      assert.equal(last.source, 'upload: maya.ics');
      assert.equal(last.counts.created, s.created);
    });

    test('add to the network, ignore and unignore, undo a run: each as the CLI does it', async () => {
      const add = await post('/api/capture/review/add', { email: 'priya@example.net', circle: 'network' });
      assert.equal(add.statusCode, 201, add.body);
      const added = JSON.parse(add.body) as {
        person: { id: number; name: string; circle: string };
        meetings: number;
      };
      assert.equal(added.person.name, 'Priya Raman');
      assert.equal(added.person.circle, 'network');
      assert.ok(added.meetings >= 1);
      const again = await post('/api/capture/review/add', { email: 'priya@example.net', circle: 'network' });
      assert.equal(again.statusCode, 404, again.body);

      const { people } = await get<{ people: Stranger[] }>('/api/capture/review');
      const other = people[0];
      assert.ok(other);
      assert.equal((await post('/api/capture/review/ignore', { email: other.email })).statusCode, 200);
      let list = await get<{ people: Stranger[] }>('/api/capture/review');
      assert.ok(!list.people.some((p) => p.email === other.email));
      assert.equal((await post('/api/capture/review/unignore', { email: other.email })).statusCode, 200);
      list = await get<{ people: Stranger[] }>('/api/capture/review');
      assert.ok(list.people.some((p) => p.email === other.email));
      assert.equal((await post('/api/capture/review/unignore', { email: other.email })).statusCode, 404);

      const { runs } = await get<{ runs: Run[] }>('/api/capture/runs');
      const fileRun = runs.find((r) => r.source === 'upload: maya.ics');
      assert.ok(fileRun);
      const jonasBefore = await ctx.db
        .selectFrom('interactions')
        .select('id')
        .where('source', '=', 'calendar')
        .where('deleted_at', 'is', null)
        .execute();
      assert.ok(jonasBefore.length > 0);
      const undo = await post(`/api/capture/runs/${fileRun.id}/undo`, {});
      assert.equal(undo.statusCode, 200, undo.body);
      const undone = JSON.parse(undo.body) as { run: Run; reverted: number };
      assert.ok(undone.run.undoneAt);
      const twice = await post(`/api/capture/runs/${fileRun.id}/undo`, {});
      assert.equal(twice.statusCode, 409, twice.body);
      // The run's meetings with Jonas are gone; Priya's, added from the review list, are a run of their own.
      const left = await ctx.db
        .selectFrom('interactions as i')
        .innerJoin('interaction_people as ip', 'ip.interaction_id', 'i.id')
        .innerJoin('people as p', 'p.id', 'ip.person_id')
        .select('p.name')
        .where('i.source', '=', 'calendar')
        .where('i.deleted_at', 'is', null)
        .execute();
      assert.ok(
        left.every((r) => r.name === 'Priya Raman'),
        JSON.stringify(left),
      );
    });

    test('bad input: 400 naming the field, nothing written', async () => {
      const before = await snapshot(ctx.db);
      const noKind = await upload('filename=x.ics', fixture('google-calendar.ics'));
      assert.equal(noKind.statusCode, 400);
      assert.match(noKind.body, /kind/);
      const pathName = await upload('kind=calendar&filename=..%2Fx.ics', fixture('google-calendar.ics'));
      assert.equal(pathName.statusCode, 400);
      assert.match(pathName.body, /filename/);
      const empty = await upload('kind=calendar', '');
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /"path":"body"/);
      const broken = await upload('kind=calendar&filename=cut.ics', fixture('cut-in-timezone.ics'));
      assert.equal(broken.statusCode, 400, broken.body);
      const e = JSON.parse(broken.body) as { error: { message: string } };
      assert.match(e.error.message, /^cut\.ics, line \d+/);
      assert.ok(!broken.body.includes('tend-upload-'));
      const wrong = await upload('kind=mail&filename=x.mbox', fixture('google-calendar.ics'));
      assert.equal(wrong.statusCode, 400, wrong.body);
      const strict = await upload(
        'kind=calendar&strict=true&filename=cut.ics',
        fixture('unterminated-vevent.ics'),
      );
      assert.equal(strict.statusCode, 400, strict.body);
      const se = JSON.parse(strict.body) as { error: { code: string; message: string } };
      assert.equal(se.error.code, 'import_rejected');
      assert.match(
        se.error.message,
        /^cut\.ics: 1 event could not be read; with strict nothing was imported/,
      );
      assert.match(se.error.message, /line 12: BEGIN:VEVENT is never ended/);
      const badStrict = await upload('kind=calendar&strict=yes', fixture('google-calendar.ics'));
      assert.equal(badStrict.statusCode, 400);
      assert.match(badStrict.body, /strict/);
      const noCircle = await post('/api/capture/review/add', { email: 'x@example.com', circle: 'focus' });
      assert.equal(noCircle.statusCode, 400);
      assert.match(noCircle.body, /circle/);
      const noEmail = await post('/api/capture/review/ignore', {});
      assert.equal(noEmail.statusCode, 400);
      assert.match(noEmail.body, /email/);
      const notEmail = await post('/api/capture/review/ignore', { email: 'not an address' });
      assert.equal(notEmail.statusCode, 400);
      const badRun = await post('/api/capture/runs/abc/undo', {});
      assert.equal(badRun.statusCode, 400);
      assert.match(badRun.body, /id/);
      const noRun = await post('/api/capture/runs/9999/undo', {});
      assert.equal(noRun.statusCode, 404);
      assert.equal(await snapshot(ctx.db), before);
    });

    test('the OpenAPI document shows the capture routes with their schemas', async () => {
      const doc = await get<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>(
        '/api/openapi.json',
      );
      for (const p of [
        '/api/capture/review',
        '/api/capture/review/add',
        '/api/capture/runs/{id}/undo',
        '/api/capture/import',
      ])
        assert.ok(doc.paths[p], p);
      assert.ok(doc.paths['/api/capture/review/add']?.post?.requestBody);
    });
  });
