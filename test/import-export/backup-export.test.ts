import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { backup, exportJson, parseBackup, restoreFile } from '../../src/app/backup.js';
import { setSetting } from '../../src/app/config.js';
import type { AppContext } from '../../src/app/context.js';
import { addEvent, addMetAtEvent, pickFollowUp } from '../../src/app/events.js';
import { exportTo } from '../../src/app/export.js';
import { foldLine } from '../../src/formats/content-lines.js';
import { csvCell } from '../../src/formats/csv/write.js';
import { vcardOf } from '../../src/formats/vcard/write.js';
import { importBytes, importFile } from '../../src/app/import.js';
import { give, logInteraction, recordOutcome } from '../../src/app/interactions.js';
import { proposeIntro } from '../../src/app/intros.js';
import { addItem } from '../../src/app/items.js';
import { addPerson, editPerson, listPeople } from '../../src/app/people.js';
import { mergePeople } from '../../src/app/people-cleanup.js';
import { setFocus } from '../../src/app/focus.js';
import { makePromise } from '../../src/app/promises.js';
import { parse, personInput } from '../../src/app/validate.js';
import { DomainError } from '../../src/core/errors.js';
import { parseImport, isMismatch } from '../../src/importers/index.js';
import { backupColumns } from '../../src/storage/repos/backup.js';
import { tableOrder } from '../../src/storage/schema.js';
import { answerMatch } from '../../src/app/feedback.js';
import { backends, fixedClock, freshApp } from '../helpers/db.js';
import { snapshot } from '../helpers/snapshot.js';
import { importCalendar } from '../../src/app/capture-calendar.js';
import { changeMyEmails, ignoreStranger } from '../../src/app/capture-runs.js';
import { addSource } from '../../src/app/live-sources.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (p: string): string => path.join(root, 'test/fixtures', p);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-backup-'));
const person = (name: string, extra: Record<string, unknown> = {}) => parse(personInput, { name, ...extra });

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

/** A database with a row in every table: imports, hand-made people, needs with features, a merge. */
async function populate(ctx: AppContext): Promise<void> {
  await setSetting(ctx, 'focusCap', 10);
  await importFile(ctx, { format: 'linkedin', file: fixture('import/linkedin/Connections.csv') });
  await importFile(ctx, { format: 'google', file: fixture('import/google/contacts-current.csv') });
  await importFile(ctx, { format: 'vcard', file: fixture('export/apple-3.0.vcf') });
  const { person: carla } = await addPerson(
    ctx,
    person('Carla Mendes', {
      notes: 'line one\nline "two"; =cmd',
      tags: ['fintech', 'Zürich'],
      birthday: '--07-23',
    }),
  );
  const { person: dupe } = await addPerson(ctx, person('Carla M.'));
  const offer = await addItem(ctx, { side: 'offer', text: 'Postgres performance tuning' });
  const need = await addItem(ctx, {
    person: String(carla.id),
    side: 'need',
    text: 'a Postgres expert to review slow queries',
  });
  await answerMatch(ctx, need.id, offer.id, 'confirmed');
  const gave = await give(ctx, { person: String(carla.id), text: 'reviewed her schema', kind: 'advice' });
  await recordOutcome(ctx, {
    interactionId: gave.interaction.id,
    kind: 'business',
    valueCents: 120_000,
    note: 'a contract',
  });
  await logInteraction(ctx, {
    people: [String(carla.id)],
    channel: 'in_person',
    nature: 'touch',
    note: 'coffee',
  });
  await makePromise(ctx, { person: String(carla.id), text: 'send the deck', due: '2026-12-01' });
  await addEvent(ctx, { name: 'Data Meetup', date: '2026-11-24', place: 'Berlin' });
  await addMetAtEvent(ctx, { name: 'Ben Ortiz', line: 'building a dbt shop' });
  await pickFollowUp(ctx, { people: ['ben'] });
  await mergePeople(ctx, String(carla.id), String(dupe.id));
  // A self-reference to a later id: restore must not trip over the order.
  const { person: late } = await addPerson(ctx, person('Late Introducer'));
  await editPerson(ctx, 'Ben Ortiz', { introducedBy: String(late.id) });
  await setFocus(ctx, String(carla.id), true);
  await proposeIntro(ctx, { a: String(carla.id), b: 'Ben Ortiz', reason: 'both build data shops' });
  // Capture: my addresses, a calendar run with its interactions, someone met but not known.
  await changeMyEmails(ctx, { add: ['maya@example.com'] });
  await addPerson(ctx, person('Jonas Weber', { emails: ['jonas@example.org'] }));
  await importCalendar(ctx, { file: fixture('capture/google-calendar.ics') });
  // The coffee with Jonas cancelled: a change the run log keeps.
  const cancelled = path.join(tmp, `cancelled-${ctx.store.dialect}.ics`);
  fs.writeFileSync(
    cancelled,
    fs
      .readFileSync(fixture('capture/google-calendar.ics'), 'utf8')
      .replace(
        'STATUS:CONFIRMED\r\nSUMMARY:Coffee with Jonas\r\n',
        'STATUS:CANCELLED\r\nSUMMARY:Coffee with Jonas\r\n',
      ),
  );
  await importCalendar(ctx, { file: cancelled });
  await ignoreStranger(ctx, 'guest1@example.com');
  // A live source: config and the password encrypted (0018), never the password itself.
  await addSource(
    ctx,
    { kind: 'caldav', name: 'work', url: 'https://dav.example.com/', user: 'maya', password: 'Backup-Pa55' },
    { TEND_SECRET_KEY_FILE: path.join(tmp, `secret-${ctx.store.dialect}.key`) },
  );
}

