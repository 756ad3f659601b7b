import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exportJson } from '../../src/app/backup.js';
import type { AppContext } from '../../src/app/context.js';
import { importBytes, importFile, CONNECTED_NOTE, type ImportSummary } from '../../src/app/import.js';
import { addPerson, listPeople, showPerson } from '../../src/app/people.js';
import { addItem } from '../../src/app/items.js';
import { parse, personInput } from '../../src/app/validate.js';
import { DomainError } from '../../src/core/errors.js';
import { backends, freshApp } from '../helpers/db.js';
import { linkedInCsv } from './generate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (p: string): string => path.join(root, 'test/fixtures', p);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-import-'));
const write = (name: string, content: string | Uint8Array): string => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, content);
  return f;
};

const person = (name: string, extra: Record<string, unknown> = {}) => parse(personInput, { name, ...extra });
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

function must<T>(x: T | undefined, what = 'value'): T {
  assert.ok(x !== undefined, `no ${what}`);
  return x;
}

async function everyone(ctx: AppContext) {
  return (await listPeople(ctx, { includeArchived: true }, { limit: 1000, offset: 0 })).people.map(
    (s) => s.person,
  );
}

for (const backend of backends) {
  describe(`import on ${backend.name}`, () => {
    let ctx: AppContext;
    before(async () => {
      ctx = await freshApp(backend);
    });
    after(async () => {
      await ctx.store.close();
    });

    test('LinkedIn export as LinkedIn writes it: pool, tool-only, hidden profiles skipped, connection dates', async () => {
      const s = await importFile(ctx, {
        format: 'linkedin',
        file: fixture('import/linkedin/Connections.csv'),
      });
      assert.equal(s.encoding, 'utf-8-bom');
      assert.equal(s.created, 5);
      assert.equal(s.skipped, 2);
      assert.equal(s.rejected, 0);
      assert.equal(s.imported, 5);
      assert.equal(s.withRealContact, 0);
      assert.equal(s.connections, 4, 'one row has an impossible date (31 Feb): no interaction for it');
      const people = await everyone(ctx);
      assert.deepEqual(new Set(people.map((p) => p.circle)), new Set(['pool']));
      assert.deepEqual(new Set(people.map((p) => p.source)), new Set(['linkedin']));
      const jose = must(people.find((p) => p.name === 'José García López'));
      assert.equal(jose.company, 'Acme, Inc.');
      assert.deepEqual(jose.emails, ['jose.garcia@example.com']);
      assert.equal(jose.linkedin, 'https://www.linkedin.com/in/josegarcialopez');
      const profile = await showPerson(ctx, 'José');
      assert.equal(profile.toolOnly, true);
      assert.equal(profile.timeline.length, 1);
      const first = must(profile.timeline[0]);
      assert.equal(first.channel, 'social');
      assert.equal(first.nature, 'touch');
      assert.equal(first.note, CONNECTED_NOTE);
      assert.equal(first.date, '2022-02-15');
      // Searchable like a person added by hand.
      const found = await listPeople(ctx, { search: 'partnerships acme' }, { limit: 10, offset: 0 });
      assert.deepEqual(
        found.people.map((p) => p.person.name),
        ['José García López'],
      );
    });

    test('importing the same file again changes nothing, and says so', async () => {
      const before = await dump(ctx);
      const s = await importFile(ctx, {
        format: 'linkedin',
        file: fixture('import/linkedin/Connections.csv'),
      });
      assert.equal(s.created, 0);
      assert.equal(s.merged, 0);
      assert.equal(s.unchanged, 5);
      assert.equal(s.connections, 0);
      assert.equal(s.changedNothing, true);
      assert.equal(await dump(ctx), before);
    });

    test('the same connections re-saved as UTF-16 / Windows-1252 are the same people', async () => {
      const before = await dump(ctx);
      for (const f of ['linkedin-utf16le-bom.csv', 'linkedin-utf16be-bom.csv', 'linkedin-utf8.csv']) {
        const s = await importFile(ctx, { format: 'linkedin', file: fixture(`import/encodings/${f}`) });
        assert.equal(s.created + s.merged, s.created + s.merged); // shape
        assert.equal(s.rejected, 0, f);
      }
      const latin = await importFile(ctx, {
        format: 'linkedin',
        file: fixture('import/encodings/linkedin-windows1252.csv'),
      });
      assert.equal(latin.encoding, 'windows-1252');
      assert.ok(before.length > 0);
      for (const p of await everyone(ctx))
        assert.ok(!p.name.includes('\ufffd') && !/Ã|Â/.test(p.name), p.name);
    });
  });

  describe(`merge rules on ${backend.name}`, () => {
    let ctx: AppContext;
    before(async () => {
      ctx = await freshApp(backend);
    });
    after(async () => {
      await ctx.store.close();
    });

    test('a person added by hand is met by email, LinkedIn URL, or name + company; what Tend knows stays', async () => {
      const byEmail = (
        await addPerson(
          ctx,
          person('Jose G.', { emails: ['Jose.Garcia@example.com'], notes: 'my notes', circle: 'focus' }),
        )
      ).person;
      const byUrl = (
        await addPerson(
          ctx,
          person('Anna M', { linkedin: 'https://de.linkedin.com/in/Anna-Mueller-4b1a2c3/', title: 'VP' }),
        )
      ).person;
      const byNameCompany = (await addPerson(ctx, person('ŁUKASZ  Nowak', { company: 'the "good" company' })))
        .person;
      await addItem(ctx, { person: String(byEmail.id), side: 'need', text: 'a seed investor for fintech' });

      const s = await importFile(ctx, {
        format: 'linkedin',
        file: fixture('import/linkedin/Connections.csv'),
      });
      assert.equal(s.merged, 3);
      assert.equal(s.created, 2);
      const people = await everyone(ctx);
      assert.equal(people.length, 5, 'no duplicates');

      const jose = must(people.find((p) => p.id === byEmail.id));
      assert.equal(jose.name, 'Jose G.', 'the name Tend has is kept');
      assert.equal(jose.notes, 'my notes');
      assert.equal(jose.circle, 'focus');
      assert.equal(jose.source, 'manual');
      assert.equal(jose.company, 'Acme, Inc.', 'a field Tend lacked is filled');
      assert.equal(jose.linkedin, 'https://www.linkedin.com/in/josegarcialopez');
      const profile = await showPerson(ctx, String(byEmail.id));
      assert.equal(profile.needs.length, 1, 'needs are untouched');

      const anna = must(people.find((p) => p.id === byUrl.id));
      assert.equal(anna.title, 'VP', 'a title Tend has is not overwritten');
      assert.equal(anna.company, 'Siemens AG');
      assert.equal(anna.circle, 'network');

      const lukasz = must(people.find((p) => p.id === byNameCompany.id));
      assert.equal(lukasz.linkedin, 'https://www.linkedin.com/in/lukasz-nowak');

      // And the first interaction is added once, also for merged people.
      const again = await importFile(ctx, {
        format: 'linkedin',
        file: fixture('import/linkedin/Connections.csv'),
      });
      assert.equal(again.changedNothing, true);
      assert.equal((await showPerson(ctx, String(byEmail.id))).timeline.length, 1);
    });

    test('same name and company but a different LinkedIn profile: two people', async () => {
      const csv = [
        'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
        'Sam,Lee,https://www.linkedin.com/in/sam-lee-1,,Globex,Engineer,01 Jan 2020',
        'Sam,Lee,https://www.linkedin.com/in/sam-lee-2,,Globex,Designer,02 Jan 2020',
      ].join('\n');
      const s = await importFile(ctx, { format: 'linkedin', file: write('twins.csv', csv) });
      assert.equal(s.created, 2);
    });

    test('vCard and Google contacts merge into LinkedIn people; lists are unioned, not replaced', async () => {
      const c = await freshApp(backend);
      try {
        await importFile(c, {
          format: 'linkedin',
          file: write(
            'fatima.csv',
            'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nFatima,Haddad,https://www.linkedin.com/in/fatima-haddad,,Globex Corporation,Researcher,05 May 2021\n',
          ),
        });
        const s = await importFile(c, { format: 'vcard', file: fixture('export/apple-3.0.vcf') });
        assert.equal(s.merged, 1);
        assert.equal(s.created, 1);
        assert.equal(s.photosNotKept, 1);
        const fatima = must((await everyone(c)).find((p) => p.name === 'Fatima Haddad'));
        assert.equal(fatima.title, 'Researcher', 'kept from the first import');
        assert.deepEqual(fatima.emails, ['fatima@globex.example', 'fatima.h@home.example']);
        assert.deepEqual(fatima.phones, ['+49 170 5550101']);
        assert.equal(fatima.birthday, '--04-14');
        assert.deepEqual(fatima.tags, ['climate', 'conference']);
        assert.match(fatima.notes ?? '', /Met at PyCon, Berlin\.\nWants intros/);
        assert.equal(fatima.source, 'linkedin');
        const again = await importFile(c, { format: 'vcard', file: fixture('export/apple-3.0.vcf') });
        assert.equal(again.changedNothing, true);

        const g = await importFile(c, {
          format: 'google',
          file: fixture('import/google/contacts-current.csv'),
        });
        assert.ok(g.created > 0);
        const g2 = await importFile(c, {
          format: 'google',
          file: fixture('import/google/contacts-legacy.csv'),
        });
        assert.equal(g2.rejected, 0);
        const before = await dump(c);
        const g3 = await importFile(c, {
          format: 'google',
          file: fixture('import/google/contacts-current.csv'),
        });
        assert.equal(g3.changedNothing, true);
        assert.equal(await dump(c), before);
      } finally {
        await c.store.close();
      }
    });

    test('vCard 2.1 (quoted-printable, charsets) and 4.0 (tel: URIs, group cards skipped)', async () => {
      const c = await freshApp(backend);
      try {
        const a = await importFile(c, { format: 'vcard', file: fixture('export/outlook-2.1.vcf') });
        assert.equal(a.created, 1);
        const b = await importFile(c, { format: 'vcard', file: fixture('export/carddav-4.0.vcf') });
        assert.equal(b.created, 1);
        assert.equal(b.skipped, 1);
        const names = (await everyone(c)).map((p) => p.name).sort();
        assert.deepEqual(names, ['Aiko Tanaka', 'Jürgen Schön']);
      } finally {
        await c.store.close();
      }
    });
  });

  describe(`bad input on ${backend.name}: a clear message and nothing lost`, () => {
    let ctx: AppContext;
    let snap: string;
    const check = async (
      name: string,
      format: 'linkedin' | 'vcard' | 'google',
      content: string | Uint8Array,
      code: string,
      message: RegExp,
    ): Promise<void> => {
      await rejects(importFile(ctx, { format, file: write(name, content) }), code, message);
      assert.equal(await dump(ctx), snap, `${name}: the database changed`);
    };
    before(async () => {
      ctx = await freshApp(backend);
      await addPerson(ctx, person('Keeper', { notes: 'must survive', emails: ['keeper@example.com'] }));
      await importFile(ctx, { format: 'linkedin', file: fixture('import/linkedin/Connections.csv') });
      snap = await dump(ctx);
    });
    after(async () => {
      await ctx.store.close();
    });

    test('empty file', () => check('empty.csv', 'linkedin', '', 'import_wrong_format', /empty/i));
    test('wrong format (a Google CSV given as LinkedIn)', () =>
      check(
        'google-as-linkedin.csv',
        'linkedin',
        fs.readFileSync(fixture('import/google/contacts-current.csv')),
        'import_wrong_format',
        /LinkedIn Connections\.csv/,
      ));
    test('binary garbage', () =>
      check(
        'random.bin',
        'vcard',
        fs.readFileSync(fixture('import/hostile/random.bin')),
        'import_wrong_format',
        /binary|not/i,
      ));
    test('a PNG named .csv', () =>
      check(
        'png.csv',
        'google',
        fs.readFileSync(fixture('import/hostile/not-a-csv.png.csv')),
        'import_wrong_format',
        /./,
      ));
    test('missing file', async () => {
      await rejects(
        importFile(ctx, { format: 'vcard', file: path.join(tmp, 'nope.vcf') }),
        'invalid_input',
        /ENOENT/,
      );
      assert.equal(await dump(ctx), snap);
    });

    test('truncated vCard: the complete cards land, the cut one is reported with its line', async () => {
      const f = write(
        'cut.vcf',
        'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Whole Card\r\nEMAIL:whole@example.com\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Off\r\nEMAIL:cu',
      );
      const strict = await rejects(
        importFile(ctx, { format: 'vcard', file: f, strict: true }),
        'import_rejected',
        /card 2.*line 6/i,
      );
      assert.ok(Array.isArray(strict.details.problems));
      assert.equal(await dump(ctx), snap, '--strict wrote nothing');
      const dry = await importFile(ctx, { format: 'vcard', file: f, dryRun: true });
      assert.equal(dry.created, 1);
      assert.equal(dry.rejected, 1);
      assert.equal(await dump(ctx), snap, '--dry-run wrote nothing');
      const s = await importFile(ctx, { format: 'vcard', file: f });
      assert.equal(s.created, 1);
      assert.equal(s.rejected, 1);
      assert.match(s.problems.find((p) => p.severity === 'error')?.message ?? '', /incomplete/);
      const people = await everyone(ctx);
      assert.equal(people.find((p) => p.name === 'Keeper')?.notes, 'must survive');
      snap = await dump(ctx);
    });

    test('a 5 MB field is cut to its limit with a warning, not a crash or a timeout', async () => {
      const huge = 'x'.repeat(5 * 1024 * 1024);
      const f = write(
        'huge.csv',
        `First Name,Last Name,URL,Email Address,Company,Position,Connected On\nBig,Field,https://www.linkedin.com/in/big-field,,"${huge}",CTO,01 Jan 2020\n`,
      );
      const t = Date.now();
      const s = await importFile(ctx, { format: 'linkedin', file: f, dryRun: true });
      assert.ok(Date.now() - t < 10_000);
      assert.equal(s.created, 1);
      assert.ok(s.problems.some((p) => p.code === 'field_truncated'));
      assert.equal(await dump(ctx), snap);
    });

    test('a 5 MB name is rejected by name, with the others kept', async () => {
      const f = write(
        'huge-name.csv',
        `First Name,Last Name,URL,Email Address,Company,Position,Connected On\n${'n'.repeat(5 * 1024 * 1024)},X,https://www.linkedin.com/in/x,,,,\nOk,Person,https://www.linkedin.com/in/ok-person,,,,\n`,
      );
      const s = await importFile(ctx, { format: 'linkedin', file: f, dryRun: true });
      assert.equal(s.rejected, 1);
      assert.equal(s.created, 1);
      await rejects(
        importFile(ctx, { format: 'linkedin', file: f, strict: true }),
        'import_rejected',
        /line 2/,
      );
      assert.equal(await dump(ctx), snap);
    });

    test('a Latin-1 file is decoded, not turned into mojibake', async () => {
      const latin1 = Buffer.from(
        'First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nRené,Müller,https://www.linkedin.com/in/rene-muller-l1,,Café Crème,Barista,03 Jan 2023\r\n',
        'latin1',
      );
      const s = await importBytes(ctx, {
        format: 'linkedin',
        file: 'latin1.csv',
        bytes: latin1,
        dryRun: true,
      });
      assert.equal(s.encoding, 'windows-1252');
      assert.equal(s.created, 1);
      assert.equal(await dump(ctx), snap);
      const real = await importBytes(ctx, { format: 'linkedin', file: 'latin1.csv', bytes: latin1 });
      assert.equal(real.created, 1);
      const rene = must((await everyone(ctx)).find((p) => p.name.startsWith('Ren')));
      assert.equal(rene.name, 'René Müller');
      assert.equal(rene.company, 'Café Crème');
    });
  });

  describe(`dry run on ${backend.name}`, () => {
    test('shows exactly what a real import then does', async () => {
      const ctx = await freshApp(backend);
      try {
        await addPerson(
          ctx,
          person('Anna', { linkedin: 'https://www.linkedin.com/in/anna-mueller-4b1a2c3' }),
        );
        const before = await dump(ctx);
        const file = fixture('import/linkedin/Connections.csv');
        const dry: ImportSummary = await importFile(ctx, { format: 'linkedin', file, dryRun: true });
        assert.equal(await dump(ctx), before);
        const real = await importFile(ctx, { format: 'linkedin', file });
        assert.deepEqual({ ...dry, dryRun: false }, real);
      } finally {
        await ctx.store.close();
      }
    });
  });

  describe(`a large LinkedIn export on ${backend.name}`, () => {
    test('3,000 rows land, then merge as unchanged', async () => {
      const ctx = await freshApp(backend);
      try {
        const f = write(`big-${backend.name}.csv`, linkedInCsv(3_000, 7));
        const progress: string[] = [];
        const s = await importFile(ctx, {
          format: 'linkedin',
          file: f,
          onProgress: (phase) => progress.push(phase),
        });
        assert.equal(s.created + s.skipped, 3_000);
        assert.ok(progress.includes('reading') && progress.includes('saving'));
        const before = await dump(ctx);
        const again = await importFile(ctx, { format: 'linkedin', file: f });
        assert.equal(again.unchanged, s.created);
        assert.equal(await dump(ctx), before);
      } finally {
        await ctx.store.close();
      }
    });
  });
}

after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});
