import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { addDays, dayOf } from '../core/dates.js';
import { invalid } from '../core/errors.js';
import type { Person } from '../core/types.js';
import type * as Ics from 'ics';
import { eventsWhere } from '../storage/repos/events.js';
import { contactsByPerson } from '../storage/repos/interactions.js';
import { getPeople, idsMatching } from '../storage/repos/people.js';
import { promisesWhere } from '../storage/repos/promises.js';
import { exportJson } from './backup.js';
import type { AppContext } from './context.js';

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
// vCard 4.0 (RFC 6350)

/** TEXT value escaping: backslash, comma, semicolon and newlines (RFC 6350 §3.4). */
export function vcardText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 6350 §3.2). */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return `${line}\r\n`;
  const out: string[] = [];
  let cur = '';
  let curBytes = 0;
  let limit = 75;
  for (const ch of line) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (curBytes + b > limit) {
      out.push(cur);
      cur = '';
      curBytes = 0;
      limit = 74; // continuation lines start with a space
    }
    cur += ch;
    curBytes += b;
  }
  out.push(cur);
  return `${out.join('\r\n ')}\r\n`;
}

/** Family name last, the rest given: a guess, as Tend stores one display name. */
function nameParts(name: string): { family: string; given: string } {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return { family: '', given: name.trim() };
  return { family: words[words.length - 1] ?? '', given: words.slice(0, -1).join(' ') };
}

export function vcardOf(p: Person): string {
  const lines: string[] = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${vcardText(p.name)}`];
  const n = nameParts(p.name);
  lines.push(`N:${vcardText(n.family)};${vcardText(n.given)};;;`);
  p.emails.forEach((e, i) => lines.push(`EMAIL${i === 0 ? ';PREF=1' : ''}:${vcardText(e)}`));
  p.phones.forEach((t, i) => lines.push(`TEL;VALUE=text${i === 0 ? ';PREF=1' : ''}:${vcardText(t)}`));
  if (p.company) lines.push(`ORG:${vcardText(p.company)}`);
  if (p.title) lines.push(`TITLE:${vcardText(p.title)}`);
  if (p.linkedin) {
    // URL for every reader; X-SOCIALPROFILE is how Apple Contacts shows a LinkedIn profile.
    lines.push(`URL;TYPE=linkedin:${p.linkedin}`);
    lines.push(`X-SOCIALPROFILE;TYPE=linkedin:${p.linkedin}`);
  }
  for (const u of p.urls) lines.push(`URL:${u}`);
  if (p.birthday) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p.birthday);
    const y = /^--(\d{2})-(\d{2})$/.exec(p.birthday);
    if (m) lines.push(`BDAY:${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}`);
    else if (y) lines.push(`BDAY:--${y[1] ?? ''}${y[2] ?? ''}`);
  }
  const note = [p.met ? `Met: ${p.met}` : undefined, p.notes].filter((x): x is string => !!x).join('\n');
  if (note) lines.push(`NOTE:${vcardText(note)}`);
  if (p.tags.length > 0) lines.push(`CATEGORIES:${p.tags.map(vcardText).join(',')}`);
  lines.push('PRODID:-//Tend//Tend 0.1//EN');
  lines.push('END:VCARD');
  return lines.map(foldLine).join('');
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

// ---------------------------------------------------------------------------------------------
// ICS: open promises and planned event follow-ups

interface CalendarItem {
  uid: string;
  day: string;
  title: string;
  description: string;
  /** Reminder, relative to the start of the all-day event. */
  alarm: { days?: number; hours: number; before: boolean };
}

async function icsOf(ctx: AppContext): Promise<{ content: string; count: number }> {
  const db = ctx.db;
  const today = dayOf(ctx.clock());
  const items: CalendarItem[] = [];
  const promises = await promisesWhere(db, { status: 'open' });
  const events = await eventsWhere(db, { from: addDays(today, -ctx.settings.eventFollowUpDays) });
  const picked = [...new Set(events.flatMap((e) => e.met.filter((m) => m.followUp).map((m) => m.personId)))];
  const people = new Map(
    (await getPeople(db, [...new Set([...promises.map((p) => p.personId), ...picked])])).map((p) => [
      p.id,
      p,
    ]),
  );
  const name = (id: number): string => people.get(id)?.name ?? `#${id}`;
  for (const p of promises)
    items.push({
      uid: `promise-${p.id}@tend`,
      day: p.due,
      title: `Promise to ${name(p.personId)}: ${p.text}`,
      description: `You promised ${name(p.personId)}: ${p.text}\nMark it kept with: tend done ${p.id}`,
      alarm: { hours: 9, before: false },
    });
  const contacts = await contactsByPerson(db, picked);
  for (const e of [...events].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id))
    for (const m of e.met) {
      if (!m.followUp) continue;
      const done = (contacts.get(m.personId) ?? []).some(
        (c) => c.date > e.date && ['in_person', 'call', 'letter'].includes(c.channel),
      );
      if (done) continue;
      // The last day a real follow-up still makes the event a success.
      const by = addDays(e.date, ctx.settings.eventFollowUpDays);
      items.push({
        uid: `followup-${e.id}-${m.personId}@tend`,
        day: by,
        title: `Follow up with ${name(m.personId)} (met at ${e.name})`,
        description: `A coffee or a call with ${name(m.personId)} by ${by} makes ${e.name} a success.${m.line ? `\n${m.line}` : ''}`,
        alarm: { days: 1, hours: 15, before: true },
      });
    }
  return { content: await calendar(items, ctx.clock()), count: items.length };
}

const dateArray = (day: string): [number, number, number] => {
  const [y, m, d] = day.split('-').map(Number);
  return [y ?? 1970, m ?? 1, d ?? 1];
};

async function calendar(items: readonly CalendarItem[], now: Date): Promise<string> {
  const header = { productId: '-//Tend//Tend 0.1//EN', calName: 'Tend' };
  if (items.length === 0)
    // The ics package refuses an empty list; an empty calendar is still a valid file.
    return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:${header.productId}\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:Tend\r\nEND:VCALENDAR\r\n`;
  // CommonJS in the bundle (functions on `default`), ESM under tsx (named exports): take either.
  const mod = (await import('ics')) as unknown as typeof Ics & { default?: typeof Ics };
  const ics = mod.default ?? mod;
  const events = items.map((it) => {
    const start = dateArray(it.day);
    const end = dateArray(addDays(it.day, 1));
    return {
      uid: it.uid,
      start,
      end,
      title: it.title,
      description: it.description,
      // DTSTAMP from the app's clock, not the package's Date.now(): exports are reproducible.
      timestamp: now.getTime(),
      transp: 'TRANSPARENT' as const,
      alarms: [
        {
          action: 'display' as const,
          description: it.title,
          trigger: {
            ...(it.alarm.days !== undefined ? { days: it.alarm.days } : {}),
            hours: it.alarm.hours,
            before: it.alarm.before,
          },
        },
      ],
    };
  });
  const { error, value } = ics.createEvents(events, header);
  if (error || value === null) throw new Error(`calendar export failed: ${error?.message ?? 'no output'}`);
  return value;
}
