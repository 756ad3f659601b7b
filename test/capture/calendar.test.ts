import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { exportJson } from '../../src/app/backup.js';
import { importCalendar } from '../../src/app/capture-calendar.js';
import {
  addStranger,
  changeMyEmails,
  ignoreStranger,
  listRuns,
  reviewStrangers,
  undoRun,
} from '../../src/app/capture-runs.js';
import type { AppContext } from '../../src/app/context.js';
import { addPerson } from '../../src/app/people.js';
import { parse, personInput } from '../../src/app/validate.js';
import { DomainError } from '../../src/core/errors.js';
import { mendSplitCharacters } from '../../src/formats/content-lines.js';
import { readCalendar } from '../../src/formats/ics/read.js';
import { interactionsOf } from '../../src/storage/repos/interactions.js';
import { getPerson } from '../../src/storage/repos/people.js';
import { backends, freshApp, sqliteBackend } from '../helpers/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (p: string): string => path.join(root, 'test/fixtures/capture', p);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-capture-'));
const dump = async (ctx: AppContext): Promise<string> => (await exportJson(ctx)).content;

async function rejects(p: Promise<unknown>, code: string, message?: RegExp): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (message) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

/** Maya's network: four people known by email, as DESIGN.md's first week has them. */
async function network(ctx: AppContext): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const [name, email] of [
    ['Jonas Weber', 'Jonas@Example.org'],
    ['Priya Raman', 'priya@example.net'],
    ['Lars Nilsson', 'lars@example.com'],
    ['Anna Müller', 'anna@example.de'],
  ] as const) {
    const { person } = await addPerson(ctx, parse(personInput, { name, emails: [email] }));
    ids[name.split(' ')[0] ?? name] = person.id;
  }
  await changeMyEmails(ctx, { add: ['maya@example.com', 'Maya.Schulz@work.example'] });
  return ids;
}

/** Each person's captured interactions as `date channel`, oldest first. */
async function timeline(ctx: AppContext, id: number): Promise<string[]> {
  return (await interactionsOf(ctx.db, [id]))
    .filter((i) => i.source === 'calendar')
    .map((i) => `${i.date} ${i.channel}`)
    .reverse();
}

