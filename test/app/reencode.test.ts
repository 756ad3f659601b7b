import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openApp, type AppContext } from '../../src/app/context.js';
import { addItem } from '../../src/app/items.js';
import { ENCODE_CHUNK, withFeatures } from '../../src/app/matching.js';
import { addPerson, showPerson } from '../../src/app/people.js';
import { setFocus } from '../../src/app/focus.js';
import { DomainError } from '../../src/core/errors.js';
import { parse, personInput } from '../../src/app/validate.js';
import { createMatcher, type Embedder, type Matcher } from '../../src/matching/index.js';
import { itemsOf } from '../../src/storage/repos/items.js';
import { backends, fixedClock } from '../helpers/db.js';

/** Another encoder: its matcher has another version, as after an update of Tend's matcher. */
const updated: Embedder = {
  name: 'updated-encoder',
  embed: (texts) =>
    Promise.resolve(texts.map((t) => Float32Array.from({ length: 512 }, (_, i) => Math.cos(i + t.length)))),
};

for (const backend of backends) {
  describe(`notes encoded by an older matcher, on ${backend.name}`, () => {
    const target = backend.fresh();
    const clock = fixedClock();
    const old = createMatcher({ modelless: true });
    const next = createMatcher({ embedder: updated, adapter: null, wordVectors: null });
    const open = (m: Matcher): Promise<AppContext> =>
      openApp({ db: target, clock: clock.now, matcher: () => Promise.resolve(m) });
    let ctx: AppContext;
    let mina = 0;
    before(async () => {
      const first = await open(old);
      mina = (await addPerson(first, parse(personInput, { name: 'Mina Sato' }))).person.id;
      for (let i = 0; i < 150; i++)
        await addItem(first, {
          person: 'mina',
          side: i % 2 ? 'need' : 'offer',
          text: `note number ${i} about bookkeeping`,
        });
      await first.store.close();
      ctx = await open(next);
    });
    after(async () => {
      await ctx.store.close();
    });

    const stored = async (version: string): Promise<number> =>
      Number(
        (
          await ctx.db
            .selectFrom('match_features')
            .select((e) => e.fn.countAll().as('n'))
            .where('version', '=', version)
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('are re-encoded on first use in steps that report progress, and stored', async () => {
      assert.notEqual(old.version, next.version);
      assert.equal(await stored(next.version), 0);
      const calls: [number, number][] = [];
      ctx.onEncode = (done, total) => calls.push([done, total]);
      const items = await itemsOf(ctx.db, [mina]);
      const got = await withFeatures(ctx, ctx.db, items);
      assert.equal(got.length, 150);
      assert.ok(got.every((i) => i.f.byteLength > 0));
      assert.deepEqual(calls, [
        [0, 150],
        [ENCODE_CHUNK, 150],
        [2 * ENCODE_CHUNK, 150],
        [150, 150],
      ]);
      assert.equal(await stored(next.version), 150);
      // The second time nothing is missing: nothing is encoded, nothing reported.
      calls.length = 0;
      await withFeatures(ctx, ctx.db, items);
      assert.deepEqual(calls, []);
    });
  });

  describe(`a focus change refused at the cap, after a matcher update, on ${backend.name}`, () => {
    test('keeps the re-encoding it needed: it ran before the transaction, not inside it', async () => {
      const target = backend.fresh();
      const clock = fixedClock();
      const old = createMatcher({ modelless: true });
      const next = createMatcher({ embedder: updated, adapter: null, wordVectors: null });
      const first = await openApp({ db: target, clock: clock.now, matcher: () => Promise.resolve(old) });
      for (const name of ['Ada Focus', 'Ben Focus', 'Cy Network']) {
        await addPerson(first, parse(personInput, { name }));
        await addItem(first, {
          person: name.split(' ')[0] ?? name,
          side: 'need',
          text: `${name} needs a bookkeeper`,
        });
        await addItem(first, {
          person: name.split(' ')[0] ?? name,
          side: 'offer',
          text: `${name} offers payroll help`,
        });
      }
      await addItem(first, { side: 'offer', text: 'I do bookkeeping for small shops' });
      first.settings.focusCap = 2;
      await setFocus(first, 'ada', true);
      await setFocus(first, 'ben', true);
      await first.store.close();

      const ctx = await openApp({ db: target, clock: clock.now, matcher: () => Promise.resolve(next) });
      try {
        ctx.settings.focusCap = 2;
        await assert.rejects(
          setFocus(ctx, 'cy', true),
          (e: unknown) => e instanceof DomainError && e.code === 'focus_full',
        );
        const n = Number(
          (
            await ctx.db
              .selectFrom('match_features')
              .select((e) => e.fn.countAll().as('n'))
              .where('version', '=', next.version)
              .executeTakeFirstOrThrow()
          ).n,
        );
        assert.equal(n, 7, 'every open note was encoded for the new matcher and kept');
        assert.equal((await showPerson(ctx, 'cy')).person.circle, 'network');
      } finally {
        await ctx.store.close();
      }
    });
  });
}
