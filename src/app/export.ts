import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { invalid } from '../core/errors.js';
import type { Person } from '../core/types.js';
import { getPeople, idsMatching } from '../storage/repos/people.js';
import { exportJson } from './backup.js';
import type { AppContext } from './context.js';
import { icsOf } from './export-ics.js';
import { vcardOf } from './export-vcard.js';

export { escapeText as vcardText, escapeText, foldLine } from './export-lines.js';
export { vcardOf } from './export-vcard.js';

export type ExportFormat = 'json' | 'vcard' | 'csv' | 'ics';
export const exportFormats: readonly ExportFormat[] = ['json', 'vcard', 'csv', 'ics'];

export interface ExportResult {
  format: ExportFormat;
  /** People, calendar events, or rows of all tables (json). */
  count: number;
  bytes: number;
  /** Where it was written; undefined: the caller prints `content`. */
  out?: string | undefined;
  content?: string | undefined;
}

/**
 * `tend export FORMAT [--out FILE]`. With `out`, the file is written atomically (a temporary
 * file in the same folder, flushed, then renamed over the target): a failure leaves either the
 * old file or none, never half of a new one.
 */
export async function exportTo(ctx: AppContext, format: ExportFormat, out?: string): Promise<ExportResult> {
  const { content, count } = await render(ctx, format);
  const bytes = Buffer.byteLength(content, 'utf8');
  if (out === undefined) return { format, count, bytes, content };
  await writeAtomic(out, content);
  return { format, count, bytes, out: path.resolve(out) };
}

async function render(ctx: AppContext, format: ExportFormat): Promise<{ content: string; count: number }> {
  switch (format) {
    case 'json': {
      const { content, counts } = await exportJson(ctx);
      return { content, count: Object.values(counts).reduce((a, b) => a + b, 0) };
    }
    case 'vcard': {
      const people = await allPeople(ctx);
      return { content: people.map(vcardOf).join(''), count: people.length };
    }
    case 'csv': {
      const people = await allPeople(ctx);
      return { content: csvOf(people), count: people.length };
    }
    case 'ics':
      return icsOf(ctx);
  }
}

export async function writeAtomic(file: string, content: string): Promise<void> {
  const target = path.resolve(file);
  const tmp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  let handle;
  try {
    handle = await open(tmp, 'wx', 0o600);
  } catch (e) {
    throw invalid(`cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw invalid(`cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function allPeople(ctx: AppContext): Promise<Person[]> {
  return getPeople(ctx.db, await idsMatching(ctx.db, { includeArchived: true }));
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180) safe to open in a spreadsheet

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR: OWASP's list) gets a
 * leading apostrophe, then standard quoting. A phone number `+49 …` is shown as `'+49 …`: the
 * price of never executing a name like `=HYPERLINK(…)`.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || /^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvColumns = [
  'id',
  'name',
  'circle',
  'source',
  'company',
  'title',
  'met',
  'emails',
  'phones',
  'linkedin',
  'urls',
  'birthday',
  'tags',
  'notes',
  'created_at',
  'updated_at',
] as const;

function csvOf(people: readonly Person[]): string {
  const rows = people.map((p) => [
    String(p.id),
    p.name,
    p.circle,
    p.source,
    p.company ?? '',
    p.title ?? '',
    p.met ?? '',
    p.emails.join('; '),
    p.phones.join('; '),
    p.linkedin ?? '',
    p.urls.join(' '),
    p.birthday ?? '',
    p.tags.join('; '),
    p.notes ?? '',
    p.createdAt,
    p.updatedAt,
  ]);
  // A BOM so that Excel reads UTF-8 (it assumes the system code page otherwise); CRLF per RFC 4180.
  return `\ufeff${[csvColumns as readonly string[], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
