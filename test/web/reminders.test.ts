import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { openApp, type AppContext } from '../../src/app/context.js';
import { seriousViolations } from '../helpers/axe.js';
import { sqliteBackend } from '../helpers/db.js';
import { launch, serve, shots, skipReason } from './harness.js';

/**
 * The Reminders page: create the calendar feed address (shown once), fetch it, replace it (the
 * old one answers 404), revoke it; the digest's state. At desktop and phone width, with
 * screenshots and an axe-core check.
 */
const skip = skipReason();
let browser: Browser;
let server: { app: FastifyInstance; url: string };
let ctx: AppContext;

before(async () => {
  if (skip) return;
  ctx = await openApp({ db: sqliteBackend.fresh() });
  server = await serve(ctx);
  browser = await launch();
  fs.mkdirSync(shots, { recursive: true });
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
    `reminders page at ${name} width: create, replace and revoke the calendar feed`,
    { skip },
    async () => {
      const page = await browser.newPage({ viewport });
      try {
        await page.goto(`${server.url}/reminders`);
        await page.getByRole('heading', { name: 'Reminders', level: 1 }).waitFor();
        await page.getByText('No feed address yet.').waitFor();
        assert.match(
          (await page.getByRole('status').nth(1).textContent()) ?? '',
          /Not set up yet\./,
          'the digest says it is not set up',
        );

        await page.getByRole('button', { name: 'Create a feed address' }).click();
        const field = page.getByLabel(/Your private feed address/);
        await field.waitFor();
        const first = await field.inputValue();
        assert.match(first, new RegExp(`^${server.url}/feed/[A-Za-z0-9_-]{43}\\.ics$`));
        const res = await fetch(first);
        assert.equal(res.status, 200);
        assert.match(await res.text(), /^BEGIN:VCALENDAR\r\n/);
        await page.getByText(/A feed address exists since \d{4}-\d{2}-\d{2}\./).waitFor();
        assert.deepEqual(await seriousViolations(page), []);
        await page.screenshot({ path: path.join(shots, `reminders-${name}.png`), fullPage: true });

        await page.getByRole('button', { name: 'Make a new address' }).click();
        await page.waitForFunction(
          (old) => document.querySelector<HTMLInputElement>('.feed-url input')?.value !== old,
          first,
        );
        const second = await field.inputValue();
        assert.equal((await fetch(first)).status, 404, 'the old address stops working');
        assert.equal((await fetch(second)).status, 200);

        await page.getByRole('button', { name: 'Revoke the feed' }).click();
        await page.getByText('No feed address yet.').waitFor();
        assert.equal(await field.count(), 0, 'the address is no longer shown');
        assert.equal((await fetch(second)).status, 404);
        assert.deepEqual(await seriousViolations(page), []);
      } finally {
        await page.close();
      }
    },
  );
