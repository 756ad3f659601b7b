import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../src/app/context.js';
import { importBytes } from '../../src/app/import.js';
import { listPeople } from '../../src/app/people.js';
import type { ImportFormat } from '../../src/importers/index.js';
import { freshApp, sqliteBackend } from '../helpers/db.js';

// Files as real clients write them, each with the number of people a correct import yields,
// counted by hand in the folder's README (a duplicate inside a file once, two people who share
// a name twice, a card with only an email, a phone or an organisation once, lists and hidden
// profiles never).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'test/fixtures/import/clients');

function expectations(): { file: string; people: number }[] {
  const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
  const out: { file: string; people: number }[] = [];
  for (const line of readme.split('\n')) {
    const m = /^\| `([^`]+)` \|.*\| (\d+) \|\s*$/.exec(line);
    if (m?.[1] && m[2]) out.push({ file: m[1], people: Number(m[2]) });
  }
  return out;
}

const formatOf = (file: string): ImportFormat =>
  file.endsWith('.vcf') ? 'vcard' : file.startsWith('linkedin/') ? 'linkedin' : 'google';

async function people(ctx: AppContext) {
  return (await listPeople(ctx, { includeArchived: true }, { limit: 1000, offset: 0 })).people.map(
    (s) => s.person,
  );
}

describe('contact files as real clients write them', () => {
  const files = expectations();

  test('the README lists every file in the folder', () => {
    const walk = (d: string): string[] =>
      fs
        .readdirSync(d, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    const onDisk = walk(dir)
      .map((f) => path.relative(dir, f))
      .filter((f) => f !== 'README.md')
      .sort();
    assert.deepEqual(files.map((f) => f.file).sort(), onDisk);
  });

  for (const { file, people: expected } of files) {
    test(`${file}: ${expected} people, none added by a second import, names without mojibake`, async () => {
      const ctx = await freshApp(sqliteBackend);
      try {
        const bytes = fs.readFileSync(path.join(dir, file));
        const s = await importBytes(ctx, { format: formatOf(file), file, bytes });
        assert.equal(s.rejected, 0, JSON.stringify(s.problems.filter((p) => p.severity === 'error')));
        const first = await people(ctx);
        assert.equal(first.length, expected, first.map((p) => p.name).join(' | '));
        for (const p of first) {
          assert.ok(!p.name.includes('\ufffd'), `replacement character in "${p.name}"`);
          // UTF-8 read as Latin-1 shows up as Ã or Â followed by another Latin-1 character.
          assert.ok(!/[ÃÂ][\u0080-\u00ff]/.test(p.name), `mojibake in "${p.name}"`);
        }
        const again = await importBytes(ctx, { format: formatOf(file), file, bytes });
        assert.equal(again.created, 0);
        assert.equal((await people(ctx)).length, expected);
      } finally {
        await ctx.store.close();
      }
    });
  }
});
