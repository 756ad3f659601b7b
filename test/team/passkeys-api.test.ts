import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import { tendBin } from '../helpers/cli.js';
import { ownerClient, noTeamBackend } from './helpers.js';
import { signUp, teamServer, type TeamServer, type User } from './server.js';

/**
 * Passkeys over the API, without an authenticator (test/team/passkeys.test.ts has Chromium's):
 * the relying party a setting names, who may ask for what, the sign-in rate limit, bad bodies.
 */
describe('passkeys over the API: options, limits and refusals', { skip: noTeamBackend }, () => {
  let s: TeamServer;
  let ada: User;
  let owner: pg.Client;
  before(async () => {
    s = await teamServer(undefined, { passkeyOrigin: 'https://tend.example.org' });
    owner = await ownerClient(s.schema);
    ada = await signUp(s, 'ada');
  });
  after(async () => {
    await owner.end();
    await s.close();
  });

  const count = async (table: string): Promise<number> =>
    (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? -1;
  const loginOptions = (ip: string) =>
    s.app.inject({ method: 'POST', url: '/api/auth/passkeys/login/options', remoteAddress: ip });

  test('TEND_PASSKEY_ORIGIN names the relying party, whatever the Host (an IP address here)', async () => {
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/auth/passkeys/login/options',
      headers: { host: '10.0.0.7:4321' },
    });
    assert.equal(r.statusCode, 200, r.body);
    const o = r.json<{ rpId: string; challenge: string; allowCredentials?: unknown[] }>();
    assert.equal(o.rpId, 'tend.example.org');
    assert.match(o.challenge, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(o.allowCredentials ?? [], [], 'no account named: the authenticator offers its own');
  });

  test("registration options: the account's passkey, discoverable and verified; one pending at a time", async () => {
    const before = await count('passkey_challenges');
    const first = await ada.call('POST', '/api/auth/passkeys/register/options', { password: ada.password });
    assert.equal(first.statusCode, 200, first.body);
    const o = first.json<{
      rp: { id: string; name: string };
      user: { name: string; displayName: string; id: string };
      authenticatorSelection: { residentKey: string; userVerification: string };
      excludeCredentials: unknown[];
    }>();
    assert.deepEqual(o.rp, { id: 'tend.example.org', name: 'Tend' });
    assert.equal(o.user.name, ada.email);
    assert.equal(Buffer.from(o.user.id, 'base64url').toString(), ada.id, 'the user handle is the public id');
    assert.equal(o.authenticatorSelection.residentKey, 'required');
    assert.equal(o.authenticatorSelection.userVerification, 'required');
    assert.deepEqual(o.excludeCredentials, []);
    await ada.call('POST', '/api/auth/passkeys/register/options', { password: ada.password });
    assert.equal(await count('passkey_challenges'), before + 1, 'the second replaced the first');
    const stored = await owner.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM passkey_challenges WHERE purpose = 'register'",
    );
    assert.equal(stored.rows[0]?.n, 1);
  });

  test('signed out: adding, listing, renaming and removing passkeys answer 401', async () => {
    for (const [method, url] of [
      ['POST', '/api/auth/passkeys/register/options'],
      ['POST', '/api/auth/passkeys/register/verify'],
      ['GET', '/api/auth/passkeys'],
      ['PATCH', '/api/auth/passkeys/pky_x'],
      ['DELETE', '/api/auth/passkeys/pky_x'],
    ] as const) {
      const r = await s.app.inject({ method, url, payload: method === 'PATCH' ? { name: 'x' } : undefined });
      assert.equal(r.statusCode, 401, `${method} ${url}`);
    }
  });

  test('an API token cannot add a passkey (403), though it may list them', async () => {
    const made = await ada.call('POST', '/api/auth/tokens', { name: 'script' });
    const token = made.json<{ token: { token: string } }>().token.token;
    const bearer = { authorization: `Bearer ${token}` };
    const challenges = await count('passkey_challenges');
    const answer = {
      password: ada.password,
      response: { id: 'eA', rawId: 'eA', type: 'public-key', response: { clientDataJSON: 'e30' } },
    };
    for (const url of ['/api/auth/passkeys/register/options', '/api/auth/passkeys/register/verify']) {
      const r = await s.app.inject({ method: 'POST', url, headers: bearer, payload: answer });
      assert.equal(r.statusCode, 403, `${url}: ${r.body}`);
      assert.equal(r.json<{ error: { code: string } }>().error.code, 'session_required');
    }
    assert.equal(await count('passkey_challenges'), challenges);
    const list = await s.app.inject({ method: 'GET', url: '/api/auth/passkeys', headers: bearer });
    assert.equal(list.statusCode, 200);
  });

  test('adding a passkey asks for the password again: missing 400, wrong 403, limited like login; nothing written', async () => {
    const eve = await signUp(s, 'eve');
    const challenges = await count('passkey_challenges');
    const ask = (body: unknown, ip = '10.6.0.1') =>
      s.app.inject({
        method: 'POST',
        url: '/api/auth/passkeys/register/options',
        headers: { cookie: `tend_session=${eve.cookie}` },
        remoteAddress: ip,
        ...(body !== undefined ? { payload: body as object } : {}),
      });
    const error = (r: { body: string }) =>
      (JSON.parse(r.body) as { error: { code: string; message: string } }).error;

    for (const body of [undefined, {}, { password: '' }]) {
      const r = await ask(body);
      assert.equal(r.statusCode, 400, `${JSON.stringify(body)}: ${r.body}`);
      assert.equal(error(r).code, 'invalid_input');
      assert.match(error(r).message, /body|password/);
    }
    // A stolen cookie without the password: refused, the session itself stands.
    const wrong = await ask({ password: 'a guess at the passphrase' });
    assert.equal(wrong.statusCode, 403, wrong.body);
    assert.equal(error(wrong).code, 'password_wrong');
    assert.match(error(wrong).message, /password is wrong: no passkey was added/);
    assert.equal(await count('passkey_challenges'), challenges, 'no challenge issued');
    assert.equal((await eve.call('GET', '/api/auth/me')).statusCode, 200);

    // Guessing through this door counts with the login's failures: five per account and address.
    for (let i = 2; i <= 5; i++) assert.equal((await ask({ password: `guess ${i}` })).statusCode, 403);
    const limited = await ask({ password: eve.password });
    assert.equal(limited.statusCode, 429, 'even the right password, from the guessing address');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    const login = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.6.0.1',
      payload: { email: eve.email, password: eve.password },
    });
    assert.equal(login.statusCode, 429, 'the same counters as the login');
    assert.equal(await count('passkey_challenges'), challenges);

    const right = await ask({ password: eve.password }, '10.6.0.2');
    assert.equal(right.statusCode, 200, right.body);
    assert.equal(await count('passkey_challenges'), challenges + 1);
  });

  test('a password change ends the other sessions; passkeys go only when asked', async () => {
    const ann = await signUp(s, 'ann');
    const other = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ann.email, password: ann.password },
    });
    const otherCookie = /tend_session=([^;]*)/.exec(String(other.headers['set-cookie']))?.[1] ?? '';
    const addKey = (cred: string) =>
      owner.query(
        `INSERT INTO passkeys (public_id, account_id, credential_id, public_key, device_type, backed_up, name, created_at)
         SELECT $1, id, $1, '\\x00', 'singleDevice', false, 'laptop', now() FROM accounts WHERE public_id = $2`,
        [cred, ann.id],
      );
    const keys = async () =>
      (
        await owner.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM passkeys p JOIN accounts a ON a.id = p.account_id WHERE a.public_id = $1',
          [ann.id],
        )
      ).rows[0]?.n;
    await addKey(`cred-ann-1-${process.pid}`);
    await addKey(`cred-ann-2-${process.pid}`);
    const othersKeys = await count('passkeys');

    const kept = await ann.call('POST', '/api/auth/password', {
      current: ann.password,
      new: 'second passphrase',
    });
    assert.equal(kept.statusCode, 200, kept.body);
    assert.deepEqual(kept.json(), { revoked: 1, passkeysRemoved: 0 });
    assert.equal(await keys(), 2);
    const stale = await s.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `tend_session=${otherCookie}` },
    });
    assert.equal(stale.statusCode, 401, 'the other session ended');

    const bad = await ann.call('POST', '/api/auth/password', {
      current: 'second passphrase',
      new: 'third passphrase',
      removePasskeys: 'yes',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /removePasskeys/);
    assert.equal(await keys(), 2, 'nothing removed on a bad body');

    const dropped = await ann.call('POST', '/api/auth/password', {
      current: 'second passphrase',
      new: 'third passphrase',
      removePasskeys: true,
    });
    assert.equal(dropped.statusCode, 200, dropped.body);
    assert.deepEqual(dropped.json(), { revoked: 0, passkeysRemoved: 2 });
    assert.equal(await keys(), 0);
    assert.equal(await count('passkeys'), othersKeys - 2, "no one else's passkey");
  });

  test('bad answers name what is wrong and write nothing', async () => {
    const sessions = await count('sessions');
    const challenges = await count('passkey_challenges');
    const missing = await s.app.inject({
      method: 'POST',
      url: '/api/auth/passkeys/login/verify',
      payload: { response: { id: 'x', rawId: 'x', type: 'public-key', response: {} } },
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json<{ error: { message: string } }>().error.message, /clientDataJSON/);
    const notClientData = await s.app.inject({
      method: 'POST',
      url: '/api/auth/passkeys/login/verify',
      payload: {
        response: {
          id: 'eA',
          rawId: 'eA',
          type: 'public-key',
          response: { clientDataJSON: 'bm90IGpzb24', authenticatorData: 'eA', signature: 'eA' },
          clientExtensionResults: {},
        },
      },
    });
    assert.equal(notClientData.statusCode, 400);
    assert.match(notClientData.body, /is not WebAuthn client data/);
    const rename = await ada.call('PATCH', '/api/auth/passkeys/pky_unknown', { name: '' });
    assert.equal(rename.statusCode, 400);
    const unknown = await ada.call('DELETE', '/api/auth/passkeys/pky_unknown');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<{ error: { code: string } }>().error.code, 'unknown_passkey');
    assert.equal(await count('sessions'), sessions);
    assert.equal(await count('passkey_challenges'), challenges);
  });

  test('passkey sign-in is rate-limited per address (429 with Retry-After); another address goes on', async () => {
    let last = await loginOptions('10.5.0.1');
    for (let i = 1; i <= 60; i++) last = await loginOptions('10.5.0.1');
    assert.equal(last.statusCode, 429);
    assert.ok(Number(last.headers['retry-after']) > 0);
    assert.equal(last.json<{ error: { code: string } }>().error.code, 'rate_limited');
    assert.equal((await loginOptions('10.5.0.2')).statusCode, 200);
  });
});

describe('tend serve --team with TEND_PASSKEY_ORIGIN', { skip: noTeamBackend }, () => {
  test('an origin that is not one is refused before anything opens (exit 2, naming the setting)', () => {
    for (const [value, why] of [
      ['tend.example.org', /is not an http\(s\) URL/],
      ['https://tend.example.org/app', /origin only/],
      ['https://192.168.1.20', /not an IP address/],
    ] as const) {
      const r = spawnSync(
        process.execPath,
        [tendBin, 'serve', '--team', '--db', 'postgres://nobody@127.0.0.1:9/none', '--port', '0'],
        {
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', TEND_DB: '', TEND_PASSKEY_ORIGIN: value },
          timeout: 60_000,
        },
      );
      assert.equal(r.status, 2, `${value}: ${r.stderr}`);
      assert.match(r.stderr, /TEND_PASSKEY_ORIGIN/);
      assert.match(r.stderr, why);
    }
  });
});
