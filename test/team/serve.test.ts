import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { tendBin } from '../helpers/cli.js';
import { ownerClient, teamBackend, noTeamBackend } from './helpers.js';

interface Started {
  proc: ChildProcess;
  /** The address it listens on (what it prints, or the one it says it listens on). */
  base: string;
  /** The line saying where it runs. */
  line: string;
}

/** Every server this file started, to stop whatever happens to the tests. */
const started: ChildProcess[] = [];

/** `tend serve --team` as a process, its address read from what it prints. */
async function start(url: string, env: Record<string, string> = {}): Promise<Started> {
  const proc = spawn(process.execPath, [tendBin, 'serve', '--team', '--db', url, '--port', '0'], {
    env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', TEND_DB: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(proc);
  let out = '';
  return new Promise<Started>((resolve, reject) => {
    // Generous: two servers start at once on a new database, on a machine that may be busy.
    const timer = setTimeout(() => {
      proc.kill('SIGKILL'); // a server that did not start must not outlive the test
      reject(new Error(`no address in 60 s: ${out}`));
    }, 60_000);
    const read = (b: Buffer): void => {
      out += b.toString();
      const m = /^Tend is running at (\S+?)\/?(?: \(listening on (\S+?)\/?\))? {2}.*$/m.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ proc, base: m[2] ?? m[1], line: m[0] });
      }
    };
    proc.stdout.on('data', read);
    proc.stderr.on('data', read);
    proc.on('exit', (code) => {
      reject(new Error(`exited ${code}: ${out}`));
    });
  });
}

describe('tend serve --team: two server processes on one database', { skip: noTeamBackend }, () => {
  const url = teamBackend?.fresh() ?? '';
  const schema = new URL(url || 'postgres://x').searchParams.get('schema') ?? '';
  let one: Started;
  let two: Started;
  before(async () => {
    // Both start at once on a new database: the migrations and grants take turns.
    [one, two] = await Promise.all([start(url), start(url)]);
  });
  after(async () => {
    for (const proc of started) proc.kill('SIGTERM');
    const c = await ownerClient('public');
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  });

  const post = (
    base: string,
    path: string,
    body: unknown,
    cookie?: string,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
      body: JSON.stringify(body),
    });
  const get = (base: string, path: string, cookie?: string) =>
    fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} });
  const cookieOf = (r: Response): string => (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  test('a session made on one server works on the other; accounts stay apart; cross-site writes 403', async () => {
    const a = await post(one.base, '/api/auth/signup', {
      email: 'ada@example.org',
      password: 'a long passphrase',
      name: 'Ada',
    });
    assert.equal(a.status, 201);
    const ada = cookieOf(a);
    const me = await get(two.base, '/api/auth/me', ada);
    assert.equal(me.status, 200);
    assert.equal(
      ((await me.json()) as { digests: string }).digests,
      'off',
      'no TEND_SMTP_HOST: this server sends no digest',
    );
    const added = await post(two.base, '/api/people', { name: 'Jonas Berg' }, ada);
    assert.equal(added.status, 201);
    const id = ((await added.json()) as { person: { id: number } }).person.id;
    assert.equal(
      (await get(one.base, `/api/people/${id}`, ada)).status,
      200,
      'the write is seen on the other server',
    );

    const b = await post(two.base, '/api/auth/signup', {
      email: 'bob@example.org',
      password: 'another passphrase',
      name: 'Bob',
    });
    const bob = cookieOf(b);
    const theirs = await get(one.base, `/api/people/${id}`, bob);
    assert.equal(theirs.status, 404);
    assert.ok(!(await theirs.text()).includes('Jonas'));

    const forged = await post(one.base, '/api/people', { name: 'Forged' }, ada, {
      origin: 'https://evil.example',
    });
    assert.equal(forged.status, 403);
    const list = (await (await get(two.base, '/api/people', ada)).json()) as { total: number };
    assert.equal(list.total, 1);

    assert.equal((await get(one.base, '/api/people')).status, 401);
    assert.equal((await post(one.base, '/api/auth/logout', {}, ada)).status, 204);
    assert.equal((await get(two.base, '/api/auth/me', ada)).status, 401, 'logged out on every server');
  });

  test('login abuse behind a proxy on the host: 429 with Retry-After per address; the owner from a fresh one signs in', async () => {
    const creds = { email: 'owner@example.org', password: 'the owner passphrase', name: 'Owner' };
    assert.equal((await post(one.base, '/api/auth/signup', creds)).status, 201);
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await post(
            i % 2 ? one.base : two.base,
            '/api/auth/login',
            { ...creds, password: `guess ${i}` },
            undefined,
            from('203.0.113.5'),
          )
        ).status,
      );
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    const blocked = await post(one.base, '/api/auth/login', creds, undefined, from('203.0.113.5'));
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    const fresh = await post(two.base, '/api/auth/login', creds, undefined, from('198.51.100.7'));
    assert.equal(fresh.status, 200);
  });

  test('on loopback it prints a localhost address (passkeys refuse IP addresses), else TEND_PASSKEY_ORIGIN', async () => {
    // The address printed is the one used above: a loopback server answers to localhost.
    assert.match(one.line, /^Tend is running at http:\/\/localhost:\d+\/ {2}\(Ctrl\+C to stop\)$/);
    assert.match(one.base, /^http:\/\/localhost:\d+$/);
    const three = await start(url, { TEND_PASSKEY_ORIGIN: 'https://tend.example.org' });
    try {
      assert.match(
        three.line,
        /^Tend is running at https:\/\/tend\.example\.org\/ \(listening on http:\/\/127\.0\.0\.1:\d+\/\) {2}\(Ctrl\+C to stop\)$/,
      );
      assert.equal((await get(three.base, '/api/people')).status, 401, 'it answers where it says it listens');
    } finally {
      three.proc.kill('SIGTERM');
    }
  });
});
