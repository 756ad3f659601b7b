import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openApp } from '../../src/app/context.js';
import { importBytes } from '../../src/app/import.js';
import { addPerson } from '../../src/app/people.js';
import { parse, personInput } from '../../src/app/validate.js';
import { DomainError } from '../../src/core/errors.js';
import { exitCodeFor } from '../../src/cli/exit-codes.js';
import { tend, tendBin } from '../helpers/cli.js';
import { fixedClock } from '../helpers/db.js';

const skipCli = fs.existsSync(tendBin) || process.env.CI ? false : 'dist/tend.cjs is not built';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tend-faults-'));
}

/** A vCard file of `n` people, each with a note long enough to need new pages. */
function vcards(n: number): Uint8Array {
  const cards = Array.from(
    { length: n },
    (_, i) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card Person ${i}\r\nN:Person ${i};Card;;;\r\nEMAIL:card${i}@example.org\r\nNOTE:${'a long note that fills pages '.repeat(20)}${i}\r\nEND:VCARD\r\n`,
  );
  return new TextEncoder().encode(cards.join(''));
}

test('a database at its size limit (SQLITE_FULL) reports the real cause, with its own code, nothing half-written', async () => {
  const dir = tmpDir();
  const ctx = await openApp({ db: path.join(dir, 'tend.db'), clock: fixedClock().now });
  try {
    await addPerson(ctx, parse(personInput, { name: 'Already Here' }));
    // SQLite cannot grow the file past this many pages: the same SQLITE_FULL a full disk gives.
    const pages =
      (await sql<{ page_count: number }>`PRAGMA page_count`.execute(ctx.db)).rows[0]?.page_count ?? 0;
    await sql.raw(`PRAGMA max_page_count = ${pages + 2}`).execute(ctx.db);

    const err = await importBytes(ctx, { format: 'vcard', file: 'big.vcf', bytes: vcards(400) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof DomainError, `expected a DomainError, got ${String(err)}`);
    assert.equal(err.code, 'database_full');
    assert.match(err.message, /the disk is full/);
    assert.match(err.message, /SQLITE_FULL/);
    assert.doesNotMatch(err.message, /cannot rollback/);
    assert.equal(err.details.sqliteCode, 'SQLITE_FULL');
    assert.equal(exitCodeFor(err), 1);

    // Nothing of the import is there, and the database still works for what fits.
    const names = (await sql<{ name: string }>`SELECT name FROM people`.execute(ctx.db)).rows.map(
      (r) => r.name,
    );
    assert.deepEqual(names, ['Already Here']);
    await sql.raw('PRAGMA max_page_count = 1073741823').execute(ctx.db);
    await addPerson(ctx, parse(personInput, { name: 'Room Again' }));
    const after = (await sql<{ n: number }>`SELECT count(*) AS n FROM people`.execute(ctx.db)).rows[0]?.n;
    assert.equal(after, 2);
  } finally {
    await ctx.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A small tmpfs, when this process may mount one (root in a container): a disk that really fills. */
function smallDisk(): { dir: string; release: () => void } | undefined {
  if (process.platform !== 'linux') return undefined;
  const dir = tmpDir();
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    release: () => {
      spawnSync('umount', [dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('a disk that really fills during an import: the cause is named, exit 1, nothing imported', (t) => {
  if (skipCli !== false) {
    t.skip(skipCli);
    return;
  }
  const disk = smallDisk();
  if (!disk) {
    t.skip('cannot mount a small tmpfs here (needs root)');
    return;
  }
  const files = tmpDir();
  try {
    const db = path.join(disk.dir, 'tend.db');
    assert.equal(tend(db, ['add', 'Already Here']).code, 0);
    const vcf = path.join(files, 'big.vcf');
    fs.writeFileSync(vcf, vcards(3000));
    const r = tend(db, ['import', 'vcard', vcf]);
    assert.equal(r.code, 1, r.stderr);
    // SQLite rolled back by itself: the ROLLBACK that followed must not replace the cause.
    assert.doesNotMatch(r.stderr, /cannot rollback/);
    assert.match(r.stderr, /the disk is full .*SQLITE_FULL/);
    const j = tend(db, ['import', 'vcard', vcf, '--json']);
    assert.equal(j.code, 1);
    assert.equal((j.json() as { error: { code: string } }).error.code, 'database_full');
    const people = tend(db, ['people', '--json']);
    assert.equal(people.code, 0, people.stderr);
    assert.equal((people.json() as { total: number }).total, 1);
  } finally {
    disk.release();
    fs.rmSync(files, { recursive: true, force: true });
  }
});

test(
  'a read-only database file: reads work, writes are refused by name, nothing changes',
  { skip: skipCli },
  () => {
    const dir = tmpDir();
    const db = path.join(dir, 'tend.db');
    assert.equal(tend(db, ['add', 'Reader Example', '--company', 'Acme']).code, 0);
    const before = fs.readFileSync(db);
    fs.chmodSync(db, 0o444);
    try {
      const people = tend(db, ['people', '--json']);
      assert.equal(people.code, 0, people.stderr);
      assert.equal((people.json() as { total: number }).total, 1);
      const exported = tend(db, ['export', 'json']);
      assert.equal(exported.code, 0, exported.stderr);
      assert.match(exported.stdout, /Reader Example/);

      const write = tend(db, ['add', 'Writer Example']);
      assert.equal(write.code, 2);
      assert.match(
        write.stderr,
        new RegExp(`the database ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is read-only`),
      );
      const json = tend(db, ['add', 'Writer Example', '--json']);
      assert.equal(json.code, 2);
      assert.equal((json.json() as { error: { code: string } }).error.code, 'database_read_only');

      fs.chmodSync(db, 0o644);
      assert.deepEqual(fs.readFileSync(db), before, 'the file is unchanged');
      const still = tend(db, ['people', '--json']);
      assert.equal((still.json() as { total: number }).total, 1);
    } finally {
      fs.chmodSync(db, 0o644);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('a read-only database that needs an upgrade is refused clearly, not half-migrated', async () => {
  const dir = tmpDir();
  const db = path.join(dir, 'tend.db');
  const ctx = await openApp({ db });
  // Forget the newest migration, as if an older Tend had written the file.
  await sql`DELETE FROM kysely_migration WHERE name = (SELECT max(name) FROM kysely_migration)`.execute(
    ctx.db,
  );
  await ctx.store.close();
  fs.chmodSync(db, 0o444);
  try {
    const err = await openApp({ db }).then(
      async (c) => {
        await c.store.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    assert.ok(err instanceof DomainError);
    assert.equal(err.code, 'database_read_only');
    assert.match(err.message, /read-only and was written by an older Tend/);
  } finally {
    fs.chmodSync(db, 0o644);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a database in a folder that does not exist, or cannot be created, is still database_unavailable', async () => {
  const err = await openApp({ db: path.join(tmpDir(), 'missing', 'tend.db') }).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof DomainError);
  assert.equal(err.code, 'database_unavailable');
  assert.equal(exitCodeFor(err), 2);
});

test(
  'while another program holds the write lock: reads and exports go on, a write waits then says why',
  { skip: skipCli },
  () => {
    const dir = tmpDir();
    const db = path.join(dir, 'tend.db');
    assert.equal(tend(db, ['add', 'Locked Example']).code, 0);
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const env = { TEND_DB_BUSY_TIMEOUT_MS: '700' };
      const people = tend(db, ['people', '--json'], { env });
      assert.equal(people.code, 0, people.stderr);
      // A backup is a read-only snapshot: it neither takes nor waits for the write lock.
      const exported = tend(db, ['export', 'json'], { env });
      assert.equal(exported.code, 0, exported.stderr);
      assert.match(exported.stdout, /Locked Example/);

      const started = Date.now();
      const write = tend(db, ['add', 'Waiting Writer', '--json'], { env });
      assert.ok(Date.now() - started >= 700, 'the writer waited its turn first');
      assert.equal(write.code, 2, write.stderr);
      const err = (write.json() as { error: { code: string; message: string } }).error;
      assert.equal(err.code, 'database_unavailable');
      assert.match(err.message, /stayed busy with another writer for more than 0\.7 s: nothing was written/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    const after = tend(db, ['people', '--json']);
    assert.equal((after.json() as { total: number }).total, 1);
    fs.rmSync(dir, { recursive: true, force: true });
  },
);
