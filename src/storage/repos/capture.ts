import type { Channel, CaptureKind } from '../../core/types.js';
import type { Db } from '../db.js';
import type { Database } from '../schema.js';
import { BulkWriter } from './bulk.js';

/**
 * Capture runs and captured interactions (migration capture); the people met but not known are
 * in strangers.ts, re-exported here so that a capture use case reads one repository.
 */
export * from './strangers.js';

/** Every column of `captures`, in the order a backup writes them (storage/repos/backup.ts). */
export const captureColumns = [
  'id',
  'kind',
  'key',
  'series',
  'person_id',
  'interaction_id',
  'date',
  'channel',
  'version',
  'title',
  'removed',
  'run_id',
  'created_run_id',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof Database['captures'])[];

/** What an import writes of a new capture: every column but the id the database gives it. */
const newCaptureColumns = captureColumns.filter((c): c is Exclude<typeof c, 'id'> => c !== 'id');

export async function myEmails(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('my_emails').select('address').orderBy('address').execute();
  return rows.map((r) => r.address);
}

export async function addMyEmail(db: Db, address: string, now: string): Promise<boolean> {
  const r = await db
    .insertInto('my_emails')
    .values({ address, created_at: now })
    .onConflict((oc) => oc.column('address').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeMyEmail(db: Db, address: string): Promise<boolean> {
  const r = await db.deleteFrom('my_emails').where('address', '=', address).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Every known person's addresses, lower-cased: address → the person (the oldest, if two share one). */
export async function peopleByEmail(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'emails'])
    .where('deleted_at', 'is', null)
    .where('emails', '!=', '[]')
    .orderBy('id')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows)
    for (const e of JSON.parse(r.emails) as string[]) {
      const k = e.trim().toLowerCase();
      if (!out.has(k)) out.set(k, r.id);
    }
  return out;
}

export interface RunRow {
  id: number;
  kind: CaptureKind;
  source: string;
  startedAt: string;
  finishedAt?: string | undefined;
  counts: Record<string, number>;
  undoneAt?: string | undefined;
}

export async function insertRun(db: Db, kind: CaptureKind, source: string, now: string): Promise<number> {
  const r = await db
    .insertInto('capture_runs')
    .values({ kind, source, started_at: now, finished_at: null, counts: '{}', undone_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function finishRun(
  db: Db,
  id: number,
  counts: Record<string, number>,
  now: string,
): Promise<void> {
  await db
    .updateTable('capture_runs')
    .set({ finished_at: now, counts: JSON.stringify(counts) })
    .where('id', '=', id)
    .execute();
}

export async function listRuns(db: Db, id?: number): Promise<RunRow[]> {
  let qb = db.selectFrom('capture_runs').selectAll().orderBy('id', 'desc');
  if (id !== undefined) qb = qb.where('id', '=', id);
  const rows = await qb.execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as CaptureKind,
    source: r.source,
    startedAt: r.started_at,
    finishedAt: r.finished_at ?? undefined,
    counts: JSON.parse(r.counts) as Record<string, number>,
    undoneAt: r.undone_at ?? undefined,
  }));
}

export async function markUndone(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('capture_runs').set({ undone_at: now }).where('id', '=', id).execute();
}

export interface CaptureState {
  date: string;
  channel: Channel;
  version: number;
  title: string | null;
  removed: boolean;
  runId: number;
}

export interface CaptureRow extends CaptureState {
  id: number;
  key: string;
  series: string;
  personId: number;
  interactionId: number;
}

/** The captures of some series (event UIDs), removed ones too. */
export async function capturesOfSeries(
  db: Db,
  kind: CaptureKind,
  series: readonly string[],
): Promise<CaptureRow[]> {
  const out: CaptureRow[] = [];
  for (let i = 0; i < series.length; i += 500) {
    const rows = await db
      .selectFrom('captures')
      .selectAll()
      .where('kind', '=', kind)
      .where('series', 'in', series.slice(i, i + 500))
      .execute();
    for (const r of rows)
      out.push({
        id: r.id,
        key: r.key,
        series: r.series,
        personId: r.person_id,
        interactionId: r.interaction_id,
        date: r.date,
        channel: r.channel as Channel,
        version: r.version,
        title: r.title,
        removed: r.removed === 1,
        runId: r.run_id,
      });
  }
  return out;
}

export type NewCapture = Omit<CaptureRow, 'id' | 'removed'> & { kind: CaptureKind };

/**
 * Adds captures in multi-row INSERTs (an import adds thousands), with the link of each one's
 * interaction to its person; `runId` is the run that creates them.
 */
