import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { exportJson } from '../../src/app/backup.js';
import type { AppContext } from '../../src/app/context.js';
import { importBytes, type ImportSummary } from '../../src/app/import.js';
import { editPerson, listPeople, showPerson } from '../../src/app/people.js';
import type { ImportFormat } from '../../src/importers/index.js';
import { backends, freshApp, sqliteBackend } from '../helpers/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(root, 'test/fixtures/import');

/** Every fixture a format's importer reads, found by folder and extension (hostile files excluded). */
function fixtureFiles(): { format: ImportFormat; file: string }[] {
  const out: { format: ImportFormat; file: string }[] = [];
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? walk(p) : [p];
    });
  for (const f of walk(fixtures)) {
    const rel = path.relative(fixtures, f);
    if (rel.startsWith('hostile') || rel.endsWith('.md')) continue;
    const format: ImportFormat | undefined = /\.vcf$/i.test(f)
      ? 'vcard'
      : rel.startsWith('google')
        ? 'google'
        : /linkedin|connections|encodings/i.test(rel)
          ? 'linkedin'
          : undefined;
    if (format) out.push({ format, file: f });
  }
  return out;
}

const dump = async (ctx: AppContext): Promise<string> => (await exportJson(ctx)).content;
const importText = (ctx: AppContext, format: ImportFormat, text: string | Uint8Array, file = 'contacts') =>
  importBytes(ctx, {
    format,
    file,
    bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text,
  });

async function everyone(ctx: AppContext) {
  return (await listPeople(ctx, { includeArchived: true }, { limit: 10_000, offset: 0 })).people.map(
    (s) => s.person,
  );
}

function assertNothingChanged(s: ImportSummary, what: string): void {
  assert.equal(s.created, 0, `${what}: created on the second import`);
  assert.equal(s.merged, 0, `${what}: merged on the second import`);
  assert.equal(s.changedNothing, true, `${what}: the second import changed something`);
}

const card = (lines: string[]): string =>
  ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD', ''].join('\r\n');

for (const backend of backends) {
  describe(`import identity on ${backend.name}`, () => {
    test('importing any fixture twice changes nothing', async () => {
      const files = fixtureFiles();
      assert.ok(files.length >= 15, `only ${files.length} fixtures found`);
      for (const { format, file } of files) {
        const ctx = await freshApp(backend);
        try {
          const bytes = fs.readFileSync(file);
          const first = await importText(ctx, format, bytes, file);
          const before = await dump(ctx);
          const second = await importText(ctx, format, bytes, file);
          assertNothingChanged(second, path.relative(fixtures, file));
          assert.equal(second.imported, first.imported, `${file}: people recognised`);
          assert.equal(await dump(ctx), before, `${file}: the database changed on the second import`);
        } finally {
          await ctx.store.close();
        }
      }
    });

    describe('records with nothing but a name, a phone or a note', () => {
      let ctx: AppContext;
      before(async () => {
        ctx = await freshApp(backend);
      });
      after(async () => {
        await ctx.store.close();
      });

      // As a phone's address book exports it: most cards have no email, no company, no UID.
      const book = [
        card(['FN:Mum', 'N:;Mum;;;', 'TEL;TYPE=CELL:+49 170 1234567']),
        card(['FN:Plumber Kowalski', 'N:Kowalski;Plumber;;;', 'NOTE:fixed the boiler in 2024']),
        card(['FN:Anna Müller', 'N:Müller;Anna;;;', 'TEL:+49 30 1111111']),
        // Another Anna Müller: only the name is shared, so she is someone else.
        card(['FN:Anna Müller', 'N:Müller;Anna;;;', 'TEL:+49 89 2222222']),
        card(['FN:Ben', 'N:;Ben;;;']),
        // The same name-only card twice in one file: kept as two, recognised as two.
        card(['FN:Ben', 'N:;Ben;;;']),
        card(['FN:Carla Reyes', 'N:Reyes;Carla;;;', 'UID:abc-123', 'NOTE:met at the lake']),
      ].join('');

      test('a second import adds no one', async () => {
        const first = await importText(ctx, 'vcard', book);
        assert.equal(first.created, 7);
        const second = await importText(ctx, 'vcard', book);
        assertNothingChanged(second, 'address book');
        assert.equal(second.unchanged, 7);
        const annas = (await everyone(ctx)).filter((p) => p.name === 'Anna Müller');
        assert.equal(annas.length, 2, 'two Anna Müllers who only share a name stay two');
        assert.equal((await everyone(ctx)).length, 7);
      });

      test('a card edited at its source is still the same person when it is known by more than its name', async () => {
        const edited = book
          .replace('TEL;TYPE=CELL:+49 170 1234567', 'TEL;TYPE=CELL:+49 170 1234567\r\nEMAIL:mum@example.org')
          .replace('NOTE:met at the lake', 'NOTE:met at the lake, swims on Sundays');
        const s = await importText(ctx, 'vcard', edited);
        assert.equal(s.created, 0, 'known by name + phone and by UID: merged, not added');
        // Mum gains her email; Carla's note stays the one Tend has (an import never overwrites notes).
        assert.equal(s.merged, 1);
        assert.equal(s.unchanged, 6);
        const people = await everyone(ctx);
        assert.equal(people.length, 7);
        assert.deepEqual(people.find((p) => p.name === 'Mum')?.emails, ['mum@example.org']);
      });
    });

    test('re-importing after the user edited the person changes nothing the user wrote', async () => {
      const ctx = await freshApp(backend);
      try {
        const csv = [
          'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
          'Lars,Eriksson,https://www.linkedin.com/in/lars-eriksson,lars@example.com,Old Co,Engineer,03 Jan 2023',
          'Ines,Duarte,,,,,05 Feb 2024',
        ].join('\r\n');
        await importText(ctx, 'linkedin', csv);
        const lars = (await everyone(ctx)).find((p) => p.name === 'Lars Eriksson');
        assert.ok(lars);
        await editPerson(ctx, String(lars.id), {
          company: 'New Co',
          title: 'CTO',
          emails: [],
          notes: 'prefers calls',
        });
        const ines = (await everyone(ctx)).find((p) => p.name === 'Ines Duarte');
        assert.ok(ines);
        await editPerson(ctx, String(ines.id), { name: 'Inês Duarte' });
        const before = await dump(ctx);
        const s = await importText(ctx, 'linkedin', csv);
        assertNothingChanged(s, 'LinkedIn');
        assert.equal(await dump(ctx), before);
        const after = (await showPerson(ctx, String(lars.id))).person;
        assert.equal(after.company, 'New Co');
        assert.deepEqual(after.emails, []);
        assert.equal((await everyone(ctx)).length, 2, 'renamed Inês is not added again as Ines');
      } finally {
        await ctx.store.close();
      }
    });

    test('a merge never replaces a real name with an email address, in either order', async () => {
      for (const rows of [
        ['Priya,Raman,,priya@example.com,Acme,,', ',,,priya@example.com,,,'],
        [',,,priya@example.com,,,', 'Priya,Raman,,priya@example.com,Acme,,'],
      ]) {
        const ctx = await freshApp(backend);
        try {
          const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
          // Within one file…
          await importText(ctx, 'linkedin', [header, ...rows].join('\n'));
          let people = await everyone(ctx);
          assert.deepEqual(
            people.map((p) => p.name),
            ['Priya Raman'],
          );
          // …and across files: an email-named person from an earlier import takes the real name.
          const ctx2 = await freshApp(backend);
          try {
            await importText(ctx2, 'linkedin', [header, rows[1] ?? ''].join('\n'));
            await importText(ctx2, 'linkedin', [header, rows[0] ?? ''].join('\n'));
            people = await everyone(ctx2);
            assert.deepEqual(
              people.map((p) => p.name),
              ['Priya Raman'],
            );
          } finally {
            await ctx2.store.close();
          }
        } finally {
          await ctx.store.close();
        }
      }
    });
  });
}

