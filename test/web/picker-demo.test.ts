import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../src/cli/demo.js';
import { demoRoutes } from '../../src/http/routes/demo.js';
import { buildServer } from '../../src/http/server.js';
import { seriousViolations } from '../helpers/axe.js';
import { freshApp, sqliteBackend } from '../helpers/db.js';
import { launch, shots, skipReason, webDist } from './harness.js';

/**
 * The demo as a newcomer meets it, at desktop and phone width: a banner on every page; naming
 * someone at an event offers the people you have (keyboard only), and choosing one links them
 * instead of making a second; numbers carry their explanation; ratios read as words.
 */
const skip = skipReason();
let browser: Browser;
let app: FastifyInstance;
let url: string;
let ctx: Awaited<ReturnType<typeof freshApp>>;

const sizes = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const named = async (prefix: string): Promise<string[]> =>
  (await ctx.db.selectFrom('people').select('name').where('name', 'like', `${prefix}%`).execute()).map(
    (r) => r.name,
  );

before(async () => {
  if (skip) return;
  fs.mkdirSync(shots, { recursive: true });
  ctx = await freshApp(sqliteBackend);
  await seedDemo(ctx, { poolSize: 40 });
  app = await buildServer(() => ctx, { webRoot: webDist, routes: [demoRoutes] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}`;
  browser = await launch();
});

after(async () => {
  if (skip) return;
  await browser.close();
  await app.close();
  await ctx.store.close();
});

async function checkPage(page: Page, shot: string, known: string[] = []): Promise<void> {
  await page.getByRole('complementary', { name: 'Demo' }).getByText('This is a demo').waitFor();
  await page.screenshot({ path: path.join(shots, `${shot}.png`), fullPage: true });
  const serious = (await seriousViolations(page)).filter((v) => !known.includes(v.id));
  assert.deepEqual(serious, [], `${shot}: axe found serious violations`);
}

for (const size of sizes) {
  test(`demo, person picker and explanations at ${size.width}×${size.height}`, { skip }, async (t) => {
    const page = await browser.newPage({ viewport: { width: size.width, height: size.height } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // One of each name per size: the desktop run names Jonas, the phone run Priya.
    const [typed, full, event] =
      size.name === 'desktop'
        ? ['Jonas', 'Jonas Weber', 'Berlin Data Meetup']
        : ['pri', 'Priya Raman', 'Fintech Forum'];

    await t.test('at an event, typing a name offers the person you have; choosing links them', async () => {
      await page.goto(`${url}/events`);
      const form = page.getByRole('form', { name: `Capture someone met at ${event}` });
      const name = form.getByRole('combobox');
      await name.fill(typed);
      const option = form.getByRole('option', { name: new RegExp(`^${full}`) });
      await option.waitFor();
      await form.getByRole('option', { name: new RegExp(`Add new person “${typed}”`) }).waitFor();
      assert.equal(await name.getAttribute('aria-expanded'), 'true');
      await page.screenshot({ path: path.join(shots, `picker-open-${size.name}.png`), fullPage: true });
      // Keyboard only: the first option is the existing person.
      await name.press('ArrowDown');
      assert.equal(await option.getAttribute('aria-selected'), 'true');
      assert.equal(await name.getAttribute('aria-activedescendant'), await option.getAttribute('id'));
      await name.press('Enter');
      await form.getByText(`Existing person: ${full}`).waitFor();
      assert.equal(await name.inputValue(), full);
      await form.getByLabel('One line').fill('talked about query plans');
      await form.getByRole('button', { name: 'Add', exact: true }).click();
      await page
        .getByRole('listitem')
        .filter({ hasText: new RegExp(`^${full} — talked about query plans$`) })
        .waitFor();
      assert.deepEqual(await named(full.split(' ')[0] ?? ''), [full], `no second ${full}`);
      await checkPage(page, `events-picker-${size.name}`);
    });

    await t.test('a name that matches people is not added until you choose', async () => {
      const form = page.getByRole('form', { name: `Capture someone met at ${event}` });
      const name = form.getByRole('combobox');
      await name.fill(typed);
      await form.getByRole('option', { name: new RegExp(`^${full}`) }).waitFor();
      await name.press('Escape');
      await form.getByRole('button', { name: 'Add', exact: true }).click();
      await page
        .getByRole('alert')
        .getByText(/Choose whom you met/)
        .waitFor();
      assert.deepEqual(
        await named(typed.charAt(0).toUpperCase() + typed.slice(1)),
        [full],
        'nothing written',
      );
      // The explicit choice makes a new person with the typed name.
      await name.fill(typed.charAt(0).toUpperCase() + typed.slice(1) + ' Newcomer');
      await form.getByRole('option', { name: /Add new person/ }).click();
      await form.getByText(/A new person:/).waitFor();
      await form.getByRole('button', { name: 'Add', exact: true }).click();
      await page
        .getByRole('link', { name: `${typed.charAt(0).toUpperCase() + typed.slice(1)} Newcomer` })
        .waitFor();
      assert.deepEqual(await named(full), [full], `still one ${full}`);
    });

    await t.test('first run: where you met one person is not given to the next', async () => {
      await page.goto(`${url}/welcome`);
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Next' }).click();
      const form = page.getByRole('form', { name: 'Add a person you know' });
      const met = form.getByLabel('Where you met them (optional)');
      const first = `Wanda ${size.name}`;
      const second = `Yusuf ${size.name}`;
      await met.fill('PGConf Berlin');
      await form.getByRole('combobox').fill(first);
      await form.getByRole('combobox').press('Escape');
      await form.getByRole('button', { name: 'Add person' }).click();
      await page.getByRole('link', { name: first }).waitFor();
      assert.equal(await met.inputValue(), '', 'the field is empty for the next person');
      // As a person would: the list under the name settles on "Add new person", then is closed.
      await form.getByRole('combobox').fill(second);
      await form.getByRole('option', { name: `Add new person “${second}”` }).waitFor();
      await form.getByRole('combobox').press('Escape');
      await form.getByRole('button', { name: 'Add person' }).click();
      // The new person's link, or the form's own message saying why it was not added.
      await page.getByRole('link', { name: second }).or(form.getByRole('alert')).first().waitFor();
      assert.equal(await form.getByRole('alert').count(), 0, await form.innerText());
      const rows = await ctx.db
        .selectFrom('people')
        .select(['name', 'met'])
        .where('name', 'in', [first, second])
        .orderBy('name')
        .execute();
      assert.deepEqual(rows, [
        { name: first, met: 'PGConf Berlin' },
        { name: second, met: null },
      ]);
      await checkPage(page, `welcome-people-${size.name}`);
    });

    await t.test(
      'the person page explains fit and balance, with the weights behind the balance',
      async () => {
        const priya = (await named('Priya Raman'))[0];
        assert.ok(priya);
        const row = await ctx.db
          .selectFrom('people')
          .select('id')
          .where('name', '=', 'Priya Raman')
          .executeTakeFirstOrThrow();
        await page.goto(`${url}/people/${row.id}`);
        await page.getByRole('heading', { name: 'Priya Raman', level: 1 }).waitFor();
        const glance = page.getByLabel('At a glance');
        const balance = glance.locator('.stat').filter({ hasText: 'Balance' });
        // gave, asked and received each with what they weigh: the sum is the number shown.
        const line = (await balance.locator('.small').textContent()) ?? '';
        assert.match(line, /gave \d+ \(\+[\d.]+\) · asked \d+ \(−?-?[\d.]+\) · received \d+ \(−?-?[\d.]+\)/);
        const nums = [...line.matchAll(/\(([+-]?[\d.]+)\)/g)].map((m) => Number(m[1]));
        const shown = Number(((await balance.locator('strong').textContent()) ?? '').replace('+', ''));
        assert.equal(
          Math.round(nums.reduce((a, b) => a + b, 0) * 100),
          Math.round(shown * 100),
          `${line} adds up to ${shown}`,
        );
        const why = glance.getByRole('button', { name: 'What is Balance?' });
        assert.equal(await why.getAttribute('aria-expanded'), 'false');
        await why.click();
        assert.equal(await why.getAttribute('aria-expanded'), 'true');
        await glance.getByText(/weighted by kind/).waitFor();
        await glance.getByRole('button', { name: 'What is Fit?' }).click();
        await glance.getByText(/square root of "you help" × "they help"/).waitFor();
        await checkPage(page, `person-explained-${size.name}`);
      },
    );

    await t.test('review: ratios in words, never ∞ or n:0', async () => {
      await page.goto(`${url}/review`);
      await page.getByRole('heading', { name: 'Review', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'What is Real : digital?' }).waitFor();
      const kpis = (await page.locator('.kpis').textContent()) ?? '';
      assert.doesNotMatch(kpis, /∞|\b\d+:0\b/);
      await checkPage(page, `review-${size.name}`);
    });

    await t.test('focus: flags and columns explained; banner on every page', async () => {
      await page.goto(`${url}/focus`);
      await page.getByRole('heading', { name: 'Focus', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'What is Fit?' }).waitFor();
      await page.getByRole('button', { name: 'What is tool-only?' }).waitFor();
      await checkPage(page, `focus-${size.name}`);
      for (const p of ['/', '/people', '/intros', '/import']) {
        await page.goto(url + p);
        await page.getByRole('complementary', { name: 'Demo' }).getByText('tend serve').waitFor();
      }
    });
    assert.deepEqual(errors, []);
    await page.close();
  });
}