export async function insertCaptures(db: Db, rows: readonly NewCapture[], now: string): Promise<void> {
  const w = new BulkWriter(db);
  await w.insert(
    'interaction_people',
    ['interaction_id', 'person_id'],
    rows.map((c) => [c.interactionId, c.personId]),
  );
  await w.insert(
    'captures',
    newCaptureColumns,
    rows.map((c) => {
      const row: { [K in (typeof newCaptureColumns)[number]]: unknown } = {
        kind: c.kind,
        key: c.key,
        series: c.series,
        person_id: c.personId,
        interaction_id: c.interactionId,
        date: c.date,
        channel: c.channel,
        version: c.version,
        title: c.title,
        removed: 0,
        run_id: c.runId,
        created_run_id: c.runId,
        created_at: now,
        updated_at: now,
      };
      return newCaptureColumns.map((k) => row[k]);
    }),
  );
}

/** The captures a run added. */
export async function capturesCreatedBy(
  db: Db,
  runId: number,
): Promise<{ id: number; interactionId: number; personId: number }[]> {
  const rows = await db
    .selectFrom('captures')
    .select(['id', 'interaction_id', 'person_id'])
    .where('created_run_id', '=', runId)
    .execute();
  return rows.map((r) => ({ id: r.id, interactionId: r.interaction_id, personId: r.person_id }));
}

/** Sets a capture's state and its interaction's date, channel and presence to match. */
export async function setCaptureState(
  db: Db,
  c: { id: number; interactionId: number },
  s: CaptureState,
  now: string,
): Promise<void> {
  await db
    .updateTable('captures')
    .set({
      date: s.date,
      channel: s.channel,
      version: s.version,
      title: s.title,
      removed: s.removed ? 1 : 0,
      run_id: s.runId,
      updated_at: now,
    })
    .where('id', '=', c.id)
    .execute();
  await db
    .updateTable('interactions')
    .set({ date: s.date, channel: s.channel, deleted_at: s.removed ? now : null })
    .where('id', '=', c.interactionId)
    .execute();
}

export type ChangeAction = 'updated' | 'removed' | 'restored';

export async function recordChange(
  db: Db,
  runId: number,
  captureId: number,
  action: ChangeAction,
  before: CaptureState | null,
): Promise<void> {
  await db
    .insertInto('capture_changes')
    .values({ run_id: runId, capture_id: captureId, action, before: before ? JSON.stringify(before) : null })
    .execute();
}

export interface ChangeRow {
  id: number;
  captureId: number;
  action: ChangeAction;
  before: CaptureState | null;
  interactionId: number;
  personId: number;
}

export async function changesOfRun(db: Db, runId: number): Promise<ChangeRow[]> {
  const rows = await db
    .selectFrom('capture_changes as ch')
    .innerJoin('captures as c', 'c.id', 'ch.capture_id')
    .select(['ch.id', 'ch.capture_id', 'ch.action', 'ch.before', 'c.interaction_id', 'c.person_id'])
    .where('ch.run_id', '=', runId)
    .orderBy('ch.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    captureId: r.capture_id,
    action: r.action as ChangeAction,
    before: r.before === null ? null : (JSON.parse(r.before) as CaptureState),
    interactionId: r.interaction_id,
    personId: r.person_id,
  }));
}

/** Later runs, not undone, that changed any of these captures: they must be undone first. */
export async function laterRunsTouching(
  db: Db,
  runId: number,
  captureIds: readonly number[],
): Promise<number[]> {
  const found = new Set<number>();
  for (let i = 0; i < captureIds.length; i += 500) {
    const rows = await db
      .selectFrom('capture_changes as ch')
      .innerJoin('capture_runs as r', 'r.id', 'ch.run_id')
      .select('ch.run_id')
      .where('ch.run_id', '>', runId)
      .where('r.undone_at', 'is', null)
      .where('ch.capture_id', 'in', captureIds.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.run_id);
  }
  return [...found].sort((a, b) => a - b);
}

/** Forgets a capture a run created (its interaction is soft-deleted by the caller). */
export async function deleteCapture(db: Db, id: number): Promise<void> {
  await db.deleteFrom('capture_changes').where('capture_id', '=', id).execute();
  await db.deleteFrom('captures').where('id', '=', id).execute();
}

/** A run that wrote nothing but its own row (a live run that changed nothing): gone. */
export async function deleteRun(db: Db, id: number): Promise<void> {
  await db.deleteFrom('capture_runs').where('id', '=', id).execute();
}
