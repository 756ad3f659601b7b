import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { judgeMeeting, type SkipReason } from '../core/capture.js';
import { DomainError } from '../core/errors.js';
import { readCalendar, type CalendarOccurrence } from '../formats/ics/read.js';
import { withInteractions } from '../storage/repos/capture-bulk.js';
import * as repo from '../storage/repos/capture.js';
import type { CaptureState } from '../storage/repos/capture.js';
import { refreshContactDays } from '../storage/repos/people.js';
import type { Db } from '../storage/db.js';
import { refuseLeftOut } from './capture-strict.js';
import { nowIso, type AppContext } from './context.js';

export interface CalendarCaptureInput {
  file: string;
  dryRun?: boolean | undefined;
  /** Refuse the file, writing nothing, when an event in it cannot be read. */
  strict?: boolean | undefined;
  /** What the run is called (`tend sync list`); the file's absolute path when omitted (an upload names its file). */
  source?: string | undefined;
  /** Occurrences judged so far, of those the file has. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface CalendarCaptureSummary {
  kind: 'calendar';
  file: string;
  /** The calendar's own name (X-WR-CALNAME), when the file gives one. */
  calendar?: string | undefined;
  dryRun: boolean;
  /** The run that wrote it (`tend sync undo RUN`); none when nothing changed or on a dry run. */
  run?: number | undefined;
  events: number;
  /** Occurrences that have started: single events and past instances of recurring ones. */
  occurrences: number;
  /** Interactions added, changed (the event moved or changed), unchanged, removed (cancelled, deleted). */
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Occurrences that are not meetings to count, by reason. */
  skipped: Record<SkipReason, number>;
  /** People (addresses) met in meetings that Tend does not know and the review list did not hold yet. */
  newStrangers: number;
  /** False when no address of mine is set: declined events cannot be recognised. */
  knowsMe: boolean;
  changedNothing: boolean;
  problems: { line: number; message: string }[];
}

class Rollback extends Error {
  constructor(readonly summary: CalendarCaptureSummary) {
    super('rolled back');
  }
}

const sep = '\u0000';

/**
 * `tend import calendar FILE.ics`: every past meeting of the file becomes one `touch` interaction
 * with each known attendee (DESIGN.md "Capture without typing"), in ONE transaction with its run.
 * Re-reading the file changes nothing; a changed event updates its interactions; an event that
 * was cancelled or deleted from a series loses them. `dryRun` does the same and rolls back.
 */
