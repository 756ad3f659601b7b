import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { addPerson } from '../../src/app/people.js';
import { personInput } from '../../src/app/validate.js';
import { freshApp, sqliteBackend } from '../helpers/db.js';
import { launch, serve, shots, skipReason } from './harness.js';

/**
 * The web app in real headless Chromium against a real server and a fresh database: a first
 * run, then every page clicked through as a person would, with screenshots at desktop and
 * phone width in artifacts/screenshots/.
 */
const skip = skipReason();
let browser: Browser;
let page: Page;
let server: { app: FastifyInstance; url: string };
let ctx: Awaited<ReturnType<typeof freshApp>>;
const problems: string[] = [];

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${name}-desktop.png`), fullPage: true });
}

async function json<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(server.url + url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const data = (await res.json()) as T;
  assert.ok(res.ok, `${method} ${url} → ${res.status} ${JSON.stringify(data)}`);
  return data;
}

before(async () => {
  if (skip) return;
  fs.mkdirSync(shots, { recursive: true });
  ctx = await freshApp(sqliteBackend);
  server = await serve(ctx);
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Refusals (409) are expected answers; the browser logs every non-2xx response.
    if (m.type() === 'error' && !/status of 409/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
});

after(async () => {
  if (skip) return;
  await browser.close();
  await server.app.close();
  await ctx.store.close();
});

test('web app in Chromium', { skip }, async (t) => {
  await t.test('first run leads through offers, needs and the first people', async () => {
    await page.goto(server.url + '/');
    await page.waitForURL('**/welcome');
    await page.getByLabel('An offer').fill('Postgres performance reviews and SQL tuning');
    await page.getByRole('button', { name: 'Add offer' }).click();
    await page.getByText('Postgres performance reviews and SQL tuning').waitFor();
    await shot('welcome');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('A need').fill('Two new clients in fintech');
    await page.getByRole('button', { name: 'Add need' }).click();
    await page.getByText('Two new clients in fintech').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Where you met them (optional)').fill('PGConf Berlin');
    await page.getByLabel('A name').fill('Jonas Weber');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('link', { name: 'Jonas Weber' }).waitFor();
    await page.getByRole('button', { name: 'Go to Today' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const me = await json<{ offers: unknown[]; needs: unknown[] }>('GET', '/api/me');
    assert.equal(me.offers.length, 1);
    assert.equal(me.needs.length, 1);
  });

  await t.test('people: add a person from the People page', async () => {
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('button', { name: 'Add person' }).click();
    const form = page.getByRole('form', { name: 'Add a person' });
    await form.getByLabel('Name').fill('Carla Mendes');
    await form.getByLabel('Where or how you met').fill('LinkedIn');
    await form.getByLabel('Company').fill('Banco Verde');
    await form.getByLabel('Tags').fill('fintech, banking');
    await form.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('heading', { name: 'Carla Mendes', level: 1 }).waitFor();
    assert.match(page.url(), /\/people\/\d+$/);
  });

  await t.test('person: the ask is refused with gives, then allowed after a give', async () => {
    const id = page.url().split('/').pop() ?? '';
    await page.getByLabel('New need').fill('A partner to modernise the reporting stack');
    await page.getByRole('button', { name: 'Add need' }).click();
    await page.getByText('A partner to modernise the reporting stack').waitFor();

    await page.getByText('I asked', { exact: true }).click();
    await page.getByLabel('What you asked for').fill('a referral to her CFO');
    await page.getByRole('button', { name: 'Log ask' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Give first' });
    await refusal.waitFor();
    assert.ok((await refusal.locator('.gives li').count()) >= 1, 'the refusal lists gives');
    let profile = await json<{ ledger: { askedCount: number; gaveCount: number } }>(
      'GET',
      `/api/people/${id}`,
    );
    assert.equal(profile.ledger.askedCount, 0, 'a refused ask writes nothing');
    await shot('person-refused');

    await refusal.getByRole('button', { name: 'I did this' }).first().click();
    await page.getByRole('status').filter({ hasText: 'Give logged.' }).waitFor();
    profile = await json('GET', `/api/people/${id}`);
    assert.equal(profile.ledger.gaveCount, 1);

    await page.getByText('I asked', { exact: true }).click();
    await page.getByLabel('What you asked for').fill('a referral to her CFO');
    await page.getByRole('button', { name: 'Log ask' }).click();
    await page.getByRole('status').filter({ hasText: 'Ask logged.' }).waitFor();
    profile = await json('GET', `/api/people/${id}`);
    assert.equal(profile.ledger.askedCount, 1, 'the ask is recorded after a give');
    await page.locator('.timeline li').filter({ hasText: 'a referral to her CFO' }).waitFor();
    await shot('person');
  });

  await t.test('focus: fill to the cap, then adding asks whom to move out', async () => {
    const set = await json<{ value: number }>('PUT', '/api/config/focusCap', { value: 5 });
    assert.equal(set.value, 5);
    for (const name of [
      'Priya Raman',
      'Anna Kowalski',
      'Ben Ortiz',
      'Lars Nilsson',
      'Mei Chen',
      'Tomas Herrera',
    ])
      await json('POST', '/api/people', { name, met: 'meetup' });
    await page.getByRole('link', { name: 'Focus', exact: true }).click();
    await page.getByRole('heading', { name: 'Focus', level: 1 }).waitFor();
    for (const name of ['Priya', 'Anna', 'Ben', 'Lars', 'Mei']) {
      await page.getByLabel('Find a person').fill(name);
      const add = page
        .locator('.items li')
        .filter({ hasText: name })
        .getByRole('button', { name: 'Add to focus' });
      await add.click();
      await page.getByRole('row').filter({ hasText: name }).waitFor();
    }
    await page.getByText('5 / 5').waitFor();
    await shot('focus');
    await page.getByLabel('Find a person').fill('Tomas');
    await page
      .locator('.items li')
      .filter({ hasText: 'Tomas Herrera' })
      .getByRole('button', { name: 'Add to focus' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Your focus list is full' });
    await dialog.waitFor();
    await shot('focus-full');
    const out = dialog.getByRole('button', { name: /^Move .* out$/ }).first();
    const outLabel = (await out.textContent()) ?? '';
    await out.click();
    await page.getByRole('row').filter({ hasText: 'Tomas Herrera' }).waitFor();
    await page.getByText('5 / 5').waitFor();
    const focus = await json<{ people: { person: { name: string } }[] }>('GET', '/api/focus');
    assert.equal(focus.people.length, 5);
    const gone = outLabel.replace(/^Move (.*) out$/, '$1');
    assert.ok(!focus.people.some((p) => p.person.name.startsWith(gone)), `${gone} moved out`);
  });

  await t.test('events: capture, pick a follow-up, see the success', async () => {
    await page.getByRole('link', { name: 'Events', exact: true }).click();
    const form = page.getByRole('form', { name: 'New event' });
    await form.getByLabel('Event').fill('Berlin Data Meetup');
    await form.getByLabel('Date').fill('2026-11-24');
    await form.getByRole('button', { name: 'Add event' }).click();
    const capture = page.getByRole('form', { name: 'Capture someone met at Berlin Data Meetup' });
    await capture.getByLabel('Name').fill('Nadia Volkova');
    await capture.getByLabel('One line').fill('building a fraud-detection team');
    await capture.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('link', { name: 'Nadia Volkova' }).waitFor();
    await page.getByRole('checkbox').first().click();
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('.event input[type=checkbox]')?.checked === true,
    );
    const events = await json<{ events: { id: number; people: { id: number; followUp: boolean }[] }[] }>(
      'GET',
      '/api/events',
    );
    const nadia = events.events[0]?.people[0];
    assert.equal(nadia?.followUp, true);
    // A real follow-up (a call, today) makes the event a success.
    await json('POST', `/api/people/${nadia.id}/interactions`, {
      action: 'log',
      channel: 'call',
      nature: 'touch',
      note: 'coffee',
    });
    await page.reload();
    await page.getByText('Success ✓').waitFor();
    await shot('events');
  });

  await t.test('today: the agenda has cards with a one-click action', async () => {
    await json('POST', '/api/people/Jonas/promises', {
      text: 'send the query-plan checklist',
      due: '2026-11-25',
    });
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    const card = page.locator('.card.action').filter({ hasText: 'Keep your promise to Jonas Weber' });
    await card.waitFor();
    // The draft comes with the action: to Jonas, about "you", not "keep your promise to Jonas Weber".
    await card.getByRole('button', { name: 'Draft a message' }).click();
    const draft = await card.getByLabel('Draft').inputValue();
    assert.match(draft, /^Hi Jonas,\n\nI promised to send you the query-plan checklist by /);
    assert.doesNotMatch(draft, /Jonas Weber/);
    await card.getByRole('button', { name: 'Mark kept' }).click();
    await card.getByRole('button', { name: 'Done ✓' }).waitFor();
    const promises = await json<{ promises: { status: string }[] }>('GET', '/api/promises?all=true');
    assert.equal(promises.promises[0]?.status, 'kept');
    await shot('today');
  });

  await t.test(
    'people: search-as-you-type over a large list, virtualised; bulk move pool to network',
    async () => {
      for (let i = 0; i < 1500; i++)
        await addPerson(
          ctx,
          personInput.parse({
            name: `Pool Person ${String(i).padStart(4, '0')}`,
            company: i % 3 === 0 ? 'Finovo' : 'Acme',
            circle: 'pool',
            source: 'linkedin',
          }),
        );
      await page.getByRole('link', { name: 'People', exact: true }).click();
      await page.getByText(/^1,509 people$/).waitFor();
      const rendered = await page.locator('.vrow').count();
      assert.ok(rendered > 0 && rendered < 80, `only rows in view are in the page (${rendered})`);
      // The list scrolls with the page: scroll the window to its 1,200th row.
      await page.locator('.vlist').evaluate((el) => {
        window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY + 64 * 1200);
      });
      await page
        .getByRole('link', { name: /^Pool Person 11\d\d$/ })
        .first()
        .waitFor();
      await page.getByLabel('Search').fill('pool person 012');
      // 0012, 0120–0129 and 1012: every word must appear somewhere
      await page.getByText('12 people', { exact: true }).waitFor();
      await page.getByLabel('Circle').selectOption('pool');
      await page.getByRole('button', { name: 'Move all 12 to network' }).click();
      await page.getByText('Moved 12 people to your network.').waitFor();
      await page.getByText('0 people', { exact: true }).waitFor();
      const pool = await json<{ total: number }>('GET', '/api/people?circle=pool&limit=1');
      assert.equal(pool.total, 1488);
      await page.getByLabel('Circle').selectOption('');
      await page.getByLabel('Search').fill('');
      await page.getByText(/^1,509 people$/).waitFor();
      await shot('people');
    },
  );

  await t.test('review: the charts render', async () => {
    await page.getByRole('link', { name: 'Review', exact: true }).click();
    await page.getByText('Gives vs asks per week').waitFor();
    assert.equal(await page.locator('figure.chart svg').count(), 4);
    assert.ok((await page.locator('figure.chart').first().locator('rect').count()) > 0, 'bars drawn');
    assert.ok((await page.locator('figure.chart polyline').count()) === 1, 'a strength line');
    await shot('review');
  });

  await t.test('introductions: the double opt-in board with drafts, moved on with a click', async () => {
    for (const name of ['Inés Okafor', 'Oskar Lind']) await json('POST', '/api/people', { name });
    await json('POST', '/api/intros', {
      a: 'Inés Okafor',
      b: 'Oskar Lind',
      reason: 'Inés is hiring data engineers; Oskar is looking',
    });
    await page.getByRole('link', { name: 'Introductions', exact: true }).click();
    await page.getByRole('heading', { name: 'Introductions', level: 1 }).waitFor();
    const proposed = page.getByRole('region', { name: 'Proposed' });
    await proposed.getByText('Inés is hiring data engineers; Oskar is looking', { exact: true }).waitFor();
    await proposed.getByText('Draft messages').click();
    assert.match(await proposed.getByLabel('To Inés Okafor').inputValue(), /Hi Inés/);
    await shot('intros');
    await proposed.getByRole('button', { name: 'Asked Inés' }).click();
    await page
      .getByRole('region', { name: 'Asked the first' })
      .getByText('Inés is hiring data engineers; Oskar is looking', { exact: true })
      .waitFor();
  });

  await t.test('import: a small LinkedIn file, dry run first, then confirmed into the pool', async () => {
    const csv = [
      'Notes:',
      '"When exporting your connection data, you may notice that some of the email addresses are missing."',
      '',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      'Mira,Kovač,https://www.linkedin.com/in/mirakovac,,Orbit Labs,CTO,03 Jan 2023',
      'Tom,Berger,https://www.linkedin.com/in/tomberger,tom@example.com,"Berger, Sons",Owner,14 Feb 2024',
    ].join('\n');
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    const form = page.getByRole('form', { name: 'Import a file' });
    await form.waitFor();
    await form
      .locator('input[type=file]')
      .setInputFiles({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await form.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: 'Dry run: nothing written yet' }).waitFor();
    const before = await json<{ total: number }>('GET', '/api/people?search=kovac');
    assert.equal(before.total, 0, 'a dry run writes nothing');
    await form.getByRole('button', { name: 'Confirm import' }).click();
    await page.getByRole('heading', { name: 'Imported', exact: true }).waitFor();
    await page.getByText('0 of 2 have ever had a real conversation with you').waitFor();
    const after = await json<{ total: number; people: { person: { circle: string } }[] }>(
      'GET',
      '/api/people?search=kovac',
    );
    assert.equal(after.total, 1);
    assert.equal(after.people[0]?.person.circle, 'pool');
    await shot('import');
  });

  await t.test('keyboard: the first Tab reaches the skip link, and it moves to the content', async () => {
    await page.goto(server.url + '/focus');
    await page.getByRole('heading', { name: 'Focus', level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    // A navigation inside the app moves focus to the new page's heading instead.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'page-title', undefined, {
      timeout: 5000,
    });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Events');
  });

  await t.test('phone width: every page fits 390 px without sideways scrolling', async () => {
    const person = await json<{ people: { person: { id: number } }[] }>('GET', '/api/people?search=carla');
    const pages = [
      ['today', '/'],
      ['people', '/people'],
      ['person', `/people/${person.people[0]?.person.id ?? 1}`],
      ['focus', '/focus'],
      ['events', '/events'],
      ['intros', '/intros'],
      ['review', '/review'],
      ['import', '/import'],
    ] as const;
    await page.setViewportSize({ width: 390, height: 844 });
    const wide: string[] = [];
    for (const [name, url] of pages) {
      await page.goto(server.url + url);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) wide.push(`${name} by ${overflow}px`);
      await page.screenshot({ path: path.join(shots, `${name}-phone.png`), fullPage: true });
    }
    assert.deepEqual(wide, [], 'pages that scroll sideways at phone width');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await t.test('no script errors in the browser', () => {
    assert.deepEqual(problems, []);
  });
});
