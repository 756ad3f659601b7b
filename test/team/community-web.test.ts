import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { skipReason } from '../web/harness.js';
import { teamBackend } from './helpers.js';
import { signUpInBrowser, startTeamWeb } from './web-harness.js';

const skip = skipReason() ?? (teamBackend ? undefined : 'no PostgreSQL');

const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

/** How far the page scrolls sideways (0: it fits the screen). */
const sideways = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Two people in two browsers (separate cookies): one starts a community and invites, the other
 * accepts at the invitation's address after creating an account, shares an offer that the first
 * sees in the directory, and thanks a referral the first made — at desktop and at phone width.
 */
describe('community pages in the web app (team mode), in Chromium', { skip }, () => {
  let browser: Browser;
  let url = '';
  let close: () => Promise<void>;
  before(async () => {
    ({ url, browser, close } = await startTeamWeb());
  });
  after(async () => {
    await close();
  });

  for (const [size, viewport] of Object.entries(viewports)) {
    const phone = size === 'phone';
    test(`${size}: invite, accept, share an offer, refer and thank`, async () => {
      const fits = async (page: Page, where: string): Promise<void> => {
        if (phone) assert.equal(await sideways(page), 0, `${where} scrolls sideways at phone width`);
      };
      const open = async (page: Page, section: string): Promise<void> => {
        await page
          .getByRole('navigation', { name: 'Community sections' })
          .getByRole('link', { name: section })
          .click();
        await page.getByRole('heading', { name: section, level: 2 }).waitFor();
        await fits(page, section);
      };
      // Every button and text field of the page is at least 44 px high at phone width (a thumb's reach).
      const tappable = async (page: Page, where: string): Promise<void> => {
        if (!phone) return;
        const targets = [
          ...(await page.locator('main').getByRole('button').all()),
          ...(await page.locator('main').getByRole('textbox').all()),
        ];
        for (const t of targets) {
          const box = await t.boundingBox();
          if (box) assert.ok(box.height >= 44, `${where}: a tap target is ${box.height}px high`);
        }
      };
      const signUp = async (page: Page, name: string): Promise<void> => {
        await page.getByRole('heading', { name: 'Sign in' }).waitFor();
        await fits(page, 'the sign-in page');
        await tappable(page, 'the sign-in page');
        await signUpInBrowser(page, name, `${name.toLowerCase()}.${size}@example.org`);
      };

      const ada = await (await browser.newContext({ viewport })).newPage();
      const bob = await (await browser.newContext({ viewport })).newPage();
      const community = `Oslo makers (${size})`;

      // Ada signs up and starts a community; the navigation has Communities and Account.
      await ada.goto(`${url}/communities`);
      await signUp(ada, `Ada${size}`);
      await ada.getByRole('heading', { name: 'Communities', level: 1 }).waitFor();
      const nav = ada.locator('#main-nav');
      assert.equal(await nav.getByRole('link', { name: 'Communities', includeHidden: true }).count(), 1);
      await ada
        .locator('header.top')
        .getByRole('link', { name: `Account: Ada${size}` })
        .waitFor();
      await fits(ada, 'the communities page');
      await ada.getByLabel('Name').fill(community);
      await ada.getByRole('button', { name: 'Create community' }).click();
      await ada.getByRole('heading', { name: 'Invitations', level: 2 }).waitFor();
      await ada.getByRole('button', { name: 'Create an invitation link' }).click();
      const link = await ada.getByLabel(/Invitation link/).inputValue();
      assert.match(link, /\/join\/tinv_/);
      await fits(ada, 'the invitations section');

      // Bob opens the link, signs up there, and joins.
      await bob.goto(link);
      await bob.getByText('to accept your invitation').waitFor();
      await signUp(bob, `Bob${size}`);
      await bob.getByRole('heading', { name: 'Join a community' }).waitFor();
      await bob.getByRole('button', { name: 'Join the community' }).click();
      await bob.getByRole('heading', { name: community, level: 1 }).waitFor();
      await bob.getByText(`Ada${size}`).first().waitFor();
      await fits(bob, 'the members section');

      // Ada's list shows the invitation used by Bob; a second one, revoked, leaves the list.
      await ada.reload();
      const invites = ada.locator('.invite-list li.card');
      await invites.filter({ hasText: `Bob${size} joined` }).waitFor();
      await ada.getByRole('button', { name: 'Create an invitation link' }).click();
      await invites.filter({ hasText: 'open' }).waitFor();
      await ada.getByRole('button', { name: 'Revoke' }).click();
      await invites.filter({ hasText: 'open' }).waitFor({ state: 'detached' });
      assert.equal(await invites.count(), 1);
      await fits(ada, 'the invitations list');

      // Bob adds an offer and shares it; Ada sees it in the directory.
      await open(bob, 'Directory');
      await bob.getByLabel('Description').fill('bookkeeping for small studios');
      await bob.getByRole('button', { name: 'Add', exact: true }).click();
      const share = bob.getByRole('checkbox', { name: 'bookkeeping for small studios' });
      // Ticked once the directory, read again, lists it as shared here.
      await share.click();
      await bob.getByRole('checkbox', { name: 'bookkeeping for small studios', checked: true }).waitFor();
      await fits(bob, 'the directory with a shared offer');
      await ada.goto(`${ada.url().replace(/\/invitations$/, '')}/directory`);
      const bobCard = ada.locator('.directory li.card', { hasText: `Bob${size}` });
      await bobCard.getByText('bookkeeping for small studios').waitFor();
      await fits(ada, 'the directory');

      // Ada's need (kept private) meets Bob's shared offer: Matches names him.
      await ada.getByRole('combobox', { name: /^Add/ }).selectOption('needs');
      await ada.getByLabel('Description').fill('bookkeeping for small studios');
      await ada.getByRole('button', { name: 'Add', exact: true }).click();
      await ada.getByRole('checkbox', { name: 'bookkeeping for small studios' }).waitFor();
      await open(ada, 'Matches');
      await ada.getByRole('heading', { name: 'Who could meet my needs' }).waitFor();
      await ada.getByText(`Bob${size} offers “bookkeeping for small studios”`).waitFor();

      // Ada refers a prospect to Bob (from his directory card), with consent.
      await open(ada, 'Directory');
      await ada.getByRole('link', { name: `Refer someone to Bob${size}` }).click();
      await ada.getByRole('heading', { name: 'Referrals', level: 2 }).waitFor();
      assert.equal(await ada.getByLabel('To member').locator('option:checked').innerText(), `Bob${size}`);
      await ada.getByLabel('Prospect’s name').fill('Lena Fisk');
      await ada.getByLabel('Prospect’s email').fill('lena@example.org');
      await ada.getByLabel('Note', { exact: true }).fill('needs her books in order before spring');
      await ada.getByLabel('The prospect agreed to be introduced').check();
      await ada.getByRole('button', { name: 'Refer' }).click();
      await ada.getByRole('status').filter({ hasText: 'Referred Lena Fisk.' }).waitFor();
      const given = ada.getByRole('listitem', { name: 'Referral of Lena Fisk' });
      await given.getByText('proposed').waitFor();
      // The giver may only withdraw a proposed referral; the receiver answers it (the core's table).
      assert.deepEqual(await given.getByRole('button').allInnerTexts(), ['Withdraw']);
      await fits(ada, 'the referrals section');

      // Bob accepts it and thanks Ada with a value; both see the thanks.
      await open(bob, 'Referrals');
      const card = bob.getByRole('listitem', { name: 'Referral of Lena Fisk' });
      await card.getByText(`from Ada${size}`).waitFor();
      assert.deepEqual(await card.getByRole('button').allInnerTexts(), ['Accept', 'Decline']);
      await card.getByRole('button', { name: 'Accept' }).click();
      await card.getByText('accepted', { exact: true }).waitFor();
      await card.getByRole('button', { name: `Thank Ada${size}` }).click();
      await card.getByLabel('Thank-you note').fill('a lovely client');
      await card.getByLabel('Value (optional)').fill('250');
      await card.getByRole('button', { name: 'Send thanks' }).click();
      await card.getByText(/Thanked .* with 250 EUR: a lovely client/).waitFor();
      await fits(bob, 'a thanked referral');
      await ada.reload();
      await ada
        .getByRole('listitem', { name: 'Referral of Lena Fisk' })
        .getByText(/with 250 EUR/)
        .waitFor();

      // The weekly review names both, by week; Ada, the last owner, cannot leave (the API says why).
      await open(ada, 'Weekly review');
      await ada.getByText(`Ada${size}: gave 1, received 0`).waitFor();
      await open(ada, 'Members');
      ada.once('dialog', (d) => void d.accept());
      await ada.getByRole('button', { name: 'Leave' }).click();
      assert.match(await ada.getByRole('alert').innerText(), /last owner/);
      await fits(ada, 'the refusal to leave');
      // Once Bob is an owner too, Ada may leave: the community is gone from her list.
      await Promise.all([
        ada.waitForResponse((r) => r.request().method() === 'PATCH' && r.ok()),
        ada.getByLabel(`Role of Bob${size}`).selectOption('owner'),
      ]);
      await ada.reload();
      assert.equal(await ada.getByLabel(`Role of Bob${size}`).inputValue(), 'owner');
      ada.once('dialog', (d) => void d.accept());
      await ada.getByRole('button', { name: 'Leave' }).click();
      await ada.getByRole('heading', { name: 'No community yet' }).waitFor();

      await ada
        .locator('header.top')
        .getByRole('link', { name: /^Account/ })
        .click();
      await ada.getByText('(this device)').waitFor();
      await fits(ada, 'the account page');
      await tappable(ada, 'the account page');
      await ada.context().close();
      await bob.context().close();
    });
  }
});
