import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AppContext } from '../../src/app/context.js';
import { addPerson } from '../../src/app/people.js';
import { today } from '../../src/app/today.js';
import { parse, personInput } from '../../src/app/validate.js';
import { backends, fixedClock, freshApp } from '../helpers/db.js';

const person = (name: string, extra: Record<string, unknown> = {}) => parse(personInput, { name, ...extra });

/** The agenda reads only names, birthdays and cadences of the people around it: each must arrive. */
for (const backend of backends) {
  describe(`today's people on ${backend.name}`, () => {
    let ctx: AppContext;
    before(async () => {
      ctx = await freshApp(backend, fixedClock('2026-11-26T09:00:00.000Z'));
    });
    after(async () => {
      await ctx.store.close();
    });

    test('a birthday in the network, a focus cadence and a plain focus person each give their card, by name', async () => {
      await addPerson(ctx, person('Mara Lind', { birthday: '--11-28' }));
      await addPerson(ctx, person('Olu Bello', { birthday: '1990-06-01' }));
      await addPerson(ctx, person('Kenji Sato', { circle: 'focus', cadenceDays: 30 }));
      await addPerson(ctx, person('Ana Ruiz', { circle: 'focus' }));
      const { actions } = await today(ctx);
      const birthdays = actions.filter((a) => a.kind === 'birthday');
      assert.deepEqual(
        birthdays.map((a) => a.title),
        ["Mara Lind's birthday is on 2026-11-28: send a note"],
      );
      const kinds = new Map(actions.map((a) => [a.personName, a.kind]));
      assert.equal(kinds.get('Kenji Sato'), 'keep_in_touch');
      assert.equal(kinds.get('Ana Ruiz'), 'reconnect');
    });
  });
}
