import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { addDays, dayOf } from '../core/dates.js';
import { invalid } from '../core/errors.js';
import { followedUp } from '../core/events.js';
import type { Person } from '../core/types.js';
import { eventsWhere } from '../storage/repos/events.js';
import { contactsByPerson } from '../storage/repos/interactions.js';
import { getPeople, idsMatching } from '../storage/repos/people.js';
import { promisesWhere } from '../storage/repos/promises.js';
import { csvOf } from '../formats/csv/write.js';
import { calendar, type CalendarItem } from '../formats/ics/write.js';
import { vcardOf } from '../formats/vcard/write.js';
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

/** Open promises and planned event follow-ups, as all-day events with a reminder. */
export async function icsOf(ctx: AppContext): Promise<{ content: string; count: number }> {
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
      if (followedUp(e.date, contacts.get(m.personId) ?? [])) continue;
      // The last day a real follow-up still makes the event a success.
      const by = addDays(e.date, ctx.settings.eventFollowUpDays);
      items.push({
        uid: `followup-${e.id}-${m.personId}@tend`,
        day: by,
        title: `Follow up with ${name(m.personId)} (met at ${e.name})`,
        description: `A coffee or a call with ${name(m.personId)} by ${by} makes ${e.name} a success.${e.place ? `\nMet in ${e.place} on ${e.date}.` : ''}${m.line ? `\n${m.line}` : ''}`,
        alarm: { days: 1, hours: 15, before: true },
      });
    }
  return { content: calendar(items, ctx.clock()), count: items.length };
}
