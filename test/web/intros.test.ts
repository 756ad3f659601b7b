import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { openApp, type AppContext } from '../../src/app/context.js';
import { listIntros } from '../../src/app/intros.js';
import { addItem } from '../../src/app/items.js';
import { addPerson } from '../../src/app/people.js';
import { personInput } from '../../src/app/validate.js';
import { createMatcher } from '../../src/matching/index.js';
import { seriousViolations } from '../helpers/axe.js';
import { sqliteBackend } from '../helpers/db.js';
import { launch, serve, shots, skipReason } from './harness.js';

/**
 * Introductions in the web app, at desktop (1280×800) and phone (390×844) width: started from
 * two people picked as you type, asked on each side, made, and closed with an outcome; and the
 * phone's menu, People list and review charts. Screenshots go to artifacts/screenshots/.
 */
const skip = skipReason();
let browser: Browser;
let page: Page;
let server: { app: FastifyInstance; url: string };
let ctx: AppContext;
const problems: string[] = [];
const sizes = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
type Size = keyof typeof sizes;

/** A full-page screenshot; `fullPage: false` keeps what is in the window (a virtual list's rows). */
async function shot(name: string, size: Size, fullPage = true): Promise<void> {
  await page.screenshot({ path: path.join(shots, `intros-${name}-${size}.png`), fullPage });
}

async function noSeriousViolation(where: string): Promise<void> {
  const found = await seriousViolations(page);
  assert.deepEqual(found, [], `axe on ${where}`);
}

const person = async (name: string, extra: Record<string, unknown> = {}): Promise<number> =>
  (await addPerson(ctx, personInput.parse({ name, ...extra }))).person.id;

before(async () => {
  if (skip) return;
  fs.mkdirSync(shots, { recursive: true });
  const matcher = createMatcher({ modelless: true });
  ctx = await openApp({ db: sqliteBackend.fresh(), matcher: () => Promise.resolve(matcher) });
  const priya = await person('Priya Raman', { company: 'Finovo', title: 'Head of data' });
  await person('Priya Nair', { company: 'Acme' });
  const lars = await person('Lars Olsen', { title: 'Data engineer' });
  await addItem(ctx, { person: String(priya), side: 'need', text: 'hiring two data engineers for payments' });
  await addItem(ctx, {
    person: String(lars),
    side: 'offer',
    text: 'data engineer looking for a payments team',
  });
  await person('Amara Okafor', { company: 'Kiwi Health' });
  await person('Jonas de Vries', { company: 'Bolt' });
  for (let i = 0; i < 60; i++) await person(`Listed Person ${String(i).padStart(2, '0')}`);
  server = await serve(ctx);
  browser = await launch();
  page = await browser.newPage({ viewport: sizes.desktop });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Refusals (4xx) the page shows as messages are expected answers; the browser logs them.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
});

after(async () => {
  if (skip) return;
  await browser.close();
  await server.app.close();
  await ctx.store.close();
});

/** Types into a person field and picks the named person from what it offers. */
async function pick(label: string, typed: string, name: string, byKeyboard: boolean): Promise<void> {
  const form = page.getByRole('form', { name: 'Start an introduction' });
  const field = form.getByRole('combobox', { name: label });
  await field.fill(typed);
  const option = form.getByRole('listbox', { name: label }).getByRole('option', { name: new RegExp(name) });
  await option.waitFor();
  if (label === 'Introduce') await shot('typeahead', byKeyboard ? 'phone' : 'desktop');
  if (byKeyboard) {
    // Arrow down until the wanted person is the active option, then Enter.
    for (let i = 0; i < 10 && (await option.getAttribute('aria-selected')) !== 'true'; i++)
      await field.press('ArrowDown');
    await field.press('Enter');
  } else await option.click();
  await form.getByText(`${name} ✓`).waitFor();
}

