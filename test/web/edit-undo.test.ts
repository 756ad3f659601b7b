import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { openApp, type AppContext } from '../../src/app/context.js';
import { setFocus } from '../../src/app/focus.js';
import { give } from '../../src/app/interactions.js';
import { addItem } from '../../src/app/items.js';
import { addPerson } from '../../src/app/people.js';
import { makePromise } from '../../src/app/promises.js';
import { personInput } from '../../src/app/validate.js';
import { createMatcher } from '../../src/matching/index.js';
import { seriousViolations } from '../helpers/axe.js';
import { sqliteBackend } from '../helpers/db.js';
import { launch, serve, shots, skipReason } from './harness.js';

/**
 * Correcting and removing in the web app: a person's details edited, a give corrected, a need
 * removed and brought back from the undo toast, a promise removed; on Today, a give logged with
 * the kind its offer implies, once however often it is clicked, and its card gone. At desktop and
 * phone width, with screenshots and an axe-core check.
 */
const skip = skipReason();
let browser: Browser;
let page: Page;
let server: { app: FastifyInstance; url: string };
let ctx: AppContext;
const ids = { jonas: 0, give: 0, need: 0, offer: 0, promise: 0, carla: 0 };

const row = (table: 'interactions' | 'items' | 'promises', id: number) =>
  ctx.db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const shoot = async (name: string, width: number): Promise<void> => {
  await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
};

before(async () => {
  if (skip) return;
  fs.mkdirSync(shots, { recursive: true });
  const matcher = createMatcher({ modelless: true });
  ctx = await openApp({ db: sqliteBackend.fresh(), matcher: () => Promise.resolve(matcher) });
  await addItem(ctx, {
    side: 'offer',
    text: 'introductions to Postgres performance experts for slow SQL query reviews',
  });
  ids.jonas = (await addPerson(ctx, personInput.parse({ name: 'Jonas Weber' }))).person.id;
  ids.give = (
    await give(ctx, { person: String(ids.jonas), text: 'schema review', kind: 'advice', channel: 'call' })
  ).interaction.id;
  ids.need = (await addItem(ctx, { person: String(ids.jonas), side: 'need', text: 'a Berlin DBA' })).id;
  ids.offer = (await addItem(ctx, { person: String(ids.jonas), side: 'offer', text: 'Kafka training' })).id;
  ids.promise = (
    await makePromise(ctx, { person: String(ids.jonas), text: 'send the deck', due: '2030-01-10' })
  ).id;
  ids.carla = (await addPerson(ctx, personInput.parse({ name: 'Carla Mendes' }))).person.id;
  await addItem(ctx, {
    person: String(ids.carla),
    side: 'need',
    text: 'slow Postgres SQL queries need a performance review',
  });
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

test('edit, remove and undo in the web app', { skip }, async (t) => {
  await t.test('person page at 1280×800: details, a corrected give, a need removed and undone', async () => {
    await page.goto(`${server.url}/people/${ids.jonas}`);
    const details = page.locator('section[aria-labelledby="h-details"]');
    await details.getByRole('button', { name: 'Edit details' }).click();
    await details.getByLabel('Email').fill('jonas@example.com');
    await details.getByLabel('Phone').fill('+49 30 1234567');
    await details.getByLabel('Birthday').fill('--04-12');
    await details.getByLabel('Keep in touch every (days)').fill('30');
    await details.getByLabel('Notes').fill('Runs the data platform at Tessel.');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByText('jonas@example.com').waitFor();
    const p = await ctx.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', ids.jonas)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [p.emails, p.phones, p.birthday, p.cadence_days, p.notes],
      ['["jonas@example.com"]', '["+49 30 1234567"]', '--04-12', 30, 'Runs the data platform at Tessel.'],
    );

    const timeline = page.locator('section[aria-labelledby="h-timeline"]');
    await timeline.getByRole('button', { name: /^Edit the gave of/ }).click();
    await timeline.getByLabel('Kind').selectOption('intro');
    await timeline.getByLabel('Note').fill('intro to a Berlin DBA');
    await timeline.getByRole('button', { name: 'Save' }).click();
    await timeline.getByText('intro to a Berlin DBA').waitFor();
    const g = await row('interactions', ids.give);
    assert.deepEqual([g.kind, g.note], ['intro', 'intro to a Berlin DBA']);

    const needs = page.locator('section[aria-labelledby="h-need"]');
    await needs.getByRole('button', { name: 'Remove need “a Berlin DBA”' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Removed the need “a Berlin DBA”' });
    await toast.waitFor();
    await needs.getByText('None known yet').waitFor();
    assert.notEqual((await row('items', ids.need)).deleted_at, null);
    await shoot('edit-undo-toast', 1280);
    assert.deepEqual(await seriousViolations(page), []);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await needs.getByText('a Berlin DBA').waitFor();
    assert.equal((await row('items', ids.need)).deleted_at, null);

    const promises = page.locator('section[aria-labelledby="h-promises"]');
    await promises.getByRole('button', { name: 'Remove promise “send the deck”' }).click();
    await promises.getByText('No promises to Jonas').waitFor();
    assert.notEqual((await row('promises', ids.promise)).deleted_at, null);
    await shoot('edit-person', 1280);
  });

  await t.test('Today at 1280×800: the give is an introduction, logged once, its card gone', async () => {
    await page.goto(`${server.url}/`);
    const card = page.locator('li.card', { hasText: 'Carla Mendes' }).filter({ hasText: 'slow Postgres' });
    const kind = card.getByLabel('Kind of give');
    assert.equal(await kind.inputValue(), 'intro', 'an introduction offer gives an introduction');
    assert.deepEqual(await seriousViolations(page), []);
    await shoot('edit-today-give', 1280);
    const button = card.getByRole('button', { name: 'Log the give' });
    await button.dblclick();
    await card.waitFor({ state: 'detached' });
    const gives = await ctx.db
      .selectFrom('interactions as i')
      .innerJoin('interaction_people as ip', 'ip.interaction_id', 'i.id')
      .select(['i.kind'])
      .where('ip.person_id', '=', ids.carla)
      .where('i.nature', '=', 'gave')
      .execute();
    assert.deepEqual(gives, [{ kind: 'intro' }], 'one give, an introduction');
    await page.reload();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    assert.equal(
      await page.locator('li.card', { hasText: 'slow Postgres' }).count(),
      0,
      'not back after a reload',
    );
  });

  await t.test('at 390×844: an offer removed and undone; pages pass axe', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/people/${ids.jonas}`);
    const offers = page.locator('section[aria-labelledby="h-offer"]');
    await offers.getByRole('button', { name: 'Remove offer “Kafka training”' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Removed the offer' });
    await toast.waitFor();
    assert.notEqual((await row('items', ids.offer)).deleted_at, null);
    await shoot('edit-undo-toast', 390);
    assert.deepEqual(await seriousViolations(page), []);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await offers.getByText('Kafka training').waitFor();
    assert.equal((await row('items', ids.offer)).deleted_at, null);
    await page
      .locator('section[aria-labelledby="h-details"]')
      .getByRole('button', { name: 'Edit details' })
      .click();
    await shoot('edit-person', 390);
    assert.deepEqual(await seriousViolations(page), []);
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await shoot('edit-today', 390);
    assert.deepEqual(await seriousViolations(page), []);
  });
});
