import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AppContext } from '../../src/app/context.js';
import { proposeIntro, updateIntro, listIntros } from '../../src/app/intros.js';
import { match } from '../../src/app/match.js';
import { addItem } from '../../src/app/items.js';
import { addPerson, showPerson } from '../../src/app/people.js';
import { movePeople } from '../../src/app/people-cleanup.js';
import { setFocus } from '../../src/app/focus.js';
import { review } from '../../src/app/review.js';
import { today } from '../../src/app/today.js';
import { parse, personInput } from '../../src/app/validate.js';
import { DomainError } from '../../src/core/errors.js';
import { backends, fixedClock, freshApp } from '../helpers/db.js';
import { snapshot } from '../helpers/snapshot.js';

async function rejects(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof DomainError && e.code === code);
}

for (const backend of backends) {
  describe(`introductions on ${backend.name}`, () => {
    let ctx: AppContext;
    const clock = fixedClock('2026-11-02T09:00:00.000Z');
    before(async () => {
      ctx = await freshApp(backend, clock);
      for (const name of ['Priya Nair', 'Lars Olsen', 'Archie Vale'])
        await addPerson(ctx, parse(personInput, { name }));
      await addItem(ctx, {
        person: 'priya',
        side: 'need',
        text: 'hiring two data engineers for our analytics team in Berlin',
      });
      await addItem(ctx, {
        person: 'lars',
        side: 'offer',
        text: 'experienced data engineer looking for a new job in Berlin',
      });
      await movePeople(ctx, 'archived', { people: ['archie'] });
    });
    after(async () => {
      await ctx.store.close();
    });

    test('match shows what I or my network can do for a person, with the need and offer texts side by side', async () => {
      const [m] = await match(ctx, 'priya');
      assert.ok(m);
      const intro = m.gives.find((g) => g.kind === 'intro');
      assert.ok(intro, JSON.stringify(m.gives));
      assert.equal(intro.viaPersonId !== undefined, true);
      assert.match(
        intro.text,
        /Lars Olsen \("experienced data engineer looking for a new job in Berlin"\) for "hiring two data engineers/,
      );
      const all = await match(ctx);
      assert.ok(
        all.some((x) => x.person.name === 'Priya Nair'),
        'a network person with a known need is included',
      );
    });

    test('bad proposals are refused and write nothing', async () => {
      const before = await snapshot(ctx.db);
      await rejects(proposeIntro(ctx, { a: 'priya', b: 'priya nair', reason: 'x' }), 'invalid_input');
      await rejects(proposeIntro(ctx, { a: 'priya', b: 'archie', reason: 'x' }), 'invalid_input');
      await rejects(proposeIntro(ctx, { a: 'priya', b: 'nobody', reason: 'x' }), 'unknown_person');
      await rejects(proposeIntro(ctx, { a: 'priya', b: 'lars', need: 9999 }), 'unknown_item');
      assert.equal(await snapshot(ctx.db), before);
    });

    test('from proposal to outcome, with the ledger and the agenda', async () => {
      await setFocus(ctx, 'priya', true);
      const intro = await proposeIntro(ctx, { a: 'priya', b: 'lars' });
      assert.equal(intro.state, 'proposed');
      assert.equal(intro.need?.text, 'hiring two data engineers for our analytics team in Berlin');
      assert.equal(intro.offer?.text, 'experienced data engineer looking for a new job in Berlin');
      // The drafts read as a person writes: the need in the second person, no quoted fragments.
      assert.match(
        intro.drafts.a,
        /^Hi Priya,\n\nYou mentioned you're hiring two data engineers for your analytics team in Berlin\. I know Lars Olsen, an experienced data engineer looking for a new job in Berlin,/,
      );
      assert.match(
        intro.drafts.b,
        /^Hi Lars,\n\nI know Priya Nair, who mentioned they are hiring two data engineers/,
      );

      const before = await snapshot(ctx.db);
      await rejects(updateIntro(ctx, intro.id, 'made'), 'invalid_transition');
      await rejects(updateIntro(ctx, intro.id, 'teleported'), 'invalid_input');
      await rejects(updateIntro(ctx, 999, 'asked_a'), 'unknown_intro');
      assert.equal(await snapshot(ctx.db), before);

      await updateIntro(ctx, intro.id, 'asked_a');
      clock.advanceDays(8);
      const waiting = await today(ctx);
      assert.ok(
        waiting.actions.some((a) => a.kind === 'intro_waiting' && a.personName === 'Priya Nair'),
        JSON.stringify(waiting.actions),
      );
      await updateIntro(ctx, intro.id, 'asked_b');
      const made = await updateIntro(ctx, intro.id, 'made');
      assert.equal(made.state, 'made');
      for (const who of ['priya', 'lars']) {
        const p = await showPerson(ctx, who);
        assert.equal(p.ledger.gave, 3, `${who} received an intro give`);
        assert.equal(p.timeline[0]?.kind, 'intro');
      }
      assert.ok(!(await today(ctx)).actions.some((a) => a.kind === 'intro_waiting'));
      assert.equal((await review(ctx, { days: 7 })).introsMade, 1);
      await rejects(updateIntro(ctx, intro.id, 'outcome'), 'invalid_input');
      const done = await updateIntro(ctx, intro.id, 'outcome', { outcome: 'Lars got the job' });
      assert.equal(done.outcome, 'Lars got the job');
      await rejects(updateIntro(ctx, intro.id, 'declined'), 'invalid_transition');
    });

    test('either side can decline when asked', async () => {
      const i = await proposeIntro(ctx, { a: 'lars', b: 'priya', reason: 'coffee' });
      await updateIntro(ctx, i.id, 'asked_a');
      await updateIntro(ctx, i.id, 'asked_b');
      const d = await updateIntro(ctx, i.id, 'declined');
      assert.equal(d.declinedBy, 'b');
      assert.equal((await listIntros(ctx, { states: ['declined'] })).length, 1);
    });
  });
}
