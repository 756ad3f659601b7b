import assert from 'node:assert/strict';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openApp } from '../../src/app/context.js';
import { activityBetween } from '../../src/storage/repos/interactions.js';
import { freshApp, sqliteBackend } from '../helpers/db.js';

/**
 * `today` reads the last week's interactions (its signals). On SQLite that read is answered from
 * the index `interactions_by_date` alone, without a page visit per row into the table; a database
 * written before the index existed gets it when it is next opened, and reads the same.
 */

const indexesOf = (file: string): string[] => {
  const db = new SQLite(file, { readonly: true });
  try {
    return (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'interactions'")
        .pluck()
        .all() as string[]
    ).sort();
  } finally {
    db.close();
  }
};

async function logged(target: string): Promise<void> {
  const ctx = await openApp({ db: target, clock: () => new Date('2026-11-26T09:00:00Z') });
  try {
    await sql`INSERT INTO people (name, name_fold, source, circle, search_text, created_at, updated_at, emails, phones, urls, uid)
      VALUES ('Ana', 'ana', 'manual', 'focus', 'ana', '2026-11-01', '2026-11-01', '[]', '[]', '[]', 'u-ana'),
             ('Ben', 'ben', 'manual', 'network', 'ben', '2026-11-01', '2026-11-01', '[]', '[]', '[]', 'u-ben')`.execute(
      ctx.db,
    );
    const rows: [string, string, string | null, string | null][] = [
      ['2026-11-20', 'ask', 'the deck', null],
      ['2026-11-24', 'gave', null, null],
      ['2026-11-25', 'ask', 'the deck', '2026-11-25T10:00:00Z'],
      ['2026-11-26', 'touch', 'coffee', null],
      ['2026-11-10', 'touch', 'old', null],
    ];
    for (const [date, nature, note, deleted] of rows) {
      const r = await sql<{
        id: number;
      }>`INSERT INTO interactions (date, channel, nature, note, created_at, deleted_at)
        VALUES (${date}, 'message', ${nature}, ${note}, ${date}, ${deleted}) RETURNING id`.execute(ctx.db);
      const id = r.rows[0]?.id;
      await sql`INSERT INTO interaction_people (interaction_id, person_id) VALUES (${id}, 1), (${id}, 2)`.execute(
        ctx.db,
      );
    }
  } finally {
    await ctx.store.close();
  }
}

test("the week's interactions are read from the index alone, deleted ones left out", async () => {
  const ctx = await freshApp(sqliteBackend);
  await ctx.store.close();
  await logged(ctx.target);
  assert.deepEqual(indexesOf(ctx.target), ['interactions_by_date']);
  const again = await openApp({ db: ctx.target });
  try {
    const week = await activityBetween(again.db, '2026-11-20', '2026-11-26');
    assert.deepEqual(
      week.map((w) => [w.date, w.nature, w.note, w.personIds]),
      [
        ['2026-11-20', 'ask', 'the deck', [1, 2]],
        ['2026-11-24', 'gave', undefined, [1, 2]],
        ['2026-11-26', 'touch', 'coffee', [1, 2]],
      ],
    );
    const compiled = again.db
      .selectFrom('interactions as i')
      .innerJoin('interaction_people as ip', 'ip.interaction_id', 'i.id')
      .select(['i.id', 'i.date', 'i.channel', 'i.nature', 'i.note', 'ip.person_id'])
      .where('i.deleted_at', 'is', null)
      .where('i.date', '>=', '2026-11-20')
      .where('i.date', '<=', '2026-11-26')
      .compile();
    const raw = new SQLite(ctx.target, { readonly: true });
    const plan = raw.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as {
      detail: string;
    }[];
    raw.close();
    assert.ok(
      plan.some((r) => /COVERING INDEX interactions_by_date/.test(r.detail)),
      JSON.stringify(plan),
    );
  } finally {
    await again.store.close();
  }
});

test('a database written before the index gets it when next opened, and reads the same', async () => {
  const target = sqliteBackend.fresh();
  await logged(target);
  const expected = await (async () => {
    const c = await openApp({ db: target });
    try {
      return await activityBetween(c.db, '2026-11-01', '2026-11-30');
    } finally {
      await c.store.close();
    }
  })();
  // As the previous release left it: the date index, and no record of the new migration.
  const raw = new SQLite(target);
  raw.exec(`DROP INDEX interactions_by_date; CREATE INDEX interactions_date ON interactions (date);
    DELETE FROM kysely_migration WHERE name = '2026-12-03T1800_interactions_by_date';`);
  raw.close();
  assert.deepEqual(indexesOf(target), ['interactions_date']);
  const c = await openApp({ db: target });
  try {
    assert.deepEqual(await activityBetween(c.db, '2026-11-01', '2026-11-30'), expected);
  } finally {
    await c.store.close();
  }
  assert.deepEqual(indexesOf(target), ['interactions_by_date']);
});
