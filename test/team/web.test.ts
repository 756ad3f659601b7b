import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { skipReason } from '../web/harness.js';
import { teamBackend } from './helpers.js';
import type { AppContext } from '../../src/app/context.js';
import { listenTeam, signUpInBrowser, startTeamWeb } from './web-harness.js';

const skip = skipReason() ?? (teamBackend ? undefined : 'no PostgreSQL');

describe('the web app in team mode, in Chromium', { skip }, () => {
  let browser: Browser;
  let url = '';
  let ctx: AppContext;
  let close: () => Promise<void>;
  before(async () => {
    // This server's operator has set up mail: it sends daily digests.
    ({ url, browser, ctx, close } = await startTeamWeb({ digests: true }));
  });
  after(async () => {
    await close();
  });

  test('signed out: the sign-in page; create an account and the app opens; the account page lists this device', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signUpInBrowser(page, 'Ada', 'ada@example.org');
    await page.getByRole('link', { name: 'People' }).first().waitFor();
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'tend_session');
    assert.ok(session?.httpOnly);
    await page.goto(`${url}/account`);
    await page.getByRole('heading', { name: 'Account' }).waitFor();
    await page.getByText('(this device)').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).last().click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill('ada@example.org');
    await page.getByLabel(/^Password/).fill('not the passphrase');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /email or the password is wrong/);
  });

  test('Reminders: a member turns the daily digest on and off, sent to their own email (no mail server to set up)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${url}/`);
    await signUpInBrowser(page, 'Bea', 'bea@example.org');
    await page.goto(`${url}/reminders`);
    const status = page.getByRole('region', { name: 'Email digest' }).getByRole('status');
    await status.getByText('The daily digest is off.').waitFor();
    assert.equal(
      await page.getByText('tend config set smtp.host').count(),
      0,
      'no command line in team mode',
    );
    await page.getByRole('button', { name: 'Send me the digest each day' }).click();
    await status
      .getByText('Sent to bea@example.org each day with something to do, from 7:00 server time.')
      .waitFor();
    await page.reload();
    await status.getByText(/^Sent to bea@example\.org/).waitFor();
    await page.getByRole('button', { name: 'Stop the daily digest' }).click();
    await status.getByText('The daily digest is off.').waitFor();
  });

  test('Reminders on a server whose operator has set up no mail: no digest, and the switch says so', async () => {
    const off = await listenTeam(ctx, { digests: false });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${off.url}/`);
      await signUpInBrowser(page, 'Cy', 'cy@example.org');
      await page.goto(`${off.url}/reminders`);
      const panel = page.getByRole('region', { name: 'Email digest' });
      await panel
        .getByRole('status')
        .getByText('This server does not send digests', { exact: false })
        .waitFor();
      assert.equal(
        await panel.getByRole('button', { name: 'Send me the digest each day' }).isDisabled(),
        true,
      );
    } finally {
      await off.close();
    }
  });
});
