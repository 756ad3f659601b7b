import type { Person } from '../../core/types.js';

// CSV (RFC 4180) safe to open in a spreadsheet.

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

/** People as a spreadsheet: one row each, lists joined in one cell. */
export function csvOf(people: readonly Person[]): string {
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
