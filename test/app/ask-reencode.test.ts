import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openApp, type AppContext } from '../../src/app/context.js';
import { ask, logInteraction } from '../../src/app/interactions.js';
import { addItem } from '../../src/app/items.js';
import { addPerson } from '../../src/app/people.js';
import { askInput, logInput, parse, personInput } from '../../src/app/validate.js';
import { DomainError } from '../../src/core/errors.js';
import { createMatcher, type Embedder, type Matcher } from '../../src/matching/index.js';
import { backends, fixedClock } from '../helpers/db.js';

/** Another encoder: its matcher has another version, as after an update of Tend's matcher. */
const updated: Embedder = {
  name: 'updated-encoder',
  embed: (texts) =>
    Promise.resolve(texts.map((t) => Float32Array.from({ length: 512 }, (_, i) => Math.sin(i + t.length)))),
};

for (const backend of backends) {
  describe(`an ask refused by the guard, after a matcher update, on ${backend.name}`, () => {
    /** A database written with the old matcher: 7 open notes, two people I never gave to. */
    async function setUp(): Promise<{ open: (m: Matcher) => Promise<AppContext>; next: Matcher }> {
      const target = backend.fresh();
      const clock = fixedClock();
      const old = createMatcher({ modelless: true });
      const next = createMatcher({ embedder: updated, adapter: null, wordVectors: null });
      const open = (m: Matcher): Promise<AppContext> =>
        openApp({ db: target, clock: clock.now, matcher: () => Promise.resolve(m) });
      const first = await open(old);
      await addPerson(first, parse(personInput, { name: 'Ada Network' }));
      await addPerson(first, parse(personInput, { name: 'Pia Pool', circle: 'pool' }));
      for (const who of ['Ada', 'Pia']) {
        await addItem(first, { person: who, side: 'need', text: `${who} needs a bookkeeper` });
        await addItem(first, { person: who, side: 'offer', text: `${who} offers payroll help` });
      }
      await addItem(first, { side: 'offer', text: 'I do bookkeeping for small shops' });
      await addItem(first, { side: 'need', text: 'I need a designer' });
      await addItem(first, { side: 'offer', text: 'I review pitch decks' });
      await first.store.close();
      return { open, next };
    }

    const encoded = async (ctx: AppContext, version: string): Promise<number> =>
      Number(
        (
          await ctx.db
            .selectFrom('match_features')
            .select((e) => e.fn.countAll().as('n'))
            .where('version', '=', version)
            .executeTakeFirstOrThrow()
        ).n,
      );

    const refused = (e: unknown): boolean => e instanceof DomainError && e.code === 'ask_refused';

    test('`ask` keeps the re-encoding it needed: it ran before the transaction', async () => {
      const { open, next } = await setUp();
      const ctx = await open(next);
      try {
        assert.equal(await encoded(ctx, next.version), 0);
        await assert.rejects(
          ask(ctx, parse(askInput, { person: 'pia', text: 'an intro to a bank' })),
          refused,
        );
        // Mine (3), the network's (Ada: 2) and the asked person's own notes (Pia, in the pool: 2).
        assert.equal(await encoded(ctx, next.version), 7);
        // Nothing of the refused ask was written.
        const asks = await ctx.db
          .selectFrom('interactions')
          .select('id')
          .where('nature', '=', 'asked')
          .execute();
        assert.deepEqual(asks, []);
      } finally {
        await ctx.store.close();
      }
    });

    test('`log --nature asked` refused by the guard keeps it too', async () => {
      const { open, next } = await setUp();
      const ctx = await open(next);
      try {
        await assert.rejects(
          logInteraction(ctx, parse(logInput, { people: ['ada'], channel: 'call', nature: 'asked' })),
          refused,
        );
        assert.equal(
          await encoded(ctx, next.version),
          5,
          'mine and the network’s notes (Pia is in the pool)',
        );
      } finally {
        await ctx.store.close();
      }
    });

    test('an unknown person is still refused by name, with nothing encoded in vain', async () => {
      const { open, next } = await setUp();
      const ctx = await open(next);
      try {
        await assert.rejects(
          ask(ctx, parse(askInput, { person: 'nobody', text: 'x' })),
          (e: unknown) => e instanceof DomainError && e.code === 'unknown_person',
        );
        assert.equal(await encoded(ctx, next.version), 0);
      } finally {
        await ctx.store.close();
      }
    });
  });
}
