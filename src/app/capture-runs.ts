import { normaliseEmail } from '../core/capture.js';
import { DomainError, invalid } from '../core/errors.js';
import { echo } from '../core/text.js';
import type { CaptureKind, Channel, Circle, Person } from '../core/types.js';
import { withInteractions } from '../storage/repos/capture-bulk.js';
import * as repo from '../storage/repos/capture.js';
import * as sources from '../storage/repos/live-sources.js';
import { getPerson, insertPerson, refreshContactDays } from '../storage/repos/people.js';
import { nowIso, type AppContext } from './context.js';

/** `tend me email`: the addresses that are me, so that capture knows which attendee I am. */
export async function changeMyEmails(
  ctx: AppContext,
  input: { add?: readonly string[]; remove?: readonly string[] },
): Promise<{ emails: string[]; added: string[]; removed: string[]; unchanged: string[] }> {
  // Every address is checked before anything is written: one bad address writes nothing.
  const check = (raw: string): string => {
    const e = normaliseEmail(raw);
    if (e === undefined)
      throw invalid(`"${echo(raw)}" is not an email address`, [
        { path: 'ADDRESS', message: 'is not an email address' },
      ]);
    return e;
  };
  const add = (input.add ?? []).map(check);
  const remove = (input.remove ?? []).map(check);
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    const added: string[] = [];
    const removed: string[] = [];
    const unchanged: string[] = [];
    for (const e of add) ((await repo.addMyEmail(trx, e, now)) ? added : unchanged).push(e);
    for (const e of remove) ((await repo.removeMyEmail(trx, e)) ? removed : unchanged).push(e);
    return { emails: await repo.myEmails(trx), added, removed, unchanged };
  });
}

export async function listMyEmails(ctx: AppContext): Promise<string[]> {
  return repo.myEmails(ctx.db);
}

export async function listRuns(ctx: AppContext): Promise<repo.RunRow[]> {
  return repo.listRuns(ctx.db);
}

/**
 * `tend sync undo RUN`: every change the run made, reverted: interactions it added are gone,
 * the ones it changed or removed are as they were, its new review entries are dropped. A later
 * run that changed the same meetings must be undone first.
 */
export async function undoRun(ctx: AppContext, id: number): Promise<{ run: repo.RunRow; reverted: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const [run] = await repo.listRuns(trx, id);
    if (run === undefined)
      throw new DomainError('unknown_run', `no capture run ${id} (see \`tend sync list\`)`, { id });
    if (run.undoneAt !== undefined)
      throw new DomainError('invalid_transition', `run ${id} was already undone (${run.undoneAt})`, { id });
    const changes = await repo.changesOfRun(trx, id);
    const created = await repo.capturesCreatedBy(trx, id);
    const later = await repo.laterRunsTouching(trx, id, [
      ...changes.map((c) => c.captureId),
      ...created.map((c) => c.id),
    ]);
    if (later.length > 0)
      throw new DomainError(
        'invalid_transition',
        `run ${id} cannot be undone while later runs that changed the same meetings stand: undo ${later.map((r) => `run ${r}`).join(', ')} first`,
        { id, later },
      );
    const now = nowIso(ctx);
    const people = new Set<number>();
    // Changes first, newest first; then what the run added goes.
    for (const ch of changes) {
      people.add(ch.personId);
      if (ch.before !== null)
        await repo.setCaptureState(
          trx,
          { id: ch.captureId, interactionId: ch.interactionId },
          ch.before,
          now,
        );
    }
    for (const c of created) {
      people.add(c.personId);
      await trx
        .updateTable('interactions')
        .set({ deleted_at: now })
        .where('id', '=', c.interactionId)
        .execute();
      await repo.deleteCapture(trx, c.id);
    }
    await repo.deleteStrangers(trx, { runId: id });
    await repo.markUndone(trx, id, now);
    // A live source's run: its cursor goes back to before the run, so its next run reads again.
    const origin = await sources.runOrigin(trx, id);
    if (origin !== undefined && (await sources.sourceById(trx, origin.sourceId)) !== undefined)
      await sources.rewindCursor(trx, origin.sourceId, origin.cursorBefore, now);
    await refreshContactDays(trx, [...people]);
    const [after] = await repo.listRuns(trx, id);
    return { run: after ?? run, reverted: changes.length + created.length };
  });
}

export interface StrangerSummary {
  email: string;
  name?: string | undefined;
  /** Meetings (or threads) with them. */
  count: number;
  first: string;
  last: string;
  channels: Channel[];
  /** Where they were met: the runs' sources (a file, an upload, a live source). */
  sources: string[];
  /** Calendar (meetings) or mail (threads). */
  kinds: CaptureKind[];
}