async function flow(size: Size, a: [string, string], b: [string, string], withItems: boolean): Promise<void> {
  await page.setViewportSize(sizes[size]);
  await page.goto(`${server.url}/intros`);
  await page.getByRole('heading', { name: 'Introductions', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Start an introduction' }).click();
  const form = page.getByRole('form', { name: 'Start an introduction' });
  await pick('Introduce', a[0], a[1], size === 'phone');
  await pick('To', b[0], b[1], size === 'phone');
  if (withItems) {
    // The matcher's best pair is chosen for you: Priya's need, Lars's offer.
    const need = form.getByLabel('The need it meets');
    await page.waitForFunction(
      () => document.querySelector<HTMLSelectElement>('.intro-start select')?.value !== '',
    );
    assert.match((await need.locator('option:checked').textContent()) ?? '', /Priya Raman: hiring two data/);
    const offer = form.getByLabel('The offer that meets it');
    assert.match(
      (await offer.locator('option:checked').textContent()) ?? '',
      /Lars Olsen: data engineer looking/,
    );
  } else {
    await form.getByLabel(/Why they should meet/).fill('Both are building health-data teams');
  }
  await shot('start', size);
  await noSeriousViolation(`the start form (${size})`);
  await form.getByRole('button', { name: 'Propose the introduction' }).click();

  const card = (column: string) =>
    page.getByRole('region', { name: column }).locator('li.card', { hasText: `${a[1]} ↔ ${b[1]}` });
  const aFirst = a[1].split(' ')[0] ?? '';
  const bFirst = b[1].split(' ')[0] ?? '';
  await card('Proposed').waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: `Ask ${aFirst} first` })
    .waitFor();
  await card('Proposed').getByText('Draft messages').click();
  const toA = await card('Proposed').getByLabel(`To ${a[1]}`).inputValue();
  const toB = await card('Proposed').getByLabel(`To ${b[1]}`).inputValue();
  assert.match(toA, new RegExp(`^Hi ${aFirst},`));
  assert.match(toB, new RegExp(`^Hi ${bFirst},`));
  assert.ok(toA.includes(b[1]) && toB.includes(a[1]), 'each side hears who the other is');
  await shot('proposed', size);
  await noSeriousViolation(`the board (${size})`);

  await card('Proposed')
    .getByRole('button', { name: `Asked ${aFirst}`, exact: true })
    .click();
  await card('Asked the first')
    .getByRole('button', { name: `Asked ${bFirst}`, exact: true })
    .click();
  await card('Asked the second').getByRole('button', { name: 'Both said yes: introduce them' }).click();
  await card('Made').getByRole('button', { name: 'Record the outcome' }).click();
  const outcome = card('Made').getByRole('form', { name: /^Outcome of introducing/ });
  const said = `${bFirst} joined ${aFirst}'s team in March`;
  await outcome.getByLabel('What came of it?').fill(said);
  await shot('outcome-form', size);
  await outcome.getByRole('button', { name: 'Save the outcome' }).click();
  await card('Led somewhere').getByText(said).waitFor();

  const intro = (await listIntros(ctx)).find((i) => i.a.name === a[1] && i.b.name === b[1]);
  assert.equal(intro?.state, 'outcome');
  assert.equal(intro.outcome, said);
  if (withItems) assert.ok(intro.need && intro.offer, 'the need and offer it rests on are kept');
  await shot('board', size);
  await noSeriousViolation(`the board with an outcome (${size})`);

  // The whole board is on the page: nothing cut off at desktop width, one column on a phone.
  const layout = await page.evaluate(() => {
    const cols = [...document.querySelectorAll('.board .column')].map((c) => c.getBoundingClientRect());
    return {
      lefts: cols.map((r) => Math.round(r.left)),
      rightmost: Math.max(...cols.map((r) => r.right)),
      viewport: document.documentElement.clientWidth,
      sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
  assert.equal(layout.lefts.length, 5);
  assert.ok(
    layout.rightmost <= layout.viewport,
    `last column ends at ${layout.rightmost} of ${layout.viewport}`,
  );
  assert.equal(layout.sideways, 0, 'no sideways scrolling');
  if (size === 'desktop') assert.equal(new Set(layout.lefts).size, 5, 'five columns side by side');
  else assert.equal(new Set(layout.lefts).size, 1, 'the columns stacked');
}

test('introductions in the web app', { skip }, async (t) => {
  await t.test('desktop: start from two people you have, ask each side, record the outcome', async () => {
    await flow('desktop', ['Priya R', 'Priya Raman'], ['lars', 'Lars Olsen'], true);
  });

  await t.test('phone: the same flow by keyboard, the board stacked', async () => {
    await flow('phone', ['amara', 'Amara Okafor'], ['vries', 'Jonas de Vries'], false);
  });

  await t.test('a name you do not have is not offered, and nothing is proposed', async () => {
    await page.setViewportSize(sizes.desktop);
    const before = (await listIntros(ctx)).length;
    await page.goto(`${server.url}/intros`);
    await page.getByRole('button', { name: 'Start an introduction' }).click();
    const form = page.getByRole('form', { name: 'Start an introduction' });
    await form.getByRole('combobox', { name: 'Introduce' }).fill('Zelda Quist');
    await form.getByText('No one called “Zelda Quist” yet: add them on People first.').waitFor();
    await form.getByRole('button', { name: 'Propose the introduction' }).click();
    await form.getByRole('alert').filter({ hasText: 'Pick the first person from the list' }).waitFor();
    assert.equal((await listIntros(ctx)).length, before);
  });
});

test('phone width', { skip }, async (t) => {
  await t.test('the menu button opens every section, Escape closes it', async () => {
    await page.setViewportSize(sizes.phone);
    await page.goto(`${server.url}/people`);
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await nav.isVisible(), false, 'the list is closed');
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    const sections = [
      'Today',
      'People',
      'Focus',
      'Events',
      'Capture',
      'Introductions',
      'Review',
      'Import',
      'Meetings & mail',
      'Reminders',
    ];
    for (const name of sections) {
      const link = nav.getByRole('link', { name, exact: true });
      assert.ok(await link.isVisible(), `${name} is shown`);
      const box = await link.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${name} fits the width`);
    }
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      'Today',
      'focus on the first',
    );
    await shot('menu-open', 'phone');
    await noSeriousViolation('the open menu');
    await page.keyboard.press('Escape');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await nav.isVisible(), false);
    assert.equal(await page.evaluate(() => (document.activeElement?.textContent ?? '').trim()), 'Menu');
    // Tab past the last section leaves the menu, and closes it.
    await menu.click();
    for (let i = 0; i < sections.length; i++) await page.keyboard.press('Tab');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'tabbing out closes it');
    await menu.click();
    await nav.getByRole('link', { name: 'Review', exact: true }).click();
    await page.getByRole('heading', { name: 'Review', level: 1 }).waitFor();
    assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'a navigation closes the menu');
    await page.locator('figure.chart').last().waitFor();
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await page.locator('figure.chart').last().click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'a tap outside closes it');
  });

  await t.test('review: chart labels are at least 12 px as shown', async () => {
    await page.locator('figure.chart svg').first().waitFor();
    const sizes_ = await page.evaluate(() =>
      [...document.querySelectorAll<SVGTextElement>('figure.chart .axes text')].map(
        (el) => el.getBoundingClientRect().height,
      ),
    );
    assert.ok(sizes_.length > 0);
    // A 12 px glyph box is about 14 px tall; drawn scaled down it was under 9.
    assert.ok(Math.min(...sizes_) >= 12, `smallest label box ${Math.min(...sizes_).toFixed(1)} px`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0);
    await shot('review', 'phone');
    await noSeriousViolation('review');
  });

  await t.test('People: the list scrolls with the page, not in a box of its own', async () => {
    await page.goto(`${server.url}/people`);
    await page.getByText(/^65 people$/).waitFor();
    const box = await page.locator('.vlist').evaluate((el) => ({ inner: el.scrollHeight - el.clientHeight }));
    assert.equal(box.inner, 0, 'the list has no scroll bar of its own');
    await page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
    });
    await page.getByRole('link', { name: 'Priya Raman' }).waitFor();
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.vrow .pname')]
        .filter((el) => el.scrollWidth > el.clientWidth)
        .map((el) => el.textContent),
    );
    assert.deepEqual(cut, [], 'names shown whole');
    await shot('people', 'phone', false);
    await noSeriousViolation('People');
    await page.setViewportSize(sizes.desktop);
    assert.equal(
      await page.getByRole('button', { name: 'Menu' }).isVisible(),
      false,
      'no menu at desktop width',
    );
    assert.ok(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).isVisible(),
    );
  });

  await t.test('no script errors in the browser', () => {
    assert.deepEqual(problems, []);
  });
});
