import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ownerClient, noTeamBackend } from './helpers.js';
import { caller, cookieFrom, signUp, teamServer, type TeamServer, type User } from './server.js';

interface PersonBody {
  person: { id: number; name: string };
}

describe('team mode over HTTP: accounts, sessions, tokens, isolation', { skip: noTeamBackend }, () => {
  let s: TeamServer;
  let ada: User;
  let bob: User;

  before(async () => {
    s = await teamServer();
    ada = await signUp(s, 'ada');
    bob = await signUp(s, 'bob');
  });
  after(async () => s.close());

  test('signup sets an HttpOnly, SameSite=Lax session cookie (Secure behind HTTPS) and me answers', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: `Cy.${process.pid}@Example.org `, password: 'a long passphrase', name: 'Cy' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const line = String(res.headers['set-cookie']);
    assert.match(line, /^tend_session=[A-Za-z0-9_-]{43}; /);
    assert.match(line, /HttpOnly/);
    assert.match(line, /SameSite=Lax/);
    assert.match(line, /Secure/);
    const plain = await s.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: `dee.${process.pid}@example.org`, password: 'a long passphrase', name: 'Dee' },
    });
    assert.doesNotMatch(String(plain.headers['set-cookie']), /Secure/);
    const me = await caller(s, () => cookieFrom(res))('GET', '/api/auth/me');
    assert.equal(me.statusCode, 200);
    const account = me.json<{ account: { id: string; email: string } }>().account;
    assert.equal(account.email, `cy.${process.pid}@example.org`);
    assert.match(account.id, /^acc_[0-9A-Za-z]{22}$/);
    assert.ok(!me.body.includes('password'), 'no hash in the answer');
  });

  test('a person added by one account is invisible to another: 404 on its id, absent from lists', async () => {
    const added = await ada.call('POST', '/api/people', { name: 'Jonas Berg', company: 'Fjord Data' });
    assert.equal(added.statusCode, 201, added.body);
    const id = added.json<PersonBody>().person.id;
    assert.equal((await ada.call('GET', `/api/people/${id}`)).statusCode, 200);
    const theirs = await bob.call('GET', `/api/people/${id}`);
    assert.equal(theirs.statusCode, 404);
    assert.ok(!theirs.body.includes('Jonas'));
    const list = await bob.call('GET', '/api/people');
    assert.equal(list.statusCode, 200);
    assert.equal(list.json<{ total: number }>().total, 0);
    assert.ok(!list.body.includes('Jonas'));
    const search = await bob.call('GET', '/api/people?search=jonas');
    assert.ok(!search.body.includes('Jonas'));
    // Bob may have his own Jonas Berg: names are per account.
    assert.equal((await bob.call('POST', '/api/people', { name: 'Jonas Berg' })).statusCode, 201);
    const patch = await bob.call('PATCH', `/api/people/${id}`, { company: 'taken' });
    assert.equal(patch.statusCode, 404);
    const still = await ada.call('GET', `/api/people/${id}`);
    assert.match(still.body, /Fjord Data/);
  });

  test('without a session: 401 on API routes, reads and writes alike; a bad cookie is no session', async () => {
    const anon = caller(s, () => undefined);
    for (const [m, u] of [
      ['GET', '/api/people'],
      ['GET', '/api/today'],
      ['POST', '/api/people'],
      ['GET', '/api/auth/me'],
    ] as const) {
      const r = await anon(m, u, m === 'POST' ? { name: 'X' } : undefined);
      assert.equal(r.statusCode, 401, `${m} ${u}`);
      assert.equal(r.json<{ error: { code: string } }>().error.code, 'unauthenticated');
    }
    assert.equal((await caller(s, () => 'forged')('GET', '/api/people')).statusCode, 401);
    assert.equal((await anon('GET', '/api/health')).statusCode, 200);
  });

  test('logout ends the session: the same cookie answers 401 afterwards', async () => {
    const u = await signUp(s);
    assert.equal((await u.call('GET', '/api/auth/me')).statusCode, 200);
    const out = await u.call('POST', '/api/auth/logout');
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
    assert.equal((await u.call('GET', '/api/auth/me')).statusCode, 401);
  });

  test('session fixation: a cookie set before login is not honoured after it', async () => {
    const planted = 'A'.repeat(43);
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ada.email, password: ada.password },
      headers: { cookie: `tend_session=${planted}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    const issued = cookieFrom(res);
    assert.ok(issued !== undefined && issued !== planted);
    assert.equal((await caller(s, () => planted)('GET', '/api/auth/me')).statusCode, 401);
    assert.equal((await caller(s, () => issued)('GET', '/api/auth/me')).statusCode, 200);
  });

  test('devices: sessions are listed, one revoked answers 401, another account cannot revoke them', async () => {
    const login = async (ua: string) => {
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: ada.email, password: ada.password },
        headers: { 'user-agent': ua },
      });
      return cookieFrom(r) ?? '';
    };
    const phone = await login('Phone/1.0');
    const laptop = await login('Laptop/2.0');
    const fromLaptop = caller(s, () => laptop);
    const list = await fromLaptop('GET', '/api/auth/sessions');
    const sessions = list.json<{ sessions: { id: string; userAgent: string; current: boolean }[] }>()
      .sessions;
    const phoneSession = sessions.find((x) => x.userAgent === 'Phone/1.0');
    assert.ok(phoneSession);
    assert.equal(sessions.find((x) => x.current)?.userAgent, 'Laptop/2.0');
    assert.ok(!list.body.includes(phone), 'no token in the list');
    assert.equal((await bob.call('DELETE', `/api/auth/sessions/${phoneSession.id}`)).statusCode, 404);
    assert.equal((await caller(s, () => phone)('GET', '/api/auth/me')).statusCode, 200);
    assert.equal((await fromLaptop('DELETE', `/api/auth/sessions/${phoneSession.id}`)).statusCode, 204);
    assert.equal((await caller(s, () => phone)('GET', '/api/people')).statusCode, 401);
    assert.equal((await fromLaptop('GET', '/api/people')).statusCode, 200);
  });

  test('password change: needs the current one, signs out other devices, the new one signs in', async () => {
    const u = await signUp(s);
    const other = cookieFrom(
      await s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: u.email, password: u.password },
      }),
    );
    const wrong = await u.call('POST', '/api/auth/password', {
      current: 'not it at all',
      new: 'a brand new passphrase',
    });
    assert.equal(wrong.statusCode, 400);
    const ok = await u.call('POST', '/api/auth/password', {
      current: u.password,
      new: 'a brand new passphrase',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json<{ revoked: number }>().revoked, 1);
    assert.equal((await caller(s, () => other)('GET', '/api/auth/me')).statusCode, 401);
    assert.equal((await u.call('GET', '/api/auth/me')).statusCode, 200);
    const old = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: u.email, password: u.password },
    });
    assert.equal(old.statusCode, 401);
    const fresh = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: u.email, password: 'a brand new passphrase' },
    });
    assert.equal(fresh.statusCode, 200);
  });

  test('API tokens: created once, used as Bearer, listed without the secret, revoked → 401', async () => {
    const made = await ada.call('POST', '/api/auth/tokens', { name: 'backup script' });
    assert.equal(made.statusCode, 201, made.body);
    const token = made.json<{ token: { id: string; token: string } }>().token;
    assert.match(token.token, /^tend_[A-Za-z0-9_-]{43}$/);
    const bearer = (url: string, method: 'GET' | 'POST' = 'GET', payload?: object) =>
      s.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token.token}` },
        ...(payload ? { payload } : {}),
      });
    const me = await bearer('/api/auth/me');
    assert.equal(me.json<{ account: { email: string } }>().account.email, ada.email);
    // A script writes without Origin: allowed with a token.
    assert.equal((await bearer('/api/people', 'POST', { name: 'Script Person' })).statusCode, 201);
    const list = await ada.call('GET', '/api/auth/tokens');
    assert.ok(!list.body.includes(token.token));
    assert.equal((await bob.call('DELETE', `/api/auth/tokens/${token.id}`)).statusCode, 404);
    assert.equal((await ada.call('DELETE', `/api/auth/tokens/${token.id}`)).statusCode, 204);
    assert.equal((await bearer('/api/auth/me')).statusCode, 401);
    const c = await ownerClient(s.schema);
    const stored = await c.query<{ h: string }>("SELECT encode(token_hash, 'hex') AS h FROM api_tokens");
    await c.end();
    assert.ok(stored.rows.every((r) => !r.h.includes(Buffer.from(token.token).toString('hex'))));
  });

  test('cross-origin writes are refused with 403 and nothing is written', async () => {
    const before = (await ada.call('GET', '/api/people')).json<{ total: number }>().total;
    const forged: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { referer: 'https://evil.example/page' },
    ];
    for (const headers of forged) {
      const r = await ada.call('POST', '/api/people', { name: 'Forged Person' }, headers);
      assert.equal(r.statusCode, 403, JSON.stringify(headers));
      assert.equal(r.json<{ error: { code: string } }>().error.code, 'forbidden_origin');
    }
    const login = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ada.email, password: ada.password },
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(login.statusCode, 403);
    assert.equal((await ada.call('GET', '/api/people')).json<{ total: number }>().total, before);
    const same = await ada.call(
      'POST',
      '/api/people',
      { name: 'Same Site' },
      {
        origin: 'http://localhost:80',
        host: 'localhost',
        'sec-fetch-site': 'same-origin',
      },
    );
    assert.equal(same.statusCode, 201, same.body);
    // Behind a trusted proxy that rewrites Host: the public host it forwards is the one compared.
    const proxied = {
      origin: 'https://tend.example.org',
      host: '127.0.0.1:4321',
      'x-forwarded-proto': 'https',
    };
    const rewritten = await ada.call(
      'POST',
      '/api/people',
      { name: 'Through The Proxy' },
      { ...proxied, 'x-forwarded-host': 'tend.example.org' },
    );
    assert.equal(rewritten.statusCode, 201, rewritten.body);
    const unforwarded = await ada.call('POST', '/api/people', { name: 'Not Forwarded' }, proxied);
    assert.equal(unforwarded.statusCode, 403, 'without the forwarded host, another site');
    const elsewhere = await ada.call(
      'POST',
      '/api/people',
      { name: 'Elsewhere' },
      { ...proxied, 'x-forwarded-host': 'evil.example' },
    );
    assert.equal(elsewhere.statusCode, 403, 'a forwarded host that is not the origin');
  });
});