export async function importCalendar(
  ctx: AppContext,
  input: CalendarCaptureInput,
): Promise<CalendarCaptureSummary> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(input.file);
  } catch (e) {
    throw new DomainError(
      'invalid_input',
      `cannot read ${input.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { file: input.file },
    );
  }
  const nowMs = ctx.clock().getTime();
  const read = readCalendar(bytes, nowMs);
  if (!read.ok) {
    const where = read.line !== undefined ? `, line ${read.line}` : '';
    throw new DomainError(
      read.code === 'broken_calendar' ? 'invalid_input' : 'import_wrong_format',
      `${input.file}${where}: ${read.message}; nothing was imported`,
      { file: input.file, line: read.line, reason: read.code, expected: 'calendar' },
    );
  }
  if (input.strict) refuseLeftOut(input.file, read.leftOut + read.unusable, read.problems, 'event');
  const occurrences = [...read.occurrences].sort((a, b) => a.start - b.start || a.uid.localeCompare(b.uid));
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const now = nowIso(ctx);
      const runId = await repo.insertRun(trx, 'calendar', input.source ?? path.resolve(input.file), now);
      const me = new Set(await repo.myEmails(trx));
      const { strangerRows, ...s } = await captureOccurrences(
        ctx,
        trx,
        runId,
        me,
        occurrences,
        read.series,
        nowMs,
        now,
        new Set(),
        input.onProgress,
      );
      const summary: CalendarCaptureSummary = {
        kind: 'calendar',
        file: input.file,
        calendar: read.name,
        dryRun: input.dryRun === true,
        events: read.events,
        occurrences: occurrences.length,
        ...s,
        knowsMe: me.size > 0,
        changedNothing: s.created + s.updated + s.removed + strangerRows === 0,
        problems: read.problems,
      };
      // A run that changed nothing is not kept: re-reading a file leaves the database as it was.
      if (summary.dryRun || summary.changedNothing) throw new Rollback(summary);
      const { skipped, ...counts } = s;
      await repo.finishRun(
        trx,
        runId,
        { ...counts, skipped: Object.values(skipped).reduce((a, b) => a + b, 0) },
        now,
      );
      return { ...summary, run: runId };
    });
  } catch (e) {
    if (e instanceof Rollback) return e.summary;
    throw e;
  }
}

export const noSkips = (): Record<SkipReason, number> => ({
  not_ended: 0,
  cancelled: 0,
  declined: 0,
  all_day: 0,
  too_many_attendees: 0,
  no_one_else: 0,
});

export type CalendarCaptureCounts = Awaited<ReturnType<typeof captureOccurrences>>;

/**
 * The planner both a file and a live calendar go through: each occurrence judged by the rules,
 * compared with what was captured before (by UID and occurrence), written in `trx` under `runId`.
 * A series in `series` loses the occurrences it no longer has; a series in `gone` (an event
 * deleted on a CalDAV server) loses all of them.
 */
export async function captureOccurrences(
  ctx: AppContext,
  trx: Db,
  runId: number,
  me: ReadonlySet<string>,
  occurrences: readonly CalendarOccurrence[],
  series: readonly { uid: string; sequence: number }[],
  nowMs: number,
  now: string,
  gone: ReadonlySet<string> = new Set(),
  onProgress?: (done: number, total: number) => void,
) {
  const known = await repo.peopleByEmail(trx);
  const ignored = await repo.ignoredEmails(trx);
  const existing = await repo.capturesOfSeries(trx, 'calendar', [
    ...new Set([...series.map((x) => x.uid), ...gone]),
  ]);
  const byKey = new Map(existing.map((c) => [`${c.key}${sep}${c.personId}`, c]));
  const seen = new Set<number>();
  const done = new Set<string>();
  const touched = new Set<number>();
  const skipped = noSkips();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const fresh: Omit<repo.NewCapture, 'interactionId'>[] = [];
  const strangers: repo.Stranger[] = [];
  for (const [i, o] of occurrences.entries()) {
    // The loop does no I/O of its own: a bar on the terminal needs a turn of the event loop.
    if (onProgress && i % 500 === 0) {
      onProgress(i, occurrences.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const v = judgeMeeting(o, me, ctx.settings, nowMs);
    if (!v.capture) {
      skipped[v.reason]++;
      continue;
    }
    const key = `${o.uid}|${o.recurrenceId}`;
    const date = o.day;
    for (const other of v.others) {
      const personId = known.get(other.email);
      if (personId === undefined) {
        if (!ignored.has(other.email))
          strangers.push({
            kind: 'calendar',
            key,
            email: other.email,
            name: other.name,
            date,
            channel: v.channel,
          });
        continue;
      }
      const state: CaptureState = {
        date,
        channel: v.channel,
        version: o.sequence,
        title: o.summary ?? null,
        removed: false,
        runId,
      };
      // One person under two addresses at one meeting, or one meeting twice in the file: once.
      if (done.has(`${key}${sep}${personId}`)) continue;
      done.add(`${key}${sep}${personId}`);
      const had = byKey.get(`${key}${sep}${personId}`);
      if (had === undefined) {
        fresh.push({ kind: 'calendar', key, series: o.uid, personId, ...state });
        created++;
        touched.add(personId);
        continue;
      }
      seen.add(had.id);
      // An older copy of the event (a lower SEQUENCE) never overwrites what a newer one said.
      if (had.version > o.sequence || sameState(had, state)) {
        unchanged++;
        continue;
      }
      await repo.recordChange(trx, runId, had.id, had.removed ? 'restored' : 'updated', stateOf(had));
      await repo.setCaptureState(trx, had, state, now);
      updated++;
      touched.add(personId);
    }
  }
  onProgress?.(occurrences.length, occurrences.length);
  await repo.insertCaptures(trx, await withInteractions(trx, fresh, now), now);
  const strangersAdded = await repo.addStrangers(trx, strangers, runId);
  // Occurrences of a series in this file that it no longer has (cancelled, deleted, moved, now
  // declined or too big) lose their interactions; series not in the file are left alone.
  const versionOf = new Map(series.map((x) => [x.uid, x.sequence]));
  let removed = 0;
  for (const c of existing) {
    if (seen.has(c.id) || c.removed) continue;
    if (!gone.has(c.series) && (versionOf.get(c.series) ?? 0) < c.version) continue;
    await repo.recordChange(trx, runId, c.id, 'removed', stateOf(c));
    await repo.setCaptureState(trx, c, { ...stateOf(c), removed: true, runId }, now);
    removed++;
    touched.add(c.personId);
  }
  await refreshContactDays(trx, [...touched]);
  return {
    created,
    updated,
    unchanged,
    removed,
    skipped,
    newStrangers: strangersAdded.people,
    strangerRows: strangersAdded.rows,
  };
}

function stateOf(c: repo.CaptureRow): CaptureState {
  return {
    date: c.date,
    channel: c.channel,
    version: c.version,
    title: c.title,
    removed: c.removed,
    runId: c.runId,
  };
}

function sameState(c: repo.CaptureRow, s: CaptureState): boolean {
  return (
    !c.removed &&
    c.date === s.date &&
    c.channel === s.channel &&
    c.version === s.version &&
    c.title === s.title
  );
}
