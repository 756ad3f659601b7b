import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AppContext } from '../../src/app/context.js';
import {
  editInteraction,
  editPromise,
  rememberItemEdit,
  removeRecord,
  restoreRecord,
  undoLast,
} from '../../src/app/corrections.js';
import { addEvent, listEvents } from '../../src/app/events.js';
import { give, logInteraction } from '../../src/app/interactions.js';
import { addItem, editItemText } from '../../src/app/items.js';
import { addPerson, listPeople, showPerson } from '../../src/app/people.js';
import { listPromises, makePromise } from '../../src/app/promises.js';
import { parse, personInput } from '../../src/app/validate.js';
import { DomainError } from '../../src/core/errors.js';
import { backends, fixedClock, freshApp } from '../helpers/db.js';

async function rejects(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof DomainError && e.code === code);
}

const page = { limit: 50, offset: 0, order: 'name' as const };

for (const backend of backends) {
  describe(`correcting and removing on ${backend.name}`, () => {
    let ctx: AppContext;
    const clock = fixedClock('2026-11-20T09:00:00.000Z');
    before(async () => {
      ctx = await freshApp(backend, clock);
      await addPerson(ctx, parse(personInput, { name: 'Priya Nair' }));
      await addPerson(ctx, parse(personInput, { name: 'Jonas Weber' }));
    });
    after(async () => {
      await ctx.store.close();
    });

    test('a removed give leaves the ledger and the last contact; restoring brings both back', async () => {
      const g = await give(ctx, {
        person: 'priya',
        text: 'intro to Lars',
        kind: 'intro',
        date: '2026-11-18',
        channel: 'in_person',
      });
      let p = await showPerson(ctx, 'priya');
      assert.equal(p.ledger.gaveCount, 1);
      assert.equal(p.lastRealOn, '2026-11-18');

      const removed = await removeRecord(ctx, 'interaction', g.interaction.id);
      assert.deepEqual(removed.personIds, [p.person.id]);
      p = await showPerson(ctx, 'priya');
      assert.equal(p.ledger.gaveCount, 0);
      assert.equal(p.timeline.length, 0);
      assert.equal(p.lastRealOn, undefined);
      await rejects(removeRecord(ctx, 'interaction', g.interaction.id), 'unknown_interaction');

      await restoreRecord(ctx, 'interaction', g.interaction.id);
      p = await showPerson(ctx, 'priya');
      assert.equal(p.ledger.gaveCount, 1);
      assert.equal(p.lastRealOn, '2026-11-18');
      await rejects(restoreRecord(ctx, 'interaction', g.interaction.id), 'invalid_input');
      await rejects(restoreRecord(ctx, 'interaction', 9999), 'unknown_interaction');
    });

    test('an interaction is corrected: date, kind, note; a kind that does not fit is refused', async () => {
      const l = await logInteraction(ctx, {
        people: ['jonas'],
        channel: 'call',
        nature: 'gave',
        kind: 'advice',
        note: 'schema review',
        date: '2026-11-10',
      });
      const id = l.interaction.id;
      await editInteraction(ctx, id, { date: '2026-11-12', kind: 'intro', note: 'intro to a DBA' });
      let p = await showPerson(ctx, 'jonas');
      const i = p.timeline.find((t) => t.id === id);
      assert.ok(i);
      assert.equal(i.date, '2026-11-12');
      assert.equal(i.kind, 'intro');
      assert.equal(i.note, 'intro to a DBA');
      assert.equal(p.lastRealOn, '2026-11-12');
      await rejects(editInteraction(ctx, id, { nature: 'touch' }), 'invalid_input');
      await rejects(editInteraction(ctx, id, { date: '2027-06-01' }), 'invalid_date');
      p = await showPerson(ctx, 'jonas');
      assert.equal(p.timeline.find((t) => t.id === id)?.nature, 'gave', 'a refused edit writes nothing');
      await editInteraction(ctx, id, { nature: 'touch', kind: null, note: null });
      p = await showPerson(ctx, 'jonas');
      assert.equal(p.ledger.gaveCount, 0);
      assert.equal(p.timeline.find((t) => t.id === id)?.note, undefined);
    });

    test('needs and offers: removed from the profile and search, restored with both', async () => {
      const need = await addItem(ctx, { person: 'priya', side: 'need', text: 'a Postgres consultant' });
      assert.equal((await listPeople(ctx, { search: 'postgres' }, page)).total, 1);
      await removeRecord(ctx, 'item', need.id);
      assert.equal((await showPerson(ctx, 'priya')).needs.length, 0);
      assert.equal((await listPeople(ctx, { search: 'postgres' }, page)).total, 0);
      await restoreRecord(ctx, 'item', need.id);
      assert.deepEqual(
        (await showPerson(ctx, 'priya')).needs.map((n) => n.text),
        ['a Postgres consultant'],
      );
      assert.equal((await listPeople(ctx, { search: 'postgres' }, page)).total, 1);
    });

    test('promises and events are corrected, removed and restored', async () => {
      const pr = await makePromise(ctx, { person: 'jonas', text: 'send the deck', due: '2026-11-25' });
      await editPromise(ctx, pr.id, { text: 'send the board deck', due: '2026-11-27' });
      let open = await listPromises(ctx);
      assert.deepEqual(
        open.map((p) => [p.text, p.due]),
        [['send the board deck', '2026-11-27']],
      );
      await rejects(editPromise(ctx, pr.id, { due: 'someday maybe' }), 'invalid_date');
      await removeRecord(ctx, 'promise', pr.id);
      assert.equal((await listPromises(ctx)).length, 0);
      await restoreRecord(ctx, 'promise', pr.id);
      open = await listPromises(ctx);
      assert.equal(open.length, 1);

      const ev = await addEvent(ctx, { name: 'Data Council', date: '2026-11-15' });
      await removeRecord(ctx, 'event', ev.id);
      assert.equal(
        (await listEvents(ctx)).some((e) => e.id === ev.id),
        false,
      );
      await restoreRecord(ctx, 'event', ev.id);
      assert.equal(
        (await listEvents(ctx)).some((e) => e.id === ev.id),
        true,
      );
    });

    test('undo takes back the last remembered removal or edit, newest first', async () => {
      const pr = await makePromise(ctx, { person: 'priya', text: 'call about the role', due: '2026-11-30' });
      const offer = await addItem(ctx, { person: 'priya', side: 'offer', text: 'intros to Berlin VCs' });
      await editPromise(ctx, pr.id, { due: '2026-12-02' }, { journal: true });
      await rememberItemEdit(ctx, offer.id);
      await editItemText(ctx, offer.id, 'intros to Munich VCs');
      await removeRecord(ctx, 'promise', pr.id, { journal: true });

      assert.equal((await undoLast(ctx)).done, 'restored');
      assert.ok((await listPromises(ctx)).some((p) => p.id === pr.id));
      assert.equal((await undoLast(ctx)).done, 'unedited');
      assert.deepEqual(
        (await showPerson(ctx, 'priya')).offers.map((o) => o.text),
        ['intros to Berlin VCs'],
      );
      await undoLast(ctx);
      assert.equal((await listPromises(ctx)).find((p) => p.id === pr.id)?.due, '2026-11-30');
      await rejects(undoLast(ctx), 'invalid_input');
    });

    test('the one-click give is logged once however often it is sent', async () => {
      const input = { person: 'jonas', text: 'intro to Lars', kind: 'intro' as const };
      const first = await give(ctx, input, { once: true });
      const again = await give(ctx, input, { once: true });
      assert.equal(again.unchanged, true);
      assert.equal(again.interaction.id, first.interaction.id);
      const p = await showPerson(ctx, 'jonas');
      assert.equal(p.timeline.filter((t) => t.note === 'intro to Lars').length, 1);
    });
  });
}
