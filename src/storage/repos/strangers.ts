import type { Channel, CaptureKind } from '../../core/types.js';
import type { Db } from '../db.js';
import type { Database } from '../schema.js';
import { BulkWriter } from './bulk.js';

/**
 * The people capture met who are not in Tend: their sightings (one per meeting or thread, the
 * review list counts them) and the addresses the user chose to ignore.
 */

/** Every column of `capture_strangers`: what an import writes, and what a backup holds. */
export const strangerColumns = [
  'kind',
  'key',
  'email',
  'name',
  'date',
  'channel',
  'run_id',
] as const satisfies readonly (keyof Database['capture_strangers'])[];

export interface Stranger {
  kind: CaptureKind;
  key: string;
  email: string;
  name?: string | undefined;
  date: string;
  channel: Channel;
  /** The run that met them: its source (a file, an upload, a live source's name). */
  source?: string | undefined;
}

/**
 * Adds sightings of people Tend does not know (one per meeting or thread), each once: how many
 * were new (`rows`), and how many of their addresses the review list did not hold before (`people`).
 */
export async function addStrangers(
  db: Db,
  rows: readonly Stranger[],
  runId: number,
): Promise<{ rows: number; people: number }> {
  const emails = [...new Set(rows.map((s) => s.email))];
  const known = new Set<string>();
  for (let i = 0; i < emails.length; i += 500) {
    const some = await db
      .selectFrom('capture_strangers')
      .select('email')
      .distinct()
      .where('email', 'in', emails.slice(i, i + 500))
      .execute();
    for (const r of some) known.add(r.email);
  }
  const added = await new BulkWriter(db).insertNew(
    'capture_strangers',
    strangerColumns,
    rows.map((s) => [s.kind, s.key, s.email, s.name ?? null, s.date, s.channel, runId]),
    ['kind', 'key', 'email'],
  );
  return { rows: added, people: emails.filter((e) => !known.has(e)).length };
}

/** The sightings already kept under these keys, as `key NUL email`. */
export async function strangerSightings(
  db: Db,
  kind: CaptureKind,
  keys: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('capture_strangers')
      .select(['key', 'email'])
      .where('kind', '=', kind)
      .where('key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(`${r.key}\u0000${r.email}`);
  }
  return out;
}

export async function strangerRows(db: Db, email?: string): Promise<Stranger[]> {
  let qb = db
    .selectFrom('capture_strangers as s')
    .leftJoin('capture_runs as r', 'r.id', 's.run_id')
    .select(['s.kind', 's.key', 's.email', 's.name', 's.date', 's.channel', 'r.source'])
    .orderBy('s.date');
  if (email !== undefined) qb = qb.where('s.email', '=', email);
  const rows = await qb.execute();
  return rows.map((r) => ({
    kind: r.kind as CaptureKind,
    key: r.key,
    email: r.email,
    name: r.name ?? undefined,
    date: r.date,
    channel: r.channel as Channel,
    source: r.source ?? undefined,
  }));
}

export async function deleteStrangers(db: Db, where: { runId?: number; email?: string }): Promise<void> {
  let qb = db.deleteFrom('capture_strangers');
  if (where.runId !== undefined) qb = qb.where('run_id', '=', where.runId);
  if (where.email !== undefined) qb = qb.where('email', '=', where.email);
  await qb.execute();
}

export async function ignoredEmails(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('capture_ignored').select('email').execute();
  return new Set(rows.map((r) => r.email));
}

/** Takes an address off the ignore list; false when it was not on it. */
export async function unignoreEmail(db: Db, email: string): Promise<boolean> {
  const r = await db.deleteFrom('capture_ignored').where('email', '=', email).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function ignoreEmail(db: Db, email: string, now: string): Promise<void> {
  await db
    .insertInto('capture_ignored')
    .values({ email, created_at: now })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}
