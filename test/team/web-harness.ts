import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { AppContext } from '../../src/app/context.js';
import { accountContext } from '../../src/app/team/context.js';
import { buildServer, type ServerOptions } from '../../src/http/server.js';
import { launch, webDist } from '../web/harness.js';
import { freshTeam } from './helpers.js';

/** A team-mode server of the built web app on a free port of 127.0.0.1, over `ctx`. */
export async function listenTeam(
  ctx: AppContext,
  options: ServerOptions = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const app: FastifyInstance = await buildServer(() => accountContext(ctx), {
    webRoot: webDist,
    team: true,
    ...options,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}`;
  return { url, close: () => app.close() };
}

/** A team-mode server of the built web app (see listenTeam), and a Chromium. */
export async function startTeamWeb(options: ServerOptions = {}): Promise<{
  ctx: AppContext;
  url: string;
  browser: Browser;
  close: () => Promise<void>;
}> {
  const { ctx } = await freshTeam();
  const server = await listenTeam(ctx, options);
  const browser = await launch();
  return {
    ctx,
    url: server.url,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      await ctx.store.close();
    },
  };
}

/** From the sign-in page: creates an account as a person would, and waits for the app. */
export async function signUpInBrowser(page: Page, name: string, email: string): Promise<void> {
  await page.getByRole('button', { name: /Create an account/ }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill('a long passphrase');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Create your account' }).waitFor({ state: 'detached' });
}