for (const backend of backends) {
  describe(`backup and restore on ${backend.name}`, () => {
    let ctx: AppContext;
    let first: string;
    before(async () => {
      ctx = await freshApp(backend);
      await populate(ctx);
      first = (await exportJson(ctx)).content;
    });
    after(async () => {
      await ctx.store.close();
    });

    test('the backup holds every table, with every column', async () => {
      const b = await backup(ctx);
      for (const t of tableOrder) {
        assert.ok(b.tables[t].length > 0, `${t} is empty: the round trip would not cover it`);
        const live = Object.keys((await ctx.db.selectFrom(t).selectAll().limit(1).execute())[0] ?? {}).sort();
        assert.deepEqual([...backupColumns[t]].sort(), live, `${t}: backupColumns is out of date`);
      }
      assert.match(first, /"data":"[A-Za-z0-9+/=]+"/, 'match_features as base64');
      assert.ok(!first.includes('Backup-Pa55'), 'a source password is in a backup only encrypted');
      assert.match(first, /"secret":"v1\.[\w-]+\.[\w-]+\.[\w-]+"/);
    });

    test('import → export json → restore into a fresh database → export json is byte-identical', async () => {
      const file = path.join(tmp, `backup-${backend.name}.json`);
      const r = await exportTo(ctx, 'json', file);
      assert.equal(r.out, file);
      assert.equal(fs.readFileSync(file, 'utf8'), first);
      const fresh = await freshApp(backend);
      try {
        const s = await restoreFile(fresh, file);
        assert.ok((s.counts.people ?? 0) > 5);
        const second = (await exportJson(fresh)).content;
        assert.equal(second, first);
        assert.equal(await snapshot(fresh.db), await snapshot(ctx.db));
        // New rows after a restore do not collide with restored ids (PostgreSQL sequences).
        const { person: p } = await addPerson(fresh, person('After Restore'));
        const maxId = Math.max(...parseBackup(first, 'x').tables.people.map((row) => Number(row.id)));
        assert.ok(p.id > maxId);
        await give(fresh, { person: String(p.id), text: 'a book', kind: 'gift' });
        await rejects(restoreFile(fresh, file), 'restore_not_empty', /not empty/);
      } finally {
        await fresh.store.close();
      }
    });

    test('restore refuses a non-empty database and writes nothing', async () => {
      const file = path.join(tmp, `b2-${backend.name}.json`);
      fs.writeFileSync(file, first);
      const before = await snapshot(ctx.db);
      await rejects(restoreFile(ctx, file), 'restore_not_empty', /people/);
      assert.equal(await snapshot(ctx.db), before);
    });

    test('a broken backup is refused with what is wrong, and nothing is written', async () => {
      const fresh = await freshApp(backend);
      try {
        const cases: [string, string, RegExp][] = [
          ['not-json.json', '{"format": "tend-backup", ', /not JSON/],
          ['other.json', '{"hello": 1}', /not a Tend backup/],
          ['version.json', first.replace('"version":1', '"version":99'), /version 99/],
          [
            'column.json',
            first.replace('"name_fold":', '"nmae_fold":'),
            /tables\.people\[0\]\.nmae_fold is not a column/,
          ],
          // A dangling reference: the transaction rolls back, the database stays empty.
          [
            'dangling.json',
            first.replace(/"person_id":\d+,"tag"/, '"person_id":99999,"tag"'),
            /not a consistent backup/,
          ],
        ];
        // Held to the limits of what is typed or imported, and answers that pair what matching pairs.
        const items = parseBackup(first, 'x').tables.items;
        const idOf = (side: string): number => Number(items.find((r) => r.side === side)?.id);
        const answer = (need: number, offer: number, at: string): string =>
          first.replace(
            /"match_feedback":\[[^\]]*\]/,
            `"match_feedback":[\n{"need_id":${need},"offer_id":${offer},"verdict":"dismissed","created_at":"${at}"}\n]`,
          );
        assert.ok(idOf('need') > 0 && idOf('offer') > 0, 'the backup holds a need and an offer');
        assert.match(first, /"match_feedback":\[\n\{/, 'the backup holds an answer');
        cases.push(
          [
            'long.json',
            first.replace(/("side":"(?:need|offer|goal)","text":)"[^"]*"/, `$1"${'a'.repeat(3000)}"`),
            /tables\.items\[\d+\]\.text is 3000 characters; at most 2000/,
          ],
          [
            'crossed.json',
            answer(idOf('offer'), idOf('need'), '2026-11-26T09:00:00.000Z'),
            /an answer to a match pairs need #\d+ \(an offer\) with offer #\d+ \(a need\)/,
          ],
          [
            'time.json',
            answer(idOf('need'), idOf('offer'), 'yesterday'),
            /tables\.match_feedback\[0\]\.created_at is not an ISO 8601 time/,
          ],
        );
        for (const [name, content, message] of cases) {
          const f = path.join(tmp, `${backend.name}-${name}`);
          fs.writeFileSync(f, content);
          await rejects(restoreFile(fresh, f), 'invalid_input', message);
          assert.equal(
            (await exportJson(fresh)).content.includes('"people":[\n'),
            false,
            `${name} wrote rows`,
          );
        }
      } finally {
        await fresh.store.close();
      }
    });
  });

  describe(`vCard, CSV and calendar export on ${backend.name}`, () => {
    let ctx: AppContext;
    before(async () => {
      ctx = await freshApp(backend, fixedClock('2026-11-26T09:00:00.000Z'));
      await populate(ctx);
    });
    after(async () => {
      await ctx.store.close();
    });

    test('vCard 4.0 that our own importer (and so Apple/Google-style readers) reads back', async () => {
      const r = await exportTo(ctx, 'vcard');
      const vcf = r.content ?? '';
      assert.match(vcf, /^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
      for (const line of vcf.split('\r\n'))
        assert.ok(Buffer.byteLength(line) <= 75, `line too long: ${line}`);
      assert.match(vcf, /NOTE:line one\\nline "two"\\; =cmd/);
      assert.match(vcf, /BDAY:--0723/);
      assert.match(vcf, /CATEGORIES:Zürich,fintech/);
      assert.match(vcf, /ORG:Acme\\, Inc\./);
      assert.match(vcf, /URL;TYPE=linkedin:https:\/\/www\.linkedin\.com\/in\/josegarcialopez/);
      const parsed = parseImport('vcard', Buffer.from(vcf));
      assert.ok(!isMismatch(parsed));
      assert.equal(parsed.records.length, r.count);
      assert.equal(parsed.problems.filter((p) => p.severity === 'error').length, 0);
      const carla = parsed.records.find((p) => p.name === 'Carla Mendes');
      assert.equal(carla?.notes, 'line one\nline "two"; =cmd');
      assert.deepEqual(carla.tags, ['Zürich', 'fintech']);
      assert.equal(carla.birthday, '--07-23');

      // And importing the export into a fresh Tend gives the same people (emails, LinkedIn).
      const other = await freshApp(backend);
      try {
        const s = await importBytes(other, { format: 'vcard', file: 'export.vcf', bytes: Buffer.from(vcf) });
        assert.equal(s.created, r.count);
        const names = async (c: AppContext) =>
          (await listPeople(c, { includeArchived: true }, { limit: 500, offset: 0 })).people
            .map((p) => `${p.person.name}|${p.person.emails.join(',')}|${p.person.linkedin ?? ''}`)
            .sort();
        assert.deepEqual(await names(other), await names(ctx));
      } finally {
        await other.store.close();
      }
    });

    test('folding never splits a UTF-8 character', () => {
      const folded = foldLine(`NOTE:${'ü'.repeat(100)}`);
      for (const l of folded.split('\r\n')) assert.ok(Buffer.byteLength(l) <= 75);
      assert.equal(folded.replace(/\r\n /g, ''), `NOTE:${'ü'.repeat(100)}\r\n`);
      const card = vcardOf({
        id: 1,
        uid: '6f1c2d1e-8a4b-4c3d-9e2f-0a1b2c3d4e5f',
        name: 'Semi;Colon, Back\\slash',
        emails: [],
        phones: ['+1 555 0100'],
        urls: [],
        tags: [],
        source: 'manual',
        circle: 'pool',
        birthday: '1980-04-14',
        createdAt: '',
        updatedAt: '',
      });
      assert.match(card, /FN:Semi\\;Colon\\, Back\\\\slash\r\n/);
      assert.match(card, /BDAY:19800414\r\n/);
      assert.match(card, /TEL;VALUE=text;PREF=1:\+1 555 0100\r\n/);
    });

    test('CSV: formula injection neutralised, quoting right', async () => {
      for (const [input, out] of [
        ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
        ['+49 170 1234567', `'+49 170 1234567`],
        ['-2+3', `'-2+3`],
        ['@SUM(A1)', `'@SUM(A1)`],
        ['\tTab', `'\tTab`],
        ['\rCR', `"'\rCR"`],
        ['a, b', '"a, b"'],
        ['plain', 'plain'],
        ['say "hi"', '"say ""hi"""'],
      ] as const)
        assert.equal(csvCell(input), out, input);
      await addPerson(ctx, person("=cmd|' /C calc'!A0", { company: '@evil', title: '+1', notes: '-x' }));
      const csv = (await exportTo(ctx, 'csv')).content ?? '';
      assert.ok(csv.startsWith('\ufeffid,name,circle'));
      const line = csv.split('\r\n').find((l) => l.includes('calc')) ?? '';
      assert.match(line, /,'=cmd\|' \/C calc'!A0,/);
      assert.match(line, /,'@evil,'\+1,/);
      for (const cell of line.split(',')) assert.ok(!/^[=+\-@]/.test(cell), cell);
    });

    test('ICS: open promises and planned follow-ups as all-day events with a reminder', async () => {
      const r = await exportTo(ctx, 'ics');
      const ics = r.content ?? '';
      assert.equal(r.count, 2);
      assert.match(ics, /BEGIN:VCALENDAR/);
      assert.match(ics, /UID:promise-\d+@tend/);
      assert.match(ics, /SUMMARY:Promise to Carla Mendes: send the deck/);
      assert.match(ics, /DTSTART;VALUE=DATE:20261201/);
      assert.match(ics, /SUMMARY:Follow up with Ben Ortiz \(met at Data Meetup\)/);
      assert.match(ics, /DTSTART;VALUE=DATE:20261201/);
      assert.equal((ics.match(/BEGIN:VALARM/g) ?? []).length, 2);
      assert.match(ics, /DTSTAMP:20261126T090000Z/);
      assert.equal((await exportTo(ctx, 'ics')).content, ics, 'reproducible');
    });

    test('--out is atomic: a failed write leaves the old file whole and no temporary file', async () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'atomic-'));
      const file = path.join(dir, 'people.csv');
      fs.writeFileSync(file, 'old content');
      const r = await exportTo(ctx, 'csv', file);
      assert.ok(r.bytes > 100);
      assert.ok(fs.readFileSync(file, 'utf8').startsWith('\ufeffid,'));
      await rejects(
        exportTo(ctx, 'csv', path.join(dir, 'no-such-dir', 'x.csv')),
        'invalid_input',
        /cannot write/,
      );
      // A target that cannot be replaced (a directory): the rename fails, nothing is left behind.
      fs.mkdirSync(path.join(dir, 'taken'));
      await rejects(exportTo(ctx, 'vcard', path.join(dir, 'taken')), 'invalid_input', /cannot write/);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['people.csv', 'taken']);
    });
  });
}

after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});
