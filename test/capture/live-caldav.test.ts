import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sqliteBackend } from '../helpers/db.js';
import {
  deleteEvent,
  hasRadicale,
  makeCalendar,
  putEvent,
  startRadicale,
  type Radicale,
} from '../helpers/radicale.js';
import { tendIn } from '../helpers/tend-inproc.js';

/**
 * A live CalDAV source against a real Radicale (Debian's package) started by the test: add, run,
 * an event changed on the server (updated, not duplicated), deleted (its interaction goes), a
 * wrong password, a server that is down, a dry run, undo.
 */

const skip = !hasRadicale && !process.env.CI ? 'radicale missing: apt-get install radicale' : false;

function event(
  uid: string,
  o: { start: string; end: string; summary: string; location?: string; seq?: number; rrule?: string },
): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tend tests//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20261101T000000Z',
    `DTSTART:${o.start}`,
    `DTEND:${o.end}`,
    `SUMMARY:${o.summary}`,
    ...(o.location !== undefined ? [`LOCATION:${o.location}`] : []),
    ...(o.rrule !== undefined ? [`RRULE:${o.rrule}`] : []),
    `SEQUENCE:${o.seq ?? 0}`,
    'ORGANIZER;CN=Maya:mailto:maya@example.com',
    'ATTENDEE;CN=Maya;PARTSTAT=ACCEPTED:mailto:maya@example.com',
    'ATTENDEE;CN=Jonas Weber;PARTSTAT=ACCEPTED:mailto:jonas@example.org',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