for (const backend of backends) {
  describe(`calendar capture on ${backend.name}`, () => {
    let ctx: AppContext;
    let ids: Record<string, number>;
    before(async () => {
      ctx = await freshApp(backend);
      ids = await network(ctx);
    });
    after(async () => {
      await ctx.store.close();
    });

    test('a Google Calendar export: meetings per person, channel and day; the rest not counted', async () => {
      const dry = await importCalendar(ctx, { file: fixture('google-calendar.ics'), dryRun: true });
      assert.equal(dry.created, 6);
      assert.equal(dry.run, undefined);
      assert.deepEqual(await timeline(ctx, ids.Jonas ?? 0), [], 'a dry run writes nothing');

      const s = await importCalendar(ctx, { file: fixture('google-calendar.ics') });
      assert.equal(s.calendar, 'maya@example.com');
      assert.equal(s.events, 10);
      assert.equal(s.created, 6);
      assert.deepEqual(s.skipped, {
        not_ended: 1,
        cancelled: 1,
        declined: 1,
        all_day: 1,
        too_many_attendees: 1,
        no_one_else: 0,
      });
      assert.equal(s.newStrangers, 1);
      assert.ok(s.run !== undefined);
      assert.deepEqual(await timeline(ctx, ids.Jonas ?? 0), ['2026-11-10 in_person']);
      assert.deepEqual(await timeline(ctx, ids.Priya ?? 0), ['2026-11-12 call']);
      // Weekly on Tuesdays: 3 Nov excluded, 10 Nov moved to a dinner on 12 Nov, December not yet.
      assert.deepEqual(await timeline(ctx, ids.Lars ?? 0), [
        '2026-10-27 call',
        '2026-11-12 in_person',
        '2026-11-17 call',
        '2026-11-24 call',
      ]);
      assert.deepEqual(await timeline(ctx, ids.Anna ?? 0), [], 'declined by me, all-day: nothing');
      const lars = await getPerson(ctx.db, ids.Lars ?? 0);
      assert.ok(lars);
      const all = await interactionsOf(ctx.db, [ids.Lars ?? 0]);
      assert.ok(all.every((i) => i.nature === 'touch'));
    });

    test('reading the same file again changes nothing, not even a run', async () => {
      const before = await dump(ctx);
      const s = await importCalendar(ctx, { file: fixture('google-calendar.ics') });
      assert.equal(s.changedNothing, true);
      assert.equal(s.unchanged, 6);
      assert.equal(s.run, undefined);
      assert.equal(await dump(ctx), before);
    });

    test('an Outlook/Exchange export: Windows zones, Teams, a room, a cancelled instance, all-day flag', async () => {
      const s = await importCalendar(ctx, { file: fixture('outlook-calendar.ics') });
      assert.equal(s.created, 6);
      assert.equal(s.skipped.cancelled, 1);
      assert.equal(s.skipped.all_day, 1);
      assert.deepEqual(s.problems, []);
      assert.deepEqual(await timeline(ctx, ids.Jonas ?? 0), ['2026-11-10 in_person', '2026-11-19 call']);
      assert.deepEqual(await timeline(ctx, ids.Anna ?? 0), ['2026-11-17 in_person']);
      assert.deepEqual(await timeline(ctx, ids.Priya ?? 0), [
        '2026-10-05 call',
        '2026-10-19 call',
        '2026-11-12 call',
        '2026-11-16 call',
      ]);
      assert.ok(
        (await timeline(ctx, ids.Lars ?? 0)).includes('2026-11-20 call'),
        'Pacific Standard Time, no VTIMEZONE',
      );
    });

    test('an Apple Calendar export: a mapped place, a FaceTime link, a floating time, a group invitation', async () => {
      const s = await importCalendar(ctx, { file: fixture('apple-calendar.ics') });
      assert.equal(s.calendar, 'Home');
      assert.equal(s.created, 4);
      assert.equal(s.skipped.too_many_attendees, 1, 'inviting a mailing list is a broadcast');
      assert.ok((await timeline(ctx, ids.Anna ?? 0)).includes('2026-11-14 in_person'));
      // 20:00 in New York is the next day in UTC: the day is the one the calendar shows.
      assert.ok((await timeline(ctx, ids.Anna ?? 0)).includes('2026-11-19 in_person'));
      assert.ok((await timeline(ctx, ids.Priya ?? 0)).includes('2026-11-16 call'));
      assert.ok((await timeline(ctx, ids.Lars ?? 0)).includes('2026-11-18 call'));
    });

    test('a changed event updates its interaction; a cancelled one removes it; undo puts it back', async () => {
      const base = fs.readFileSync(fixture('google-calendar.ics'), 'utf8');
      const changed = base
        // The coffee moved a day later, with a higher SEQUENCE.
        .replace('DTSTART;TZID=Europe/Berlin:20261110T093000', 'DTSTART;TZID=Europe/Berlin:20261111T093000')
        .replace('DTEND;TZID=Europe/Berlin:20261110T103000', 'DTEND;TZID=Europe/Berlin:20261111T103000')
        .replace(/(UID:5v1q0m8d3kq2p9l6t4r7b2c1fh@google.com[\s\S]*?)SEQUENCE:0/, '$1SEQUENCE:1')
        // Priya's call was cancelled.
        .replace(/(SUMMARY:Priya \/ Maya)/, '$1')
        .replace(/(UID:2b8k4j1h6g9f3d7s5a0p2o4i6u@google.com[\s\S]*?)STATUS:CONFIRMED/, '$1STATUS:CANCELLED');
      const file = path.join(tmp, `changed-${backend.name}.ics`);
      fs.writeFileSync(file, changed);
      const s = await importCalendar(ctx, { file });
      assert.equal(s.updated, 1);
      assert.equal(s.removed, 1);
      assert.equal(s.created, 0);
      assert.deepEqual(await timeline(ctx, ids.Jonas ?? 0), ['2026-11-11 in_person', '2026-11-19 call']);
      assert.ok(!(await timeline(ctx, ids.Priya ?? 0)).includes('2026-11-12 call'));

      // The older copy of the file does not undo the newer one's change to the coffee.
      await importCalendar(ctx, { file: fixture('google-calendar.ics') });
      assert.deepEqual(await timeline(ctx, ids.Jonas ?? 0), ['2026-11-11 in_person', '2026-11-19 call']);

      const runs = await listRuns(ctx);
      const last = runs[0];
      const changedRun = runs[1];
      assert.ok(last && changedRun);
      // The older file brought Priya's call back: that later run must be undone first.
      await rejects(
        undoRun(ctx, changedRun.id),
        'invalid_transition',
        new RegExp(`undo run ${last.id} first`),
      );
      await undoRun(ctx, last.id);
      await undoRun(ctx, changedRun.id);
      assert.deepEqual(await timeline(ctx, ids.Jonas ?? 0), ['2026-11-10 in_person', '2026-11-19 call']);
      assert.ok((await timeline(ctx, ids.Priya ?? 0)).includes('2026-11-12 call'));
      await rejects(undoRun(ctx, changedRun.id), 'invalid_transition', /already undone/);
      await rejects(undoRun(ctx, 999), 'unknown_run');
    });

    test('undoing a whole file run removes its interactions; reading the file again brings them back', async () => {
      const runs = await listRuns(ctx);
      const google = runs.find(
        (r) => r.source.endsWith('google-calendar.ics') && r.undoneAt === undefined && r.counts.created === 6,
      );
      assert.ok(google);
      const apple = runs.find((r) => r.source.endsWith('apple-calendar.ics'));
      assert.ok(apple);
      const s = await undoRun(ctx, apple.id);
      assert.equal(s.reverted, 4);
      assert.ok(!(await timeline(ctx, ids.Anna ?? 0)).includes('2026-11-14 in_person'));
      // Re-reading it brings them back.
      const again = await importCalendar(ctx, { file: fixture('apple-calendar.ics') });
      assert.equal(again.created, 4);
    });

    test('people met but not known wait in the review list; add one with their meetings, ignore another', async () => {
      const list = await reviewStrangers(ctx);
      assert.deepEqual(
        list.map((p) => [p.email, p.name, p.count, p.last]),
        [['sofia@startup.example', 'Sofia Rossi', 1, '2026-11-24']],
      );
      const added = await addStranger(ctx, 'Sofia@Startup.example', { circle: 'network' });
      assert.equal(added.person.name, 'Sofia Rossi');
      assert.equal(added.person.circle, 'network');
      assert.equal(added.meetings, 1);
      assert.deepEqual(await timeline(ctx, added.person.id), ['2026-11-24 call']);
      assert.deepEqual(await reviewStrangers(ctx), []);
      // Known now: the next read of the file does not add her meeting twice.
      const s = await importCalendar(ctx, { file: fixture('google-calendar.ics') });
      assert.equal(s.created, 0);
      assert.deepEqual(await timeline(ctx, added.person.id), ['2026-11-24 call']);
      await rejects(addStranger(ctx, 'nobody@example.com', { circle: 'pool' }), 'unknown_person');
      await rejects(
        addStranger(ctx, 'not an address', { circle: 'pool' }),
        'invalid_input',
        /not an email address/,
      );
      await ignoreStranger(ctx, 'sofia@startup.example');
    });

    test('an event with an unreadable date is left out and named by its line; the others count', async () => {
      const s = await importCalendar(ctx, { file: fixture('bad-date-value.ics'), dryRun: true });
      assert.equal(s.created, 1);
      assert.deepEqual(s.problems, [
        { line: 13, message: 'DTSTART:2026-11-04 09:00: cannot be read; the event was left out' },
      ]);
    });

    test('damage inside an event: that event left out and named by its line, the events before and after kept', async () => {
      // [file, events in the file, meetings kept (with someone in Tend), problems]
      const cases: [string, number, number, { line: number; message: RegExp }[]][] = [
        [
          'unterminated-vevent.ics',
          2,
          1,
          [
            {
              line: 12,
              message:
                /^BEGIN:VEVENT is never ended \(the file stops at line 18; is it cut short\?\); the event was left out$/,
            },
          ],
        ],
        [
          'garbage-line.ics',
          1,
          0,
          [
            {
              line: 7,
              message:
                /^not an iCalendar content line \(NAME:value\): "this line is not a property"; the event was left out$/,
            },
          ],
        ],
        // The second event's quote is never closed; the first has the same words, correctly quoted.
        [
          'unmatched-quote.ics',
          2,
          1,
          [{ line: 20, message: /^invalid line \(no matching double quote\).*; the event was left out$/ }],
        ],
        // One event's BEGIN:VEVENT is lost, the next one's is misspelt: both left out, named.
        [
          'lost-begin.ics',
          4,
          2,
          [
            { line: 20, message: /^END:VEVENT without a BEGIN:VEVENT; the event was left out$/ },
            {
              line: 21,
              message:
                /^BEGIN:VEVNT is ended by END:VEVENT at line 31 \(a misspelt BEGIN\?\); the event was left out$/,
            },
          ],
        ],
        // Time zones the file defines but that cannot be used: a rule ical.js cannot read, a rule
        // with no offset, a zone with no rules. Each is named; its events are read by the zone's name.
        [
          'broken-timezones.ics',
          4,
          4,
          [
            {
              line: 6,
              message:
                /^time zone "W. Europe Standard Time" cannot be used \(BYMONTH: invalid value "13".*\): the times that name it were read in Europe\/Berlin$/,
            },
            {
              line: 36,
              message:
                /^time zone "Customized Time Zone" cannot be used \(its STANDARD has no TZOFFSETTO offset\): the times that name it were read as local time$/,
            },
            {
              line: 43,
              message:
                /^time zone "Europe\/Lisbon" cannot be used \(it has neither STANDARD nor DAYLIGHT rules\)/,
            },
          ],
        ],
        [
          'damaged-events.ics',
          5,
          2,
          [
            {
              line: 23,
              message: /^END:VEVENT where BEGIN:VALARM of line 20 is not ended; the event was left out$/,
            },
            { line: 28, message: /^invalid frequency "WEEKY".*; the event was left out$/ },
            {
              line: 32,
              message: /^BEGIN:VEVENT is never ended \(another begins at line 37\); the event was left out$/,
            },
          ],
        ],
      ];
      const before = await dump(ctx);
      for (const [file, events, kept, problems] of cases) {
        const s = await importCalendar(ctx, { file: fixture(file), dryRun: true });
        assert.deepEqual(
          s.problems.map((p) => p.line),
          problems.map((p) => p.line),
          `${file}: ${JSON.stringify(s.problems)}`,
        );
        s.problems.forEach((p, i) => {
          assert.match(p.message, problems[i]?.message ?? /^$/, file);
        });
        assert.equal(s.events, events, file);
        assert.equal(s.created, kept, file);
      }
      assert.equal(await dump(ctx), before, 'dry runs write nothing');
      // The meetings on either side of the damage are captured for real, and undone.
      const had = await timeline(ctx, ids.Jonas ?? 0);
      const s = await importCalendar(ctx, { file: fixture('damaged-events.ics') });
      const added = (await timeline(ctx, ids.Jonas ?? 0)).filter((x) => !had.includes(x));
      assert.deepEqual(added, ['2026-11-02 call', '2026-11-06 call']);
      assert.ok(s.run !== undefined);
      await undoRun(ctx, s.run);
      assert.deepEqual(await timeline(ctx, ids.Jonas ?? 0), had);
    });

    test('hostile files: a clear error naming the line, nothing written', async () => {
      const before = await dump(ctx);
      const cases: [string, string, RegExp][] = [
        ['empty.ics', 'import_wrong_format', /empty/],
        ['binary.ics', 'import_wrong_format', /PNG image/],
        ['contacts-not-calendar.ics', 'import_wrong_format', /line 1: not an iCalendar file.*vCard/],
        // Cut short in its time zone: no event's time can be trusted.
        ['cut-in-timezone.ics', 'invalid_input', /line 14: BEGIN:DAYLIGHT is never ended.*cut short/],
      ];
      for (const [file, code, message] of cases) {
        const e = await rejects(importCalendar(ctx, { file: fixture(file) }), code, message);
        assert.match(e.message, /nothing was imported/);
      }
      await rejects(importCalendar(ctx, { file: fixture('missing.ics') }), 'invalid_input', /cannot read/);
      assert.equal(await dump(ctx), before);
    });
  });
}

