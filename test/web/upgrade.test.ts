import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { openApp, type AppContext } from '../../src/app/context.js';
import { buildServer } from '../../src/http/server.js';
import { seriousViolations } from '../helpers/axe.js';
import { sqliteBackend } from '../helpers/db.js';
import { launch, root, shots, skipReason } from './harness.js';

/**
 * "The service worker never serves a stale app after an upgrade": three real builds of the web
 * app (TEND_BUILD_ID upgrade-A, -B, -C, shown at the foot of every page) served in turn on one
 * address. A reload after an upgrade shows the new build at once; a page left open when a new
 * version takes over says so and reloads into it; the old build's scripts leave the cache.
 */
const skip = skipReason();
const run = promisify(execFile);
let browser: Browser;
let ctx: AppContext;
let tmp: string;
let app: FastifyInstance | undefined;
let port = 0;
const dirs: Record<string, string> = {};

async function buildWeb(id: string): Promise<string> {
  const out = path.join(tmp, id);
  await run(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      path.join(root, 'web/vite.config.ts'),
      '--outDir',
      out,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: path.join(root, 'web'), env: { ...process.env, TEND_BUILD_ID: id } },
  );
  return out;
}

/** Serves one build on the same address as before (a service worker belongs to its origin). */
async function serveBuild(id: string): Promise<string> {
  await app?.close();
  app = await buildServer(() => ctx, { webRoot: dirs[id] ?? '' });
  await app.listen({ port, host: '127.0.0.1' });
  const addr = app.server.address();
  port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return `http://127.0.0.1:${port}`;
}

/**
 * Polls `check` (which may ask the page) every 250 ms for at most 60 s: a worker's install fetches
 * and caches the whole build from this process's server, which took over 30 s in a CI run with
 * another browser test beside it on 2 cores (10 s for the whole test on a quiet machine).
 */
const WORKER_WAIT_MS = 60_000;
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + WORKER_WAIT_MS;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const entryOf = (id: string): string =>
  /src="(\/assets\/index-[^"]+\.js)"/.exec(
    fs.readFileSync(path.join(dirs[id] ?? '', 'index.html'), 'utf8'),
  )?.[1] ?? '';

const cachedUrls = (page: Page): Promise<string[]> =>
  page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys())
      for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    return urls;
  });

/** The build the worker controlling the page serves (asked the way the app asks). */
const workerBuild = (page: Page): Promise<string> =>
  page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = (e: MessageEvent<{ build: string }>) => {
          resolve(e.data.build);
        };
        const w = navigator.serviceWorker.controller;
        if (w) w.postMessage({ type: 'build' }, [ch.port2]);
        else resolve('none');
      }),
  );

before(async () => {
  if (skip) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-upgrade-'));
  for (const id of ['upgrade-A', 'upgrade-B', 'upgrade-C']) dirs[id] = await buildWeb(id);
  ctx = await openApp({ db: sqliteBackend.fresh() });
  browser = await launch();
  fs.mkdirSync(shots, { recursive: true });
});

after(async () => {
  if (skip) return;
  await browser.close();
  await app?.close();
  await ctx.store.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('after an upgrade the app shown is the new one, never the cached old one', { skip }, async () => {
  assert.notEqual(entryOf('upgrade-A'), entryOf('upgrade-B'), 'the builds differ');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(WORKER_WAIT_MS);
    const footer = page.locator('footer.build');

    // Version A, installed: its worker controls the page and has A's scripts cached.
    const url = await serveBuild('upgrade-A');
    await page.goto(`${url}/people`);
    await footer.getByText('build upgrade-A').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    assert.equal(await workerBuild(page), 'upgrade-A');
    assert.ok((await cachedUrls(page)).includes(entryOf('upgrade-A')));

    // The server is upgraded to B; a reload shows B at once.
    await serveBuild('upgrade-B');
    await page.reload();
    await footer.getByText('build upgrade-B').waitFor();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    // B's worker takes over; the page already runs B, so nothing asks to reload.
    await until(async () => (await workerBuild(page)) === 'upgrade-B', "B's worker in control");
    await page.waitForTimeout(300);
    assert.equal(await page.getByText('A new version of Tend is ready.').count(), 0);
    // The new worker's cache holds B's scripts, and A's leave it.
    const [entryA, entryB] = [entryOf('upgrade-A'), entryOf('upgrade-B')];
    await until(async () => {
      const urls = await cachedUrls(page);
      return urls.includes(entryB) && !urls.includes(entryA);
    }, "B's scripts cached, A's gone");

    // Offline now, a reload shows B from the cache, not A.
    await context.setOffline(true);
    await page.reload();
    await footer.getByText('build upgrade-B').waitFor();
    await context.setOffline(false);

    // A page left open while C takes over says so, and its Reload shows C.
    await serveBuild('upgrade-C');
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.ready).update();
    });
    const banner = page.getByRole('status').filter({ hasText: 'A new version of Tend is ready.' });
    // As long as `until` waits: C's worker installs (caching the whole build) before the banner.
    await banner.waitFor({ timeout: WORKER_WAIT_MS });
    assert.equal(await footer.textContent(), 'Tend · build upgrade-B', 'still the old page until reloaded');
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: path.join(shots, 'update-banner-phone.png') });
    await banner.getByRole('button', { name: 'Reload' }).click();
    await footer.getByText('build upgrade-C').waitFor();
    assert.equal(await page.getByText('A new version of Tend is ready.').count(), 0);
  } finally {
    await context.close();
  }
});
