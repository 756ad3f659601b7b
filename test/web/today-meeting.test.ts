import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { importCalendar } from '../../src/app/capture-calendar.js';
import { changeMyEmails } from '../../src/app/capture-runs.js';
import { openApp, type AppContext } from '../../src/app/context.js';
import { addItem } from '../../src/app/items.js';
import { addPerson } from '../../src/app/people.js';
import { makePromise } from '../../src/app/promises.js';
import { personInput } from '../../src/app/validate.js';
import { createMatcher } from '../../src/matching/index.js';
import { seriousViolations } from '../helpers/axe.js';
import { fixedClock, sqliteBackend } from '../helpers/db.js';
import { launch, root, serve, shots, skipReason } from './harness.js';

/**
 * Today in the web app after a captured call with Lars (Tuesday; today is Thursday): the
 * follow-up card with what I promised and what he needs, its draft, and one click that logs the
 * follow-up and takes the card away. At 1280×800 and 390×844, screenshots and axe.
 */
const skip = skipReason();
let browser: Browser;
let page: Page;
let server: { app: FastifyInstance; url: string };
let ctx: AppContext;

before(async () => {
  if (skip) return;
  fs.mkdirSync(shots, { recursive: true });
  const matcher = createMatcher({ modelless: true });
  ctx = await openApp({
    db: sqliteBackend.fresh(),
    clock: fixedClock().now,
    matcher: () => Promise.resolve(matcher),
  });
  await changeMyEmails(ctx, { add: ['maya@example.com'] });
  await addPerson(
    ctx,
    personInput.parse({ name: 'Lars Nilsson', emails: ['lars@example.com'], circle: 'network' }),
  );
  await makePromise(ctx, { person: 'Lars Nilsson', text: 'send the reading list', due: '2026-11-30' });
  await addItem(ctx, { person: 'Lars Nilsson', side: 'need', text: 'a mentor for his first board meeting' });
  await importCalendar(ctx, { file: path.join(root, 'test/fixtures/capture/google-calendar.ics') });
  server = await serve(ctx);
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  if (skip) return;
  await browser.close();
  await server.app.close();
  await ctx.store.close();
});

test('Today: the follow-up after a captured call', { skip }, async (t) => {
  const card = () =>
    page.getByRole('listitem').filter({ hasText: 'Follow up with Lars Nilsson after your call' });

  await t.test('at 390×844: the card, its promise and need, its draft', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(server.url);
    await card().waitFor();
    const text = (await card().textContent()) ?? '';
    assert.match(text, /on 2026-11-24 \(Mentoring – Lars\)/);
    assert.match(text, /you promised: send the reading list \(due 2026-11-30\)/);
    assert.match(text, /they need: a mentor for his first board meeting/);
    await card().getByRole('button', { name: 'Draft a message' }).click();
    const draft = await card().getByLabel('Draft').inputValue();
    assert.match(
      draft,
      /^Hi Lars,\n\nThanks for the call on Tuesday\. I promised to send you the reading list/,
    );
    await page.screenshot({ path: path.join(shots, 'today-meeting-390.png'), fullPage: true });
    assert.deepEqual(await seriousViolations(page), []);
  });

  await t.test(
    'at 1280×800: one click logs the follow-up, and the card is gone on the next visit',
    async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(server.url);
      await page.screenshot({ path: path.join(shots, 'today-meeting-1280.png'), fullPage: true });
      assert.deepEqual(await seriousViolations(page), []);
      await card().getByRole('button', { name: 'Log the follow-up' }).click();
      await card().getByRole('button', { name: 'Done ✓' }).waitFor();
      const logged = await ctx.db
        .selectFrom('interactions')
        .select(['channel', 'date', 'source'])
        .where('channel', '=', 'message')
        .execute();
      assert.deepEqual(logged, [{ channel: 'message', date: '2026-11-26', source: null }]);
      await page.goto(server.url);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await card().count(), 0);
    },
  );
});
