import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { changeMyEmails } from '../../src/app/capture-runs.js';
import { openApp, type AppContext } from '../../src/app/context.js';
import { addPerson } from '../../src/app/people.js';
import { parse, personInput } from '../../src/app/validate.js';
import { seriousViolations } from '../helpers/axe.js';
import { sqliteBackend } from '../helpers/db.js';
import { hasRadicale, makeCalendar, putEvent, startRadicale, type Radicale } from '../helpers/radicale.js';
import { launch, serve, shots, skipReason } from './harness.js';

/**
 * The Import page's Sources panel in a real browser against a real Radicale: connect (the
 * password is never echoed back), preview, run, see the run, undo it; axe-core and a screenshot.
 */
const skip = skipReason() ?? (!hasRadicale && !process.env.CI ? 'radicale missing' : undefined);
let browser: Browser;
let server: { app: FastifyInstance; url: string };
let ctx: AppContext;
let dav: Radicale;
let keyDir: string;
const saved = process.env.TEND_SECRET_KEY_FILE;

before(async () => {
  if (skip) return;
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-key-'));
  process.env.TEND_SECRET_KEY_FILE = path.join(keyDir, 'secret.key');
  dav = await startRadicale();
  const cal = await makeCalendar(dav, 'work', 'Work');
  await putEvent(
    dav,
    cal,
    'lunch.ics',
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Tend tests//EN',
      'BEGIN:VEVENT',
      'UID:lunch-ana@test',
      'DTSTAMP:20261101T000000Z',
      'DTSTART:20261117T120000Z',
      'DTEND:20261117T130000Z',
      'SUMMARY:Lunch',
      'LOCATION:Markthalle Neun, Berlin',
      'ATTENDEE;PARTSTAT=ACCEPTED:mailto:maya@example.com',
      'ATTENDEE;PARTSTAT=ACCEPTED:mailto:ana@example.org',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n'),
  );
  ctx = await openApp({ db: sqliteBackend.fresh(), clock: () => new Date('2026-11-26T09:00:00Z') });
  await changeMyEmails(ctx, { add: ['maya@example.com'] });
  await addPerson(ctx, parse(personInput, { name: 'Ana Lima', emails: ['ana@example.org'] }));
  server = await serve(ctx);
  browser = await launch();
  fs.mkdirSync(shots, { recursive: true });
});

after(async () => {
  if (skip) return;
  await browser.close();
  await server.app.close();
  await ctx.store.close();
  await dav.stop();
  if (saved === undefined) delete process.env.TEND_SECRET_KEY_FILE;
  else process.env.TEND_SECRET_KEY_FILE = saved;
  fs.rmSync(keyDir, { recursive: true, force: true });
});

test('sources panel: connect a CalDAV calendar, preview, run, undo the run', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${server.url}/import`);
    await page.getByRole('heading', { name: 'Sources', level: 2 }).waitFor();
    await page.getByText('No sources connected yet.').waitFor();
    const form = page.getByRole('form', { name: 'Connect a source' });
    await form.getByLabel('Name').fill('work');
    await form.getByLabel('CalDAV URL').fill(dav.url);
    await form.getByLabel('User').fill(dav.user);
    await form.getByLabel('Password').fill(dav.password);
    await form.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('list', { name: 'Connected sources' }).getByText('work', { exact: true }).waitFor();
    assert.equal(await form.getByLabel('Password').inputValue(), '', 'the password field is cleared');
    assert.ok(!(await page.content()).includes(dav.password), 'the password is nowhere in the page');

    await page.getByRole('button', { name: 'Preview work' }).click();
    await page.getByText(/Preview, nothing written:\s*1 would be added/).waitFor();
    await page.getByRole('button', { name: 'Run work now' }).click();
    await page.getByText(/work:\s*1 added, 0 updated, 0 removed/).waitFor();
    await page.getByRole('button', { name: 'Runs of work' }).click();
    const undo = page.getByRole('button', { name: /Undo run \d+/ });
    await undo.waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: path.join(shots, 'sources-desktop.png'), fullPage: true });
    await undo.click();
    await page.getByText('(undone)').waitFor();
    const profile = (await (await fetch(`${server.url}/api/people/Ana%20Lima`)).json()) as {
      timeline: { source?: string }[];
    };
    assert.equal(
      profile.timeline.filter((i) => i.source === 'calendar').length,
      0,
      'the undone lunch is gone',
    );
  } finally {
    await page.close();
  }
});
