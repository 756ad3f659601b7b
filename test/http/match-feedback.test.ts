import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openApp, type AppContext } from '../../src/app/context.js';
import { buildServer } from '../../src/http/server.js';
import { createMatcher } from '../../src/matching/index.js';
import { backends } from '../helpers/db.js';

/** `/api/matches/confirm|dismiss|forget`: answering a match the person page shows. */
interface Give {
  needId?: number;
  offerId?: number;
  confirmed?: boolean;
}

for (const backend of backends)
  describe(`match feedback over HTTP on ${backend.name}`, () => {
    let ctx: AppContext;
    let app: FastifyInstance;
    const ids = { person: 0, need: 0, offer: 0 };
    const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const r = await app.inject({
        method,
        url,
        ...(payload !== undefined ? { payload: payload as string } : {}),
      });
      return { status: r.statusCode, body: JSON.parse(r.body) as Record<string, unknown> };
    };
    const shown = async (): Promise<Give | undefined> =>
      ((await call('GET', `/api/people/${ids.person}`)).body.waysToHelp as Give[]).find(
        (g) => g.needId === ids.need && g.offerId === ids.offer,
      );
    const count = async (): Promise<number> =>
      Number(
        (
          await ctx.db
            .selectFrom('match_feedback')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      );

    before(async () => {
      const matcher = createMatcher({ modelless: true });
      ctx = await openApp({ db: backend.fresh(), matcher: () => Promise.resolve(matcher) });
      app = await buildServer(() => ctx, { webRoot: null });
      await app.ready();
      const offer = await call('POST', '/api/me/offers', {
        text: 'Postgres performance tuning and slow SQL query reviews',
      });
      ids.offer = (offer.body.item as { id: number }).id;
      const p = await call('POST', '/api/people', { name: 'Jonas Weber' });
      ids.person = (p.body.person as { id: number }).id;
      const n = await call('POST', `/api/people/${ids.person}/needs`, {
        text: 'a Postgres expert to review our slow SQL queries',
      });
      ids.need = (n.body.item as { id: number }).id;
    });
    after(async () => {
      await app.close();
      await ctx.store.close();
    });

    test('confirm marks the shown match; dismiss hides it; forget brings it back', async () => {
      assert.ok(await shown(), 'shown before any answer');
      const c = await call('POST', '/api/matches/confirm', { need: ids.need, offer: ids.offer });
      assert.equal(c.status, 200, JSON.stringify(c.body));
      assert.equal(c.body.verdict, 'confirmed');
      assert.equal((await shown())?.confirmed, true);
      assert.equal(
        (await call('POST', '/api/matches/dismiss', { need: ids.need, offer: ids.offer })).status,
        200,
      );
      assert.equal(await shown(), undefined);
      assert.equal(
        (await call('POST', '/api/matches/forget', { need: ids.need, offer: ids.offer })).status,
        200,
      );
      assert.ok(await shown());
    });

    test('bad bodies: 400 naming the field; unknown items: 404; nothing written', async () => {
      const before = await count();
      const bad = await call('POST', '/api/matches/dismiss', { need: 'x', offer: ids.offer });
      assert.equal(bad.status, 400);
      assert.match(JSON.stringify(bad.body), /need/);
      assert.equal((await call('POST', '/api/matches/dismiss', { offer: ids.offer })).status, 400);
      const swapped = await call('POST', '/api/matches/dismiss', { need: ids.offer, offer: ids.need });
      assert.equal(swapped.status, 400);
      assert.match((swapped.body.error as { message: string }).message, /NEED: #\d+ is an offer/);
      assert.equal(
        (await call('POST', '/api/matches/confirm', { need: 9999, offer: ids.offer })).status,
        404,
      );
      const message = async (body: unknown): Promise<string> => {
        const r = await call('POST', '/api/matches/confirm', body);
        assert.equal(r.status, 400, JSON.stringify(r.body));
        return (r.body.error as { message: string }).message;
      };
      // A field the request does not take is refused, not ignored (a verdict sent to /confirm).
      assert.match(
        await message({ need: ids.need, offer: ids.offer, verdict: 'dismissed' }),
        /^body has fields this request does not take: "verdict"/,
      );
      assert.equal(await message({ need: 1.5, offer: ids.offer }), 'need must be a whole number');
      assert.equal(await message({ need: 0, offer: ids.offer }), 'need must be greater than 0');
      assert.equal(await message({ need: ids.need, offer: 'x' }), 'offer must be a number, not a string');
      assert.equal(await message({ need: null, offer: ids.offer }), 'need must be a number, not null');
      // Jonas's own offer is never shown for his own need: nothing to answer.
      const own = await call('POST', `/api/people/${ids.person}/offers`, {
        text: 'intros to Berlin data teams',
      });
      const ownId = (own.body.item as { id: number }).id;
      assert.match(
        await message({ need: ids.need, offer: ownId }),
        new RegExp(`^OFFER: #${ownId} is Jonas Weber's own offer, like need #${ids.need}`),
      );
      assert.equal(await count(), before);
    });

    test('a lone surrogate in a text is refused like invalid UTF-8, naming the field', async () => {
      const r = await app.inject({
        method: 'POST',
        url: `/api/people/${ids.person}/needs`,
        headers: { 'content-type': 'application/json' },
        payload: '{"text":"a \\ud800 b"}',
      });
      assert.equal(r.statusCode, 400, r.body);
      assert.match(r.body, /text contains invalid UTF-8 \(a lone surrogate/);
    });

    test('the OpenAPI document lists the endpoints', async () => {
      const doc = await call('GET', '/api/openapi.json');
      const paths = Object.keys(doc.body.paths as Record<string, unknown>);
      for (const p of ['/api/matches/confirm', '/api/matches/dismiss', '/api/matches/forget'])
        assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
    });
  });
