import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { openApp, type AppContext } from '../../src/app/context.js';
import { give } from '../../src/app/interactions.js';
import { addItem } from '../../src/app/items.js';
import { addPerson } from '../../src/app/people.js';
import { personInput } from '../../src/app/validate.js';
import { createMatcher } from '../../src/matching/index.js';
import { seriousViolations } from '../helpers/axe.js';
import { sqliteBackend } from '../helpers/db.js';
import { launch, serve, shots, skipReason } from './harness.js';

/**
 * Undo after an edit in the web app: a person's details, a give and a need corrected, then the
 * toast's Undo writes the values from before back (read from the database). A field added where
 * there was none is emptied again by Undo, and a field cleared in the form is emptied.
 */
const skip = skipReason();
let browser: Browser;
let server: { app: FastifyInstance; url: string };
let ctx: AppContext;
const ids = { priya: 0, give: 0, need: 0 };

const person = () =>
  ctx.db.selectFrom('people').selectAll().where('id', '=', ids.priya).executeTakeFirstOrThrow();

before(async () => {
  if (skip) return;
  fs.mkdirSync(shots, { recursive: true });
  const matcher = createMatcher({ modelless: true });
  ctx = await openApp({ db: sqliteBackend.fresh(), matcher: () => Promise.resolve(matcher) });
  ids.priya = (
    await addPerson(
      ctx,
      personInput.parse({
        name: 'Priya Nair',
        emails: ['priya@old.example'],
        notes: 'Leads data at Kestrel.',
      }),
    )
  ).person.id;
  ids.give = (
    await give(ctx, { person: String(ids.priya), text: 'CV review', kind: 'advice', channel: 'call' })
  ).interaction.id;
  ids.need = (await addItem(ctx, { person: String(ids.priya), side: 'need', text: 'a Kafka trainer' })).id;
  server = await serve(ctx);
  browser = await launch();
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
  test(`undo after an edit at ${name} width`, { skip }, async () => {
    const page = await browser.newPage({ viewport });
    try {
      await page.goto(`${server.url}/people/${ids.priya}`);
      const toast = page.getByRole('status').filter({ hasText: 'Change saved.' });

      // Details: email and notes changed, then undone.
      const details = page.locator('section[aria-labelledby="h-details"]');
      await details.getByRole('button', { name: 'Edit details' }).click();
      await details.getByLabel('Email').fill('priya@new.example');
      await details.getByLabel('Notes').fill('Moved to Tessel.');
      await details.getByRole('button', { name: 'Save' }).click();
      await details.getByText('priya@new.example').waitFor();
      assert.equal((await person()).notes, 'Moved to Tessel.');
      await toast.waitFor();
      assert.deepEqual(await seriousViolations(page), []);
      await page.screenshot({ path: path.join(shots, `edit-undo-details-${name}.png`), fullPage: true });
      await toast.getByRole('button', { name: 'Undo' }).click();
      await details.getByText('priya@old.example').waitFor();
      const back = await person();
      assert.deepEqual([back.emails, back.notes], ['["priya@old.example"]', 'Leads data at Kestrel.']);

      // A give corrected, then undone.
      const timeline = page.locator('section[aria-labelledby="h-timeline"]');
      await timeline
        .getByRole('button', { name: /^Edit the gave of/ })
        .first()
        .click();
      await timeline.getByLabel('Kind').selectOption('intro');
      await timeline.getByRole('button', { name: 'Save' }).click();
      await toast.waitFor();
      const g = () =>
        ctx.db.selectFrom('interactions').selectAll().where('id', '=', ids.give).executeTakeFirstOrThrow();
      assert.equal((await g()).kind, 'intro');
      await toast.getByRole('button', { name: 'Undo' }).click();
      await toast.waitFor({ state: 'detached' });
      assert.equal((await g()).kind, 'advice');

      // A need reworded, then undone.
      const needs = page.locator('section[aria-labelledby="h-need"]');
      await needs.getByRole('button', { name: /^Edit need/ }).click();
      await needs
        .getByRole('textbox', { name: 'Need', exact: true })
        .fill('a Kafka trainer for three people');
      await needs.getByRole('button', { name: 'Save' }).click();
      await needs.getByText('a Kafka trainer for three people').waitFor();
      await toast.getByRole('button', { name: 'Undo' }).click();
      await needs.getByText('a Kafka trainer', { exact: true }).waitFor();
      const item = await ctx.db
        .selectFrom('items')
        .selectAll()
        .where('id', '=', ids.need)
        .executeTakeFirstOrThrow();
      assert.equal(item.text, 'a Kafka trainer');
    } finally {
      await page.close();
    }
  });

test('a birthday added is taken back by Undo, and a cleared field is emptied', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(`${server.url}/people/${ids.priya}`);
    const toast = page.getByRole('status').filter({ hasText: 'Change saved.' });
    const details = page.locator('section[aria-labelledby="h-details"]');
    await details.getByRole('button', { name: 'Edit details' }).click();
    await details.getByLabel('Birthday').fill('--04-12');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByText('birthday --04-12').waitFor();
    assert.equal((await person()).birthday, '--04-12');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await toast.waitFor({ state: 'detached' });
    assert.equal((await person()).birthday, null);
    await details.getByText('birthday --04-12').waitFor({ state: 'detached' });

    await details.getByRole('button', { name: 'Edit details' }).click();
    await details.getByLabel('Notes').fill('');
    await details.getByRole('button', { name: 'Save' }).click();
    await toast.waitFor();
    assert.equal((await person()).notes, null);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await toast.waitFor({ state: 'detached' });
    assert.equal((await person()).notes, 'Leads data at Kestrel.');
  } finally {
    await page.close();
  }
});