describe('a live CalDAV source (Radicale)', { skip }, () => {
  let dav: Radicale;
  let cal: string;
  const db = sqliteBackend.fresh();
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-key-'));
  const env = { TEND_SECRET_KEY_FILE: path.join(keyDir, 'secret.key') };
  const t = (args: string[], o: { input?: string; now?: string } = {}) => tendIn(db, args, { ...o, env });
  const jonas = async (): Promise<string[]> => {
    const r = await t(['show', 'Jonas Weber', '--json']);
    const timeline = (r.json() as { timeline: { date: string; channel: string; source?: string }[] })
      .timeline;
    return timeline.filter((i) => i.source === 'calendar').map((i) => `${i.date} ${i.channel}`);
  };
  const runs = async (): Promise<number> =>
    ((await t(['sync', 'list', '--json'])).json() as { runs: unknown[] }).runs.length;

  before(async () => {
    dav = await startRadicale();
    cal = await makeCalendar(dav, 'work', 'Work');
    assert.equal((await t(['init', '--email', 'maya@example.com'])).code, 0);
    assert.equal((await t(['add', 'Jonas Weber', '--email', 'jonas@example.org'])).code, 0);
    await putEvent(
      dav,
      cal,
      'coffee.ics',
      event('coffee-1@test', {
        start: '20261110T090000Z',
        end: '20261110T100000Z',
        summary: 'Coffee',
        location: 'Café Kranzler, Berlin',
      }),
    );
    await putEvent(
      dav,
      cal,
      'call.ics',
      event('call-1@test', {
        start: '20261112T150000Z',
        end: '20261112T153000Z',
        summary: 'Call',
        location: 'https://meet.google.com/abc-defg-hij',
      }),
    );
  });
  after(async () => {
    await dav.stop();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  test('add: the password from stdin, stored encrypted (a 0600 key file), never shown', async () => {
    const bad = await t(
      ['sync', 'add', 'caldav', 'http://dav.example.com/', '--user', 'maya', '--password-stdin', '--json'],
      { input: 'x' },
    );
    assert.equal(bad.code, 2, 'plain http to another machine is refused');
    assert.match(bad.stdout, /http:\/\/ sends the password in clear/);
    const none = await t(['sync', 'add', 'caldav', dav.url, '--user', dav.user, '--name', 'work']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give the password with --password-stdin/);

    const r = await t(
      ['sync', 'add', 'caldav', dav.url, '--user', dav.user, '--password-stdin', '--name', 'work', '--json'],
      {
        input: `${dav.password}\n`,
      },
    );
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(fs.statSync(env.TEND_SECRET_KEY_FILE).mode & 0o777, 0o600);
    const list = await t(['sync', 'list']);
    assert.match(list.stdout, /work\s+caldav\s+http:\/\/127\.0\.0\.1:\d+\/\s+maya/);
    const json = await t(['sync', 'list', '--json']);
    assert.ok(
      !json.stdout.includes(dav.password) && !list.stdout.includes(dav.password),
      'the password is never printed',
    );
    const raw = fs.readFileSync(db);
    assert.ok(!raw.includes(Buffer.from(dav.password)), 'the password is not in the database file');
    const twice = await t([
      'sync',
      'add',
      'caldav',
      dav.url,
      '--user',
      dav.user,
      '--password-env',
      'NOPE_UNSET',
      '--name',
      'work',
    ]);
    assert.equal(twice.code, 2);
  });

  test('dry run writes nothing; a run captures; a second run changes nothing', async () => {
    const dry = await tendIn(db, ['sync', 'run', 'work', '--dry-run', '--json'], {
      env: { ...env, TEND_PROGRESS: '1' },
    });
    assert.equal(dry.code, 0, dry.stderr + dry.stdout);
    assert.match(dry.stderr, /work: calendar events 0\/2/, 'progress on stderr, never in the JSON');
    const d = dry.json() as { created: number; dryRun: boolean };
    assert.equal(d.created, 2);
    assert.deepEqual(await jonas(), []);
    assert.equal(await runs(), 0);

    const r = await t(['sync', 'run', 'work', '--json']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const s = r.json() as { created: number; run: number; fetched: number };
    assert.equal(s.created, 2);
    assert.equal(s.fetched, 2);
    assert.deepEqual(await jonas(), ['2026-11-12 call', '2026-11-10 in_person']);

    const again = await t(['sync', 'run', 'work', '--json']);
    const a = again.json() as { changedNothing: boolean; fetched: number; incremental: boolean };
    assert.equal(a.changedNothing, true);
    assert.equal(a.fetched, 0, 'nothing changed on the server: nothing fetched');
    assert.equal(a.incremental, true, 'Radicale supports sync-collection: the sync token is used');
    assert.equal(await runs(), 1, 'a run that changed nothing is not kept');
  });

  test('an event changed on the server: its interaction is updated, not duplicated', async () => {
    await putEvent(
      dav,
      cal,
      'coffee.ics',
      event('coffee-1@test', {
        start: '20261111T090000Z',
        end: '20261111T100000Z',
        summary: 'Coffee (moved)',
        location: 'https://zoom.us/j/123',
        seq: 1,
      }),
    );
    const r = await t(['sync', 'run', 'work', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const s = r.json() as { created: number; updated: number; fetched: number };
    assert.deepEqual([s.created, s.updated, s.fetched], [0, 1, 1]);
    assert.deepEqual(await jonas(), ['2026-11-12 call', '2026-11-11 call']);
  });

  test('an event deleted on the server: its interaction goes; undo brings it back and rewinds', async () => {
    await deleteEvent(dav, `${cal}call.ics`);
    const r = await t(['sync', 'run', 'work', '--json']);
    const s = r.json() as { removed: number; run: number };
    assert.equal(s.removed, 1);
    assert.deepEqual(await jonas(), ['2026-11-11 call']);

    const undo = await t(['sync', 'undo', String(s.run), '--json']);
    assert.equal(undo.code, 0, undo.stderr);
    assert.deepEqual(await jonas(), ['2026-11-12 call', '2026-11-11 call']);
    // The source was rewound: its next run sees the deletion again.
    const redo = await t(['sync', 'run', 'work', '--json']);
    assert.equal((redo.json() as { removed: number }).removed, 1);
    assert.deepEqual(await jonas(), ['2026-11-11 call']);
  });

  test('a recurring event: each past occurrence counts, new ones as time passes', async () => {
    await putEvent(
      dav,
      cal,
      'weekly.ics',
      event('weekly-1@test', {
        start: '20261105T080000Z',
        end: '20261105T083000Z',
        summary: '1:1',
        location: 'https://meet.google.com/x',
        rrule: 'FREQ=WEEKLY;COUNT=6',
      }),
    );
    const r = await t(['sync', 'run', 'work', '--json']);
    assert.equal(
      (r.json() as { created: number }).created,
      4,
      '5, 12, 19 and 26 November (08:30) have ended by 09:00',
    );
    const later = await t(['sync', 'run', 'work', '--json'], { now: '2026-12-04T09:00:00Z' });
    assert.equal((later.json() as { created: number }).created, 1, 'the 3rd of December has ended since');
  });

  test('a wrong password: a clear error naming the source, exit 5, nothing written', async () => {
    assert.equal(
      (
        await t(
          ['sync', 'add', 'caldav', dav.url, '--user', dav.user, '--password-stdin', '--name', 'wrong'],
          { input: 'not-it' },
        )
      ).code,
      0,
    );
    await putEvent(
      dav,
      cal,
      'lunch.ics',
      event('lunch-1@test', {
        start: '20261118T120000Z',
        end: '20261118T130000Z',
        summary: 'Lunch',
        location: 'Borchardt',
      }),
    );
    const before = await jonas();
    const n = await runs();
    const r = await t(['sync', 'run', 'wrong']);
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /source "wrong": the CalDAV server 127\.0\.0\.1:\d+ refused the login of maya/);
    assert.ok(!r.stderr.includes('not-it'));
    const j = await t(['sync', 'run', 'wrong', '--json']);
    assert.equal((j.json() as { error: { code: string } }).error.code, 'source_auth_failed');
    assert.deepEqual(await jonas(), before);
    assert.equal(await runs(), n);
    assert.equal((await t(['sync', 'remove', 'wrong'])).code, 0);
  });

  test('a source that is not there: unknown source exit 2; a key file that is not the one: exit 5', async () => {
    const r = await t(['sync', 'run', 'nope']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no source named "nope"/);
    const other = path.join(keyDir, 'other.key');
    fs.writeFileSync(other, `${Buffer.alloc(32, 7).toString('base64')}\n`, { mode: 0o600 });
    const k = await tendIn(db, ['sync', 'run', 'work'], { env: { TEND_SECRET_KEY_FILE: other } });
    assert.equal(k.code, 5);
    assert.match(k.stderr, /password of source "work" cannot be decrypted/);
  });

  test('the server down: a clear error, exit 4, nothing written', async () => {
    await dav.stop();
    const n = await runs();
    const r = await t(['sync', 'run', 'work']);
    assert.equal(r.code, 4, r.stderr);
    assert.match(
      r.stderr,
      /source "work": cannot reach the CalDAV server http:\/\/127\.0\.0\.1:\d+\/ \(ECONNREFUSED\)/,
    );
    assert.equal(await runs(), n);
    const rm = await t(['sync', 'remove', 'work', '--json']);
    assert.equal(rm.code, 0);
    assert.deepEqual((await t(['sync', 'list', '--json'])).json().sources, []);
  });
});
