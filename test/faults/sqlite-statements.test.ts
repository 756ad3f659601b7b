import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { migrate, openStore, type Store } from '../../src/storage/db.js';
import { BulkWriter } from '../../src/storage/repos/bulk.js';
import { interactionColumns } from '../../src/storage/repos/interactions.js';
import { KEPT_STATEMENTS } from '../../src/storage/sqlite.js';

/**
 * The SQLite store keeps its prepared statements (storage/sqlite.ts `keepStatements`) and writes
 * bulk inserts in chunks of about a thousand parameters: what a user depends on through both is
 * that every query still sees the database as it is and every row is written once, in order.
 */

async function freshStore(t: {
  after: (fn: () => unknown) => void;
}): Promise<{ store: Store; file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-statements-'));
  const file = path.join(dir, 'tend.db');
  const store = await openStore(file);
  await migrate(store);
  t.after(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { store, file };
}

test('a query kept from before another connection changed the table reads the table as it is now', async (t) => {
  const { store, file } = await freshStore(t);
  await sql`create table notes_kept (id integer primary key, body text)`.execute(store.db);
  await sql`insert into notes_kept (body) values (${'first'})`.execute(store.db);
  const read = async (): Promise<unknown[]> =>
    (await sql<Record<string, unknown>>`select * from notes_kept order by id`.execute(store.db)).rows;
  assert.deepEqual(await read(), [{ id: 1, body: 'first' }]);
  assert.deepEqual(await read(), [{ id: 1, body: 'first' }]);
  // Another process (a newer Tend migrating, a user's sqlite3 shell) changes the table.
  const other = new Database(file);
  other.exec(`alter table notes_kept add column pinned integer not null default 0`);
  other.exec(`insert into notes_kept (body, pinned) values ('second', 1)`);
  other.close();
  assert.deepEqual(await read(), [
    { id: 1, body: 'first', pinned: 0 },
    { id: 2, body: 'second', pinned: 1 },
  ]);
});

test('more distinct queries than are kept all answer, the first again after the rest', async (t) => {
  const { store } = await freshStore(t);
  const answer = async (n: number): Promise<number> =>
    Number((await sql<{ n: number }>`select ${sql.lit(n)} + 0 as n`.execute(store.db)).rows[0]?.n);
  for (let n = 0; n < KEPT_STATEMENTS + 20; n++) assert.equal(await answer(n), n);
  assert.equal(await answer(0), 0);
  assert.equal(await answer(KEPT_STATEMENTS + 19), KEPT_STATEMENTS + 19);
});

test('a bulk insert of many chunks writes every row once and answers their ids in row order', async (t) => {
  const { store } = await freshStore(t);
  const rows = Array.from({ length: 1_234 }, (_, i) => {
    const day = `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    return [day, 'call', 'touch', null, `note ${i}`, 0, null, '2026-12-01T00:00:00.000Z', null, 'calendar'];
  });
  const ids = await store.db
    .transaction()
    .execute((trx) =>
      new BulkWriter(trx).insert('interactions', interactionColumns, rows, { returningId: true }),
    );
  assert.equal(ids.length, rows.length);
  assert.ok(
    ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0)),
    'ids ascend in row order',
  );
  const stored = await store.db
    .selectFrom('interactions')
    .select(['id', 'note', 'date'])
    .orderBy('id')
    .execute();
  assert.equal(stored.length, rows.length);
  stored.forEach((r, i) => {
    assert.equal(r.id, ids[i]);
    assert.equal(r.note, `note ${i}`);
    assert.equal(r.date, rows[i]?.[0]);
  });
});
