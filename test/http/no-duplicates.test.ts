import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildServer } from '../../src/http/server.js';
import { backends, freshApp } from '../helpers/db.js';

/**
 * The web's first run then the README's CLI must not make duplicates: adding a name you already
 * have is refused (409 person_exists, naming the person) unless `new: true`; adding one of my
 * offers or needs I already have open returns it unchanged (200) instead of a second copy.
 */
interface Res {
  status: number;
  body: Record<string, unknown>;
}

for (const backend of backends)
  describe(`HTTP: no accidental duplicates on ${backend.name}`, () => {
    let ctx: Awaited<ReturnType<typeof freshApp>>;
    let app: FastifyInstance;
    const call = async (method: InjectOptions['method'], url: string, payload?: unknown): Promise<Res> => {
      const r = await app.inject({
        method,
        url,
        ...(payload !== undefined ? { payload: payload as string } : {}),
      });
      return { status: r.statusCode, body: JSON.parse(r.body) as Record<string, unknown> };
    };
    const peopleCount = async (): Promise<number> =>
      Number(
        (
          await ctx.db
            .selectFrom('people')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      );

    before(async () => {
      ctx = await freshApp(backend);
      app = await buildServer(() => ctx, { webRoot: null });
      await app.ready();
    });
    after(async () => {
      await app.close();
      await ctx.store.close();
    });

    test('a name you already have is refused with 409, naming the person; nothing written', async () => {
      const first = await call('POST', '/api/people', {
        name: 'Jonas Weber',
        met: 'PGConf Berlin',
        company: 'Acme',
      });
      assert.equal(first.status, 201);
      const id = (first.body.person as { id: number }).id;
      for (const name of ['Jonas Weber', 'jonas weber', 'JONAS WÉBER', '  Jonas   Weber ']) {
        const r = await call('POST', '/api/people', { name, met: 'the web' });
        assert.equal(r.status, 409, `${name}: ${JSON.stringify(r.body)}`);
        const e = r.body.error as { code: string; message: string; details: { existing: unknown[] } };
        assert.equal(e.code, 'person_exists');
        assert.match(e.message, new RegExp(`Jonas Weber #${id} \\(met PGConf Berlin, at Acme\\)`));
        assert.match(e.message, /set new to add them/);
        assert.doesNotMatch(e.message, /--new/);
        assert.deepEqual(e.details.existing, [
          { id, name: 'Jonas Weber', met: 'PGConf Berlin', company: 'Acme', circle: 'network' },
        ]);
      }
      assert.equal(await peopleCount(), 1);
    });

    test('new: true adds someone else with the same name; new: false is still refused', async () => {
      const refused = await call('POST', '/api/people', { name: 'Jonas Weber', new: false });
      assert.equal(refused.status, 409);
      const r = await call('POST', '/api/people', { name: 'Jonas Weber', met: 'Fintech Forum', new: true });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const person = r.body.person as { name: string; met: string };
      assert.equal(person.name, 'Jonas Weber');
      assert.equal(person.met, 'Fintech Forum');
      assert.equal('new' in person, false);
      assert.equal(await peopleCount(), 2);
      // Two namesakes now: the refusal names both.
      const again = await call('POST', '/api/people', { name: 'jonas weber' });
      assert.equal(again.status, 409);
      assert.equal((again.body.error as { details: { existing: unknown[] } }).details.existing.length, 2);
    });

    test('a bad "new" is bad input (400), not a silent yes', async () => {
      const r = await call('POST', '/api/people', { name: 'Zoe Park', new: 'yes' });
      assert.equal(r.status, 400);
      assert.match((r.body.error as { message: string }).message, /\bnew\b/);
      assert.equal(await peopleCount(), 2);
    });

    test('a different name is added as before', async () => {
      const r = await call('POST', '/api/people', { name: 'Jonas Webers' });
      assert.equal(r.status, 201);
    });

    test('my offers and needs: the same text again comes back unchanged (200), not twice', async () => {
      const a = await call('POST', '/api/me/offers', { text: 'Postgres query reviews' });
      assert.equal(a.status, 201);
      assert.equal(a.body.unchanged, false);
      const b = await call('POST', '/api/me/offers', { text: ' postgres QUERY reviews! ' });
      assert.equal(b.status, 200);
      assert.equal(b.body.unchanged, true);
      assert.equal((b.body.item as { id: number }).id, (a.body.item as { id: number }).id);
      // The same words on the other side are a different item.
      const need = await call('POST', '/api/me/needs', { text: 'Postgres query reviews' });
      assert.equal(need.status, 201);
      const me = (await app.inject({ method: 'GET', url: '/api/me' })).json<{
        offers: unknown[];
        needs: unknown[];
      }>();
      assert.equal(me.offers.length, 1);
      assert.equal(me.needs.length, 1);
    });
  });
