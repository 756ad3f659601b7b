import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { addPerson } from '../../src/app/people.js';
import { personInput } from '../../src/app/validate.js';
import { freshApp, sqliteBackend } from '../helpers/db.js';
import { launch, serve, skipReason } from './harness.js';

/**
 * Adding a name you already have from the web: the API's refusal is shown with the person it
 * matches, and "Add anyway" adds someone else with the same name — on the People page and in
 * the first run.
 */
const skip = skipReason();
let browser: Browser;
let page: Page;
let server: { app: FastifyInstance; url: string };
let ctx: Awaited<ReturnType<typeof freshApp>>;

const namesakes = async (name: string): Promise<number> =>
  (await ctx.db.selectFrom('people').select('id').where('name', '=', name).execute()).length;

before(async () => {
  if (skip) return;
  ctx = await freshApp(sqliteBackend);
  await addPerson(ctx, personInput.parse({ name: 'Jonas Weber', met: 'PGConf Berlin' }));
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

test('a name you already have, in the web app', { skip }, async (t) => {
  await t.test('the People page shows whom it matches, and adds anyway on request', async () => {
    await page.goto(server.url + '/people');
    await page.getByRole('button', { name: 'Add person' }).click();
    const form = page.getByRole('form', { name: 'Add a person' });
    await form.getByLabel('Name').fill('jonas weber');
    await form.getByRole('button', { name: 'Add person' }).click();
    const alert = form.getByRole('alert');
    await alert.getByText('You already have someone with this name').waitFor();
    await alert.getByRole('link', { name: 'Jonas Weber' }).waitFor();
    assert.match((await alert.textContent()) ?? '', /met PGConf Berlin/);
    assert.equal(await namesakes('Jonas Weber'), 1);
    assert.equal(await namesakes('jonas weber'), 0, 'nothing written');
    await alert.getByRole('button', { name: /Add anyway/ }).click();
    await page.getByRole('heading', { name: 'jonas weber', level: 1 }).waitFor();
    assert.equal(await namesakes('jonas weber'), 1);
  });

  await t.test('the first run too', async () => {
    await page.goto(server.url + '/welcome');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('A name').fill('Jonas Weber');
    await page.getByRole('button', { name: 'Add person' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('You already have someone with this name').waitFor();
    assert.equal(await namesakes('Jonas Weber'), 1);
    await alert.getByRole('button', { name: /Add anyway/ }).click();
    await page.getByRole('link', { name: 'Jonas Weber' }).first().waitFor();
    await alert.waitFor({ state: 'detached' });
    assert.equal(await namesakes('Jonas Weber'), 2);
  });
});
