import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exportJson } from '../../src/app/backup.js';
import { importMail } from '../../src/app/capture-mail.js';
import { changeMyEmails, listRuns, reviewStrangers, undoRun } from '../../src/app/capture-runs.js';
import type { AppContext } from '../../src/app/context.js';
import { addPerson } from '../../src/app/people.js';
import { parse, personInput } from '../../src/app/validate.js';
import { judgeMessage } from '../../src/core/capture-mail.js';
import { defaultSettings } from '../../src/core/settings.js';
import { DomainError } from '../../src/core/errors.js';
import {
  dayAsWritten,
  decodeWords,
  parseAddressList,
  parseMailDate,
} from '../../src/formats/mbox/headers.js';
import { interactionsOf } from '../../src/storage/repos/interactions.js';
import { backends, freshApp } from '../helpers/db.js';
import { describe as unit, it } from '../core/harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (p: string): string => path.join(root, 'test/fixtures/capture', p);
const dump = async (ctx: AppContext): Promise<string> => (await exportJson(ctx)).content;

async function rejects(p: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (message) assert.match(e.message, message);
    return;
  }
  assert.fail(`expected ${code}`);
}

async function messages(ctx: AppContext, id: number): Promise<string[]> {
  return (await interactionsOf(ctx.db, [id]))
    .filter((i) => i.source === 'mail')
    .map((i) => `${i.date} ${i.channel} ${i.nature}`)
    .reverse();
}

for (const backend of backends) {
  describe(`mail capture on ${backend.name}`, () => {
    let ctx: AppContext;
    const ids: Record<string, number> = {};
    before(async () => {
      ctx = await freshApp(backend);
      for (const [name, email] of [
        ['Jonas Weber', 'jonas@example.org'],
        ['Priya Raman', 'priya@example.net'],
        ['Lars Nilsson', 'lars@example.com'],
        ['Anna Müller', 'anna@example.de'],
      ] as const)
        ids[name.split(' ')[0] ?? name] = (
          await addPerson(ctx, parse(personInput, { name, emails: [email] }))
        ).person.id;
      await changeMyEmails(ctx, { add: ['maya@example.com', 'maya.schulz@work.example'] });
    });
    after(async () => {
      await ctx.store.close();
    });

    test('a Gmail Takeout mailbox: personal threads once per person per day; bulk and automatic mail not', async () => {
      const dry = await importMail(ctx, { file: fixture('gmail-takeout.mbox'), dryRun: true });
      assert.equal(dry.created, 4);
      assert.deepEqual(await messages(ctx, ids.Jonas ?? 0), []);
      const s = await importMail(ctx, { file: fixture('gmail-takeout.mbox') });
      assert.equal(s.messages, 10);
      assert.equal(s.personal, 6);
      assert.equal(s.created, 4);
      assert.deepEqual(s.skipped, {
        bulk: 1,
        automatic: 1,
        no_reply: 1,
        too_many_recipients: 1,
        not_to_me: 0,
        no_sender: 0,
        no_date: 0,
      });
      // Jonas wrote, Maya answered the same day (one), and again the next day (another).
      assert.deepEqual(await messages(ctx, ids.Jonas ?? 0), [
        '2026-11-10 message touch',
        '2026-11-11 message touch',
      ]);
      assert.deepEqual(await messages(ctx, ids.Priya ?? 0), ['2026-11-16 message touch']);
      // Lars was only copied on Priya's message: he wrote nothing to Maya then.
      assert.deepEqual(await messages(ctx, ids.Lars ?? 0), ['2026-11-20 message touch']);
      assert.deepEqual(
        await messages(ctx, ids.Anna ?? 0),
        [],
        'an out-of-office reply is not a conversation',
      );
      assert.deepEqual(
        (await reviewStrangers(ctx)).map((p) => [p.email, p.name, p.count]),
        [['sofia@startup.example', 'Sofia Rossi', 1]],
      );
    });

    test('reading the same mailbox again changes nothing', async () => {
      const before = await dump(ctx);
      const s = await importMail(ctx, { file: fixture('gmail-takeout.mbox') });
      assert.equal(s.changedNothing, true);
      assert.equal(s.unchanged, 4);
      assert.equal(await dump(ctx), before);
    });

    test('someone not in Tend, in two threads, is one new person to review; seen again later, none new but the sighting kept', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-strangers-'));
      const message = (id: string, day: string, subject: string): string =>
        [
          `From 1${id}@xxx Mon Jan 01 00:00:00 +0000 2026`,
          `Message-ID: <${id}@elsewhere.example>`,
          `Date: ${day} 10:00:00 +0100`,
          'From: Kenji Sato <kenji@elsewhere.example>',
          'To: Maya <maya@example.com>',
          `Subject: ${subject}`,
          '',
          'body',
          '',
        ].join('\n');
      const first = path.join(dir, 'first.mbox');
      fs.writeFileSync(
        first,
        message('k1', 'Tue, 3 Nov 2026', 'intro') + message('k2', 'Wed, 4 Nov 2026', 'hiring'),
      );
      const a = await importMail(ctx, { file: first });
      assert.equal(a.newStrangers, 1, 'two threads, one person');
      const later = path.join(dir, 'later.mbox');
      fs.writeFileSync(later, message('k3', 'Thu, 5 Nov 2026', 'follow-up'));
      const b = await importMail(ctx, { file: later });
      assert.equal(b.newStrangers, 0);
      assert.equal(b.changedNothing, false, 'the new sighting is kept');
      assert.equal((await reviewStrangers(ctx)).find((p) => p.email === 'kenji@elsewhere.example')?.count, 3);
      for (const r of (await listRuns(ctx)).slice(0, 2)) await undoRun(ctx, r.id);
    });

    test('a Thunderbird mailbox (CRLF, raw UTF-8 names, a mailing list): the thread with Anna', async () => {
      const s = await importMail(ctx, { file: fixture('thunderbird-inbox.mbox') });
      assert.equal(s.created, 2);
      assert.equal(s.skipped.bulk, 1);
      assert.deepEqual(await messages(ctx, ids.Anna ?? 0), [
        '2026-11-18 message touch',
        '2026-11-19 message touch',
      ]);
      const [run] = await listRuns(ctx);
      assert.ok(run);
      await undoRun(ctx, run.id);
      assert.deepEqual(await messages(ctx, ids.Anna ?? 0), []);
    });

    test('a truncated mailbox keeps every message before the damage and names its line', async () => {
      const s = await importMail(ctx, { file: fixture('truncated.mbox'), dryRun: true });
      assert.equal(s.messages, 3);
      assert.equal(s.problems.length, 1);
      assert.match(s.problems[0]?.message ?? '', /message 3: the file ends inside its headers/);
      assert.equal(s.problems[0]?.line, 41);
    });

    test('not a mailbox, empty or binary: exit-2 errors naming the line, nothing written', async () => {
      const before = await dump(ctx);
      await rejects(
        importMail(ctx, { file: fixture('not-a-mailbox.mbox') }),
        'import_wrong_format',
        /line 1: not an mbox/,
      );
      await rejects(importMail(ctx, { file: fixture('empty.ics') }), 'import_wrong_format', /empty/);
      await rejects(importMail(ctx, { file: fixture('binary.ics') }), 'import_wrong_format', /PNG/);
      await rejects(importMail(ctx, { file: fixture('nowhere.mbox') }), 'invalid_input', /cannot read/);
      assert.equal(await dump(ctx), before);
    });
  });
}

