import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Migrator, sql } from 'kysely';
import { exportJson, restoreFile } from '../../src/app/backup.js';
import type { AppContext } from '../../src/app/context.js';
import { calendar, type CalendarItem } from '../../src/formats/ics/write.js';
import { escapeText, foldLine } from '../../src/formats/content-lines.js';
import { structuredName, vcardOf } from '../../src/formats/vcard/write.js';
import { exportTo } from '../../src/app/export.js';
import { importBytes } from '../../src/app/import.js';
import { addPerson, editPerson, showPerson } from '../../src/app/people.js';
import { mergePeople } from '../../src/app/people-cleanup.js';
import { makePromise } from '../../src/app/promises.js';
import { parse, personInput } from '../../src/app/validate.js';
import { namePartsFit, splitDisplayName } from '../../src/core/names.js';
import type { NameParts, Person } from '../../src/core/types.js';
import { isMismatch, parseImport } from '../../src/importers/index.js';
import { openStore } from '../../src/storage/db.js';
import { migrationProvider } from '../../src/storage/migrations.js';
import { getPerson, updatePerson } from '../../src/storage/repos/people.js';
import { backends, fixedClock, freshApp } from '../helpers/db.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-vcard-ics-'));

/** Seeded UIDs, as the suite seeds the clock: `…-000000000001`, `…-000000000002`, … */
export function seededUids(prefix = '00000000-0000-4000-8000'): () => string {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(12, '0')}`;
}

const person = (p: Partial<Person> & { name: string }): Person => ({
  id: 1,
  uid: '6f1c2d1e-8a4b-4c3d-9e2f-0a1b2c3d4e5f',
  emails: [],
  phones: [],
  urls: [],
  tags: [],
  source: 'manual',
  circle: 'pool',
  createdAt: '2026-11-26T09:00:00.000Z',
  updatedAt: '2026-11-26T09:00:00.000Z',
  ...p,
});

/** The physical lines of a content-line text (CRLF-separated), and a check that no bare CR/LF hides in them. */
function physicalLines(text: string): string[] {
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  const lines = text.slice(0, -2).split('\r\n');
  for (const l of lines) assert.ok(!/[\r\n]/.test(l), `a bare CR or LF in ${JSON.stringify(l)}`);
  return lines;
}
const unfold = (text: string): string[] =>
  text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .slice(0, -1);
const octets = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('structured names (vCard N)', () => {
  const n = (name: string) => splitDisplayName(name);

  test('honorifics get their own components; the rest splits at the last space only', () => {
    assert.deepEqual(n('Mr. Michael Angstadt Jr.'), {
      prefix: ['Mr.'],
      given: ['Michael'],
      additional: [],
      family: ['Angstadt'],
      suffix: ['Jr.'],
    });
    assert.deepEqual(n('Dr. Mary Ann Smith PhD'), {
      prefix: ['Dr.'],
      given: ['Mary Ann'],
      additional: [],
      family: ['Smith'],
      suffix: ['PhD'],
    });
    assert.deepEqual(n('John Smith, Jr., M.D.').suffix, ['Jr.', 'M.D.']);
    assert.deepEqual(n('John Smith, Jr., M.D.').family, ['Smith']);
    assert.deepEqual(n('Prof Jane Roe III').prefix, ['Prof']);
    assert.deepEqual(n('Prof Jane Roe III').suffix, ['III']);
  });

  test('one word is the family name; a lone honorific is not mistaken for a part', () => {
    assert.deepEqual(n('Cher').family, ['Cher']);
    assert.deepEqual(n('Cher').given, []);
    assert.deepEqual(n('山田太郎').family, ['山田太郎']);
    assert.deepEqual(n('Dr. Who'), {
      prefix: ['Dr.'],
      given: [],
      additional: [],
      family: ['Who'],
      suffix: [],
    });
    assert.deepEqual(n('Jr.').family, ['Jr.']);
    assert.deepEqual(n('   ').family, []);
  });

  test('particles stay with the family name; "Family, Given" is read as written', () => {
    assert.deepEqual(n('Ludwig van Beethoven').family, ['van Beethoven']);
    assert.deepEqual(n('Ludwig van Beethoven').given, ['Ludwig']);
    assert.deepEqual(n('Maria de la Cruz').family, ['de la Cruz']);
    // Capitalised, it is a given name: nothing is guessed.
    assert.deepEqual(n('Van Morrison').family, ['Morrison']);
    assert.deepEqual(n('Angstadt, Michael'), {
      prefix: [],
      given: ['Michael'],
      additional: [],
      family: ['Angstadt'],
      suffix: [],
    });
    // Commas no rule explains: the text stays whole rather than be cut wrongly.
    assert.deepEqual(n('Acme, Inc., Berlin').family, ['Acme, Inc., Berlin']);
  });

  test('the source’s parts win over any split of the display name', () => {
    const parts: NameParts = { given: 'Juan Carlos', family: 'García Márquez', prefix: 'Dr.' };
    assert.deepEqual(structuredName({ name: 'Dr. Juan Carlos García Márquez', nameParts: parts }), {
      prefix: ['Dr.'],
      given: ['Juan Carlos'],
      additional: [],
      family: ['García Márquez'],
      suffix: [],
    });
  });

  test('parts fit a name made of exactly them (any order, folded), and no longer fit a rename', () => {
    const parts: NameParts = { prefix: 'Mr.', given: 'Michael', family: 'Angstadt', suffix: 'Jr.' };
    assert.equal(namePartsFit(parts, 'Mr. Michael Angstadt Jr.'), true);
    assert.equal(namePartsFit(parts, 'mr michael  ANGSTADT, jr'), true);
    assert.equal(namePartsFit(parts, 'Angstadt, Michael, Mr., Jr.'), true);
    assert.equal(namePartsFit(parts, 'Michael Angstadt'), false, 'prefix and suffix gone');
    assert.equal(namePartsFit(parts, 'Mr. Mike Angstadt Jr.'), false);
    assert.equal(namePartsFit(parts, 'Mr. Michael Angstadt-Smith Jr.'), false);
    assert.equal(namePartsFit({ given: 'Ann', family: 'Lee' }, 'Annabel Lee'), false);
    assert.equal(namePartsFit({ family: '山田', given: '太郎' }, '山田太郎'), true);
    assert.equal(namePartsFit({}, 'Anyone'), false);
  });
});

describe('content lines: escaping and folding', () => {
  test('TEXT escaping: backslash, comma, semicolon, every line break; other controls removed', () => {
    assert.equal(escapeText('a\\b,c;d'), 'a\\\\b\\,c\\;d');
    assert.equal(escapeText('one\r\ntwo\rthree\nfour'), 'one\\ntwo\\nthree\\nfour');
    assert.equal(escapeText('tab\there\u0007bell'), 'tab\therebell');
    assert.equal(escapeText('\\n is not a newline'), '\\\\n is not a newline');
  });

  test('a 4-byte emoji straddling octet 75 moves whole to the next line', () => {
    const line = `NOTE:${'a'.repeat(69)}😀${'b'.repeat(10)}`; // 74 octets, then 4
    const folded = foldLine(line);
    const lines = physicalLines(folded);
    assert.equal(lines[0], `NOTE:${'a'.repeat(69)}`);
    assert.equal(octets(lines[0]), 74);
    assert.ok(lines[1]?.startsWith(' 😀'), 'the emoji starts the continuation line');
    assert.equal(unfold(folded).join(''), line);
  });

  test('CJK and emoji lines: every physical line ≤ 75 octets, valid UTF-8, unfolds to the original', () => {
    for (const line of [
      `SUMMARY:${'漢字かな交じり文'.repeat(20)}`,
      `DESCRIPTION:${'👩‍👩‍👧‍👦🇩🇪'.repeat(30)}`,
      `FN:${'é'.repeat(200)}`,
      `X:${'x'.repeat(73)}`, // exactly 75: not folded
    ]) {
      const folded = foldLine(line);
      const lines = physicalLines(folded);
      for (const [i, l] of lines.entries()) {
        assert.ok(octets(l) <= 75, `${octets(l)} octets: ${l}`);
        if (i > 0) assert.ok(l.startsWith(' '));
        // A split UTF-8 sequence would decode to U+FFFD.
        assert.equal(Buffer.from(l, 'utf8').toString('utf8'), l);
        assert.ok(!l.includes('\uFFFD'));
      }
      assert.equal(unfold(folded).join(''), line);
    }
    assert.equal(physicalLines(foldLine(`X:${'x'.repeat(73)}`)).length, 1);
  });
});

describe('vCard writer', () => {
  test('BEGIN, VERSION, UID first; N from the source; every TEXT escaped; CRLF; ≤ 75 octets', () => {
    const card = vcardOf(
      person({
        name: 'Dr. Juan Carlos García Márquez',
        nameParts: { given: 'Juan Carlos', family: 'García Márquez', prefix: 'Dr.', suffix: 'Jr.,M.D.' },
        emails: ['jc@example.org', 'garcia@example.com'],
        company: 'Acme; Ltd, \\ Sons',
        notes: 'first line\nsecond, with ; and \\ end',
      }),
    );
    const lines = physicalLines(card);
    assert.deepEqual(lines.slice(0, 3), [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'UID:urn:uuid:6f1c2d1e-8a4b-4c3d-9e2f-0a1b2c3d4e5f',
    ]);
    assert.equal(lines.at(-1), 'END:VCARD');
    for (const l of lines) assert.ok(octets(l) <= 75, l);
    const logical = unfold(card);
    assert.ok(logical.includes('FN:Dr. Juan Carlos García Márquez'));
    assert.ok(logical.includes('N:García Márquez;Juan Carlos;;Dr.;Jr.\\,M.D.'));
    assert.ok(logical.includes('ORG:Acme\\; Ltd\\, \\\\ Sons'));
    assert.ok(logical.includes('NOTE:first line\\nsecond\\, with \\; and \\\\ end'));
    assert.ok(logical.includes('EMAIL;PREF=1:jc@example.org'));
    assert.ok(logical.includes('EMAIL:garcia@example.com'));
  });

  test('without parts, N is the cautious split: "Mr. Michael Angstadt Jr." has the family name Angstadt', () => {
    const logical = unfold(vcardOf(person({ name: 'Mr. Michael Angstadt Jr.' })));
    assert.ok(logical.includes('N:Angstadt;Michael;;Mr.;Jr.'), logical.join('\n'));
    assert.ok(unfold(vcardOf(person({ name: 'Madonna' }))).includes('N:Madonna;;;;'));
    assert.ok(unfold(vcardOf(person({ name: 'Semi;Colon' }))).includes('N:Semi\\;Colon;;;;'));
  });

  test('a UID that is not a UUID is written as text, escaped', () => {
    assert.ok(unfold(vcardOf(person({ name: 'X', uid: 'a,b;c' }))).includes('UID;VALUE=text:a\\,b\\;c'));
  });
});

describe('ICS writer', () => {
  const item: CalendarItem = {
    uid: 'promise-7@tend',
    day: '2026-12-01',
    title: 'Promise to 山田 太郎: send the deck, the notes; and C:\\path 🎉',
    description: 'line one\nline two, with; \\ and 中文'.repeat(3),
    location: 'Café Zürich, 2nd floor; room \\3',
    alarm: { days: 1, hours: 15, before: true },
  };

  test('every TEXT value escaped (alarm included), folded at 75 octets, CRLF, VERSION then PRODID', () => {
    const ics = calendar([item], new Date('2026-11-26T09:00:00.000Z'));
    const lines = physicalLines(ics);
    assert.deepEqual(lines.slice(0, 3), ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tend//Tend 0.1//EN']);
    for (const l of lines) assert.ok(octets(l) <= 75, `${octets(l)} octets: ${l}`);
    const logical = unfold(ics);
    const summary = `SUMMARY:${escapeText(item.title)}`;
    assert.ok(summary.includes('deck\\, the notes\\; and C:\\\\path'));
    assert.ok(logical.includes(summary));
    assert.ok(logical.includes(`DESCRIPTION:${escapeText(item.description)}`));
    assert.ok(logical.includes('LOCATION:Café Zürich\\, 2nd floor\\; room \\\\3'));
    const alarm = logical.slice(logical.indexOf('BEGIN:VALARM'), logical.indexOf('END:VALARM'));
    assert.deepEqual(alarm, [
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(item.title)}`,
      'TRIGGER:-P1DT15H',
    ]);
    assert.ok(logical.includes('DTSTART;VALUE=DATE:20261201'));
    assert.ok(logical.includes('DTEND;VALUE=DATE:20261202'));
    assert.ok(logical.includes('DTSTAMP:20261126T090000Z'));
  });

  test('an empty calendar is still a valid file', () => {
    assert.deepEqual(physicalLines(calendar([], new Date(0))), [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Tend//Tend 0.1//EN',
      'CALSCALE:GREGORIAN',
      'X-WR-CALNAME:Tend',
      'END:VCALENDAR',
    ]);
  });
});

