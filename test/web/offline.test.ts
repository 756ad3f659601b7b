import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openApp, type AppContext } from '../../src/app/context.js';
import { createMatcher } from '../../src/matching/index.js';
import { seriousViolations } from '../helpers/axe.js';
import { sqliteBackend } from '../helpers/db.js';
import { launch, serve, shots, skipReason } from './harness.js';

/**
 * The installable app and its offline quick actions, in Chromium: the manifest, icons and service
 * worker as served; capture and log with the network off, "2 pending", a reload while offline
 * (from the service worker), the queue sent once when back online; a lost answer resent without
 * a second write.
 */
const skip = skipReason();
let browser: Browser;
let server: { app: FastifyInstance; url: string };
let ctx: AppContext;

const api = async <T>(p: string): Promise<T> => (await (await fetch(`${server.url}${p}`)).json()) as T;
const post = (p: string, body: unknown): Promise<Response> =>
  fetch(`${server.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const pngSize = (b: Buffer): [number, number] => [b.readUInt32BE(16), b.readUInt32BE(20)];

/** Waits until the service worker controls the page (it claims clients when it activates). */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

before(async () => {
  if (skip) return;
  const matcher = createMatcher({ modelless: true });
  ctx = await openApp({ db: sqliteBackend.fresh(), matcher: () => Promise.resolve(matcher) });
  server = await serve(ctx);
  browser = await launch();
  fs.mkdirSync(shots, { recursive: true });
  assert.equal((await post('/api/events', { name: 'Berlin Data Meetup' })).status, 201);
  assert.equal((await post('/api/people', { name: 'Priya Nair' })).status, 201);
});

after(async () => {
  if (skip) return;
  await browser.close();
  await server.app.close();
  await ctx.store.close();
});

test('the app is installable: manifest, icons and service worker served as such', { skip }, async () => {
  const manifest = await fetch(`${server.url}/manifest.webmanifest`);
  assert.equal(manifest.status, 200);
  assert.match(manifest.headers.get('content-type') ?? '', /^application\/manifest\+json/);
  const m = (await manifest.json()) as {
    name: string;
    short_name: string;
    start_url: string;
    scope: string;
    display: string;
    theme_color: string;
    icons: { src: string; sizes: string; type: string; purpose: string }[];
  };
  assert.equal(m.short_name, 'Tend');
  assert.equal(m.start_url, '/');
  assert.equal(m.scope, '/');
  assert.equal(m.display, 'standalone');
  assert.match(m.theme_color, /^#[0-9a-f]{6}$/);
  for (const [size, purpose] of [
    ['192x192', 'any'],
    ['512x512', 'any'],
    ['512x512', 'maskable'],
  ] as const) {
    const icon = m.icons.find((i) => i.sizes === size && i.purpose === purpose);
    assert.ok(icon, `an icon ${size} ${purpose}`);
    const res = await fetch(`${server.url}${icon.src}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    const [w, h] = pngSize(Buffer.from(await res.arrayBuffer()));
    assert.equal(`${w}x${h}`, size, `${icon.src} is really ${size}`);
  }
  const sw = await fetch(`${server.url}/sw.js`);
  assert.equal(sw.status, 200);
  assert.match(sw.headers.get('content-type') ?? '', /javascript/);
  assert.equal(sw.headers.get('cache-control'), 'no-cache', 'a new worker is always fetched');

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(server.url);
    assert.equal(await page.locator('link[rel="manifest"]').getAttribute('href'), '/manifest.webmanifest');
    await controlled(page);
    // What the worker precached: the page shell and every script of the build.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      return urls;
    });
    assert.ok(cached.includes('/index.html'), `index.html precached (${cached.join(', ')})`);
    const html = await (await fetch(`${server.url}/`)).text();
    const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1] ?? '';
    assert.ok(cached.includes(entry), 'the entry script precached');
    assert.ok(
      cached.some((u) => /^\/assets\/capture-.*\.js$/.test(u)),
      'the Capture page precached',
    );
  } finally {
    await page.close();
  }
});

