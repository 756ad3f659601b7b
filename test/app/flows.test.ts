import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AppContext } from '../../src/app/context.js';
import { setSetting } from '../../src/app/config.js';
import { addEvent, addMetAtEvent, listEvents, pickFollowUp } from '../../src/app/events.js';
import { ask, give, logInteraction, recordOutcome } from '../../src/app/interactions.js';
import { addItem } from '../../src/app/items.js';
import {
  addPerson,
  editPerson,
  fadingPeople,
  listPeople,
  showPerson,
  tagPerson,
} from '../../src/app/people.js';
import { listFocus, setFocus } from '../../src/app/focus.js';
import { mergePeople, movePeople } from '../../src/app/people-cleanup.js';
import { closePromise, makePromise } from '../../src/app/promises.js';
import { review } from '../../src/app/review.js';
import { today } from '../../src/app/today.js';
import { parse, personInput } from '../../src/app/validate.js';
import { DomainError } from '../../src/core/errors.js';
import { backends, fixedClock, freshApp } from '../helpers/db.js';
import { snapshot } from '../helpers/snapshot.js';

const person = (name: string, extra: Record<string, unknown> = {}) => parse(personInput, { name, ...extra });

async function rejects(p: Promise<unknown>, code: string): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

for (const backend of backends) {
  describe(`use cases on ${backend.name}`, () => {
    let ctx: AppContext;
    const clock = fixedClock();
    before(async () => {
      ctx = await freshApp(backend, clock);
    });
    after(async () => {
      await ctx.store.close();
    });

    test('a person needs only a name; names resolve by accent-insensitive prefix; ambiguity lists candidates', async () => {
      const { person: jose } = await addPerson(ctx, person('José Álvarez', { met: 'PyCon' }));
      assert.equal(jose.circle, 'network');
      await addPerson(ctx, person('Josefine Berg'));
      const profile = await showPerson(ctx, 'jose a');
      assert.equal(profile.person.id, jose.id);
      assert.equal((await showPerson(ctx, 'álvarez')).person.id, jose.id);
      const e = await rejects(showPerson(ctx, 'jos'), 'ambiguous_person');
      assert.equal((e.details.candidates as unknown[]).length, 2);
      await rejects(showPerson(ctx, 'nobody'), 'unknown_person');
    });

    test('SQL and markup in a name are just a name', async () => {
      const name = `Robert'); DROP TABLE people;-- <script>alert(1)</script>`;
      const { person: p } = await addPerson(ctx, person(name));
      assert.equal((await showPerson(ctx, String(p.id))).person.name, name);
      assert.ok((await listPeople(ctx, { search: 'drop table' }, { limit: 10, offset: 0 })).total >= 1);
    });

    test('the ask guard refuses an ask to someone never given to, writing nothing, with three gives', async () => {
      await addItem(ctx, { side: 'offer', text: 'Postgres performance tuning and SQL query reviews' });
      const { person: carla } = await addPerson(ctx, person('Carla Mendes'));
      await addItem(ctx, {
        person: 'carla',
        side: 'need',
        text: 'a Postgres expert to review slow database queries',
      });
      const before = await snapshot(ctx.db);
      const e = await rejects(
        ask(ctx, { person: 'carla', text: 'a referral', anyway: false }),
        'ask_refused',
      );
      assert.equal((e.details.gives as unknown[]).length, 3);
      assert.equal(await snapshot(ctx.db), before);

      const anyway = await ask(ctx, { person: 'carla', text: 'a referral', anyway: true, kind: 'referral' });
      assert.equal(anyway.interaction.unearned, true);
      assert.equal(anyway.warnings[0]?.code, 'unearned_ask');
      assert.equal(anyway.ledger.balance, -3);

      await give(ctx, { person: String(carla.id), text: 'reviewed her schema', kind: 'advice' });
      const overdrawn = await ask(ctx, {
        person: 'carla',
        text: 'another favor',
        anyway: false,
        kind: 'favor',
      });
      assert.equal(overdrawn.decision.verdict, 'warn');
      assert.equal(overdrawn.interaction.unearned, false);
      assert.ok(overdrawn.gives.length > 0);
    });

    test('logging an ask with `log` goes through the same guard', async () => {
      await addPerson(ctx, person('Quentin Noguard'));
      await rejects(
        logInteraction(ctx, { people: ['quentin'], channel: 'call', nature: 'asked' }),
        'ask_refused',
      );
    });

    test('strength and tool-only follow the interactions', async () => {
      await addPerson(ctx, person('Ines Real'));
      assert.equal((await showPerson(ctx, 'ines')).toolOnly, true);
      await logInteraction(ctx, { people: ['ines'], channel: 'social', nature: 'touch' });
      assert.equal((await showPerson(ctx, 'ines')).toolOnly, true);
      await logInteraction(ctx, { people: ['ines'], channel: 'in_person', nature: 'touch', note: 'coffee' });
      const p = await showPerson(ctx, 'ines');
      assert.equal(p.toolOnly, false);
      assert.ok(p.strength > 63 && p.strength < 66, `strength ${p.strength}`);
      const filtered = await listPeople(ctx, { toolOnly: false }, { limit: 100, offset: 0 });
      assert.ok(filtered.people.some((s) => s.person.name === 'Ines Real'));
    });

    test('the focus cap refuses the next person and names the weakest fits; nothing is written', async () => {
      await setSetting(ctx, 'focusCap', '5');
      for (const n of ['F1 Alpha', 'F2 Beta', 'F3 Gamma', 'F4 Delta', 'F5 Epsilon'])
        await addPerson(ctx, person(n, { circle: 'focus' }));
      assert.equal((await listFocus(ctx)).people.length, 5);
      const { person: extra } = await addPerson(ctx, person('F6 Zeta'));
      const before = await snapshot(ctx.db);
      const e = await rejects(setFocus(ctx, String(extra.id), true), 'focus_full');
      assert.equal((e.details.candidates as unknown[]).length, 3);
      await rejects(addPerson(ctx, person('F7 Eta', { circle: 'focus' })), 'focus_full');
      await rejects(movePeople(ctx, 'focus', { search: 'zeta' }), 'focus_full');
      assert.equal(await snapshot(ctx.db), before);
      await setFocus(ctx, 'f1', false);
      await setFocus(ctx, 'f6', true);
      assert.equal((await listFocus(ctx)).people.length, 5);
    });

    test('config rejects values out of range', async () => {
      await rejects(setSetting(ctx, 'focusCap', '51'), 'invalid_input');
      await rejects(setSetting(ctx, 'focusCap', '4'), 'invalid_input');
      await rejects(setSetting(ctx, 'noSuchThing', '4'), 'unknown_setting');
    });

    test('an event succeeds when a picked person gets a real follow-up within 7 days', async () => {
      const ev = await addEvent(ctx, { name: 'Data Meetup', date: '2026-11-20' });
      assert.equal(ev.outcome, 'pending');
      await addMetAtEvent(ctx, { name: 'Ben Ortiz', line: 'building a dbt shop' });
      await addMetAtEvent(ctx, { name: 'Dana Kim', line: 'PM at a bank' });
      await pickFollowUp(ctx, { people: ['ben'] });
      const t = await today(ctx);
      assert.ok(t.actions.some((a) => a.kind === 'event_follow_up' && a.personName === 'Ben Ortiz'));
      await logInteraction(ctx, {
        people: ['ben ortiz'],
        channel: 'in_person',
        nature: 'touch',
        note: 'coffee',
        date: '2026-11-24',
      });
      const [after] = await listEvents(ctx);
      assert.equal(after?.outcome, 'succeeded');
      assert.ok(!(await today(ctx)).actions.some((a) => a.kind === 'event_follow_up'));
    });

    test('promises: overdue first in today, kept late counts in the review', async () => {
      const p = await makePromise(ctx, { person: 'ines', text: 'send the deck', due: 'yesterday' });
      const t = await today(ctx);
      assert.equal(t.actions[0]?.kind, 'keep_promise');
      const kept = await closePromise(ctx, p.id, 'kept');
      assert.equal(kept.late, true);
      await rejects(closePromise(ctx, p.id, 'kept'), 'invalid_input');
      await rejects(closePromise(ctx, 9999, 'kept'), 'unknown_promise');
    });

    test('merge keeps everything of both people', async () => {
      const { person: a } = await addPerson(
        ctx,
        person('Mia Schulz', { emails: ['mia@a.de'], tags: ['berlin'] }),
      );
      const { person: b } = await addPerson(
        ctx,
        person('Mia S.', { emails: ['mia@b.de'], company: 'Zalando', tags: ['fintech'], notes: 'met twice' }),
      );
      await addItem(ctx, { person: String(b.id), side: 'need', text: 'a fractional CFO' });
      await give(ctx, { person: String(b.id), text: 'sent a job lead', kind: 'opportunity' });
      const merged = await mergePeople(ctx, String(a.id), String(b.id));
      assert.deepEqual(merged.emails.sort(), ['mia@a.de', 'mia@b.de']);
      assert.deepEqual(merged.tags.sort(), ['berlin', 'fintech']);
      assert.equal(merged.company, 'Zalando');
      const profile = await showPerson(ctx, String(a.id));
      assert.equal(profile.needs.length, 1);
      assert.equal(profile.ledger.gave, 3);
      await rejects(showPerson(ctx, 'mia s.'), 'unknown_person');
    });

    test('bulk move by tag, and a move with no filter is refused', async () => {
      await addPerson(ctx, person('Pool One', { circle: 'pool', tags: ['fintech'] }));
      await addPerson(ctx, person('Pool Two', { circle: 'pool', tags: ['fintech'] }));
      await tagPerson(ctx, 'pool two', ['vip']);
      const res = await movePeople(ctx, 'network', { tag: 'fintech', from: 'pool' });
      assert.equal(res.moved, 2);
      await rejects(movePeople(ctx, 'archived', {}), 'invalid_input');
    });

    test('outcomes of gives show in the review; the review counts gives, asks and real conversations', async () => {
      const g = await give(ctx, { person: 'ines', text: 'referred her to a client', kind: 'referral' });
      await recordOutcome(ctx, { interactionId: g.interaction.id, kind: 'business', valueCents: 480000 });
      await rejects(recordOutcome(ctx, { interactionId: g.interaction.id, kind: 'bogus' }), 'invalid_input');
      const r = await review(ctx);
      assert.ok(r.gave >= 3);
      assert.ok(r.asked >= 2);
      assert.equal(r.unearnedAsks, 1);
      assert.equal(r.outcomes.businessValueCents, 480000);
      assert.ok(r.real >= 1);
      assert.equal(r.focus.cap, 5);
    });

    test('today suggests a give I can make and never an ask', async () => {
      await addPerson(ctx, person('Jonas Weber'));
      await addItem(ctx, {
        person: 'jonas',
        side: 'need',
        text: 'need a Postgres expert to tune our slow SQL queries',
      });
      await setFocus(ctx, 'f2', false);
      await setFocus(ctx, 'jonas', true);
      const t = await today(ctx);
      assert.ok(t.actions.length <= 5);
      assert.ok(
        t.actions.some((a) => a.personName === 'Jonas Weber' && a.tier === 'give'),
        JSON.stringify(t.actions),
      );
      assert.ok(t.actions.every((a) => !/\bask (for|them for)\b/i.test(a.title)));
    });

    test('introduced by: an introduction received is a give received from the introducer', async () => {
      const { person: kai } = await addPerson(ctx, person('Kai Introducer'));
      await addPerson(ctx, person('Noor Newcomer', { introducedBy: 'kai' }));
      const k = await showPerson(ctx, String(kai.id));
      assert.equal(k.ledger.receivedCount, 1);
      assert.equal(k.ledger.balance, -3);
      const n = await showPerson(ctx, 'noor');
      assert.equal(n.introducedBy?.name, 'Kai Introducer');
      await rejects(editPerson(ctx, 'noor', { introducedBy: 'noor' }), 'invalid_input');
    });

    test('who is fading: a real contact long ago, or a keep-in-touch cadence that has passed', async () => {
      await addPerson(ctx, person('Old Friend', { cadenceDays: 30 }));
      await logInteraction(ctx, {
        people: ['old friend'],
        channel: 'in_person',
        nature: 'touch',
        date: '2026-06-01',
      });
      await addPerson(ctx, person('Fresh Contact', { cadenceDays: 30 }));
      await logInteraction(ctx, {
        people: ['fresh contact'],
        channel: 'call',
        nature: 'touch',
        date: '2026-11-20',
      });
      const fading = await fadingPeople(ctx);
      const old = fading.find((f) => f.person.name === 'Old Friend');
      assert.ok(old, JSON.stringify(fading.map((f) => f.person.name)));
      assert.equal(old.keepInTouchOverdue, 148);
      assert.ok(!fading.some((f) => f.person.name === 'Fresh Contact'));
      await logInteraction(ctx, { people: ['old friend'], channel: 'message', nature: 'touch' });
      assert.ok(
        (await fadingPeople(ctx)).some((f) => f.person.name === 'Old Friend'),
        'a message does not reset keep-in-touch',
      );
      await logInteraction(ctx, { people: ['old friend'], channel: 'call', nature: 'touch' });
      assert.ok(!(await fadingPeople(ctx)).some((f) => f.person.name === 'Old Friend'), 'a call resets it');
    });

    test('search finds people by any word of their name, company, notes, needs and offers, and stays current', async () => {
      const { person: z } = await addPerson(
        ctx,
        person('Zoë Quartermain', { company: 'Northwind Capital', notes: 'met at the 100% club' }),
      );
      const find = async (q: string) =>
        (await listPeople(ctx, { search: q }, { limit: 50, offset: 0 })).people.map((p) => p.person.id);
      assert.deepEqual(await find('zoe quarter'), [z.id]);
      assert.deepEqual(await find('northwind CAPITAL'), [z.id]);
      assert.deepEqual(await find('100%'), [z.id]);
      assert.ok((await find('qu')).includes(z.id), 'a two-letter word still finds her');
      assert.deepEqual(await find('kubernetes'), []);
      await addItem(ctx, {
        person: String(z.id),
        side: 'need',
        text: 'a Kubernetes consultant for a migration',
      });
      assert.deepEqual(await find('kubernetes migration'), [z.id]);
      await editPerson(ctx, String(z.id), { company: 'Southwind' });
      assert.deepEqual(await find('northwind'), []);
      assert.deepEqual(await find('southwind'), [z.id]);
    });
  });
}
