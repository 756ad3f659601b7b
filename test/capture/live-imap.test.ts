import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ImapFlow } from 'imapflow';
import { sqliteBackend } from '../helpers/db.js';
import { hasDovecot, startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { tendIn } from '../helpers/tend-inproc.js';

/**
 * A live IMAP source against a real Dovecot (Debian's package) started by the test, messages
 * appended with ImapFlow: headers only, only new UIDs, a changed UIDVALIDITY read again without
 * duplicates, the same mail rules as an mbox, wrong password, server down, dry run, undo.
 */

const skip = !hasDovecot && !process.env.CI ? 'dovecot missing: apt-get install dovecot-imapd' : false;

function mail(o: {
  from: string;
  to: string;
  date: string;
  id: string;
  subject?: string;
  extra?: string[];
}): string {
  return [
    `From: ${o.from}`,
    `To: ${o.to}`,
    `Subject: ${o.subject ?? 'Hello'}`,
    `Date: ${o.date}`,
    `Message-ID: <${o.id}>`,
    ...(o.extra ?? []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    'A body Tend never reads.',
    '',
  ].join('\r\n');
}

describe('a live IMAP source (Dovecot)', { skip }, () => {
  let imap: Dovecot;
  let client: ImapFlow;
  const db = sqliteBackend.fresh();
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-key-'));
  const env = { TEND_SECRET_KEY_FILE: path.join(keyDir, 'secret.key') };
  const t = (args: string[], o: { input?: string } = {}) =>
    tendIn(db, args, { ...o, env: { ...env, IMAP_PW: 'a-password' } });
  const jonas = async (): Promise<string[]> => {
    const r = await t(['show', 'Jonas Weber', '--json']);
    const timeline = (r.json() as { timeline: { date: string; channel: string; source?: string }[] })
      .timeline;
    return timeline.filter((i) => i.source === 'mail').map((i) => `${i.date} ${i.channel}`);
  };
  const runs = async (): Promise<number> =>
    ((await t(['sync', 'list', '--json'])).json() as { runs: unknown[] }).runs.length;
  const append = async (box: string, text: string): Promise<void> => {
    await client.append(box, text);
  };

  before(async () => {
    imap = await startDovecot();
    client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
    });
    await client.connect();
    await client.mailboxCreate('Archive');
    assert.equal((await t(['init', '--email', 'maya@example.com'])).code, 0);
    assert.equal((await t(['add', 'Jonas Weber', '--email', 'jonas@example.org'])).code, 0);
    // A reply in a thread, a newsletter, and a mail of mine in another folder.
    const mails: [string, Parameters<typeof mail>[0]][] = [
      [
        'INBOX',
        {
          from: 'Jonas Weber <jonas@example.org>',
          to: 'maya@example.com',
          date: 'Tue, 10 Nov 2026 09:12:00 +0100',
          id: 'j1@example.org',
        },
      ],
      [
        'INBOX',
        {
          from: 'News <news@shop.example>',
          to: 'maya@example.com',
          date: 'Tue, 10 Nov 2026 10:00:00 +0000',
          id: 'n1@shop.example',
          extra: ['List-Id: <weekly.shop.example>', 'List-Unsubscribe: <mailto:u@shop.example>'],
        },
      ],
      [
        'INBOX',
        {
          from: 'Jonas Weber <jonas@example.org>',
          to: 'maya@example.com',
          date: 'Tue, 10 Nov 2026 15:00:00 +0100',
          id: 'j2@example.org',
          extra: ['In-Reply-To: <j1@example.org>', 'References: <j1@example.org>'],
        },
      ],
      [
        'Archive',
        {
          from: 'Maya <maya@example.com>',
          to: 'Jonas Weber <jonas@example.org>, Priya <priya@example.net>',
          date: 'Thu, 12 Nov 2026 18:30:00 -0500',
          id: 'm1@example.com',
        },
      ],
    ];
    for (const [box, m] of mails) await append(box, mail(m));
  });
  after(async () => {
    await client.logout().catch(() => undefined);
    await imap.stop();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  test('add: --insecure-local only to this machine; a password from an environment variable', async () => {
    const far = await t([
      'sync',
      'add',
      'imap',
      'imap.example.com:143',
      '--user',
      'maya',
      '--password-env',
      'IMAP_PW',
      '--insecure-local',
    ]);
    assert.equal(far.code, 2);
    assert.match(
      far.stderr,
      /--insecure-local sends the password in clear and is only for a server on this machine/,
    );
    const both = await t([
      'sync',
      'add',
      'imap',
      `127.0.0.1:${imap.port}`,
      '--user',
      'maya',
      '--password-env',
      'IMAP_PW',
      '--tls',
      '--starttls',
    ]);
    assert.equal(both.code, 2);
    const r = await tendIn(
      db,
      [
        'sync',
        'add',
        'imap',
        `127.0.0.1:${imap.port}`,
        '--user',
        imap.user,
        '--password-env',
        'IMAP_PW',
        '--insecure-local',
        '--mailbox',
        'INBOX,Archive',
        '--name',
        'mail',
        '--json',
      ],
      { env: { ...env, IMAP_PW: imap.password } },
    );
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const list = await t(['sync', 'list']);
    assert.match(list.stdout, /mail\s+imap\s+imap:\/\/127\.0\.0\.1:\d+\s+maya\s+INBOX, Archive/);
    assert.ok(
      !list.stdout.includes(imap.password) && !fs.readFileSync(db).includes(Buffer.from(imap.password)),
    );
  });

  test('dry run writes nothing; a run counts conversations by the mbox rules; headers only', async () => {
    const dry = await t(['sync', 'run', 'mail', '--dry-run', '--json']);
    assert.equal(dry.code, 0, dry.stderr + dry.stdout);
    assert.equal((dry.json() as { created: number }).created, 2);
    assert.deepEqual(await jonas(), []);
    assert.equal(await runs(), 0);

    const r = await t(['sync', 'run', 'mail', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const s = r.json() as {
      created: number;
      fetched: number;
      skipped: Record<string, number>;
      newStrangers: number;
    };
    assert.equal(s.fetched, 4);
    assert.deepEqual(s.skipped, { bulk: 1 }, 'the newsletter is bulk');
    // Two messages of one thread on one day are one conversation; the mail I sent is another.
    assert.equal(s.created, 2);
    assert.equal(s.newStrangers, 1, 'Priya is not in Tend');
    assert.deepEqual(await jonas(), ['2026-11-12 message', '2026-11-10 message']);
    const lock = await client.getMailboxLock('INBOX');
    try {
      for await (const m of client.fetch('1:*', { flags: true }))
        assert.ok(!m.flags?.has('\\Seen'), 'nothing marked read');
    } finally {
      lock.release();
    }
  });

  test('a second run reads only new UIDs and adds nothing twice', async () => {
    const again = await t(['sync', 'run', 'mail', '--json']);
    const a = again.json() as { fetched: number; changedNothing: boolean };
    assert.deepEqual([a.fetched, a.changedNothing], [0, true]);
    await append(
      'INBOX',
      mail({
        from: 'jonas@example.org',
        to: 'maya@example.com',
        date: 'Mon, 16 Nov 2026 08:00:00 +0000',
        id: 'j3@example.org',
      }),
    );
    const next = await t(['sync', 'run', 'mail', '--json']);
    const n = next.json() as { fetched: number; created: number; run: number };
    assert.deepEqual([n.fetched, n.created], [1, 1]);
    assert.deepEqual(await jonas(), ['2026-11-16 message', '2026-11-12 message', '2026-11-10 message']);

    const undo = await t(['sync', 'undo', String(n.run)]);
    assert.equal(undo.code, 0, undo.stderr);
    assert.deepEqual(await jonas(), ['2026-11-12 message', '2026-11-10 message']);
    const redo = await t(['sync', 'run', 'mail', '--json']);
    assert.deepEqual(
      (redo.json() as { fetched: number; created: number }).created,
      1,
      'the source was rewound',
    );
  });

  test('a mailbox whose UIDVALIDITY changed is read again from the start, without duplicates', async () => {
    await client.mailboxDelete('Archive');
    await new Promise((r) => setTimeout(r, 1100));
    await client.mailboxCreate('Archive');
    await append(
      'Archive',
      mail({
        from: 'Maya <maya@example.com>',
        to: 'Jonas Weber <jonas@example.org>, Priya <priya@example.net>',
        date: 'Thu, 12 Nov 2026 18:30:00 -0500',
        id: 'm1@example.com',
      }),
    );
    const r = await t(['sync', 'run', 'mail', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const s = r.json() as { resynced: string[]; fetched: number; created: number; unchanged: number };
    assert.deepEqual(s.resynced, ['Archive']);
    assert.deepEqual([s.fetched, s.created, s.unchanged], [1, 0, 1]);
    assert.equal((await jonas()).length, 3);
  });

  /** `sync add imap` for this Dovecot, the password on stdin; without TLS unless `security` says. */
  const addLocal = (name: string, password: string, security = ['--insecure-local']) =>
    t(
      [
        'sync',
        'add',
        'imap',
        `127.0.0.1:${imap.port}`,
        '--user',
        imap.user,
        '--password-stdin',
        ...security,
        '--name',
        name,
      ],
      { input: password },
    );

  test('a wrong password: a clear error naming the source, exit 5, nothing written', async () => {
    const add = await addLocal('wrong', 'nope');
    assert.equal(add.code, 0, add.stderr);
    await append(
      'INBOX',
      mail({
        from: 'jonas@example.org',
        to: 'maya@example.com',
        date: 'Wed, 18 Nov 2026 08:00:00 +0000',
        id: 'j4@example.org',
      }),
    );
    const n = await runs();
    const r = await t(['sync', 'run', 'wrong']);
    assert.equal(r.code, 5, r.stderr);
    assert.match(
      r.stderr,
      /source "wrong": the IMAP server 127\.0\.0\.1:\d+ refused the login of maya \(wrong user or password\); nothing was written/,
    );
    assert.equal(await runs(), n);
    assert.equal((await jonas()).length, 3);
    const all = await t(['sync', 'run', '--all', '--json']);
    assert.equal(
      all.code,
      5,
      'one failing source does not stop the others, and the exit code says it failed',
    );
    const res = all.json() as {
      runs: { source: string; created: number }[];
      failed: { source: string; code: string }[];
    };
    assert.deepEqual(
      res.failed.map((f) => [f.source, f.code]),
      [['wrong', 'source_auth_failed']],
    );
    assert.deepEqual(
      res.runs.map((x) => [x.source, x.created]),
      [['mail', 1]],
    );
  });

  test('TLS to a port that speaks plain text: exit 4, and the message says what to change', async () => {
    const add = await addLocal('tls', imap.password, []);
    assert.equal(add.code, 0, add.stderr);
    const n = await runs();
    const r = await t(['sync', 'run', 'tls']);
    assert.equal(r.code, 4, r.stderr);
    assert.match(
      r.stderr,
      /it does not speak TLS on this port; remove the source and add it again with STARTTLS/,
    );
    assert.equal(await runs(), n);
    assert.equal((await t(['sync', 'remove', 'tls'])).code, 0);
  });

  test('the server down: a clear error, exit 4, nothing written', async () => {
    await client.logout().catch(() => undefined);
    await imap.stop();
    const n = await runs();
    const r = await t(['sync', 'run', 'mail']);
    assert.equal(r.code, 4, r.stderr);
    assert.match(
      r.stderr,
      /source "mail": cannot read the IMAP server 127\.0\.0\.1:\d+ \(ECONNREFUSED\); nothing was written/,
    );
    assert.equal(await runs(), n);
  });
});