for (const [name, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const)
  test(`the Capture page at ${name} width is accessible`, { skip }, async () => {
    const page = await browser.newPage({ viewport });
    try {
      await page.goto(`${server.url}/capture`);
      await page.getByRole('heading', { name: 'Capture', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Met someone' }).waitFor();
      await page.getByText('Nothing is waiting').waitFor();
      assert.deepEqual(await seriousViolations(page), []);
      await page.screenshot({ path: path.join(shots, `capture-${name}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });

test(
  'offline at 390×844: capture and log, 2 pending, reload offline, sent once when back',
  { skip },
  async () => {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/capture`);
      await controlled(page);
      await page.getByLabel('Where you met').waitFor();
      await page.waitForFunction(
        () => document.querySelector<HTMLInputElement>('#q-met-name')?.form?.elements.length !== undefined,
      );
      // The event list arrived (and was kept on the device): it is offered for "Where you met".
      await page.waitForFunction(() => (document.querySelector('#q-events')?.children.length ?? 0) > 0);

      await context.setOffline(true);
      const met = page.getByRole('region', { name: 'Met someone' });
      await met.getByLabel('Name').fill('Jonas Weber');
      assert.equal(await met.getByLabel('Where you met').inputValue(), 'Berlin Data Meetup');
      await met.getByLabel('One line').fill('data engineer, looking for a designer');
      await met.getByRole('button', { name: 'Save person' }).click();
      await met.getByText(/Saved on this device: Met Jonas Weber at Berlin Data Meetup/).waitFor();

      const log = page.getByRole('region', { name: 'Log a touch or a give' });
      await log.getByLabel('With').fill('Jonas Weber');
      await log.getByLabel('Note (optional)').fill('coffee after the talks');
      await log.getByRole('button', { name: 'Log the talk' }).click();
      await log.getByText(/Saved on this device: Talked with Jonas Weber/).waitFor();

      const badge = page.getByRole('link', { name: /^2 pending/ });
      await badge.waitFor();
      const list = page.getByRole('region', { name: /Waiting to be sent/ });
      assert.deepEqual(
        (await list.locator('li').allTextContents()).map((t) => t.replace(/ · saved.*$/, '')),
        ['Met Jonas Weber at Berlin Data Meetup', 'Talked with Jonas Weber'],
      );
      await page.screenshot({ path: path.join(shots, 'offline-pending-phone.png'), fullPage: true });

      // A reload with no network: the service worker answers with the installed app.
      await page.reload();
      await page.getByRole('heading', { name: 'Capture', level: 1 }).waitFor();
      await page.getByRole('link', { name: /^2 pending/ }).waitFor();
      assert.equal(await page.evaluate(() => navigator.onLine), false);
      assert.equal(
        await page.evaluate(() =>
          fetch('/api/health').then(
            () => 'answered',
            () => 'no network',
          ),
        ),
        'no network',
        'the page really has no network',
      );
      // Nothing reached the server yet.
      assert.equal((await api<{ total: number }>('/api/people?search=Jonas')).total, 0);
      await page.screenshot({ path: path.join(shots, 'offline-reloaded-phone.png'), fullPage: true });

      // Back online: the queue is sent, in order, and empties.
      await context.setOffline(false);
      await page.getByText('Nothing is waiting').waitFor({ timeout: 15_000 });
      assert.equal(await page.getByRole('link', { name: /pending/ }).count(), 0);
      const people = await api<{ total: number; people: { person: { id: number } }[] }>(
        '/api/people?search=Jonas',
      );
      assert.equal(people.total, 1, 'Jonas captured once');
      const jonas = await api<{ timeline: { note?: string; date: string }[] }>(
        `/api/people/${people.people[0]?.person.id ?? 0}`,
      );
      assert.equal(
        jonas.timeline.filter((t) => t.note === 'coffee after the talks').length,
        1,
        `one touch (${JSON.stringify(jonas.timeline)})`,
      );
      const event = await api<{ event: { people: { name: string; line: string }[] } }>(
        `/api/events/${encodeURIComponent('Berlin Data Meetup')}`,
      );
      assert.deepEqual(
        event.event.people.map((p) => [p.name, p.line]),
        [['Jonas Weber', 'data engineer, looking for a designer']],
      );

      // Another reload online sends nothing again.
      await page.reload();
      await page.getByText('Nothing is waiting').waitFor();
      assert.equal((await api<{ total: number }>('/api/people?search=Jonas')).total, 1);
      assert.equal(
        (await api<{ timeline: unknown[] }>(`/api/people/${people.people[0]?.person.id ?? 0}`)).timeline
          .length,
        jonas.timeline.length,
      );
    } finally {
      await context.close();
    }
  },
);

test('an answer lost on the way: the need is resent with its key and written once', { skip }, async () => {
  // Service workers are blocked here so that the test's network hook sees every request.
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'block',
  });
  try {
    const page = await context.newPage();
    let sent = 0;
    const keys: string[] = [];
    await page.route('**/api/people/*/needs', async (route) => {
      sent++;
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (sent === 1) {
        // The server gets the request and writes; its answer never reaches the page.
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await page.goto(`${server.url}/capture`);
    const need = page.getByRole('region', { name: 'Add a need' });
    // The people you have are offered as you type (and kept on the device for offline use).
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLOptionElement>('#q-names option')].some(
        (o) => o.value === 'Priya Nair',
      ),
    );
    await need.getByLabel('Whose').fill('Priya Nair');
    await need.getByLabel('What they need').fill('a data engineer who knows Kafka');
    await need.getByRole('button', { name: 'Save need' }).click();
    await need.getByText(/Saved on this device: Priya Nair needs: a data engineer who knows Kafka/).waitFor();
    await page.getByText('Nothing is waiting').waitFor({ timeout: 15_000 });
    assert.equal(sent, 2, 'sent, then resent');
    assert.match(keys[0] ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(keys[1], keys[0], 'resent with the same key');
    const priya = await api<{ people: { person: { id: number } }[] }>('/api/people?search=Priya');
    const profile = await api<{ needs: { text: string }[] }>(
      `/api/people/${priya.people[0]?.person.id ?? 0}`,
    );
    assert.deepEqual(
      profile.needs.map((n) => n.text),
      ['a data engineer who knows Kafka'],
      'written once',
    );
  } finally {
    await context.close();
  }
});
