/**
 * Background work once across servers: three `tend serve` on one PostgreSQL database (through
 * PgBouncer in transaction mode) with the daily digest on, against a real SMTP server (Debian's
 * aiosmtpd): one digest is sent, by one of them.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { tend, tendBin } from '../helpers/cli.js';
import { pgbouncerBin, startPgBouncer, type PgBouncer } from '../helpers/pgbouncer.js';
import { startServe, type Served } from '../helpers/serve.js';
import { hasSmtp, startSmtp, type Mail, type Smtp } from '../helpers/smtp.js';

const pgUrl = process.env.TEND_TEST_POSTGRES_URL;
const skip = !pgUrl
  ? 'TEND_TEST_POSTGRES_URL is not set'
  : !fs.existsSync(tendBin)
    ? 'dist/tend.cjs is not built (node scripts/build.mjs --cli-only)'
    : !pgbouncerBin || !hasSmtp
      ? 'apt-get install pgbouncer python3-aiosmtpd'
      : false;
const NOW = '2026-11-26T09:00:00.000Z';
const schema = `t_jobs_${process.pid}_${Date.now().toString(36)}`;

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
  smtp = await startSmtp();
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

test(
  'three servers with the daily digest on send one digest, from one of them',
  { skip, timeout: 120_000 },
  async () => {
    const db = bouncer?.url ?? '';
    const run = (args: string[]): void => {
      const r = tend(db, args, { now: NOW });
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    };
    run(['add', 'Priya Raman']);
    run(['promise', 'Priya Raman', 'send the deck', '--due', 'today']);
    for (const [k, v] of [
      ['smtp.host', '127.0.0.1'],
      ['smtp.port', String(smtp?.port)],
      ['smtp.security', 'none'],
      ['digest.from', 'tend@example.org'],
      ['digest.to', 'me@example.org'],
      ['digest.daily', 'true'],
      ['digest.hour', '8'],
    ] as const)
      run(['config', 'set', k, v]);

    const servers: Served[] = await Promise.all(
      ['one', 'two', 'three'].map((instance) => startServe(db, { instance, env: { TEND_NOW: NOW } })),
    );
    try {
      // Each server asks for a digest check as it starts; wait until every check has run.
      const until = Date.now() + 60_000;
      let states: { state: string; n: string }[] = [];
      for (;;) {
        states = await query<{ state: string; n: string }>(
          `SELECT state, count(*) AS n FROM ${schema}_jobs.job WHERE name = 'tend-digest' GROUP BY state`,
        ).catch(() => []);
        const open = states.filter((s) => s.state !== 'completed' && s.state !== 'failed');
        const started = servers.every((s) => /running at/.test(s.output()));
        if (started && mails().length > 0 && open.length === 0) break;
        if (Date.now() > until)
          assert.fail(
            `no digest within a minute: ${JSON.stringify(states)}\n${servers.map((s) => s.output()).join('\n')}`,
          );
        await new Promise((r) => setTimeout(r, 250));
      }
      // A little longer, for any late second send.
      await new Promise((r) => setTimeout(r, 3000));
      const got = mails();
      assert.equal(got.length, 1, JSON.stringify(got));
      const [m] = got;
      assert.ok(m);
      assert.equal(m.to, 'me@example.org');
      assert.match(m.subject, /Keep your promise to Priya Raman: send the deck/);
      const senders = servers.filter((s) => /digest for 2026-11-26 sent to me@example\.org/.test(s.output()));
      assert.equal(senders.length, 1, servers.map((s) => `${s.instance}: ${s.output()}`).join('\n'));
      assert.ok(!states.some((s) => s.state === 'failed'), JSON.stringify(states));
    } finally {
      for (const s of servers) await s.stop();
    }
    // Stopped gracefully: nothing left running or waiting.
    const left = await query<{ n: string }>(
      `SELECT count(*) AS n FROM ${schema}_jobs.job WHERE name = 'tend-digest' AND state IN ('active', 'created')`,
    );
    assert.equal(left[0]?.n, '0');
  },
);
