import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/storage/db.js';
import { updatePerson } from '../../src/storage/repos/people.js';
import { tend, tendBin } from '../helpers/cli.js';
import { backends } from '../helpers/db.js';
import { linkedInCsv } from './generate.js';

/** The built `tend` (npm test builds it; alone: `node scripts/build.mjs --cli-only`). */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (p: string): string => path.join(root, 'test/fixtures', p);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-ie-cli-'));
const NOW = '2026-11-26T09:00:00Z';

describe('tend import / export / restore on the command line', () => {
  const db = path.join(tmp, 'cli.db');
  const backup = (): string => tend(db, ['export', 'json'], { now: NOW }).stdout;

  test('import prints the summary and the tool-only line; --json is one document', () => {
    assert.equal(tend(db, ['add', 'Keeper', '--notes', 'keep me'], { now: NOW }).code, 0);
    const r = tend(db, ['import', 'linkedin', fixture('import/linkedin/Connections.csv')], { now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /5 new, 0 merged, 0 unchanged, 0 rejected, 2 skipped/);
    assert.match(r.stdout, /5 connections imported; 0 of them have ever had a real conversation with you\./);
    assert.match(r.stdout, /line 8, name: No name \(hidden or closed profile/);
    const again = tend(db, ['import', 'linkedin', fixture('import/linkedin/Connections.csv'), '--json'], {
      now: NOW,
    });
    assert.equal(again.code, 0);
    const s = again.json();
    assert.equal(s.changedNothing, true);
    assert.equal(s.unchanged, 5);
    assert.ok(Array.isArray(s.problems) && Array.isArray(s.warnings));
  });

  test('a file of the wrong kind: exit 2, a message saying what was expected, nothing written', () => {
    const before = backup();
    const r = tend(db, ['import', 'linkedin', fixture('import/google/contacts-current.csv')], { now: NOW });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /expected a LinkedIn Connections\.csv/i);
    const j = tend(db, ['import', 'vcard', fixture('import/hostile/random.bin'), '--json'], { now: NOW });
    assert.equal(j.code, 2);
    assert.equal((j.json().error as { code: string }).code, 'import_wrong_format');
    const bad = tend(db, ['import', 'csv', 'x.csv'], { now: NOW });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /linkedin, vcard, google, json/);
    assert.equal(backup(), before);
  });

  test('--strict with a bad record: exit 2, every problem listed, nothing written; --dry-run writes nothing', () => {
    const before = backup();
    const f = path.join(tmp, 'cut.vcf');
    fs.writeFileSync(f, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Whole\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Cut');
    const r = tend(db, ['import', 'vcard', f, '--strict'], { now: NOW });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /1 bad record; with --strict nothing was imported/);
    assert.match(r.stderr, /card 2 \(line 5\)/);
    const dry = tend(db, ['import', 'vcard', f, '--dry-run'], { now: NOW });
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /Dry run, nothing written\. .*1 new/);
    assert.equal(backup(), before);
  });

  test('exports go to stdout as they are, or atomically to --out with a summary', () => {
    const vcf = tend(db, ['export', 'vcard'], { now: NOW });
    assert.equal(vcf.code, 0);
    assert.ok(vcf.stdout.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n'));
    const asJson = tend(db, ['export', 'csv', '--json'], { now: NOW }).json();
    assert.equal(asJson.format, 'csv');
    assert.equal(asJson.count, 6);
    assert.ok(String(asJson.content).startsWith('\ufeffid,name'));
    const backupJson = JSON.parse(tend(db, ['export', 'json', '--json'], { now: NOW }).stdout) as {
      format: string;
    };
    assert.equal(backupJson.format, 'tend-backup');
    const out = path.join(tmp, 'people.ics');
    const written = tend(db, ['export', 'ics', '--out', out, '--json'], { now: NOW });
    assert.equal(written.code, 0);
    assert.equal(written.json().out, out);
    assert.match(fs.readFileSync(out, 'utf8'), /^BEGIN:VCALENDAR/);
    const human = tend(db, ['export', 'json', '--out', path.join(tmp, 'b.json')], { now: NOW });
    assert.match(human.stdout, /rows written to .*b\.json/);
  });

  test('restore and import json: into an empty database only, identical afterwards', () => {
    const file = path.join(tmp, 'backup.json');
    fs.writeFileSync(file, backup());
    const fresh = path.join(tmp, 'restored.db');
    const r = tend(fresh, ['restore', file], { now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /restored .*6 people/);
    assert.equal(tend(fresh, ['export', 'json'], { now: NOW }).stdout, fs.readFileSync(file, 'utf8'));
    const again = tend(fresh, ['import', 'json', file], { now: NOW });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /not empty/);
  });
});

