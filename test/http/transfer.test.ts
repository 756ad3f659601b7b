import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/http/server.js';
import { backends, freshApp } from '../helpers/db.js';
import { snapshot } from '../helpers/snapshot.js';

const linkedin = [
  '\ufeffNotes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing."',
  '',
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Jonas,Weber,https://www.linkedin.com/in/jonasweber,,Acme,CTO,03 Jan 2023',
  '"Anna","Schmidt, PhD",https://www.linkedin.com/in/annaschmidt/,anna@example.com,"Lumen, Inc.",Founder,14 Feb 2024',
].join('\r\n');

for (const backend of backends)
  describe(`/api/import and /api/export on ${backend.name}`, () => {
    let ctx: Awaited<ReturnType<typeof freshApp>>;
    let app: FastifyInstance;
    const upload = (query: string, body: string | Buffer) =>
      app.inject({
        method: 'POST',
        url: `/api/import?${query}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: body,
      });
    before(async () => {
      ctx = await freshApp(backend);
      app = await buildServer(() => ctx, { webRoot: null });
    });
    after(async () => {
      await app.close();
      await ctx.store.close();
    });

    test('a dry run writes nothing; the import lands in the pool; a second import changes nothing', async () => {
      const before = await snapshot(ctx.db);
      const dry = await upload('format=linkedin&dryRun=true&filename=Connections.csv', linkedin);
      assert.equal(dry.statusCode, 200, dry.body);
      assert.equal((JSON.parse(dry.body) as { created: number }).created, 2);
      assert.equal(await snapshot(ctx.db), before);
      const real = await upload('format=linkedin&filename=Connections.csv', linkedin);
      assert.equal(real.statusCode, 201, real.body);
      const s = JSON.parse(real.body) as { created: number; withRealContact: number };
      assert.equal(s.created, 2);
      assert.equal(s.withRealContact, 0);
      const people = JSON.parse(
        (await app.inject({ method: 'GET', url: '/api/people?circle=pool' })).body,
      ) as { total: number };
      assert.equal(people.total, 2);
      const again = JSON.parse((await upload('format=linkedin', linkedin)).body) as {
        created: number;
        unchanged: number;
      };
      assert.deepEqual([again.created, again.unchanged], [0, 2]);
    });

    test('bad uploads: wrong format, empty body, unknown format; nothing written', async () => {
      const before = await snapshot(ctx.db);
      const wrong = await upload('format=vcard', linkedin);
      assert.equal(wrong.statusCode, 400);
      assert.equal((JSON.parse(wrong.body) as { error: { code: string } }).error.code, 'import_wrong_format');
      const empty = await upload('format=linkedin', '');
      assert.equal(empty.statusCode, 400);
      assert.deepEqual((JSON.parse(empty.body) as { error: { details: unknown } }).error.details, {
        problems: [{ path: 'body', message: 'is empty' }],
      });
      assert.equal((await upload('format=myspace', linkedin)).statusCode, 400);
      assert.equal(await snapshot(ctx.db), before);
    });

    test('exports: a backup and a vCard as downloads', async () => {
      const json = await app.inject({ method: 'GET', url: '/api/export?format=json' });
      assert.equal(json.statusCode, 200);
      assert.match(json.headers['content-disposition'] as string, /tend\.json/);
      const backup = JSON.parse(json.body) as { format: string; tables: { people: { name: string }[] } };
      assert.equal(backup.format, 'tend-backup');
      assert.deepEqual(backup.tables.people.map((p) => p.name).sort(), ['Anna Schmidt, PhD', 'Jonas Weber']);
      const vcf = await app.inject({ method: 'GET', url: '/api/export?format=vcard' });
      assert.match(vcf.headers['content-type'] as string, /text\/vcard/);
      assert.equal((vcf.body.match(/BEGIN:VCARD/g) ?? []).length, 2);
      assert.match(vcf.body, /FN:Anna Schmidt, PhD|FN:Anna Schmidt\\, PhD/);
      assert.equal((await app.inject({ method: 'GET', url: '/api/export?format=pdf' })).statusCode, 400);
    });
  });
