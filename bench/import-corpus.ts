// Imports every contact file under a folder twice, each into its own fresh SQLite database, and
// prints what a user would see: records read, people after the first and the second import, and
// files refused. `node --import tsx bench/import-corpus.ts [FOLDER] [--json]`
// (default folder: test/fixtures/import).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from '../src/app/context.js';
import { importBytes } from '../src/app/import.js';
import { listPeople } from '../src/app/people.js';
import { DomainError } from '../src/core/errors.js';
import type { ImportFormat } from '../src/importers/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const dir = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, 'test/fixtures/import'));

/** The format a user would pick for a file: by extension, then by a look at its first bytes. */
function formatOf(file: string): ImportFormat | undefined {
  if (/\.vcf$|\.vcard$/i.test(file)) return 'vcard';
  if (!/\.csv$/i.test(file)) return undefined;
  const head = fs.readFileSync(file).subarray(0, 4096);
  const text = head.includes(0) ? new TextDecoder('utf-16le').decode(head) : head.toString('latin1');
  return /E-mail 1 - |Given Name|Organization Name|Name Prefix/i.test(text) ? 'google' : 'linkedin';
}

function walk(d: string): string[] {
  return fs
    .readdirSync(d, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]))
    .sort();
}

interface Row {
  file: string;
  format: string;
  records: number;
  first: number;
  second: number;
  rejected: number;
  skipped: number;
  refused?: string;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-corpus-'));
const rows: Row[] = [];
let n = 0;
for (const file of walk(dir)) {
  const format = formatOf(file);
  if (!format) continue;
  const rel = path.relative(dir, file);
  const ctx = await openApp({
    db: path.join(tmp, `c${++n}.db`),
    clock: () => new Date('2026-12-01T09:00:00Z'),
  });
  try {
    const bytes = fs.readFileSync(file);
    const count = async (): Promise<number> =>
      (await listPeople(ctx, { includeArchived: true }, { limit: 1, offset: 0 })).total;
    try {
      const s = await importBytes(ctx, { format, file: rel, bytes });
      const first = await count();
      await importBytes(ctx, { format, file: rel, bytes });
      rows.push({
        file: rel,
        format,
        records: s.total,
        first,
        second: await count(),
        rejected: s.rejected,
        skipped: s.skipped,
      });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      rows.push({
        file: rel,
        format,
        records: 0,
        first: 0,
        second: 0,
        rejected: 0,
        skipped: 0,
        refused: e.code,
      });
    }
  } finally {
    await ctx.store.close();
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

const total = (k: 'records' | 'first' | 'second'): number => rows.reduce((a, r) => a + r[k], 0);
const summary = {
  files: rows.length,
  refused: rows.filter((r) => r.refused !== undefined).length,
  duplicating: rows.filter((r) => r.second !== r.first).length,
  records: total('records'),
  peopleAfterFirst: total('first'),
  peopleAfterSecond: total('second'),
};
if (json) {
  process.stdout.write(`${JSON.stringify({ summary, files: rows }, null, 2)}\n`);
} else {
  const w = Math.max(...rows.map((r) => r.file.length), 4);
  console.log(`${'file'.padEnd(w)}  format    records  first  second  rejected  skipped`);
  for (const r of rows)
    console.log(
      `${r.file.padEnd(w)}  ${r.format.padEnd(8)}  ${
        r.refused !== undefined
          ? `refused: ${r.refused}`
          : `${String(r.records).padStart(7)}  ${String(r.first).padStart(5)}  ${String(r.second).padStart(6)}${r.second !== r.first ? '!' : ' '} ${String(r.rejected).padStart(8)}  ${String(r.skipped).padStart(7)}`
      }`,
    );
  console.log(
    `\n${summary.files} files, ${summary.refused} refused, ${summary.duplicating} duplicating on a second import; ` +
      `${summary.records} records → ${summary.peopleAfterFirst} people after the first import, ${summary.peopleAfterSecond} after the second`,
  );
}
