/**
 * The team digests' schedule on real PostgreSQL, as the app role: `tend_digest_due` finds exactly
 * the due accounts, in pages; its window on `settings` admits the schedule rows only, and only
 * inside it; a mail server that cannot be reached ends a check and backs that account off.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { setSetting } from '../../src/app/config.js';
import type { AppContext } from '../../src/app/context.js';
import { addPerson } from '../../src/app/people.js';
import { makePromise } from '../../src/app/promises.js';
import { accountContext, withTenant } from '../../src/app/team/context.js';
import { dueAccounts, teamDigestCheck } from '../../src/app/team/digests.js';
import { writePrivate } from '../../src/storage/repos/settings.js';
import { fixedClock } from '../helpers/db.js';
import { freePort } from '../helpers/ports.js';
import { account, freshTeam, ownerClient, noTeamBackend } from './helpers.js';

describe('team digests: who is due', { skip: noTeamBackend }, () => {
  const clock = fixedClock('2026-11-26T09:00:00.000Z');
  let ctx: AppContext;
  let schema: string;
  const ids: Record<string, number> = {};
  const at = () => {
    const now = clock.now();
    return { day: '2026-11-26', hour: now.getUTCHours(), now };
  };

  /** As the account: its settings, private records, and a promise due today. */
  const as = (name: string, fn: (c: AppContext) => Promise<unknown>) =>
    withTenant(ids[name] ?? 0, async () => fn(await accountContext(ctx)));

  before(async () => {
    ({ ctx, schema } = await freshTeam(undefined, clock));
    for (const name of [
      'onDefault',
      'later',
      'doneToday',
      'doneYesterday',
      'waiting',
      'waited',
      'off',
      'never',
    ])
      ids[name] = (await account(ctx, `${name.toLowerCase()}${process.pid}`)).id;
    const daily = (c: AppContext) => setSetting(c, 'digest.daily', 'true');
    await as('onDefault', async (c) => {
      await daily(c);
      const { person: p } = await addPerson(c, { name: 'Priya Raman', emails: [], phones: [], tags: [] });
      await makePromise(c, { person: String(p.id), text: 'send the deck', due: '2026-11-26' });
    });
    await as('later', async (c) => {
      await daily(c);
      await setSetting(c, 'digest.hour', 10);
    });
    await as('doneToday', async (c) => {
      await daily(c);
      await writePrivate(c.db, 'digest.lastDone', '2026-11-26');
    });
    await as('doneYesterday', async (c) => {
      await daily(c);
      await writePrivate(c.db, 'digest.lastDone', '2026-11-25');
      const { person: p } = await addPerson(c, { name: 'Jonas Berg', emails: [], phones: [], tags: [] });
      await makePromise(c, { person: String(p.id), text: 'call back', due: '2026-11-26' });
    });
    await as('waiting', async (c) => {
      await daily(c);
      await writePrivate(c.db, 'digest.retryAfter', '2026-11-26T09:20:00.000Z');
    });
    await as('waited', async (c) => {
      await daily(c);
      await writePrivate(c.db, 'digest.retryAfter', '2026-11-26T08:30:00.000Z');
    });
    await as('off', async (c) => {
      await setSetting(c, 'digest.daily', 'false');
      // Settings that are not the schedule's: the window must not show them.
      await setSetting(c, 'digest.to', 'someone.private@example.org');
      await setSetting(c, 'focusCap', 12);
    });
  });
  after(async () => {
    await ctx.store.close();
    const c = await ownerClient('public');
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  });

  test('exactly the due accounts, in id order, in pages', async () => {
    const due = ['onDefault', 'doneYesterday', 'waited'].map((n) => ids[n] ?? 0);
    assert.deepEqual(await dueAccounts(ctx, at(), 0, 100), due);
    const first = await dueAccounts(ctx, at(), 0, 2);
    assert.deepEqual(first, due.slice(0, 2));
    assert.deepEqual(await dueAccounts(ctx, at(), first[1] ?? 0, 2), due.slice(2));
    // At 10:00 the account that chose 10 is due too.
    const ten = { ...at(), hour: 10 };
    assert.deepEqual(
      await dueAccounts(ctx, ten, 0, 100),
      [...due, ids.later ?? 0].sort((a, b) => a - b),
    );
  });

  test('the window admits the schedule rows only, and only inside the function', async () => {
    const rows = await ctx.db.transaction().execute(async (trx) => {
      const plain = await sql<{ n: number }>`SELECT count(*)::int AS n FROM settings`.execute(trx);
      await sql`SELECT set_config('tend.scope', 'digest', true)`.execute(trx);
      const keys = await sql<{ key: string }>`SELECT DISTINCT key FROM settings ORDER BY key`.execute(trx);
      const people = await sql<{ n: number }>`SELECT count(*)::int AS n FROM people`.execute(trx);
      const promises = await sql<{ n: number }>`SELECT count(*)::int AS n FROM promises`.execute(trx);
      const write = await sql`UPDATE settings SET value = 'false' WHERE key = 'digest.daily'`.execute(trx);
      return { plain, keys, people, promises, write };
    });
    assert.equal(rows.plain.rows[0]?.n, 0, 'no tenant: no settings row');
    assert.deepEqual(
      rows.keys.rows.map((r) => r.key),
      ['digest.daily', 'digest.hour', 'private:digest.lastDone', 'private:digest.retryAfter'],
    );
    assert.equal(rows.people.rows[0]?.n, 0);
    assert.equal(rows.promises.rows[0]?.n, 0);
    assert.equal(Number(rows.write.numAffectedRows ?? 0), 0, 'the window is read-only');
  });

  test('a mail server that cannot be reached ends the check and backs that account off for 30 minutes', async () => {
    const port = await freePort(); // nothing listens there
    const logs: string[] = [];
    const check = teamDigestCheck(ctx, {
      mail: { host: '127.0.0.1', port, security: 'none', from: 'digest@tend.example.org' },
      log: (m) => logs.push(m),
      concurrency: 1,
    });
    await check();
    assert.equal(logs.length, 2, logs.join('\n'));
    assert.match(
      logs[0] ?? '',
      /^digest for 2026-11-26 not sent for account acc_\w{22}: the digest was not sent: cannot reach 127\.0\.0\.1:/,
    );
    assert.match(logs[1] ?? '', /the mail server cannot be used; the next check tries again/);
    // The first account waits 30 minutes; the others were not tried and are still due.
    const rest = ['doneYesterday', 'waited'].map((n) => ids[n] ?? 0);
    assert.deepEqual(await dueAccounts(ctx, at(), 0, 100), rest);
    clock.set('2026-11-26T09:31:00.000Z');
    // …and so does the one whose back-off ended at 09:20.
    const later = ['onDefault', 'doneYesterday', 'waiting', 'waited'].map((n) => ids[n] ?? 0);
    assert.deepEqual(await dueAccounts(ctx, at(), 0, 100), later);
  });
});
