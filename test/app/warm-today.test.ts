import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ContextPool } from '../../src/app/context-pool.js';
import { openApp, type AppContext } from '../../src/app/context.js';
import { logInteraction } from '../../src/app/interactions.js';
import { addPerson } from '../../src/app/people.js';
import { today } from '../../src/app/today.js';
import { logInput, parse, personInput } from '../../src/app/validate.js';
import { fixedClock, sqliteBackend } from '../helpers/db.js';

/**
 * The daemon keeps Today's largest reads (the week's activity, focus contacts, names) between
 * commands while the database stays at the same version (src/app/warm.ts). A write by another
 * connection, as `tend log` in another terminal is, must show in the next Today all the same.
 */
describe("Today's kept reads in the daemon's pool", () => {
  const clock = fixedClock('2026-11-26T09:00:00.000Z');
  const env = { ...process.env, TZ: 'UTC' };
  let file: string;
  let pool: ContextPool;
  let other: AppContext;
  const names = ['Ana Ruiz', 'Ben Okoro', 'Cleo Park', 'Dev Rao', 'Eli Stone'];

  before(async () => {
    file = sqliteBackend.fresh();
    other = await openApp({ db: file, clock: clock.now });
    for (const n of names) await addPerson(other, parse(personInput, { name: n, circle: 'focus' }));
    pool = new ContextPool();
  });
  after(async () => {
    await other.store.close();
    await pool.closeAll();
  });

  const signalsNow = async (): Promise<string[]> => {
    const ctx = await pool.get(file, env, clock.now);
    return (await today(ctx)).signals.map((s) => s.code);
  };

  test('the same note logged to five people in another connection shows as a signal in the next Today', async () => {
    assert.deepEqual(await signalsNow(), []);
    // Read twice at one version: what is kept answers the same.
    assert.deepEqual(await signalsNow(), []);
    for (const n of names)
      await logInteraction(
        other,
        parse(logInput, { people: [n], channel: 'message', nature: 'touch', note: 'Checking in!' }),
      );
    assert.deepEqual(await signalsNow(), ['same_note']);
  });

  test("another connection's log moves a focus person's last real contact in the next Today", async () => {
    const lastReal = async (): Promise<string | undefined> => {
      const ctx = await pool.get(file, env, clock.now);
      const card = (await today(ctx)).actions.find((a) => a.personName === 'Ana Ruiz');
      return card?.title;
    };
    const before = await lastReal();
    await logInteraction(
      other,
      parse(logInput, { people: ['Ana Ruiz'], channel: 'in_person', nature: 'touch', note: 'coffee' }),
    );
    assert.notEqual(await lastReal(), before);
  });
});
