import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { openApp, type AppContext } from '../../src/app/context.js';
import { createMatcher } from '../../src/matching/index.js';
import { seriousViolations } from '../helpers/axe.js';
import { sqliteBackend } from '../helpers/db.js';
import { launch, serve, shots, skipReason } from './harness.js';

/**
 * Notifications of today's agenda in the installed app: turned on from the Reminders page (the
 * permission granted), shown by the service worker (read back with getNotifications()), once a
 * day when the app is opened.
 */
const skip = skipReason();
let browser: Browser;
let server: { app: FastifyInstance; url: string };
let ctx: AppContext;

const post = (p: string, body: unknown): Promise<Response> =>
  fetch(`${server.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const shown = (page: Page): Promise<{ title: string; body: string; tag: string }[]> =>
  page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return (await reg.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag }));
  });

before(async () => {
  if (skip) return;
  const matcher = createMatcher({ modelless: true });
  ctx = await openApp({ db: sqliteBackend.fresh(), matcher: () => Promise.resolve(matcher) });
  server = await serve(ctx);
  browser = await launch();
  fs.mkdirSync(shots, { recursive: true });
  assert.equal((await post('/api/people', { name: 'Jonas Weber', circle: 'focus' })).status, 201);
  const promise = await post('/api/people/Jonas%20Weber/promises', {
    text: 'send him the Kafka talk slides',
    due: 'today',
  });
  assert.equal(promise.status, 201, await promise.text());
});

after(async () => {
  if (skip) return;
  await browser.close();
  await server.app.close();
  await ctx.store.close();
});

for (const [name, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const)
  test(
    `notifications at ${name} width: turned on, shown by the service worker, once a day`,
    { skip },
    async () => {
      const context = await browser.newContext({ viewport });
      await context.grantPermissions(['notifications'], { origin: server.url });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/reminders`);
        await page.evaluate(async () => {
          await navigator.serviceWorker.ready;
        });
        const panel = page.getByRole('region', { name: 'Notifications on this device' });
        await panel.getByRole('button', { name: 'Turn on notifications' }).click();
        await panel.getByText('On. Today’s notification is shown now.').waitFor();
        const first = await shown(page);
        assert.equal(first.length, 1, JSON.stringify(first));
        const [n] = first;
        assert.ok(n);
        assert.equal(n.title, 'Tend: one thing for today');
        assert.match(n.body, /Kafka talk slides/);
        assert.deepEqual(await seriousViolations(page), []);
        await page.screenshot({ path: path.join(shots, `notifications-${name}.png`), fullPage: true });

        // Dismissed, then the app opened again the same day: not shown again.
        await page.evaluate(async () => {
          for (const n of await (await navigator.serviceWorker.ready).getNotifications()) n.close();
        });
        await page.goto(`${server.url}/`);
        await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
        await page.waitForTimeout(500);
        assert.deepEqual(await shown(page), [], 'once a day');

        // On another day (the day last shown is yesterday), opening the app shows it again.
        await page.evaluate(() => {
          localStorage.setItem('tend.notified', '2000-01-01');
        });
        await page.reload();
        for (let i = 0; i < 40 && (await shown(page)).length === 0; i++) await page.waitForTimeout(250);
        assert.equal((await shown(page)).length, 1);

        // Turned off: nothing more.
        await page.goto(`${server.url}/reminders`);
        await panel.getByRole('button', { name: 'Turn off' }).click();
        await panel.getByText('Off. No more notifications on this device.').waitFor();
        assert.equal(await page.evaluate(() => localStorage.getItem('tend.notify')), null);
      } finally {
        await context.close();
      }
    },
  );