/** "Met in meetings, not in Tend": who, how often, when; me, known people and ignored addresses left out. */
export async function reviewStrangers(ctx: AppContext): Promise<StrangerSummary[]> {
  const rows = await repo.strangerRows(ctx.db);
  const me = new Set(await repo.myEmails(ctx.db));
  const known = await repo.peopleByEmail(ctx.db);
  const ignored = await repo.ignoredEmails(ctx.db);
  const by = new Map<string, StrangerSummary & { keys: Set<string> }>();
  for (const r of rows) {
    if (me.has(r.email) || known.has(r.email) || ignored.has(r.email)) continue;
    const s = by.get(r.email) ?? {
      email: r.email,
      count: 0,
      first: r.date,
      last: r.date,
      channels: [],
      sources: [],
      kinds: [],
      keys: new Set(),
    };
    s.keys.add(`${r.kind}|${r.key}`);
    s.count = s.keys.size;
    if (r.name !== undefined && r.name !== r.email) s.name = r.name;
    if (r.date < s.first) s.first = r.date;
    if (r.date > s.last) s.last = r.date;
    if (!s.channels.includes(r.channel)) s.channels.push(r.channel);
    if (r.source !== undefined && !s.sources.includes(r.source)) s.sources.push(r.source);
    if (!s.kinds.includes(r.kind)) s.kinds.push(r.kind);
    by.set(r.email, s);
  }
  return [...by.values()]
    .map(({ keys: _keys, ...s }) => s)
    .sort((a, b) => b.count - a.count || b.last.localeCompare(a.last) || a.email.localeCompare(b.email));
}

function reviewEmail(raw: string): string {
  const e = normaliseEmail(raw);
  if (e === undefined)
    throw invalid(`"${echo(raw)}" is not an email address`, [
      { path: 'EMAIL', message: 'is not an email address' },
    ]);
  return e;
}

/**
 * Adds someone from the review list to the pool or the network, with the meetings already read
 * as their interactions (a run of its own: undoing it removes the meetings, not the person).
 */
export async function addStranger(
  ctx: AppContext,
  raw: string,
  opts: { circle: Extract<Circle, 'pool' | 'network'>; name?: string | undefined },
): Promise<{ person: Person; meetings: number; kind: CaptureKind; run?: number | undefined }> {
  const email = reviewEmail(raw);
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await repo.strangerRows(trx, email);
    const first = rows[0];
    if (first === undefined)
      throw new DomainError(
        'unknown_person',
        `${email} is not in the review list (see \`tend capture review\`)`,
        {
          email,
        },
      );
    if ((await repo.peopleByEmail(trx)).has(email))
      throw new DomainError('person_exists', `${email} is already someone in Tend`, { email });
    const now = nowIso(ctx);
    const named = [...rows].reverse().find((r) => r.name !== undefined && r.name !== email)?.name;
    const personId = await insertPerson(
      trx,
      {
        uid: ctx.newUid(),
        name: opts.name ?? named ?? email,
        emails: [email],
        phones: [],
        urls: [],
        source: 'manual',
        circle: opts.circle,
        met: first.kind === 'calendar' ? 'met in meetings' : 'wrote by email',
      },
      [],
      now,
    );
    const runId = await repo.insertRun(trx, first.kind, `review: ${email}`, now);
    const fresh = await withInteractions(
      trx,
      rows.map((r) => ({
        kind: r.kind,
        key: r.key,
        series: r.key.split('|')[0] ?? r.key,
        personId,
        date: r.date,
        channel: r.channel,
        version: 0,
        title: null,
        runId,
      })),
      now,
    );
    await repo.insertCaptures(trx, fresh, now);
    await repo.deleteStrangers(trx, { email });
    await repo.finishRun(trx, runId, { created: rows.length }, now);
    await refreshContactDays(trx, [personId]);
    const person = await getPerson(trx, personId);
    if (!person) throw new DomainError('internal', 'person vanished after insert');
    return { person, meetings: rows.length, kind: first.kind, run: runId };
  });
}

/** Never list this address again. */
export async function ignoreStranger(ctx: AppContext, raw: string): Promise<{ email: string }> {
  const email = reviewEmail(raw);
  await ctx.db.transaction().execute((trx) => repo.ignoreEmail(trx, email, nowIso(ctx)));
  return { email };
}

/** Takes back an ignore: the address is listed again with the meetings already read. */
export async function unignoreStranger(ctx: AppContext, raw: string): Promise<{ email: string }> {
  const email = reviewEmail(raw);
  const removed = await ctx.db.transaction().execute((trx) => repo.unignoreEmail(trx, email));
  if (!removed) throw new DomainError('unknown_person', `${email} is not ignored`, { email });
  return { email };
}
