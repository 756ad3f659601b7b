/**
 * The daily email digest: its text (pure core), and `tend digest send` and `tend serve`'s daily
 * timer talking to a real SMTP server the test starts (Debian's aiosmtpd, delivering into a
 * Maildir), with the delivered message read back by Python's email parser.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Action } from '../../src/core/agenda.js';
import { digestDue, digestOf, longDay } from '../../src/core/digest.js';
import { tend, tendBin } from '../helpers/cli.js';
import { sqliteBackend } from '../helpers/db.js';
import { freePort, listening } from '../helpers/ports.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const python = '/usr/bin/python3';
const hasServer =
  fs.existsSync(python) && spawnSync(python, ['-c', 'import aiosmtpd'], { stdio: 'ignore' }).status === 0;
const skip = !hasServer && !process.env.CI ? 'aiosmtpd missing: apt-get install python3-aiosmtpd' : false;
const NOW = '2026-11-26T09:00:00.000Z';

const action = (over: Partial<Action>): Action => ({
  tier: 'promise',
  kind: 'keep_promise',
  personId: 1,
  personName: 'Priya Raman',
  title: 'Keep your promise to Priya Raman: send the deck',
  detail: 'due today',
  draft: 'Hi Priya,\n\nHere is the deck I promised.\n\nAll the best.',
  ...over,
});

describe('digest (core): the day in a message', () => {
  test('a day with nothing to do has no digest', () => {
    assert.equal(digestOf({ date: '2026-11-26', actions: [] }), undefined);
  });

  test('the text reads as a whole: greeting, the day, each action with its draft, how to act', () => {
    const d = digestOf(
      {
        date: '2026-11-26',
        actions: [
          action({}),
          action({
            personId: 2,
            personName: 'Jonas van der Berg',
            title: 'Reconnect with Jonas van der Berg in person or by phone',
            detail: undefined,
            draft: 'Hi Jonas,\n\nIt has been a while. Coffee next week?',
          }),
        ],
      },
      { appUrl: 'http://127.0.0.1:4321' },
    );
    assert.ok(d);
    assert.equal(d.subject, 'Tend, Thursday 26 Nov 2026: 2 things worth doing today');
    assert.equal(
      d.text,
      [
        'Good morning. 2 things are worth doing today, Thursday 26 Nov 2026.',
        '',
        '1. Keep your promise to Priya Raman: send the deck (due today)',
        '',
        '   A message you could send:',
        '   | Hi Priya,',
        '   |',
        '   | Here is the deck I promised.',
        '   |',
        '   | All the best.',
        '',
        '2. Reconnect with Jonas van der Berg in person or by phone',
        '',
        '   A message you could send:',
        '   | Hi Jonas,',
        '   |',
        '   | It has been a while. Coffee next week?',
        '',
        'Open Tend to see them again and mark what you have done: http://127.0.0.1:4321',
        '',
        '-- ',
        'Sent by Tend because there is something to do today; days with nothing send no mail.',
        '',
      ].join('\n'),
    );
  });

  test('one action names itself in the subject; the HTML escapes what the user wrote', () => {
    const d = digestOf({
      date: '2026-02-28',
      actions: [action({ title: 'Keep your promise to Ana: <script>alert(1)</script> & "more"' })],
    });
    assert.ok(d);
    assert.equal(
      d.subject,
      'Tend, Saturday 28 Feb 2026: Keep your promise to Ana: <script>alert(1)</script> & "more"',
    );
    assert.ok(d.html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;'));
    assert.ok(!d.html.includes('<script>'));
    assert.match(d.text, /^Good morning\. One thing is worth doing today, Saturday 28 Feb 2026\./);
  });

  test('longDay and when the server sends: once a day, from the set hour, only when daily is on', () => {
    assert.equal(longDay('2028-02-29'), 'Tuesday 29 Feb 2028');
    const on = { daily: true, hour: 7 };
    assert.equal(digestDue({ day: '2026-11-26', hour: 6 }, on, undefined), false);
    assert.equal(digestDue({ day: '2026-11-26', hour: 7 }, on, undefined), true);
    assert.equal(digestDue({ day: '2026-11-26', hour: 22 }, on, '2026-11-25'), true);
    assert.equal(digestDue({ day: '2026-11-26', hour: 22 }, on, '2026-11-26'), false);
    assert.equal(digestDue({ day: '2026-11-26', hour: 9 }, { daily: false, hour: 7 }, undefined), false);
  });
});

interface Mail {
  from: string;
  to: string;
  subject: string;
  contentType: string;
  text: string | null;
  html: string | null;
}

describe('tend digest send and tend serve, against a real SMTP server', { skip }, () => {
  let dir: string;
  let maildir: string;
  let port: number;
  let smtp: ChildProcess;
  const mails = (): Mail[] => {
    if (!fs.existsSync(maildir)) return [];
    const r = spawnSync(python, [path.join(here, 'read_mail.py'), maildir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as Mail[];
  };
  const clear = (): void => {
    for (const sub of ['new', 'cur']) {
      const d = path.join(maildir, sub);
      if (fs.existsSync(d)) for (const f of fs.readdirSync(d)) fs.rmSync(path.join(d, f));
    }
  };
  /** A database with the mail settings, and a promise due today unless `empty`. */
  const database = (opts: { empty?: boolean; port?: number } = {}): string => {
    const db = sqliteBackend.fresh();
    const run = (args: string[]): void => {
      const r = tend(db, args, { now: NOW });
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    };
    run(['add', 'Priya Raman']);
    if (!opts.empty) run(['promise', 'Priya Raman', 'send the deck', '--due', 'today']);
    for (const [k, v] of [
      ['smtp.host', '127.0.0.1'],
      ['smtp.port', String(opts.port ?? port)],
      ['smtp.security', 'none'],
      ['digest.from', 'tend@example.org'],
      ['digest.to', 'me@example.org'],
    ] as const)
      run(['config', 'set', k, v]);
    return db;
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-smtp-'));
    maildir = path.join(dir, 'Maildir');
    port = await freePort();
    smtp = spawn(
      python,
      ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir],
      { stdio: 'ignore' },
    );
    await listening(port, 'the SMTP server');
  });
  after(() => {
    smtp.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a day with something to do: one message, plain text and HTML, the agenda and its drafts', () => {
    clear();
    const db = database();
    const r = tend(db, ['digest', 'send', '--json'], { now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json().sent, true);
    const got = mails();
    assert.equal(got.length, 1);
    const [m] = got;
    assert.ok(m);
    assert.equal(m.from, 'tend@example.org');
    assert.equal(m.to, 'me@example.org');
    assert.equal(m.subject, 'Tend, Thursday 26 Nov 2026: Keep your promise to Priya Raman: send the deck');
    assert.equal(m.contentType, 'multipart/alternative');
    assert.match(m.text ?? '', /^Good morning\. One thing is worth doing today, Thursday 26 Nov 2026\.\n/);
    assert.match(m.text ?? '', /1\. Keep your promise to Priya Raman: send the deck \(due today\)/);
    assert.match(m.text ?? '', /\| Hi Priya,\n/);
    assert.match(m.html ?? '', /<strong>Keep your promise to Priya Raman: send the deck<\/strong>/);
  });

  test('a day with nothing to do sends no mail and says so', () => {
    clear();
    const r = tend(database({ empty: true }), ['digest', 'send'], { now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Nothing to do on 2026-11-26: no digest sent\./);
    assert.equal(mails().length, 0);
  });

  test('--dry-run prints the message and sends nothing', () => {
    clear();
    const r = tend(database(), ['digest', 'send', '--dry-run'], { now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^To: me@example\.org\nSubject: Tend, Thursday 26 Nov 2026: Keep your promise/);
    assert.match(r.stdout, /\(dry run: nothing sent\)/);
    assert.equal(mails().length, 0);
  });

  test('an unreachable server: a clear error and exit code 4', async () => {
    const closed = await freePort();
    const r = tend(database({ port: closed }), ['digest', 'send'], { now: NOW });
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, new RegExp(`the digest was not sent: cannot reach 127\\.0\\.0\\.1:${closed}`));
  });

  test('starttls (the default) against a server without TLS: nothing goes in the clear, exit 4', () => {
    clear();
    const db = database();
    assert.equal(tend(db, ['config', 'unset', 'smtp.security'], { now: NOW }).code, 0);
    const r = tend(db, ['digest', 'send'], { now: NOW });
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /the digest was not sent: .*STARTTLS.*TLS not available/);
    assert.equal(mails().length, 0);
  });

  test('missing settings and a missing password are named; exit 2; nothing sent, no password printed', () => {
    clear();
    const bare = sqliteBackend.fresh();
    const r = tend(bare, ['digest', 'send'], { now: NOW });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /smtp\.host is not set; digest\.from is not set; digest\.to is not set/);

    const db = database();
    assert.equal(tend(db, ['config', 'set', 'smtp.user', 'me'], { now: NOW }).code, 0);
    const noPass = tend(db, ['digest', 'send'], { now: NOW, env: { TEND_SMTP_PASSWORD: '' } });
    assert.equal(noPass.code, 2);
    assert.match(
      noPass.stderr,
      /smtp\.passwordEnv no password: set \$TEND_SMTP_PASSWORD, or smtp\.passwordFile/,
    );
    assert.equal(
      tend(db, ['config', 'set', 'smtp.passwordFile', path.join(dir, 'none')], { now: NOW }).code,
      0,
    );
    const noFile = tend(db, ['digest', 'send'], { now: NOW, env: { TEND_SMTP_PASSWORD: '' } });
    assert.equal(noFile.code, 2);
    assert.match(noFile.stderr, /smtp\.passwordFile cannot be read \(ENOENT\)/);
    assert.equal(mails().length, 0);

    const config = tend(db, ['config', 'get', '--json'], {
      now: NOW,
      env: { TEND_SMTP_PASSWORD: 's3cret-pw' },
    });
    assert.equal(config.code, 0);
    assert.ok(!config.stdout.includes('s3cret-pw'));
    assert.match(config.stdout, /"smtp\.passwordEnv"/);
    const bad = tend(db, ['config', 'set', 'smtp.security', 'ssl'], { now: NOW });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /smtp\.security: must be starttls, tls or none/);
  });

  test('tend serve sends the day’s digest from digest.hour, once a day, even across a restart', async () => {
    clear();
    const db = database();
    for (const [k, v] of [
      ['digest.daily', 'true'],
      ['digest.hour', '8'],
    ] as const)
      assert.equal(tend(db, ['config', 'set', k, v], { now: NOW }).code, 0);
    const serve = async (): Promise<string> => {
      const child = spawn(process.execPath, [tendBin, 'serve', '--port', '0'], {
        env: { ...process.env, TEND_DB: db, TEND_NOW: NOW, TZ: 'UTC', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const until = Date.now() + 30_000;
      while (!/digest for 2026-11-26/.test(stderr) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      return stderr;
    };
    const first = await serve();
    assert.match(first, /digest for 2026-11-26 sent to me@example\.org/);
    assert.equal(mails().length, 1);
    assert.match(
      mails()[0]?.text ?? '',
      /Open Tend to see it again and mark what you have done: http:\/\/127\.0\.0\.1:\d+/,
    );
    const second = await serve();
    assert.doesNotMatch(second, /digest for/);
    assert.equal(mails().length, 1, 'not sent twice on the same day');
  });
});