/**
 * Crash safety: SIGKILL in the middle of a large import leaves the database as it was (one
 * transaction), and a rerun then completes. TEND_PROGRESS=1 prints progress lines on stderr, so
 * the kill lands while rows are being written, not before or after.
 */
for (const backend of backends) {
  describe(`a killed import on ${backend.name}`, () => {
    test('SIGKILL mid-import: the database holds exactly what it held before; a rerun completes', async () => {
      const big = path.join(tmp, `big-${backend.name}.csv`);
      fs.writeFileSync(big, linkedInCsv(30_000, 3));
      const setUp = (): { db: string; before: string } => {
        const db = backend.fresh();
        assert.equal(tend(db, ['add', 'Before Import', '--notes', 'precious'], { now: NOW }).code, 0);
        const r = tend(db, ['import', 'linkedin', fixture('import/linkedin/Connections.csv')], { now: NOW });
        assert.equal(r.code, 0, r.stderr);
        return { db, before: tend(db, ['export', 'json'], { now: NOW }).stdout };
      };
      // The kill must land inside the transaction. The child prints `saving T/T` just before it
      // commits, so when that line is in its complete stderr the kill may have come after the
      // commit (a loaded machine delivers output late): then start again on a fresh database.
      const attempt = (db: string): Promise<{ killedAt: string; tooLate: boolean }> =>
        new Promise((resolve) => {
          const child = spawn(process.execPath, [tendBin, 'import', 'linkedin', big], {
            env: { ...process.env, TEND_DB: db, TEND_PROGRESS: '1', TEND_NOW: NOW, NO_COLOR: '1' },
          });
          let err = '';
          let killed = '';
          child.stderr.on('data', (d: Buffer) => {
            err += d.toString();
            const m = /saving ([1-9]\d*)\/(\d+)/.exec(err);
            if (m && !killed && Number(m[1]) < Number(m[2])) {
              killed = m[0];
              child.kill('SIGKILL');
            }
          });
          child.on('close', (_code, signal) => {
            resolve({ killedAt: killed, tooLate: signal !== 'SIGKILL' || /saving (\d+)\/\1\b/.test(err) });
          });
        });

      let run: { db: string; before: string; killedAt: string } | undefined;
      for (let i = 0; i < 3 && !run; i++) {
        const { db, before } = setUp();
        const r = await attempt(db);
        if (!r.tooLate) run = { db, before, killedAt: r.killedAt };
      }
      assert.ok(run, 'three imports finished before they could be killed');
      assert.match(run.killedAt, /saving \d+\/29970/);
      assert.equal(
        tend(run.db, ['export', 'json'], { now: NOW }).stdout,
        run.before,
        'the killed import left rows behind',
      );

      const rerun = tend(run.db, ['import', 'linkedin', big, '--json'], { now: NOW });
      assert.equal(rerun.code, 0, rerun.stderr);
      const s = rerun.json();
      assert.equal(s.created, 29_970);
      assert.equal(s.skipped, 30);
      const people = tend(run.db, ['people', '--json'], { now: NOW }).json();
      assert.equal(people.total, 29_970 + 6);
    });
  });
}

describe('tend edit --name and the exported card', () => {
  test('the UID survives every export and a rename; a rename the source N no longer fits drops it', async () => {
    const db = path.join(tmp, 'names.db');
    const added = tend(db, ['add', 'Dr. Juan Carlos García Márquez', '--json'], { now: NOW });
    assert.equal(added.code, 0, added.stderr);
    const id = (added.json().person as { id: number }).id;
    // The N an import would have kept from the source card.
    const store = await openStore(db);
    try {
      await updatePerson(
        store.db,
        id,
        { nameParts: { prefix: 'Dr.', given: 'Juan Carlos', family: 'García Márquez' } },
        NOW,
      );
    } finally {
      await store.close();
    }
    const card = (): string[] => {
      const r = tend(db, ['export', 'vcard'], { now: NOW });
      assert.equal(r.code, 0, r.stderr);
      return r.stdout.replace(/\r\n[ \t]/g, '').split('\r\n');
    };
    const first = card();
    const uid = first.find((l) => l.startsWith('UID:'));
    assert.match(uid ?? '', /^UID:urn:uuid:[0-9a-f-]{36}$/);
    assert.ok(first.includes('N:García Márquez;Juan Carlos;;Dr.;'), first.join('\n'));
    assert.deepEqual(card(), first, 'two exports are identical');

    assert.equal(tend(db, ['edit', String(id), '--name', 'Gabriel García Márquez'], { now: NOW }).code, 0);
    const renamed = card();
    assert.ok(renamed.includes(uid ?? ''), 'the UID did not change');
    assert.ok(renamed.includes('FN:Gabriel García Márquez'));
    assert.ok(renamed.includes('N:Márquez;Gabriel García;;;'), renamed.join('\n'));
  });
});

after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});
