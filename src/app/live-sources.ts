import {
  checkCaldavUrl,
  checkImapServer,
  checkMailboxes,
  checkPassword,
  checkSourceName,
  checkUser,
  viewOf,
  type ImapSecurity,
  type SourceConfig,
  type SourceCursor,
  type SourceView,
} from '../core/live-sources.js';
import { DomainError } from '../core/errors.js';
import type { SkipReason } from '../core/capture.js';
import * as capture from '../storage/repos/capture.js';
import * as repo from '../storage/repos/live-sources.js';
import { captureOccurrences } from './capture-calendar.js';
import type { MailCaptureSummary } from './capture-mail.js';
import { writeTouches } from './capture-mail.js';
import { nowIso, type AppContext } from './context.js';
import { readCaldav } from './live-caldav.js';
import { readImap } from './live-imap.js';
import { decryptSecret, encryptSecret, loadOrCreateKey } from './secrets.js';

/**
 * Live sources (DESIGN.md "Capture without typing", docs/decisions/0018-live-sources.md):
 * `tend sync add|run|list|remove`. A run reads the server first (network, nothing written), then
 * writes in ONE transaction its captures, its run and the source's new cursor; a run that
 * changed nothing keeps only the cursor. Undoing a run (`tend sync undo`, capture-runs.ts) also
 * rewinds the source's cursor, so its next run reads the same events and messages again.
 */

export type AddSourceInput =
  | { kind: 'caldav'; name: string; url: string; user: string; password: string; calendars?: string[] }
  | {
      kind: 'imap';
      name: string;
      server: string;
      user: string;
      password: string;
      mailboxes?: string | undefined;
      security: ImapSecurity;
    };

const parseConfig = (row: repo.SourceRow): SourceConfig => JSON.parse(row.config) as SourceConfig;
const parseCursor = (raw: string): SourceCursor => JSON.parse(raw) as SourceCursor;

const view = (row: repo.SourceRow): SourceView =>
  viewOf(row.name, parseConfig(row), {
    lastRunAt: row.lastRunAt,
    createdAt: row.createdAt,
  });

export async function addSource(
  ctx: AppContext,
  input: AddSourceInput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SourceView> {
  // Everything is checked before the key file or the database is touched.
  const name = checkSourceName(input.name);
  const user = checkUser(input.user);
  const password = checkPassword(input.password);
  const config: SourceConfig =
    input.kind === 'caldav'
      ? {
          kind: 'caldav',
          url: checkCaldavUrl(input.url),
          user,
          calendars: (input.calendars ?? []).map((c) => c.trim()).filter((c) => c !== ''),
        }
      : {
          kind: 'imap',
          ...checkImapServer(input.server, input.security),
          user,
          mailboxes: checkMailboxes(input.mailboxes),
          security: input.security,
        };
  return ctx.db.transaction().execute(async (trx) => {
    if ((await repo.sourceByName(trx, name)) !== undefined)
      throw new DomainError(
        'source_exists',
        `a source named "${name}" exists: \`tend sync remove ${name}\` first, or choose another name`,
        { name },
      );
    const secret = encryptSecret(password, name, loadOrCreateKey(env));
    const now = nowIso(ctx);
    await repo.insertSource(trx, { name, kind: config.kind, config: JSON.stringify(config), secret }, now);
    const row = await repo.sourceByName(trx, name);
    if (row === undefined) throw new DomainError('internal', 'source vanished after insert');
    return view(row);
  });
}

export async function listSources(ctx: AppContext): Promise<SourceView[]> {
  return (await repo.listSources(ctx.db)).map(view);
}

async function sourceNamed(ctx: AppContext, raw: string): Promise<repo.SourceRow> {
  const row = await repo.sourceByName(ctx.db, raw.trim());
  if (row === undefined)
    throw new DomainError('unknown_source', `no source named "${raw}" (see \`tend sync list\`)`, {
      name: raw,
    });
  return row;
}

/** Forgets a source and its password; what it captured stays (undo its runs first to drop that). */
export async function removeSource(
  ctx: AppContext,
  raw: string,
): Promise<{ removed: SourceView; runs: number[] }> {
  const row = await sourceNamed(ctx, raw);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSource(trx, row.id);
    return { removed: view(row), runs: await repo.runsOfSource(trx, row.id) };
  });
}

export interface LiveRunSummary {
  source: string;
  kind: 'calendar' | 'mail';
  dryRun: boolean;
  run?: number | undefined;
  /** Calendars or mailboxes read. */
  read: string[];
  /** Calendar: resources fetched; mail: messages whose headers were fetched. */
  fetched: number;
  incremental: boolean;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  skipped: Record<string, number>;
  newStrangers: number;
  changedNothing: boolean;
  /** Mailboxes read again from the start (their UIDVALIDITY changed). */
  resynced: string[];
  problems: { line: number; message: string }[];
}

export interface RunOptions {
  dryRun?: boolean | undefined;
  withSubjects?: boolean | undefined;
  env?: NodeJS.ProcessEnv;
  /** Events (resources) or messages read so far, of about how many: a progress bar. */
  onProgress?: ((what: string, done: number, total: number) => void) | undefined;
}

class Rollback extends Error {
  constructor(readonly summary: LiveRunSummary) {
    super('rolled back');
  }
}

