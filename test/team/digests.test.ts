/**
 * Daily digests in team mode: two `tend serve --team` on one PostgreSQL database (through
 * PgBouncer in transaction mode), against a real SMTP server (aiosmtpd, refusing one mailbox).
 * Each due account gets one digest holding only its own agenda; a refused one is logged by its
 * public id and does not stop the others; a restart the same day sends nothing again.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { tend, tendBin } from '../helpers/cli.js';
import { pgbouncerBin, startPgBouncer, type PgBouncer } from '../helpers/pgbouncer.js';
import { startServe, type Served } from '../helpers/serve.js';
import { hasSmtp, startSmtp, type Mail, type Smtp } from '../helpers/smtp.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const pgUrl = process.env.TEND_TEST_POSTGRES_URL;
const skip = !pgUrl
  ? 'TEND_TEST_POSTGRES_URL is not set'
  : !fs.existsSync(tendBin)
    ? 'dist/tend.cjs is not built (node scripts/build.mjs --cli-only)'
    : !pgbouncerBin || !hasSmtp
      ? 'apt-get install pgbouncer python3-aiosmtpd'
      : false;
const NOW = '2026-11-26T09:00:00.000Z';
const DAY = '2026-11-26';
const schema = `t_tdig_${process.pid}_${Date.now().toString(36)}`;

async function query<R extends pg.QueryResultRow>(text: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    return (await c.query<R>(text)).rows;
  } finally {
    await c.end();
  }
}

let smtp: Smtp | undefined;
let bouncer: PgBouncer | undefined;

before(async () => {
  if (skip !== false) return;
  smtp = await startSmtp({ handler: 'refusing_mailbox.RefusingMailbox', pythonPath: here });
  await query(`CREATE SCHEMA ${schema}`);
  bouncer = await startPgBouncer(pgUrl ?? '', { schema });
});
after(async () => {
  await smtp?.stop();
  await bouncer?.stop();
  if (skip === false) {
    await query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await query(`DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`);
  }
});

const mails = (): Mail[] => smtp?.mails() ?? [];

const mailEnv = (): Record<string, string> => ({
  TEND_NOW: NOW,
  TEND_SMTP_HOST: '127.0.0.1',
  TEND_SMTP_PORT: String(smtp?.port),
  TEND_SMTP_SECURITY: 'none',
  TEND_DIGEST_FROM: 'digest@tend.example.org',
});

const serveTeam = (instance: string, env: Record<string, string>): Promise<Served> =>
  startServe(bouncer?.url ?? '', { instance, args: ['--team'], env });

async function call(base: string, method: string, url: string, body: unknown, cookie?: string) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${url}: ${res.status} ${text}`);
  return { res, json: JSON.parse(text) as Record<string, unknown> };
}

interface Member {
  email: string;
  id: string;
  person: string;
}

/** An account with one person and a promise due today; its digest settings as given. */
async function member(base: string, name: string, person: string, config: [string, unknown][]) {
  const email = `${name}.${process.pid}@example.org`;
  const { res, json } = await call(base, 'POST', '/api/auth/signup', {
    email,
    password: `a passphrase for ${name}`,
    name,
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const id = (json.account as { id: string }).id;
  const added = await call(base, 'POST', '/api/people', { name: person }, cookie);
  const pid = (added.json.person as { id: number }).id;
  await call(base, 'POST', `/api/people/${pid}/promises`, { text: 'send the deck', due: DAY }, cookie);
  for (const [key, value] of config) await call(base, 'PUT', `/api/config/${key}`, { value }, cookie);
  return { email, id, person } satisfies Member;
}

const jobCounts = async (): Promise<{ done: number; open: number }> => {
  const rows = await query<{ state: string; n: string }>(
    `SELECT state, count(*) AS n FROM ${schema}_jobs.job WHERE name = 'tend-digest' GROUP BY state`,
  ).catch(() => []);
  const n = (f: (s: string) => boolean) =>
    rows.filter((r) => f(r.state)).reduce((a, r) => a + Number(r.n), 0);
  return {
    done: n((s) => s === 'completed' || s === 'failed'),
    open: n((s) => s === 'created' || s === 'active'),
  };
};

/** Waits until every server has started, `ready` holds and no digest check waits or runs. */
async function settle(servers: Served[], doneBefore: number, ready: () => boolean): Promise<void> {
  const until = Date.now() + 90_000;
  for (;;) {
    const c = await jobCounts();
    const started = servers.every((s) => /running at/.test(s.output()));
    if (started && c.done > doneBefore && c.open === 0 && ready()) return;
    if (Date.now() > until)
      assert.fail(
        `digest checks did not settle: ${JSON.stringify(c)}\n${servers.map((s) => s.output()).join('\n')}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

test(
  'two team servers send each due account one digest of its own agenda; a refused one waits; a restart sends nothing again',
  { skip, timeout: 240_000 },
  async () => {
    // The accounts are made on a server without a mail server: no digest goes out meanwhile.
    const setup = await serveTeam('setup', { TEND_NOW: NOW });
    assert.match(setup.output(), /daily digests are off: set TEND_SMTP_HOST/);
    let ada: Member, bea: Member, cal: Member, dev: Member;
    try {
      ada = await member(setup.url, 'ada', 'Priya Raman', [
        ['digest.hour', 8],
        ['digest.daily', true],
      ]);
      bea = await member(setup.url, 'bea', 'Jonas Berg', [
        ['digest.to', `bea.elsewhere.${process.pid}@example.org`],
        ['digest.daily', true],
      ]);
      cal = await member(setup.url, 'cal', 'Chidi Okafor', [
        ['digest.to', `refused.${process.pid}@example.org`],
        ['digest.daily', true],
      ]);
      // Digest off (the default), though a promise is due.
      dev = await member(setup.url, 'dev', 'Dara Quinn', [['digest.hour', 6]]);
    } finally {
      await setup.stop();
    }
    const names = [ada, bea, cal, dev].map((m) => m.person);

    const servers = await Promise.all(['one', 'two'].map((i) => serveTeam(i, mailEnv())));
    try {
      await settle(
        servers,
        0,
        () => mails().length >= 2 && servers.some((s) => /not sent for/.test(s.output())),
      );
      await new Promise((r) => setTimeout(r, 3000)); // any late second send
    } finally {
      for (const s of servers) await s.stop();
    }
    const got = mails();
    assert.equal(got.length, 2, JSON.stringify(got.map((m) => m.to)));
    const byTo = new Map(got.map((m) => [m.to, m]));
    for (const [who, to] of [
      [ada, ada.email],
      [bea, `bea.elsewhere.${process.pid}@example.org`],
    ] as const) {
      const m = byTo.get(to);
      assert.ok(m, `no digest to ${to}: ${[...byTo.keys()].join(', ')}`);
      assert.equal(m.from, 'digest@tend.example.org');
      assert.match(m.subject, new RegExp(`Keep your promise to ${who.person}: send the deck`));
      for (const other of names.filter((n) => n !== who.person)) {
        assert.ok(!m.text.includes(other), `${to}'s digest names ${other}`);
        assert.ok(!m.html.includes(other), `${to}'s digest (HTML) names ${other}`);
      }
    }
    const logs = servers.map((s) => s.output()).join('\n');
    // Each digest sent by exactly one server; the refused account logged by its public id only.
    for (const m of [ada, bea])
      assert.equal(
        logs.split('\n').filter((l) => l.includes(`digest for ${DAY} sent for account ${m.id}`)).length,
        1,
        logs,
      );
    const refused = logs.split('\n').filter((l) => l.includes(`not sent for account ${cal.id}`));
    assert.equal(refused.length, 1, logs);
    assert.match(
      refused[0] ?? '',
      /the mail server refused it \(EENVELOPE 550\); trying again in 30 minutes/,
    );
    assert.ok(!logs.includes(dev.id), `the account with its digest off was touched:\n${logs}`);
    for (const secret of [...names, 'refused.', ada.email, 'bea.elsewhere'])
      assert.ok(!logs.includes(secret), `the log holds account data (${secret}):\n${logs}`);

    // A restart the same day (both servers ask for a check as they start): nothing is sent again,
    // and the refused account waits out its 30 minutes.
    const before = await jobCounts();
    const again = await Promise.all(['three', 'four'].map((i) => serveTeam(i, mailEnv())));
    try {
      await settle(again, before.done, () => true);
      await new Promise((r) => setTimeout(r, 2000));
    } finally {
      for (const s of again) await s.stop();
    }
    assert.equal(mails().length, 2);
    const later = again.map((s) => s.output()).join('\n');
    assert.ok(!/digest for|digests:/.test(later), later);
  },
);

test(
  'bad mail settings stop a team server before it opens anything (exit 2, the variable named)',
  { skip },
  async () => {
    const fresh = new URL(pgUrl ?? '');
    const other = `t_tdig_bad_${process.pid}_${Date.now().toString(36)}`;
    fresh.searchParams.set('schema', other);
    const cases: [Record<string, string>, RegExp][] = [
      [
        { TEND_SMTP_HOST: '127.0.0.1', TEND_SMTP_PORT: 'smtp', TEND_DIGEST_FROM: 'a@example.org' },
        /TEND_SMTP_PORT must be a port/,
      ],
      [
        { TEND_SMTP_HOST: '127.0.0.1', TEND_SMTP_SECURITY: 'ssl', TEND_DIGEST_FROM: 'a@example.org' },
        /TEND_SMTP_SECURITY must be starttls, tls or none/,
      ],
      [{ TEND_SMTP_HOST: '127.0.0.1' }, /TEND_DIGEST_FROM is not set/],
      [
        { TEND_SMTP_HOST: '127.0.0.1', TEND_DIGEST_FROM: 'not an address' },
        /TEND_DIGEST_FROM must be an email address/,
      ],
      [
        {
          TEND_SMTP_HOST: '127.0.0.1',
          TEND_DIGEST_FROM: 'a@example.org',
          TEND_SMTP_USER: 'tend',
          TEND_SMTP_PASSWORD: '',
        },
        /TEND_SMTP_PASSWORD no password for TEND_SMTP_USER/,
      ],
      [
        {
          TEND_SMTP_HOST: '127.0.0.1',
          TEND_DIGEST_FROM: 'a@example.org',
          TEND_SMTP_USER: 'tend',
          TEND_SMTP_PASSWORD: '',
          TEND_SMTP_PASSWORD_FILE: path.join(os.tmpdir(), 'no-such-tend-file'),
        },
        /TEND_SMTP_PASSWORD_FILE cannot be read \(ENOENT\)/,
      ],
      [{ TEND_DIGEST_FROM: 'a@example.org' }, /TEND_SMTP_HOST is not set, but TEND_DIGEST_FROM is/],
    ];
    for (const [env, message] of cases) {
      const r = tend(fresh.toString(), ['serve', '--team', '--port', '0'], {
        env: { TEND_SMTP_PASSWORD: '', ...env },
      });
      assert.equal(r.code, 2, `${JSON.stringify(env)}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message);
    }
    const made = await query(`SELECT 1 FROM pg_namespace WHERE nspname = '${other}'`);
    assert.equal(made.length, 0, 'nothing was created');
  },
);