describe('my email addresses', () => {
  test('added, listed, removed; a bad one names itself and writes nothing', async () => {
    const ctx = await freshApp(sqliteBackend);
    try {
      const r = await changeMyEmails(ctx, { add: [' Maya@Example.com ', 'maya@work.example'] });
      assert.deepEqual(r.emails, ['maya@example.com', 'maya@work.example']);
      assert.deepEqual(r.added, ['maya@example.com', 'maya@work.example']);
      const again = await changeMyEmails(ctx, { add: ['maya@example.com'] });
      assert.deepEqual(again.unchanged, ['maya@example.com']);
      await rejects(
        changeMyEmails(ctx, { add: ['new@example.com', 'maya at example'] }),
        'invalid_input',
        /"maya at example" is not an email address/,
      );
      const removed = await changeMyEmails(ctx, { remove: ['maya@work.example'] });
      assert.deepEqual(removed.emails, ['maya@example.com'], 'new@example.com was not written');
    } finally {
      await ctx.store.close();
    }
  });
});

describe('time zones a calendar defines', () => {
  test('one that cannot be used is set aside: its times are read by its name, the others by their rules', () => {
    const r = readCalendar(
      fs.readFileSync(fixture('broken-timezones.ics')),
      Date.parse('2026-12-01T00:00:00Z'),
    );
    assert.ok(r.ok);
    const at = new Map(r.occurrences.map((o) => [o.uid.slice(-11), new Date(o.start).toISOString()]));
    // W. Europe Standard Time is Europe/Berlin: 10:00 in November is 09:00 UTC.
    assert.equal(at.get('BROKENZONE1'), '2026-11-10T09:00:00.000Z');
    // Eastern Standard Time, defined well: its own rules (09:00 EST).
    assert.equal(at.get('BROKENZONE2'), '2026-11-12T14:00:00.000Z');
    // A custom zone with no usable offset, and a name no one knows: local time, not UTC.
    assert.equal(at.get('BROKENZONE3'), new Date(2026, 10, 13, 15, 0).toISOString());
    assert.equal(at.get('BROKENZONE4'), '2026-11-16T12:30:00.000Z');
    assert.equal(
      r.problems.filter((p) => p.line === 0).length,
      0,
      'a zone set aside is named once, by its line',
    );
  });

  test('a zone with no TZID is ignored and named; one that is fine is never named', () => {
    const ev = [
      'BEGIN:VEVENT',
      'UID:a@example.com',
      'DTSTART;TZID=Europe/Paris:20261110T100000',
      'DTEND;TZID=Europe/Paris:20261110T110000',
      'END:VEVENT',
    ];
    const zone = (tzid: string[]): string[] => [
      'BEGIN:VTIMEZONE',
      ...tzid,
      'BEGIN:STANDARD',
      'DTSTART:19701025T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'END:STANDARD',
      'END:VTIMEZONE',
    ];
    const file = (z: string[]): Buffer =>
      Buffer.from(
        ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', ...z, ...ev, 'END:VCALENDAR', ''].join('\r\n'),
      );
    const without = readCalendar(file(zone([])), Date.parse('2026-12-01T00:00:00Z'));
    assert.ok(without.ok);
    assert.deepEqual(without.problems, [
      { line: 4, message: 'a time zone cannot be used (it has no TZID) and was ignored' },
    ]);
    assert.equal(new Date(without.occurrences[0]?.start ?? 0).toISOString(), '2026-11-10T09:00:00.000Z');
    const fine = readCalendar(file(zone(['TZID:Europe/Paris'])), Date.parse('2026-12-01T00:00:00Z'));
    assert.ok(fine.ok);
    assert.deepEqual(fine.problems, []);
    assert.equal(new Date(fine.occurrences[0]?.start ?? 0).toISOString(), '2026-11-10T09:00:00.000Z');
  });
});