export async function runSource(
  ctx: AppContext,
  raw: string,
  opts: RunOptions = {},
): Promise<LiveRunSummary> {
  const row = await sourceNamed(ctx, raw);
  const config = parseConfig(row);
  const password = decryptSecret(row.secret, row.name, opts.env ?? process.env);
  const cursor = parseCursor(row.cursor);
  const nowMs = ctx.clock().getTime();
  const me = new Set(await capture.myEmails(ctx.db));
  const dryRun = opts.dryRun === true;
  // 1. The network, before any transaction: a failure here has written nothing.
  const read =
    config.kind === 'caldav'
      ? {
          kind: 'calendar' as const,
          r: await readCaldav(row.name, config, password, cursor.calendars ?? {}, nowMs, (d, t) => {
            opts.onProgress?.(`${row.name}: calendar events`, d, t);
          }),
        }
      : {
          kind: 'mail' as const,
          r: await readImap(
            row.name,
            config,
            password,
            cursor.mailboxes ?? {},
            me,
            ctx.settings,
            opts.withSubjects === true,
            (d, t) => {
              opts.onProgress?.(`${row.name}: message headers`, d, t);
            },
          ),
        };
  const next: SourceCursor =
    read.kind === 'calendar' ? { calendars: read.r.cursor } : { mailboxes: read.r.cursor };
  // 2. One transaction: the run, its captures, the cursor.
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const now = nowIso(ctx);
      const runId = await capture.insertRun(trx, read.kind, row.name, now);
      await repo.attachRun(trx, runId, row.id, row.cursor);
      let summary: LiveRunSummary;
      if (read.kind === 'calendar') {
        const r = read.r;
        const occurrences = [...r.occurrences].sort(
          (a, b) => a.start - b.start || a.uid.localeCompare(b.uid),
        );
        const s = await captureOccurrences(ctx, trx, runId, me, occurrences, r.series, nowMs, now, r.gone);
        summary = {
          source: row.name,
          kind: 'calendar',
          dryRun,
          read: r.calendars,
          fetched: r.fetched,
          incremental: r.incremental === r.calendars.length,
          created: s.created,
          updated: s.updated,
          unchanged: s.unchanged,
          removed: s.removed,
          skipped: nonZero(s.skipped),
          newStrangers: s.newStrangers,
          changedNothing: s.created + s.updated + s.removed + s.strangerRows === 0,
          resynced: [],
          problems: r.problems,
        };
      } else {
        const r = read.r;
        const s = await writeTouches(trx, runId, me, r.touches, now);
        summary = {
          source: row.name,
          kind: 'mail',
          dryRun,
          read: r.mailboxes,
          fetched: r.messages,
          incremental: r.resynced.length === 0,
          created: s.created,
          updated: 0,
          unchanged: s.unchanged,
          removed: 0,
          skipped: nonZero(r.skipped),
          newStrangers: s.newStrangers,
          changedNothing: s.created + s.strangerRows === 0,
          resynced: r.resynced,
          problems: r.problems,
        };
      }
      if (dryRun) throw new Rollback(summary);
      await repo.setCursor(trx, row.id, JSON.stringify(next), now);
      // A run that changed nothing is not kept (as a file re-read): only the cursor moves.
      if (summary.changedNothing) {
        await capture.deleteRun(trx, runId);
        return summary;
      }
      await capture.finishRun(
        trx,
        runId,
        {
          created: summary.created,
          updated: summary.updated,
          removed: summary.removed,
          unchanged: summary.unchanged,
          fetched: summary.fetched,
          skipped: Object.values(summary.skipped).reduce((a, b) => a + b, 0),
        },
        now,
      );
      return { ...summary, run: runId };
    });
  } catch (e) {
    if (e instanceof Rollback) return e.summary;
    throw e;
  }
}

function nonZero(s: Record<SkipReason, number> | MailCaptureSummary['skipped']): Record<string, number> {
  return Object.fromEntries(Object.entries(s).filter(([, n]) => n > 0));
}

/** `tend sync run --all`: each source in turn; one that fails is reported and the others run. */
export async function runAllSources(
  ctx: AppContext,
  opts: RunOptions = {},
): Promise<{ runs: LiveRunSummary[]; failed: { source: string; code: string; message: string }[] }> {
  const runs: LiveRunSummary[] = [];
  const failed: { source: string; code: string; message: string }[] = [];
  for (const s of await repo.listSources(ctx.db)) {
    try {
      runs.push(await runSource(ctx, s.name, opts));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      failed.push({ source: s.name, code: e.code, message: e.message });
    }
  }
  return { runs, failed };
}

/** The runs that read a source, newest first. */
export async function sourceRuns(ctx: AppContext, raw: string): Promise<capture.RunRow[]> {
  const row = await sourceNamed(ctx, raw);
  const ids = new Set(await repo.runsOfSource(ctx.db, row.id));
  return (await capture.listRuns(ctx.db)).filter((r) => ids.has(r.id));
}

/** Undoes a run of this source (the web app's undo, scoped to the source it shows). */
export async function undoSourceRun(ctx: AppContext, raw: string, run: number) {
  const row = await sourceNamed(ctx, raw);
  if (!(await repo.runsOfSource(ctx.db, row.id)).includes(run))
    throw new DomainError('unknown_run', `run ${run} did not read source "${row.name}"`, {
      run,
      source: row.name,
    });
  const { undoRun } = await import('./capture-runs.js');
  return undoRun(ctx, run);
}
