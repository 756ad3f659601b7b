import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { openApp, type AppContext } from '../../src/app/context.js';
import { setFocus } from '../../src/app/focus.js';
import { addItem } from '../../src/app/items.js';
import { addPerson } from '../../src/app/people.js';
import { personInput } from '../../src/app/validate.js';
import { createMatcher } from '../../src/matching/index.js';
import { sqliteBackend } from '../helpers/db.js';
import { launch, serve, skipReason } from './harness.js';

/**
 * Answering a match in the web app: "Would help" marks it confirmed, "Not relevant" takes it
 * away — on the person page and on Today's give cards — and the answer is in the database.
 */
const skip = skipReason();
let browser: Browser;
let page: Page;
let server: { app: FastifyInstance; url: string };
let ctx: AppContext;
const ids = { jonas: 0, need: 0, offer: 0, carla: 0, carlaNeed: 0 };

const verdict = async (need: number, offer: number): Promise<string | undefined> =>
  (
    await ctx.db
      .selectFrom('match_feedback')
      .select('verdict')
      .where('need_id', '=', need)
      .where('offer_id', '=', offer)
      .executeTakeFirst()
  )?.verdict;

before(async () => {
  if (skip) return;
  const matcher = createMatcher({ modelless: true });
  ctx = await openApp({ db: sqliteBackend.fresh(), matcher: () => Promise.resolve(matcher) });
  ids.offer = (
    await addItem(ctx, { side: 'offer', text: 'Postgres performance tuning and slow SQL query reviews' })
  ).id;
  ids.jonas = (await addPerson(ctx, personInput.parse({ name: 'Jonas Weber' }))).person.id;
  ids.need = (
    await addItem(ctx, {
      person: String(ids.jonas),
      side: 'need',
      text: 'a Postgres expert to review our slow SQL queries',
    })
  ).id;
  ids.carla = (await addPerson(ctx, personInput.parse({ name: 'Carla Mendes' }))).person.id;
  ids.carlaNeed = (
    await addItem(ctx, {
      person: String(ids.carla),
      side: 'need',
      text: 'slow Postgres SQL queries need a performance review',
    })
  ).id;
  await setFocus(ctx, String(ids.carla), true);
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

test('answering a match in the web app', { skip }, async (t) => {
  await t.test('person page: "Would help" marks it, "Not relevant" takes it away', async () => {
    await page.goto(`${server.url}/people/${ids.jonas}`);
    const ways = page.locator('section[aria-labelledby="h-ways"]');
    const match = ways.locator('li', { hasText: 'Postgres performance tuning' });
    await match.getByRole('button', { name: 'Would help' }).click();
    await match.getByText('confirmed ✓').waitFor();
    assert.equal(await verdict(ids.need, ids.offer), 'confirmed');
    await page.reload();
    await ways.locator('li', { hasText: 'Postgres performance tuning' }).getByText('confirmed ✓').waitFor();
    await ways
      .locator('li', { hasText: 'Postgres performance tuning' })
      .getByRole('button', { name: 'Not relevant' })
      .click();
    await ways.getByText('No match yet').waitFor();
    assert.equal(await verdict(ids.need, ids.offer), 'dismissed');
  });

  await t.test('Today: the give card answers too, and a dismissed give leaves', async () => {
    await page.goto(`${server.url}/`);
    const card = page
      .locator('li.card', { hasText: 'Carla Mendes' })
      .filter({ hasText: 'Postgres performance tuning' });
    await card.getByRole('button', { name: 'Not relevant' }).click();
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await verdict(ids.carlaNeed, ids.offer), 'dismissed');
  });
});