unit('mail headers and the personal-mail rule', () => {
  it('RFC 2047 encoded words and address lists with quoted names, comments and groups', () => {
    assert.equal(decodeWords('=?UTF-8?Q?Ana_Mu=C3=B1oz?='), 'Ana Muñoz');
    assert.equal(decodeWords('=?ISO-8859-1?Q?J=FCrgen?= =?ISO-8859-1?Q?_Wei=DF?='), 'Jürgen Weiß');
    assert.equal(decodeWords('=?UTF-8?B?TGFycyBOaWxzc29u?='), 'Lars Nilsson');
    assert.deepEqual(
      parseAddressList(
        '"Weber, Jonas" <Jonas@Example.org>, lars@example.com (Lars N), team: a@x.io, b@x.io;',
      ),
      [
        { email: 'jonas@example.org', name: 'Weber, Jonas' },
        { email: 'lars@example.com', name: 'Lars N' },
        { email: 'a@x.io' },
        { email: 'b@x.io' },
      ],
    );
  });

  it('Date headers with comments, two-digit years and zone abbreviations mailers write', () => {
    const iso = (s: string) => new Date(parseMailDate(s) ?? 0).toISOString();
    assert.equal(
      iso('Mon, 16 Nov 2026 16:00:00 +0100 (Central European Standard Time)'),
      '2026-11-16T15:00:00.000Z',
    );
    assert.equal(iso('Wed, 18 Nov 2026 17:30:10 CET'), '2026-11-18T16:30:10.000Z');
    assert.equal(iso('Tue, 10 Nov 26 10:12:40 +0100'), '2026-11-10T09:12:40.000Z');
    assert.equal(parseMailDate('next tuesday'), undefined);
    // A message written late in California is that day, not the next (UTC) one.
    const late = 'Tue, 10 Nov 2026 23:30:00 -0800 (PST)';
    assert.equal(dayAsWritten(late, parseMailDate(late) ?? 0), '2026-11-10');
    assert.equal(dayAsWritten('Tue, 10 Nov 2026 23:30:00 GMT', 0), undefined);
  });

  it('personal: to me directly, or from me to at most capture.maxRecipients people', () => {
    const me = new Set(['me@example.com']);
    const to = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `p${i}@example.com` }));
    assert.deepEqual(
      judgeMessage({ from: { email: 'me@example.com' }, to: to(5), cc: [] }, me, defaultSettings),
      {
        personal: true,
        sentByMe: true,
        with: to(5),
      },
    );
    assert.deepEqual(
      judgeMessage({ from: { email: 'me@example.com' }, to: to(6), cc: [] }, me, defaultSettings),
      {
        personal: false,
        reason: 'too_many_recipients',
      },
    );
    const jonas = { email: 'jonas@example.org' };
    assert.equal(
      judgeMessage({ from: jonas, to: [{ email: 'me@example.com' }], cc: [] }, me, defaultSettings).personal,
      true,
    );
    assert.deepEqual(
      judgeMessage({ from: jonas, to: [{ email: 'team@example.org' }], cc: [] }, me, defaultSettings),
      {
        personal: false,
        reason: 'not_to_me',
      },
    );
    const bulk = { from: jonas, to: [{ email: 'me@example.com' }], cc: [] };
    assert.equal(judgeMessage({ ...bulk, precedence: 'junk' }, me, defaultSettings).personal, false);
    assert.equal(
      judgeMessage({ ...bulk, autoSubmitted: 'auto-generated' }, me, defaultSettings).personal,
      false,
    );
    assert.equal(judgeMessage({ ...bulk, autoSubmitted: 'no' }, me, defaultSettings).personal, true);
    for (const robot of [
      'noreply+x@github.com',
      'drive-shares-dm-noreply@google.com',
      'calendar-notification@google.com',
      'billing.do-not-reply@bank.example',
      'bounces+8812-ab@mailer.example',
      'MAILER-DAEMON@mx.example',
    ])
      assert.equal(
        judgeMessage({ ...bulk, from: { email: robot } }, me, defaultSettings).personal,
        false,
        robot,
      );
    for (const person of [
      'noah.replyman@example.org',
      'ernotify@example.org',
      'jonas.notifier@example.org',
      'newsletter.editor@paper.example',
      'alice+newsletter@gmail.com',
      'jo.bounce@example.org',
    ])
      assert.equal(
        judgeMessage({ ...bulk, from: { email: person } }, me, defaultSettings).personal,
        true,
        person,
      );
  });
});

