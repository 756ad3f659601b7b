import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/app/context.js';
import { changeMyEmails } from '../../src/app/capture-runs.js';
import { addPerson } from '../../src/app/people.js';
import { personInput } from '../../src/app/validate.js';
import { seriousViolations } from '../helpers/axe.js';
import { freshApp, sqliteBackend } from '../helpers/db.js';
import { launch, root, serve, shots, skipReason } from './harness.js';

/**
 * Capture in the web app: a Google Calendar export uploaded on the Import page, previewed
 * (nothing written), confirmed; the Captured page lists the attendees Tend does not know with
 * how often, when and from which file; one is added to the network, one ignored (and the ignore
 * undone from its toast, then ignored again); the upload's run is undone and its meetings with
 * the person already in Tend are gone. At 1280×800 and 390×844, screenshots and axe.
 */
const skip = skipReason();
const ics = path.join(root, 'test/fixtures/capture/google-calendar.ics');
let browser: Browser;

before(async () => {
  if (skip) return;
  fs.mkdirSync(shots, { recursive: true });
  browser = await launch();
});
after(async () => {
  if (skip) return;
  await browser.close();
});

const calendarInteractions = (ctx: AppContext, name: string) =>
  ctx.db
    .selectFrom('interactions as i')
    .innerJoin('interaction_people as ip', 'ip.interaction_id', 'i.id')
    .innerJoin('people as p', 'p.id', 'ip.person_id')
    .select('i.id')
    .where('p.name', '=', name)
    .where('i.source', '=', 'calendar')
    .where('i.deleted_at', 'is', null)
    .execute();

async function journey(width: number, height: number): Promise<void> {
  const ctx = await freshApp(sqliteBackend);
  await changeMyEmails(ctx, { add: ['maya@example.com'] });
  await addPerson(ctx, personInput.parse({ name: 'Jonas Weber', emails: ['jonas@example.org'] }));
  let server: { app: FastifyInstance; url: string } | undefined;
  let page: Page | undefined;
  try {
    server = await serve(ctx);
    page = await browser.newPage({ viewport: { width, height } });
    const shoot = (name: string) =>
      (page as Page).screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });

    await page.goto(`${server.url}/import`);
    const form = page.getByRole('form', { name: 'Capture from a calendar or mailbox' });
    await form.getByLabel('Calendar or mailbox file').setInputFiles(ics);
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('status', { name: 'Preview' });
    await preview.getByText('Preview: nothing written yet').waitFor();
    assert.match((await preview.textContent()) ?? '', /would be added with people in Tend/);
    assert.equal((await calendarInteractions(ctx, 'Jonas Weber')).length, 0, 'a preview writes nothing');
    await shoot('capture-preview');
    assert.deepEqual(await seriousViolations(page), []);

    await form.getByRole('button', { name: 'Confirm capture' }).click();
    const done = page.getByRole('status', { name: 'Captured' });
    await done.getByRole('heading', { name: 'Captured' }).waitFor();
    const jonas = (await calendarInteractions(ctx, 'Jonas Weber')).length;
    assert.ok(jonas > 0, 'the meetings with Jonas became interactions');

    await done.getByRole('link', { name: 'Review who you met' }).click();
    await page.getByRole('heading', { name: 'Met in meetings, not in Tend' }).waitFor();
    const list = page.getByRole('list', { name: 'Met, not in Tend' });
    const priya = list.getByRole('listitem', { name: 'Priya Raman' });
    await priya.waitFor();
    assert.match(
      (await priya.textContent()) ?? '',
      /1 meeting, last 2026-\d\d-\d\d · from upload: google-calendar\.ics/,
    );
    await shoot('capture-review');
    assert.deepEqual(await seriousViolations(page), []);

    await priya.getByRole('button', { name: 'Add to network' }).click();
    await page.getByRole('status').getByText('Added Priya Raman to your network.').waitFor();
    await priya.waitFor({ state: 'detached' });
    const added = await ctx.db
      .selectFrom('people')
      .select(['circle', 'emails'])
      .where('name', '=', 'Priya Raman')
      .executeTakeFirstOrThrow();
    assert.equal(added.circle, 'network');
    assert.equal((await calendarInteractions(ctx, 'Priya Raman')).length, 1);

    const other = list.getByRole('listitem').first();
    const otherName = (await other.getAttribute('aria-label')) ?? '';
    assert.notEqual(otherName, '');
    await other.getByRole('button', { name: 'Ignore' }).click();
    const toast = page.getByRole('status').filter({ hasText: `Ignored ${otherName}.` });
    await toast.waitFor();
    await list.getByRole('listitem', { name: otherName, exact: true }).waitFor({ state: 'detached' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await list.getByRole('listitem', { name: otherName, exact: true }).waitFor();
    await list
      .getByRole('listitem', { name: otherName, exact: true })
      .getByRole('button', { name: 'Ignore' })
      .click();
    await list.getByRole('listitem', { name: otherName, exact: true }).waitFor({ state: 'detached' });
    assert.equal((await ctx.db.selectFrom('capture_ignored').select('email').execute()).length, 1);

    const runs = page.getByRole('list', { name: 'Runs' });
    const upload = runs.getByRole('listitem').filter({ hasText: 'upload: google-calendar.ics' });
    await upload.getByRole('button', { name: 'Undo this run' }).click();
    await upload.getByText(/^undone /).waitFor();
    assert.equal(
      (await calendarInteractions(ctx, 'Jonas Weber')).length,
      0,
      "the run's interactions are gone",
    );
    // Priya was added by a run of her own: she and her meeting stay.
    assert.equal((await calendarInteractions(ctx, 'Priya Raman')).length, 1);
    await shoot('capture-runs');
    assert.deepEqual(await seriousViolations(page), []);
  } finally {
    await page?.close();
    await server?.app.close();
    await ctx.store.close();
  }
}

test(
  'capture in the web app: upload, preview, confirm, review, add, ignore, undo a run',
  { skip },
  async (t) => {
    await t.test('at 1280×800', () => journey(1280, 800));
    await t.test('at 390×844', () => journey(390, 844));
  },
);