/** Folds a content line every 75 octets as Outlook does, whatever character the cut falls in. */
function foldOctets(line: string, at = 75): Buffer {
  const bytes = Buffer.from(line, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += i === 0 ? at : at - 1)
    parts.push(bytes.subarray(i, i === 0 ? at : i + at - 1));
  return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from('\r\n '), p])));
}

describe('a fold that splits a UTF-8 character (Outlook folds at 75 octets)', () => {
  const names = ['Weiß, Jörg — Österreich Büro Wien Niederlassung', 'Dubois, Chloé', 'Nguyễn, Thảo 🌿'];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
    'BEGIN:VEVENT',
    'UID:040000008200E00074C5B7101A82E0080000000010@example.com',
    'DTSTART:20261102T090000Z',
    'DTEND:20261102T100000Z',
    'SUMMARY;LANGUAGE=de-AT:Gespräch über Förderung — Café Landtmann, Universitätsring 4',
    'ORGANIZER;CN="Weiß, Jörg — Österreich Büro Wien Niederlassung":mailto:joerg.weiss@example.at',
    ...names.map(
      (n, i) => `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE;CN="${n}":mailto:p${i}@example.at`,
    ),
    'END:VEVENT',
    'END:VCALENDAR',
  ];

  test('every character is read whole, and the file stays UTF-8', () => {
    // Shifting the cut by a byte at a time puts it inside each multi-byte character in turn.
    let split = 0;
    for (let at = 50; at <= 75; at++) {
      const file = Buffer.concat(lines.flatMap((l) => [foldOctets(l, at), Buffer.from('\r\n')]));
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(file);
      } catch {
        split++;
      }
      const r = readCalendar(file, Date.parse('2026-12-01T00:00:00Z'));
      assert.ok(r.ok);
      assert.equal(r.encoding, 'utf-8');
      const o = r.occurrences[0];
      assert.equal(o?.summary, 'Gespräch über Förderung — Café Landtmann, Universitätsring 4');
      assert.equal(o.organizer?.name, names[0]);
      assert.deepEqual(
        o.attendees.map((a) => a.name),
        names,
      );
      assert.deepEqual(r.problems, []);
    }
    assert.ok(split >= 5, `only ${split} of 26 fold widths split a character`);
  });

  test('mending moves only the split bytes: the lines and their count stay as they were', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 8, max: 75 }),
        (texts, at) => {
          const clean = texts.map((t) => `X-NOTE:${t.replace(/[\r\n]/g, ' ')}`);
          const file = Buffer.concat(clean.flatMap((l) => [foldOctets(l, at), Buffer.from('\r\n')]));
          const mended = mendSplitCharacters(file) ?? file;
          assert.equal(mended.length, file.length);
          const text = new TextDecoder('utf-8', { fatal: true }).decode(mended);
          assert.equal(text.split('\r\n').length, file.toString('latin1').split('\r\n').length);
          assert.deepEqual(text.replace(/\r\n /g, '').split('\r\n').slice(0, -1), clean);
        },
      ),
    );
  });
});
