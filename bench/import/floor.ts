/**
 * The floor an import is measured against: parse the same file and insert the same rows (people
 * with their search text, dedupe keys, the LinkedIn first interaction and its link) with plain
 * better-sqlite3 prepared statements in one transaction. No merging, no lookups, no Kysely.
 * Usage (bundled by perf.ts): node floor.mjs FILE DB
 */
import { readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { dedupeKeys, isMismatch, parseImport } from '../../src/importers/index.js';
import { openStore } from '../../src/storage/db.js';
import { searchTextOf } from '../../src/storage/repos/import.js';
import { fold } from '../../src/core/text.js';

const [file, dbFile] = process.argv.slice(2);
if (file === undefined || dbFile === undefined) throw new Error('usage: floor FILE DB');
const store = await openStore(dbFile);
await store.close();

const parsed = parseImport('linkedin', readFileSync(file));
if (isMismatch(parsed)) throw new Error(parsed.message);
const db = new SQLite(dbFile);
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('synchronous = NORMAL');
const now = new Date().toISOString();
const person = db.prepare(
  `insert into people (name, name_fold, met, company, title, emails, phones, linkedin, urls, birthday, notes, source, circle,
   cadence_days, introduced_by, merged_into, search_text, last_real_on, last_contact_on, created_at, updated_at, deleted_at)
   values (?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, 'linkedin', 'pool', null, null, null, ?, null, ?, ?, ?, null)`,
);
const key = db.prepare('insert into person_keys (key, person_id) values (?, ?)');
const interaction = db.prepare(
  `insert into interactions (date, channel, nature, kind, note, unearned, intro_id, created_at, deleted_at)
   values (?, 'social', 'touch', null, 'connected on LinkedIn', 0, null, ?, null)`,
);
const link = db.prepare('insert into interaction_people (interaction_id, person_id) values (?, ?)');
db.transaction(() => {
  for (const r of parsed.records) {
    const id = person.run(
      r.name,
      fold(r.name),
      r.company ?? null,
      r.title ?? null,
      JSON.stringify(r.emails),
      JSON.stringify(r.phones),
      r.linkedin ?? null,
      JSON.stringify(r.urls),
      r.birthday ?? null,
      r.notes ?? null,
      searchTextOf(r, []),
      r.connectedOn ?? null,
      now,
      now,
    ).lastInsertRowid;
    for (const k of dedupeKeys(r)) key.run(k, id);
    if (r.connectedOn !== undefined) link.run(interaction.run(r.connectedOn, now).lastInsertRowid, id);
  }
})();
db.close();
console.log(`${parsed.records.length} rows`);
