import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AppContext } from '../../src/app/context.js';
import { claimIdempotent, finishIdempotent, releaseIdempotent } from '../../src/app/idempotency.js';
import { DomainError } from '../../src/core/errors.js';
import { backends, fixedClock, freshApp } from '../helpers/db.js';

/** The idempotency-key rules under the HTTP hook: first, replay, mismatch, running, takeover, expiry. */
for (const backend of backends)
  describe(`idempotency keys on ${backend.name}`, () => {
    const clock = fixedClock('2026-12-03T09:00:00.000Z');
    let ctx: AppContext;
    before(async () => {
      ctx = await freshApp(backend, clock);
    });
    after(async () => {
      await ctx.store.close();
    });

    test('a second request while the first runs is told so; a stopped first is taken over after 5 minutes', async () => {
      assert.deepEqual(await claimIdempotent(ctx, 'k1', 'fp-a'), { kind: 'first' });
      assert.deepEqual(await claimIdempotent(ctx, 'k1', 'fp-a'), { kind: 'running' });
      clock.set('2026-12-03T09:04:00.000Z');
      assert.deepEqual(await claimIdempotent(ctx, 'k1', 'fp-a'), { kind: 'running' });
      clock.set('2026-12-03T09:06:00.000Z');
      assert.deepEqual(await claimIdempotent(ctx, 'k1', 'fp-a'), { kind: 'first' }, 'taken over');
      await finishIdempotent(ctx, 'k1', 201, '{"ok":true}');
      assert.deepEqual(await claimIdempotent(ctx, 'k1', 'fp-a'), {
        kind: 'replay',
        status: 201,
        body: '{"ok":true}',
        firstAt: '2026-12-03T09:06:00.000Z',
      });
      assert.deepEqual(await claimIdempotent(ctx, 'k1', 'fp-b'), {
        kind: 'mismatch',
        firstAt: '2026-12-03T09:06:00.000Z',
      });
    });

    test('a released key runs again; a key older than a week is forgotten', async () => {
      assert.equal((await claimIdempotent(ctx, 'k2', 'fp')).kind, 'first');
      await releaseIdempotent(ctx, 'k2');
      assert.equal((await claimIdempotent(ctx, 'k2', 'fp')).kind, 'first');
      await finishIdempotent(ctx, 'k2', 200, '{}');
      clock.advanceDays(6);
      assert.equal((await claimIdempotent(ctx, 'k2', 'fp')).kind, 'replay');
      clock.advanceDays(2);
      assert.equal((await claimIdempotent(ctx, 'k2', 'other')).kind, 'first', 'expired: a new request');
    });

    test('a malformed key is refused by name', async () => {
      for (const bad of ['', 'with space', 'x'.repeat(201), 'naïve']) {
        await assert.rejects(
          claimIdempotent(ctx, bad, 'fp'),
          (e: unknown) =>
            e instanceof DomainError && /Idempotency-Key header must be 1 to 200/.test(e.message),
        );
      }
    });
  });