describe('import identity, property', () => {
  const names = ['Anna Müller', 'Ben Ortiz', 'Carla Reyes', 'José Álvarez', '李 小龍', 'Jonas Weber'];
  const arbPerson = fc.record({
    name: fc.constantFrom(...names),
    phone: fc.option(fc.integer({ min: 1_000_000, max: 9_999_999 }), { nil: undefined }),
    note: fc.option(
      fc.constantFrom('met at PGConf', 'neighbour', 'dentist; Tuesdays', 'line one\nline two'),
      {
        nil: undefined,
      },
    ),
    org: fc.option(fc.constantFrom('Acme', 'Globex', 'Initech'), { nil: undefined }),
  });

  test('any address book imported twice: the second import adds and changes nothing, and no two cards that only share a name merge', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbPerson, { minLength: 1, maxLength: 12 }), async (people) => {
        const escape = (s: string): string => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
        const text = people
          .map((p) =>
            card([
              `FN:${escape(p.name)}`,
              ...(p.phone !== undefined ? [`TEL:+49 30 ${p.phone}`] : []),
              ...(p.note !== undefined ? [`NOTE:${escape(p.note)}`] : []),
              ...(p.org !== undefined ? [`ORG:${escape(p.org)}`] : []),
            ]),
          )
          .join('');
        const ctx = await freshApp(sqliteBackend);
        try {
          const first = await importText(ctx, 'vcard', text);
          const count = (await everyone(ctx)).length;
          // Cards merge only when they share more than a name (a phone or a company with it): a
          // card with only a name (and a note) is never merged, and different names never are.
          const bare = people.filter((p) => p.phone === undefined && p.org === undefined).length;
          const otherNames = new Set(
            people.filter((p) => p.phone !== undefined || p.org !== undefined).map((p) => p.name),
          ).size;
          assert.ok(count <= people.length);
          assert.ok(
            count >= bare + otherNames,
            `${count} people from ${people.length} cards: merged on a name alone`,
          );
          assert.equal(first.created, count);
          const before = await dump(ctx);
          const second = await importText(ctx, 'vcard', text);
          assertNothingChanged(second, 'generated book');
          assert.equal(await dump(ctx), before);
        } finally {
          await ctx.store.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