describe('one message read from two places is one conversation', () => {
  const takeout = fs.readFileSync(fixture('gmail-takeout.mbox'), 'utf8');
  // The Takeout file's first message (Jonas, 10 November), as Thunderbird keeps it: no Gmail headers.
  const firstMessage = takeout.split(/\n(?=From \S+ )/)[0] ?? '';
  const asThunderbird = firstMessage
    .replace(/^From \S+ .*$/m, 'From - Tue Nov 10 10:12:40 2026')
    .replace(/^X-G(M-THRID|mail-Labels): .*\n/gm, '');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-two-places-'));
  const write = (name: string, text: string): string => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  let ctx: AppContext;
  let jonas = 0;
  before(async () => {
    ctx = await freshApp(backends[0] ?? assert.fail('a backend'));
    jonas = (await addPerson(ctx, parse(personInput, { name: 'Jonas Weber', emails: ['jonas@example.org'] })))
      .person.id;
    await changeMyEmails(ctx, { add: ['maya@example.com'] });
  });
  after(async () => {
    await ctx.store.close();
  });

  test('a Takeout mailbox, then the same message from Thunderbird: nothing added', async () => {
    assert.match(asThunderbird, /^Message-ID: <CAF7xq2Lp0abc123DEF456ghi789@mail\.gmail\.com>$/m);
    assert.doesNotMatch(asThunderbird, /X-GM-THRID/);
    await importMail(ctx, { file: fixture('gmail-takeout.mbox') });
    const before = await messages(ctx, jonas);
    assert.deepEqual(before, ['2026-11-10 message touch', '2026-11-11 message touch']);
    const s = await importMail(ctx, { file: write('thunderbird.mbox', asThunderbird) });
    assert.equal(s.created, 0);
    assert.equal(s.unchanged, 1);
    assert.deepEqual(await messages(ctx, jonas), before);
    for (const r of await listRuns(ctx)) if (!r.undoneAt) await undoRun(ctx, r.id);
  });

  test("a capture keyed by Gmail's thread alone stands for the message when it is read again with its Message-ID", async () => {
    const bare = firstMessage.replace(/^Message-ID: .*\n/m, '');
    assert.match(bare, /X-GM-THRID: 1816234567890123456/);
    assert.equal((await importMail(ctx, { file: write('bare.mbox', bare) })).created, 1);
    const again = await importMail(ctx, { file: write('whole.mbox', firstMessage) });
    assert.equal(again.created, 0);
    assert.equal(again.unchanged, 1);
    assert.deepEqual(await messages(ctx, jonas), ['2026-11-10 message touch']);
    // The same for someone not in Tend: their sighting is not kept twice.
    const fromSam = (m: string): string =>
      m
        .replace(/^From: .*$/m, 'From: Sam Stranger <sam@example.org>')
        .replace(/X-GM-THRID: \d+/, 'X-GM-THRID: 42');
    assert.equal((await importMail(ctx, { file: write('sam-bare.mbox', fromSam(bare)) })).newStrangers, 1);
    const sam = await importMail(ctx, { file: write('sam-whole.mbox', fromSam(firstMessage)) });
    assert.equal(sam.changedNothing, true);
    assert.equal((await reviewStrangers(ctx)).find((p) => p.email === 'sam@example.org')?.count, 1);
  });
});