const uidsOf = (vcf: string): string[] =>
  unfold(vcf)
    .filter((l) => l.startsWith('UID:'))
    .map((l) => l.slice('UID:urn:uuid:'.length));

for (const backend of backends) {
  describe(`stable UIDs and kept name parts on ${backend.name}`, () => {
    let ctx: AppContext;
    before(async () => {
      ctx = await freshApp(backend, fixedClock());
      ctx.newUid = seededUids();
    });
    after(async () => {
      await ctx.store.close();
    });

    test('a new person gets a UID from the context; it never changes on edits; exports repeat it', async () => {
      const { person: a } = await addPerson(ctx, parse(personInput, { name: 'Ada Lovelace' }));
      const { person: b } = await addPerson(ctx, parse(personInput, { name: 'Mr. Michael Angstadt Jr.' }));
      assert.equal(a.uid, '00000000-0000-4000-8000-000000000001');
      assert.equal(b.uid, '00000000-0000-4000-8000-000000000002');
      await editPerson(ctx, String(a.id), { name: 'Ada King', company: 'Analytical, Inc.' });
      assert.equal((await getPerson(ctx.db, a.id))?.uid, a.uid, 'a rename keeps the UID');
      const first = (await exportTo(ctx, 'vcard')).content ?? '';
      const second = (await exportTo(ctx, 'vcard')).content ?? '';
      assert.equal(second, first);
      assert.deepEqual(uidsOf(first), [a.uid, b.uid]);
      assert.ok(unfold(first).includes('N:Angstadt;Michael;;Mr.;Jr.'));
    });

    test('the database gives a UID to a person inserted without one, and refuses a duplicate', async () => {
      await ctx.db
        .insertInto('people')
        .values({
          name: 'No Uid',
          name_fold: 'no uid',
          name_parts: null,
          met: null,
          company: null,
          title: null,
          emails: '[]',
          phones: '[]',
          linkedin: null,
          urls: '[]',
          birthday: null,
          notes: null,
          source: 'manual',
          circle: 'pool',
          cadence_days: null,
          introduced_by: null,
          merged_into: null,
          search_text: 'no uid',
          last_real_on: null,
          last_contact_on: null,
          created_at: '2026-11-26T09:00:00.000Z',
          updated_at: '2026-11-26T09:00:00.000Z',
          deleted_at: null,
        })
        .execute();
      const row = await ctx.db
        .selectFrom('people')
        .select('uid')
        .where('name', '=', 'No Uid')
        .executeTakeFirst();
      assert.match(row?.uid ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      await assert.rejects(
        ctx.db
          .updateTable('people')
          .set({ uid: '00000000-0000-4000-8000-000000000001' })
          .where('name', '=', 'No Uid')
          .execute(),
        /unique|UNIQUE/,
      );
    });

    test('a rename that the parts no longer describe clears them; one they still fit keeps them', async () => {
      const { person: p } = await addPerson(
        ctx,
        parse(personInput, { name: 'Dr. Juan Carlos García Márquez' }),
      );
      const parts: NameParts = { prefix: 'Dr.', given: 'Juan Carlos', family: 'García Márquez' };
      await updatePerson(ctx.db, p.id, { nameParts: parts }, '2026-11-26T09:00:00.000Z');
      assert.deepEqual((await getPerson(ctx.db, p.id))?.nameParts, parts);
      await editPerson(ctx, String(p.id), { name: 'dr. juan carlos GARCIA MARQUEZ' });
      assert.deepEqual((await getPerson(ctx.db, p.id))?.nameParts, parts, 'same name, other case: kept');
      await editPerson(ctx, String(p.id), { title: 'Author' });
      assert.deepEqual((await getPerson(ctx.db, p.id))?.nameParts, parts, 'no rename: kept');
      // A source whose N never matched its FN (a nickname): an edit that keeps the name keeps the N.
      const nick: NameParts = { given: 'Gabriel', family: 'García Márquez' };
      await updatePerson(ctx.db, p.id, { nameParts: nick }, '2026-11-26T09:00:00.000Z');
      await editPerson(ctx, String(p.id), { name: 'dr. juan carlos GARCIA MARQUEZ', title: 'Writer' });
      assert.deepEqual((await getPerson(ctx.db, p.id))?.nameParts, nick);
      await editPerson(ctx, String(p.id), { name: 'Gabo García Márquez' });
      const after = await getPerson(ctx.db, p.id);
      assert.equal(after?.nameParts, undefined);
      const card = unfold(vcardOf(after as Person));
      assert.ok(card.includes('N:Márquez;Gabo García;;;'), card.join('\n'));
      const row = await ctx.db
        .selectFrom('people')
        .select('name_parts')
        .where('id', '=', p.id)
        .executeTakeFirst();
      assert.equal(row?.name_parts, null);
    });

    test('a merge keeps the kept person’s UID, and takes the other’s parts only when they fit', async () => {
      const { person: a } = await addPerson(ctx, parse(personInput, { name: 'Grace Hopper' }));
      const { person: b } = await addPerson(ctx, parse(personInput, { name: 'G. Hopper' }));
      await updatePerson(
        ctx.db,
        b.id,
        { nameParts: { given: 'Grace', family: 'Hopper' } },
        '2026-11-26T09:00:00.000Z',
      );
      const merged = await mergePeople(ctx, String(a.id), String(b.id));
      assert.equal(merged.uid, a.uid);
      assert.deepEqual(merged.nameParts, { given: 'Grace', family: 'Hopper' });
      const { person: c } = await addPerson(ctx, parse(personInput, { name: 'Alan Turing' }));
      const { person: d } = await addPerson(ctx, parse(personInput, { name: 'A. M. Turing' }));
      await updatePerson(
        ctx.db,
        d.id,
        { nameParts: { given: 'Alan', additional: 'Mathison', family: 'Turing' } },
        '2026-11-26T09:00:00.000Z',
      );
      assert.equal((await mergePeople(ctx, String(c.id), String(d.id))).nameParts, undefined);
      assert.equal((await showPerson(ctx, String(c.id))).person.uid, c.uid);
    });

    test('backup and restore keep every UID and every name part: the vCard export is byte-identical', async () => {
      const { person: p } = await addPerson(ctx, parse(personInput, { name: 'Hedy Lamarr' }));
      await updatePerson(
        ctx.db,
        p.id,
        { nameParts: { given: 'Hedy', family: 'Lamarr', suffix: 'née Kiesler' } },
        '2026-11-26T09:00:00.000Z',
      );
      await makePromise(ctx, { person: String(p.id), text: 'send the patent, annotated', due: '2026-12-01' });
      const file = path.join(tmp, `uid-${backend.name}.json`);
      await exportTo(ctx, 'json', file);
      const vcf = (await exportTo(ctx, 'vcard')).content ?? '';
      const ics = (await exportTo(ctx, 'ics')).content ?? '';
      assert.match((await exportJson(ctx)).content, /"name_parts":"\{\\"given\\":\\"Hedy\\"/);
      const fresh = await freshApp(backend, fixedClock());
      try {
        await restoreFile(fresh, file);
        assert.equal((await exportTo(fresh, 'vcard')).content, vcf);
        assert.equal((await exportTo(fresh, 'ics')).content, ics);
        const restored = await getPerson(fresh.db, p.id);
        assert.equal(restored?.uid, p.uid);
        assert.deepEqual(restored.nameParts, { given: 'Hedy', family: 'Lamarr', suffix: 'née Kiesler' });
      } finally {
        await fresh.store.close();
      }
    });

    test('an imported card’s structured name is stored and written back', async () => {
      const vcf = [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Dr. Juan Carlos García Márquez',
        'N:García Márquez;Juan Carlos;;Dr.;',
        'EMAIL:gabo@example.org',
        'END:VCARD',
        '',
      ].join('\r\n');
      const parsed = parseImport('vcard', Buffer.from(vcf));
      assert.ok(!isMismatch(parsed));
      assert.deepEqual(parsed.records[0]?.nameParts, {
        family: 'García Márquez',
        given: 'Juan Carlos',
        prefix: 'Dr.',
      });
      await importBytes(ctx, { format: 'vcard', file: 'n.vcf', bytes: Buffer.from(vcf) });
      const out = unfold((await exportTo(ctx, 'vcard')).content ?? '');
      assert.ok(out.includes('N:García Márquez;Juan Carlos;;Dr.;'), out.join('\n'));
    });
  });

  describe(`the migration that adds UIDs and name parts, on ${backend.name}`, () => {
    test('people of an older database each get a distinct UUID; their rows are otherwise unchanged', async () => {
      const target = backend.fresh();
      const old = await openStore(target, { migrate: false });
      try {
        const migrator = new Migrator({
          db: old.db,
          provider: migrationProvider(old.dialect),
          ...(old.schema !== undefined ? { migrationTableSchema: old.schema } : {}),
        });
        const { error } = await migrator.migrateTo('2026-11-26T0300_search_index');
        assert.equal(error, undefined);
        for (let i = 0; i < 50; i++)
          await sql`INSERT INTO people (name, name_fold, emails, phones, urls, source, circle, search_text, created_at, updated_at)
            VALUES (${`Person ${i}`}, ${`person ${i}`}, '[]', '[]', '[]', 'manual', 'pool', ${`person ${i}`}, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')`.execute(
            old.db,
          );
      } finally {
        await old.close();
      }
      const store = await openStore(target);
      try {
        const rows = await store.db
          .selectFrom('people')
          .select(['id', 'uid', 'name', 'name_parts', 'updated_at'])
          .execute();
        assert.equal(rows.length, 50);
        for (const r of rows) {
          assert.match(r.uid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, r.uid);
          assert.equal(r.name_parts, null);
          assert.equal(r.updated_at, '2026-11-01T00:00:00.000Z');
        }
        assert.equal(new Set(rows.map((r) => r.uid)).size, 50, 'every UID distinct');
      } finally {
        await store.close();
      }
    });
  });
}
