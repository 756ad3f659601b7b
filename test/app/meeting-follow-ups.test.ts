import assert from 'node:assert/strict';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importCalendar } from '../../src/app/capture-calendar.js';
import { changeMyEmails } from '../../src/app/capture-runs.js';
import { openApp, type AppContext } from '../../src/app/context.js';
import { logInteraction } from '../../src/app/interactions.js';
import { addItem } from '../../src/app/items.js';
import { addPerson } from '../../src/app/people.js';
import { makePromise } from '../../src/app/promises.js';
import { today } from '../../src/app/today.js';
import { personInput } from '../../src/app/validate.js';
import { run } from '../../src/cli/program.js';
import { createMatcher } from '../../src/matching/index.js';
import { backends, fixedClock, sqliteBackend } from '../helpers/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ics = path.join(root, 'test/fixtures/capture/google-calendar.ics');

/**
 * Today after captured meetings, on a real database: the Google export has a weekly mentoring
 * call with Lars (Tuesdays, the last on 24 Nov) and a 13-person webinar with Jonas; the clock is
 * Thursday 26 Nov. Lars has an open promise and a need: his card says both; Jonas gets none
 * (a webinar, and too long ago); once I write to Lars, the card goes.
 */
for (const backend of backends)
  describe(`the follow-up after a captured meeting on ${backend.name}`, () => {
    let ctx: AppContext;
    let target = '';
    const matcher = createMatcher({ modelless: true });
    before(async () => {
      target = backend.fresh();
      ctx = await openApp({
        db: target,
        clock: fixedClock().now,
        matcher: () => Promise.resolve(matcher),
      });
      await changeMyEmails(ctx, { add: ['maya@example.com'] });
      await addItem(ctx, { side: 'offer', text: 'reviewing pitch decks for seed rounds' });
      await addPerson(
        ctx,
        personInput.parse({ name: 'Lars Nilsson', emails: ['lars@example.com'], circle: 'network' }),
      );
      await addPerson(ctx, personInput.parse({ name: 'Jonas Weber', emails: ['jonas@example.org'] }));
      await makePromise(ctx, { person: 'Lars Nilsson', text: 'send the reading list', due: '2026-11-30' });
      await makePromise(ctx, { person: 'Jonas Weber', text: 'send the dbt notes', due: '2026-11-30' });
      await addItem(ctx, {
        person: 'Lars Nilsson',
        side: 'need',
        text: 'feedback on his pitch deck for a seed round',
      });
      await importCalendar(ctx, { file: ics });
    });
    after(async () => {
      await ctx.store.close();
    });

    test('Today suggests following up the call with Lars: the promise, the need, the draft', async () => {
      const t = await today(ctx);
      const cards = t.actions.filter((a) => a.kind === 'meeting_follow_up');
      assert.deepEqual(
        cards.map((a) => a.personName),
        ['Lars Nilsson'],
        JSON.stringify(t.actions.map((a) => a.title)),
      );
      const [lars] = cards;
      assert.ok(lars);
      assert.equal(lars.tier, 'follow_up');
      assert.equal(
        lars.title,
        'Follow up with Lars Nilsson after your call on 2026-11-24 (Mentoring – Lars)',
      );
      assert.match(
        lars.detail ?? '',
        /^you promised: send the reading list \(due 2026-11-30\) · they need: feedback on his pitch deck/,
      );
      assert.match(
        lars.draft,
        /^Hi Lars,\n\nThanks for the call on Tuesday\. I promised to send you the reading list by Monday 30 November/,
      );
    });

    test('tend today shows it, with --json too', async () => {
      if (backend !== sqliteBackend) return;
      const out = new PassThrough();
      let stdout = '';
      out.on('data', (d: Buffer) => (stdout += d.toString()));
      const code = await run(['today'], {
        stdout: out,
        stderr: new PassThrough(),
        env: { ...process.env, TEND_DB: target, NO_COLOR: '1', TZ: 'UTC' },
        clock: fixedClock().now,
      });
      assert.equal(code, 0);
      assert.match(stdout, /Follow up with Lars Nilsson after your call on 2026-11-24/);
    });

    test('once I write to Lars after the call, the card goes', async () => {
      await logInteraction(ctx, {
        people: ['Lars Nilsson'],
        channel: 'message',
        nature: 'touch',
        date: '2026-11-25',
      });
      const t = await today(ctx);
      assert.ok(!t.actions.some((a) => a.kind === 'meeting_follow_up'), JSON.stringify(t.actions));
    });
  });
