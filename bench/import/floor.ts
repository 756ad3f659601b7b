/**
 * The floor an import is measured against, as issue 11 states it: parse the same file with
 * csv-parse and insert its rows with one prepared INSERT per row in one transaction, as a whole
 * process. The rows go into the `people` table of a new Tend database (its schema made here, as
 * `tend import` makes it for an empty database), with the columns a person needs (folded name,
 * search text); nothing is looked up, merged, keyed or linked, and no query builder is involved.
 *
 * With `--bulk-index` (a reference figure, not the floor): the trigram search index is filled by
 * one statement after the rows instead of by its trigger row by row. One-row statements make
 * SQLite's FTS5 flush its pending terms after every row, and that is most of the floor's time.
 * Usage (bundled by the bench): node floor.mjs FILE DB [--bulk-index]
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { fold } from '../../src/core/text.js';
import { openStore } from '../../src/storage/db.js';

const [file, dbFile, mode] = process.argv.slice(2);
const bulkIndex = mode === '--bulk-index';
if (file === undefined || dbFile === undefined) throw new Error('usage: floor FILE DB');
const store = await openStore(dbFile);
await store.close();

// LinkedIn's export starts with a notes preamble: csv-parse reads from the header line on.
const text = readFileSync(file, 'utf8');
const rows = parse<Record<string, string | undefined>>(text.slice(text.indexOf('First Name,')), {
  columns: true,
  skip_empty_lines: true,
  relax_column_count: true,
});

const db = new SQLite(dbFile);
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('synchronous = NORMAL');
const now = new Date().toISOString();
const insert = db.prepare(
  `insert into people (uid, name, name_fold, company, title, emails, linkedin, source, circle, search_text, last_contact_on, created_at, updated_at)
   values (?, ?, ?, ?, ?, ?, ?, 'linkedin', 'pool', ?, ?, ?, ?)`,
);
let n = 0;
db.transaction(() => {
  if (bulkIndex) db.exec('DROP TRIGGER people_fts_insert');
  for (const r of rows) {
    const name = `${r['First Name'] ?? ''} ${r['Last Name'] ?? ''}`.trim();
    if (name === '') continue;
    const email = r['Email Address'] ?? '';
    const company = r.Company || null;
    const title = r.Position || null;
    insert.run(
      randomUUID(),
      name,
      fold(name),
      company,
      title,
      email === '' ? '[]' : JSON.stringify([email]),
      r.URL || null,
      fold([name, company, title, email].filter((x) => x).join(' \u2022 ')),
      r['Connected On'] || null,
      now,
      now,
    );
    n++;
  }
  if (bulkIndex) db.exec('INSERT INTO people_fts(rowid, search_text) SELECT id, search_text FROM people');
})();
db.close();
console.log(`${n} rows`);