describe('sign-in abuse: rate limits and no account enumeration', { skip: noTeamBackend }, () => {
  let s: TeamServer;
  let owner: User;
  before(async () => {
    s = await teamServer();
    owner = await signUp(s, 'owner');
  });
  after(async () => s.close());

  const login = (email: string, password: string, ip: string) =>
    s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });

  test('an unknown email and a wrong password get the same answer', async () => {
    const unknown = await login(`nobody.${process.pid}@example.org`, 'whatever password', '10.9.0.1');
    const wrong = await login(owner.email, 'whatever password', '10.9.0.2');
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(unknown.json(), wrong.json());
    assert.equal(unknown.headers['set-cookie'], undefined);
  });

  test("guessing one account's password from one address: 429 with Retry-After; the owner at a fresh address still signs in", async () => {
    let last = await login(owner.email, 'guess 0', '10.2.0.1');
    for (let i = 1; i < 5; i++) last = await login(owner.email, `guess ${i}`, '10.2.0.1');
    assert.equal(last.statusCode, 401);
    const blocked = await login(owner.email, owner.password, '10.2.0.1');
    assert.equal(blocked.statusCode, 429);
    const retry = Number(blocked.headers['retry-after']);
    assert.ok(retry >= 1 && retry <= 900, `Retry-After ${String(blocked.headers['retry-after'])}`);
    assert.equal(blocked.json<{ error: { code: string } }>().error.code, 'rate_limited');
    const fresh = await login(owner.email, owner.password, '10.3.0.7');
    assert.equal(fresh.statusCode, 200);
  });

  test('one address trying many accounts is limited too, and signups per address', async () => {
    let status = 0;
    for (let i = 0; i < 31 && status !== 429; i++)
      status = (await login(`someone${i}.${process.pid}@example.org`, 'a password', '10.4.0.1')).statusCode;
    assert.equal(status, 429);
    let signup = 0;
    for (let i = 0; i < 12 && signup !== 429; i++)
      signup = (
        await s.app.inject({
          method: 'POST',
          url: '/api/auth/signup',
          payload: {
            email: `bulk${i}.${process.pid}@example.org`,
            password: 'a long passphrase',
            name: 'Bulk',
          },
          remoteAddress: '10.5.0.1',
        })
      ).statusCode;
    assert.equal(signup, 429);
  });

  test('signup with a taken email is refused without saying so; bad bodies name the field', async () => {
    const taken = await s.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: owner.email.toUpperCase(), password: 'another passphrase', name: 'Imposter' },
      remoteAddress: '10.6.0.1',
    });
    assert.equal(taken.statusCode, 409);
    assert.doesNotMatch(taken.body, /already|exists/i);
    const bad = await s.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: 'not-an-email', password: 'short', name: '' },
      remoteAddress: '10.6.0.2',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /email/);
    assert.match(bad.body, /password/);
    // The owner's account is untouched.
    assert.equal((await login(owner.email, owner.password, '10.6.0.3')).statusCode, 200);
  });
});
