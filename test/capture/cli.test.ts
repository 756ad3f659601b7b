import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/program.js';
import { openStore } from '../../src/storage/db.js';
import { sqliteBackend } from '../helpers/db.js';
import { snapshot } from '../helpers/snapshot.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (p: string): string => path.join(root, 'test/fixtures/capture', p);

/** Runs `tend` in this process, as the binary would, with a pinned clock. */
async function tend(
  db: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await run(args, {
    stdout: out,
    stderr: err,
    env: { ...process.env, TEND_DB: db, NO_COLOR: '1', TZ: 'UTC', ...extraEnv },
    clock: () => new Date('2026-11-26T09:00:00Z'),
  });
  return { code, stdout, stderr };
}

describe('capture on the command line', () => {
  const db = sqliteBackend.fresh();

  test('tend me email: add, list, --json; a bad address is exit 2, named, nothing written', async () => {
    const bad = await tend(db, ['me', 'email', 'maya@example.com', 'not-an-address', '--json']);
    assert.equal(bad.code, 2);
    const e = JSON.parse(bad.stdout) as { error: { code: string; message: string } };
    assert.equal(e.error.code, 'invalid_input');
    assert.match(e.error.message, /"not-an-address" is not an email address/);
    const list = await tend(db, ['me', 'email', '--json']);
    assert.deepEqual((JSON.parse(list.stdout) as { emails: string[] }).emails, []);

    const init = await tend(db, ['init', '--email', 'Maya@Example.com', '--json']);
    assert.equal(init.code, 0, init.stderr);
    const add = await tend(db, ['me', 'email', 'maya.schulz@work.example']);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /Your addresses\n\s+maya\.schulz@work\.example\n\s+maya@example\.com/);
    const removed = await tend(db, ['me', 'email', '--remove', 'maya.schulz@work.example', '--json']);
    assert.deepEqual((JSON.parse(removed.stdout) as { emails: string[] }).emails, ['maya@example.com']);
  });

  test('tend import calendar: --dry-run previews, the run can be listed and undone', async () => {
    assert.equal((await tend(db, ['add', 'Jonas Weber', '--email', 'jonas@example.org'])).code, 0);
    assert.equal((await tend(db, ['add', 'Lars Nilsson', '--email', 'lars@example.com'])).code, 0);
    const dry = await tend(db, ['import', 'calendar', fixture('google-calendar.ics'), '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /Dry run, nothing written\./);
    assert.match(dry.stdout, /5 interactions would be added/);
    const real = await tend(db, ['import', 'calendar', fixture('google-calendar.ics'), '--json']);
    assert.equal(real.code, 0, real.stderr);
    const s = JSON.parse(real.stdout) as { created: number; run: number; newStrangers: number };
    assert.equal(s.created, 5);
    assert.equal(s.newStrangers, 2, 'Priya and Sofia are not in Tend');
    const again = await tend(db, ['import', 'calendar', fixture('google-calendar.ics')]);
    assert.match(again.stdout, /Nothing changed: 5 meetings already captured/);

    const review = await tend(db, ['capture', 'review']);
    assert.match(review.stdout, /Priya Raman\s+priya@example\.net\s+1×\s+last 2026-11-12/);
    assert.match(review.stdout, /Sofia Rossi\s+sofia@startup\.example\s+1×\s+last 2026-11-24/);
    assert.equal((await tend(db, ['capture', 'ignore', 'sofia@startup.example'])).code, 0);
    const added = await tend(db, ['capture', 'add', 'priya@example.net', '--network']);
    assert.match(added.stdout, /Added Priya Raman to your network, with 1 meeting\./);
    assert.match((await tend(db, ['capture', 'review'])).stdout, /No one is waiting/);

    const list = await tend(db, ['sync', 'list']);
    assert.match(
      list.stdout,
      new RegExp(`${s.run}\\s+calendar\\s+2026-11-26 09:00\\s+\\+5 ~0 -0\\s+.*google-calendar\\.ics`),
    );
    const undo = await tend(db, ['sync', 'undo', String(s.run), '--json']);
    assert.equal(undo.code, 0, undo.stdout);
    assert.equal((JSON.parse(undo.stdout) as { reverted: number }).reverted, 5);
    const twice = await tend(db, ['sync', 'undo', String(s.run)]);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /already undone/);
    assert.equal((await tend(db, ['sync', 'undo', '4242'])).code, 2);
  });

  test('a broken calendar: exit 2 and the line, on stderr or as a JSON error', async () => {
    const r = await tend(db, ['import', 'calendar', fixture('cut-in-timezone.ics')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cut-in-timezone\.ics, line 14: BEGIN:DAYLIGHT is never ended/);
    const j = await tend(db, ['import', 'calendar', fixture('contacts-not-calendar.ics'), '--json']);
    assert.equal(j.code, 2);
    assert.equal((JSON.parse(j.stdout) as { error: { code: string } }).error.code, 'import_wrong_format');
  });

  test('a calendar cut short in an event: the events before it counted, the cut one named by its line', async () => {
    const r = await tend(db, ['import', 'calendar', fixture('unterminated-vevent.ics'), '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 events/);
    assert.match(
      r.stdout,
      /line 12: BEGIN:VEVENT is never ended \(the file stops at line 18; is it cut short\?\); the event was left out/,
    );
  });

  test('--strict refuses a calendar or a mailbox with an event or message it cannot read: exit 2, the lines, nothing written', async () => {
    const store = await openStore(db);
    try {
      const before = await snapshot(store.db);
      for (const [kind, file, line] of [
        ['calendar', 'unterminated-vevent.ics', /line 12: BEGIN:VEVENT is never ended/],
        ['mail', 'truncated.mbox', /line \d+: message \d+: .*left out/],
      ] as const) {
        const r = await tend(db, ['import', kind, fixture(file), '--strict']);
        assert.equal(r.code, 2, r.stdout);
        assert.match(r.stderr, /could not be read; with --strict nothing was imported/);
        assert.match(r.stderr, line);
        const j = await tend(db, ['import', kind, fixture(file), '--strict', '--json']);
        assert.equal(j.code, 2);
        assert.equal((JSON.parse(j.stdout) as { error: { code: string } }).error.code, 'import_rejected');
        assert.equal(await snapshot(store.db), before, `${file}: nothing written`);
        // Without --strict the readable ones are kept, the others named.
        assert.equal((await tend(db, ['import', kind, fixture(file), '--dry-run'])).code, 0);
      }
      // An event read but unusable (no DTSTART) is refused too; a path holding the option's word stays as typed.
      const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tend-capture-cli-')), 'strict');
      fs.mkdirSync(dir);
      const noStart = path.join(dir, 'no-start.ics');
      fs.writeFileSync(
        noStart,
        [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'PRODID:x',
          'BEGIN:VEVENT',
          'UID:good@example.com',
          'DTSTART:20261102T090000Z',
          'DTEND:20261102T100000Z',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:no-start@example.com',
          'SUMMARY:no start',
          'END:VEVENT',
          'END:VCALENDAR',
          '',
        ].join('\r\n'),
      );
      const unusable = await tend(db, ['import', 'calendar', noStart, '--strict']);
      assert.equal(unusable.code, 2, unusable.stdout);
      assert.ok(
        unusable.stderr.startsWith(`tend: ${noStart}: 1 event could not be read; with --strict`),
        unusable.stderr,
      );
      assert.match(unusable.stderr, /line 9: an event without DTSTART was left out/);
      assert.equal(await snapshot(store.db), before, 'no-start.ics: nothing written');
      // A file whose every record reads is imported as usual.
      const fine = await tend(db, [
        'import',
        'calendar',
        fixture('outlook-calendar.ics'),
        '--strict',
        '--dry-run',
      ]);
      assert.equal(fine.code, 0, fine.stderr);
    } finally {
      await store.close();
    }
  });

  test('a calendar with no events is imported with a warning; a UTF-16 mailbox is refused, named as such', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-capture-cli-'));
    const empty = path.join(dir, 'empty.ics');
    fs.writeFileSync(
      empty,
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nEND:VCALENDAR\r\n',
    );
    const r = await tend(db, ['import', 'calendar', empty, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const w = (JSON.parse(r.stdout) as { warnings: { code: string; message: string }[] }).warnings;
    assert.match(w.find((x) => x.code === 'no_events')?.message ?? '', /a calendar with no events in it/);
    const mbox = path.join(dir, 'inbox.mbox');
    const text =
      'From 1@xxx Mon Jan 01 00:00:00 +0000 2026\nFrom: a@example.org\nTo: maya@example.com\n\nhi\n';
    fs.writeFileSync(mbox, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const m = await tend(db, ['import', 'mail', mbox]);
    assert.equal(m.code, 2);
    assert.match(m.stderr, /inbox\.mbox: this file is UTF-16 text, which an mbox mailbox never is/);
  });

  test('tend import calendar shows its progress (TEND_PROGRESS=1 off a terminal: plain lines)', async () => {
    const quiet = await tend(db, ['import', 'calendar', fixture('outlook-calendar.ics'), '--dry-run']);
    assert.equal(quiet.stderr, '');
    const r = await tend(db, ['import', 'calendar', fixture('outlook-calendar.ics'), '--dry-run'], {
      TEND_PROGRESS: '1',
    });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.match(lines[0] ?? '', /^capturing meetings \(occurrences\) 0\/(\d+)$/);
    const total = /\/(\d+)$/.exec(lines[0] ?? '')?.[1];
    assert.equal(lines.at(-1), `capturing meetings (occurrences) ${total ?? ''}/${total ?? ''}`);
  });
});
