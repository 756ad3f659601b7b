import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AppContext } from '../../src/app/context.js';
import { accountContext } from '../../src/app/team/context.js';
import { buildServer } from '../../src/http/server.js';
import { fixedClock } from '../helpers/db.js';
import { launch, skipReason, webDist } from '../web/harness.js';
import { freshTeam, ownerClient, teamBackend } from './helpers.js';
import { signUpInBrowser } from './web-harness.js';

const skip = skipReason() ?? (teamBackend ? undefined : 'no PostgreSQL');

/**
 * Passkeys end to end, with Chromium's virtual authenticator (a real WebAuthn authenticator in
 * software, driven over CDP): add one on the account page, sign out, sign in with it; and the
 * API refuses an answer to a challenge it did not issue, one past its five minutes, and one
 * used already, writing nothing.
 */
describe('passkeys in team mode, in Chromium with a virtual authenticator', { skip }, () => {
  const clock = fixedClock();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let app: FastifyInstance;
  let ctx: AppContext;
  let owner: pg.Client;
  let url = '';
  let port = 0;

  before(async () => {
    let schema: string;
    ({ ctx, schema } = await freshTeam(undefined, clock));
    owner = await ownerClient(schema);
    app = await buildServer(() => accountContext(ctx), { webRoot: webDist, team: true });
    // WebAuthn needs a host name: browsers refuse an IP address as the relying party.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    port = typeof addr === 'object' && addr !== null ? addr.port : 0;
    url = `http://localhost:${port}`;
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
  });
  after(async () => {
    await browser.close();
    await app.close();
    await owner.end();
    await ctx.store.close();
  });

  const count = async (table: string): Promise<number> =>
    (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? -1;
  const session = async (): Promise<string | undefined> =>
    (await context.cookies()).find((c) => c.name === 'tend_session')?.value;

  /** An answer from the authenticator to `challenge` (base64url), as the web app would send it. */
  const sign = (challenge: string): Promise<unknown> =>
    page.evaluate(async (c) => {
      const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON({
        challenge: c,
        rpId: 'localhost',
        userVerification: 'required',
        timeout: 20_000,
      });
      const cred = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential;
      return cred.toJSON() as unknown;
    }, challenge);
  /** Asks for sign-in options the way the web app does (its challenge). */
  const options = async (): Promise<string> => {
    const r = await fetch(`${url}/api/auth/passkeys/login/options`, { method: 'POST' });
    assert.equal(r.status, 200);
    const o = (await r.json()) as { challenge: string; rpId: string; userVerification: string };
    assert.equal(o.rpId, 'localhost');
    assert.equal(o.userVerification, 'required');
    return o.challenge;
  };
  const verify = (response: unknown) =>
    fetch(`${url}/api/auth/passkeys/login/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response }),
    });

  test('add a passkey on the account page, sign out, sign in with it (a new session)', async () => {
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signUpInBrowser(page, 'Ada', 'ada@example.org');
    await page.getByRole('link', { name: 'People' }).first().waitFor();

    await page.goto(`${url}/account`);
    await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
    await page.getByText('No passkeys yet').waitFor();
    await page.getByLabel(/Name of the new passkey/).fill('test laptop');
    // The password is asked again: a wrong one adds nothing and says so.
    await page.getByLabel(/Your password/).fill('not my passphrase');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('the password is wrong: no passkey was added').waitFor();
    assert.equal(await count('passkeys'), 0);
    assert.equal(await count('passkey_challenges'), 0);
    await page.getByLabel(/Your password/).fill('a long passphrase');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Passkey "test laptop" added').waitFor();
    assert.equal(await page.getByLabel(/Your password/).inputValue(), '', 'the password is not kept');
    const list = page.getByRole('list', { name: 'Your passkeys' });
    assert.match(await list.innerText(), /test laptop — added .*never used/);
    const stored = await owner.query<{ name: string; transports: string[]; credential_id: string }>(
      'SELECT name, transports, credential_id FROM passkeys',
    );
    assert.equal(stored.rows.length, 1);
    assert.equal(stored.rows[0]?.name, 'test laptop');
    assert.equal(await count('passkey_challenges'), 0, 'the registration challenge was used up');

    await page.getByRole('button', { name: 'Sign out' }).last().click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // A session id planted before signing in is never adopted (fixation).
    await context.addCookies([{ name: 'tend_session', value: 'planted-by-someone', url }]);
    const sessionsBefore = await count('sessions');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('link', { name: 'People' }).first().waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === 'tend_session');
    assert.ok(cookie?.httpOnly);
    assert.notEqual(cookie.value, 'planted-by-someone');
    assert.equal(await count('sessions'), sessionsBefore + 1);
    const me = await page.evaluate(
      async () => (await fetch('/api/auth/me')).json() as Promise<{ account: { email: string } }>,
    );
    assert.equal(me.account.email, 'ada@example.org');

    await page.goto(`${url}/account`);
    await page.getByText(/test laptop — added .*last used/).waitFor();
  });

  test('a replayed answer, one to a challenge never issued and one past five minutes are refused: nothing written', async () => {
    await page.goto(`${url}/`);
    await page.getByRole('link', { name: 'People' }).first().waitFor();
    const before = { sessions: await count('sessions'), cookie: await session() };
    const counter = async () =>
      (await owner.query<{ c: string }>('SELECT counter::text AS c FROM passkeys')).rows[0]?.c;

    // A good answer signs in once; the same answer again is a replay.
    const good = await sign(await options());
    const first = await verify(good);
    assert.equal(first.status, 200, await first.clone().text());
    assert.match(first.headers.get('set-cookie') ?? '', /tend_session=[^;]+;.*HttpOnly/);
    const afterFirst = { sessions: await count('sessions'), counter: await counter() };
    assert.equal(afterFirst.sessions, before.sessions + 1);

    const refused = async (response: unknown, what: string): Promise<void> => {
      const r = await verify(response);
      const body = (await r.json()) as { error: { code: string; message: string } };
      assert.equal(r.status, 400, `${what}: ${JSON.stringify(body)}`);
      assert.equal(body.error.code, 'passkey_challenge_invalid', what);
      assert.match(body.error.message, /unknown, expired or already used/);
      assert.equal(r.headers.get('set-cookie'), null, `${what}: no cookie`);
      assert.equal(await count('sessions'), afterFirst.sessions, `${what}: no session`);
      assert.equal(await counter(), afterFirst.counter, `${what}: the passkey is unchanged`);
    };
    await refused(good, 'replayed');

    // Signed by the authenticator, but for a challenge the server never handed out.
    await refused(await sign(Buffer.from('a challenge nobody issued 123456').toString('base64url')), 'wrong');

    // Issued, then answered after its five minutes.
    const late = await options();
    clock.set(new Date(clock.now().getTime() + 5 * 60_000 + 1000).toISOString());
    await refused(await sign(late), 'expired');

    // A signature that does not verify: 401, and its challenge is spent all the same.
    const fresh = await options();
    const answer = (await sign(fresh)) as { response: { signature: string } };
    const sig = Buffer.from(answer.response.signature, 'base64url');
    sig[sig.length - 1] = (sig[sig.length - 1] ?? 0) ^ 0xff;
    const forged = { ...answer, response: { ...answer.response, signature: sig.toString('base64url') } };
    const bad = await verify(forged);
    assert.equal(bad.status, 401);
    assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'unauthenticated');
    assert.equal(await count('sessions'), afterFirst.sessions);
    await refused(answer, 'after a forged one');
    assert.equal(await session(), before.cookie, "the browser's own session is untouched");

    // One answer sent twice at once (two tabs, two servers): exactly one signs in.
    const twice = await sign(await options());
    const both = await Promise.all([verify(twice), verify(twice)]);
    assert.deepEqual(both.map((r) => r.status).sort(), [200, 400]);
    assert.equal(await count('sessions'), afterFirst.sessions + 1);
  });

  test('a sign-in answer is no registration, and passkeys are refused at an IP address', async () => {
    const answer = (await sign(await options())) as { response: Record<string, unknown> };
    // Sent as a registration (shaped like one): its challenge is not a registration challenge.
    const asRegistration = { ...answer, response: { ...answer.response, attestationObject: 'o2NmbXRk' } };
    const r = await page.evaluate(
      async (response) =>
        fetch('/api/auth/passkeys/register/verify', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ response }),
        }).then(async (x) => ({ status: x.status, body: await x.text() })),
      asRegistration,
    );
    assert.equal(r.status, 400, r.body);
    assert.match(r.body, /"code":"passkey_challenge_invalid"/);
    assert.equal(await count('passkeys'), 1);
    // The sign-in challenge was not spent by the wrong door: it still signs in.
    assert.equal((await verify(answer)).status, 200);
    const ip = await fetch(`http://127.0.0.1:${port}/api/auth/passkeys/login/options`, { method: 'POST' });
    assert.equal(ip.status, 501);
    const body = (await ip.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'passkeys_unavailable');
    assert.match(body.error.message, /IP address .*TEND_PASSKEY_ORIGIN/);
  });

  test('list, rename and remove: the account page shows the change', async () => {
    const list = await page.evaluate(
      async () => (await fetch('/api/auth/passkeys')).json() as Promise<{ passkeys: { id: string }[] }>,
    );
    const id = list.passkeys[0]?.id ?? '';
    assert.match(id, /^pky_[0-9A-Za-z]{22}$/);
    const renamed = await page.evaluate(
      async (i) =>
        (
          await fetch(`/api/auth/passkeys/${i}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: '  phone  ' }),
          })
        ).json() as Promise<{ passkey: { name: string } }>,
      id,
    );
    assert.equal(renamed.passkey.name, 'phone');
    await page.goto(`${url}/account`);
    await page.getByRole('button', { name: 'Remove passkey phone' }).click();
    await page.getByText('Passkey "phone" removed.').waitFor();
    await page.getByText('No passkeys yet').waitFor();
    assert.equal(await count('passkeys'), 0);
    // Removed means removed: the authenticator's answer no longer signs in, and the sign-in page
    // says so.
    const r = await verify(await sign(await options()));
    assert.equal(r.status, 401);
    await page.getByRole('button', { name: 'Sign out' }).last().click();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /passkey was not accepted/);
    assert.equal(await session(), undefined);
  });
  test('a password change can remove every passkey: the account page asks, and the list follows', async () => {
    await page.goto(`${url}/`);
    await page.getByLabel('Email').fill('ada@example.org');
    await page.getByLabel(/^Password/).fill('a long passphrase');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('link', { name: 'People' }).first().waitFor();
    await page.goto(`${url}/account`);
    await page.getByLabel(/Name of the new passkey/).fill('tablet');
    await page.getByLabel(/Your password/).fill('a long passphrase');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Passkey "tablet" added').waitFor();
    assert.equal(await count('passkeys'), 1);

    await page.getByLabel('Current password').fill('a long passphrase');
    await page.getByLabel(/New password/).fill('an even longer passphrase');
    await page.getByLabel(/Also remove every passkey/).check();
    await page.getByRole('button', { name: 'Change password' }).click();
    await page
      .getByText(/Password changed; \d+ other device\(s\) signed out, 1 passkey\(s\) removed\./)
      .waitFor();
    await page.getByText('No passkeys yet').waitFor();
    assert.equal(await count('passkeys'), 0);
  });
});
