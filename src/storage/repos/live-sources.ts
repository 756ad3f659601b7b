import type { Db } from '../db.js';

/** Live capture sources (migration live_sources): config, encrypted secret, cursor. */

export interface SourceRow {
  id: number;
  name: string;
  kind: string;
  config: string;
  secret: string;
  cursor: string;
  lastRunAt?: string | undefined;
  createdAt: string;
}

const toRow = (r: {
  id: number;
  name: string;
  kind: string;
  config: string;
  secret: string;
  cursor: string;
  last_run_at: string | null;
  created_at: string;
}): SourceRow => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  config: r.config,
  secret: r.secret,
  cursor: r.cursor,
  lastRunAt: r.last_run_at ?? undefined,
  createdAt: r.created_at,
});

export async function insertSource(
  db: Db,
  s: { name: string; kind: string; config: string; secret: string },
  now: string,
): Promise<number> {
  const r = await db
    .insertInto('live_sources')
    .values({ ...s, cursor: '{}', last_run_at: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  const rows = await db.selectFrom('live_sources').selectAll().orderBy('name').execute();
  return rows.map(toRow);
}

export async function sourceByName(db: Db, name: string): Promise<SourceRow | undefined> {
  const r = await db.selectFrom('live_sources').selectAll().where('name', '=', name).executeTakeFirst();
  return r === undefined ? undefined : toRow(r);
}

export async function sourceById(db: Db, id: number): Promise<SourceRow | undefined> {
  const r = await db.selectFrom('live_sources').selectAll().where('id', '=', id).executeTakeFirst();
  return r === undefined ? undefined : toRow(r);
}

export async function deleteSource(db: Db, id: number): Promise<void> {
  await db.deleteFrom('live_sources').where('id', '=', id).execute();
}

export async function setCursor(db: Db, id: number, cursor: string, now: string): Promise<void> {
  await db
    .updateTable('live_sources')
    .set({ cursor, last_run_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Marks a run as read from a source, keeping the source's cursor before it (for undo). */
export async function attachRun(
  db: Db,
  runId: number,
  sourceId: number,
  cursorBefore: string,
): Promise<void> {
  await db
    .updateTable('capture_runs')
    .set({ source_id: sourceId, cursor_before: cursorBefore })
    .where('id', '=', runId)
    .execute();
}

export async function runOrigin(
  db: Db,
  runId: number,
): Promise<{ sourceId: number; cursorBefore: string } | undefined> {
  const r = await db
    .selectFrom('capture_runs')
    .select(['source_id', 'cursor_before'])
    .where('id', '=', runId)
    .executeTakeFirst();
  return r?.source_id != null && r.cursor_before !== null
    ? { sourceId: r.source_id, cursorBefore: r.cursor_before }
    : undefined;
}

/** Runs of a source, newest first (ids only). */
export async function runsOfSource(db: Db, sourceId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('capture_runs')
    .select('id')
    .where('source_id', '=', sourceId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => r.id);
}

/** Puts a source's cursor back (a run of it was undone); its last run stays as it was. */
export async function rewindCursor(db: Db, id: number, cursor: string, now: string): Promise<void> {
  await db.updateTable('live_sources').set({ cursor, updated_at: now }).where('id', '=', id).execute();
}
