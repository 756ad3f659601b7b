import { DomainError, invalid } from '../core/errors.js';
import { askKinds, giveKinds, type Channel, type Kind, type Nature } from '../core/types.js';
import type { Db } from '../storage/db.js';
import { deleteFeatures } from '../storage/repos/features.js';
import { getItem } from '../storage/repos/items.js';
import { refreshContactDays, refreshSearchText } from '../storage/repos/people.js';
import { deleteOverride, writeOverride } from '../storage/repos/settings.js';
import { nowIso, type AppContext } from './context.js';
import { indexItems } from './matching.js';
import { interactionDay, toDay } from './validate.js';

/**
 * Correcting and removing what the user added (docs/decisions/0014-edit-and-undo.md): one design
 * for interactions, needs/offers/goals, promises and events. Removal is a soft delete
 * (`deleted_at`), so it can be restored; every removal or edit made with `journal` is remembered
 * (the last twenty, in the settings table under `private:journal:undo`, one of the app's own records that are not settings) so `tend undo` can take it back.
 */
export const recordKinds = ['interaction', 'item', 'promise', 'event'] as const;
export type RecordKind = (typeof recordKinds)[number];

const tables = {
  interaction: 'interactions',
  item: 'items',
  promise: 'promises',
  event: 'events',
} as const;
const notFound = {
  interaction: 'unknown_interaction',
  item: 'unknown_item',
  promise: 'unknown_promise',
  event: 'unknown_event',
} as const;
const words = { interaction: 'interaction', item: 'need, offer or goal', promise: 'promise', event: 'event' };

export const journalKey = 'private:journal:undo';
const journalSize = 20;

export type JournalEntry =
  | { op: 'remove'; kind: RecordKind; id: number; at: string }
  | { op: 'edit'; kind: RecordKind; id: number; at: string; before: Record<string, unknown> };

export interface Correction {
  kind: RecordKind;
  id: number;
  /** What was done: removed, restored, edited, or an edit taken back. */
  done: 'removed' | 'restored' | 'edited' | 'unedited';
  /** The record's people, whose ledger and contact days changed with it. */
  personIds: number[];
}

async function readJournal(db: Db): Promise<JournalEntry[]> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', journalKey)
    .executeTakeFirst();
  if (!row) return [];
  const parsed = JSON.parse(row.value) as unknown;
  return Array.isArray(parsed) ? (parsed as JournalEntry[]) : [];
}

async function writeJournal(db: Db, entries: JournalEntry[]): Promise<void> {
  if (entries.length === 0) await deleteOverride(db, journalKey);
  else await writeOverride(db, journalKey, entries.slice(-journalSize));
}

async function remember(db: Db, entry: JournalEntry): Promise<void> {
  await writeJournal(db, [...(await readJournal(db)), entry]);
}

/** The people a record belongs to (an interaction may have several; my own items none). */
async function peopleOf(db: Db, kind: RecordKind, id: number): Promise<number[]> {
  if (kind === 'interaction')
    return (
      await db.selectFrom('interaction_people').select('person_id').where('interaction_id', '=', id).execute()
    ).map((r) => r.person_id);
  if (kind === 'item') {
    const r = await db.selectFrom('items').select('person_id').where('id', '=', id).executeTakeFirst();
    return r?.person_id != null ? [r.person_id] : [];
  }
  if (kind === 'promise') {
    const r = await db.selectFrom('promises').select('person_id').where('id', '=', id).executeTakeFirst();
    return r ? [r.person_id] : [];
  }
  return [];
}

async function deletedAt(db: Db, kind: RecordKind, id: number): Promise<string | null | undefined> {
  const row = await db.selectFrom(tables[kind]).select('deleted_at').where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : row.deleted_at;
}

function missing(kind: RecordKind, id: number): DomainError {
  return new DomainError(notFound[kind], `no ${words[kind]} #${id}`, { id });
}

/** What depends on a record's presence: contact days, the search text, the matcher's features. */
async function refreshAround(ctx: AppContext, db: Db, kind: RecordKind, id: number, people: number[]) {
  if (kind === 'interaction') await refreshContactDays(db, people);
  if (kind === 'item') {
    const item = await getItem(db, id);
    if (item) await indexItems(ctx, db, [item]);
    else await deleteFeatures(db, id);
    for (const p of people) await refreshSearchText(db, p);
  }
}

async function setDeleted(db: Db, kind: RecordKind, id: number, at: string | null, now: string) {
  if (kind === 'interaction')
    await db.updateTable('interactions').set({ deleted_at: at }).where('id', '=', id).execute();
  else
    await db
      .updateTable(tables[kind])
      .set({ deleted_at: at, updated_at: now })
      .where('id', '=', id)
      .execute();
}

/** `tend rm KIND ID` / `DELETE /api/<kind>s/:id`: a soft delete, restorable. */
export async function removeRecord(
  ctx: AppContext,
  kind: RecordKind,
  id: number,
  opts: { journal?: boolean } = {},
): Promise<Correction> {
  return ctx.db.transaction().execute(async (trx) => {
    if ((await deletedAt(trx, kind, id)) !== null) throw missing(kind, id);
    const now = nowIso(ctx);
    const people = await peopleOf(trx, kind, id);
    await setDeleted(trx, kind, id, now, now);
    // Answers about a removed item's matches stay with it (unread while it is removed): a restore
    // brings them back, so a dismissed pair does not return through a remove and an undo.
    await refreshAround(ctx, trx, kind, id, people);
    if (opts.journal) await remember(trx, { op: 'remove', kind, id, at: now });
    return { kind, id, done: 'removed', personIds: people };
  });
}

/** `tend undo KIND ID` / `POST /api/<kind>s/:id/restore`: brings a removed record back. */
export async function restoreRecord(ctx: AppContext, kind: RecordKind, id: number): Promise<Correction> {
  return ctx.db.transaction().execute(async (trx) => {
    const at = await deletedAt(trx, kind, id);
    if (at === undefined) throw missing(kind, id);
    if (at === null)
      throw invalid(`${words[kind]} #${id} is not removed: there is nothing to restore`, [
        { path: 'id', message: 'not removed' },
      ]);
    const people = await peopleOf(trx, kind, id);
    await setDeleted(trx, kind, id, null, nowIso(ctx));
    await refreshAround(ctx, trx, kind, id, people);
    const journal = await readJournal(trx);
    await writeJournal(
      trx,
      journal.filter((e) => !(e.op === 'remove' && e.kind === kind && e.id === id)),
    );
    return { kind, id, done: 'restored', personIds: people };
  });
}

export interface InteractionPatch {
  date?: string | undefined;
  channel?: Channel | undefined;
  nature?: Nature | undefined;
  /** A kind of give or ask; null clears it. */
  kind?: Kind | null | undefined;
  /** null clears it. */
  note?: string | null | undefined;
}

/** `tend fix interaction ID` / `PATCH /api/interactions/:id`: corrects when, how, what, and the note. */
export async function editInteraction(
  ctx: AppContext,
  id: number,
  patch: InteractionPatch,
  opts: { journal?: boolean } = {},
): Promise<Correction> {
  const date =
    patch.date !== undefined
      ? interactionDay(patch.date, ctx.clock(), ctx.settings.maxFutureDays).day
      : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('interactions')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw missing('interaction', id);
    const nature = patch.nature ?? (row.nature as Nature);
    const kind = patch.kind !== undefined ? patch.kind : (row.kind as Kind | null);
    const allowed: readonly string[] = nature === 'asked' ? askKinds : nature === 'touch' ? [] : giveKinds;
    if (kind !== null && !allowed.includes(kind))
      throw invalid(
        `kind "${kind}" does not go with ${nature}${allowed.length ? ` (one of ${allowed.join(', ')})` : ': clear the kind'}`,
        [{ path: 'kind', message: `not a kind of ${nature}` }],
      );
    const set = {
      date: date ?? row.date,
      channel: patch.channel ?? row.channel,
      nature,
      kind,
      note: patch.note !== undefined ? patch.note : row.note,
    };
    await trx.updateTable('interactions').set(set).where('id', '=', id).execute();
    const people = await peopleOf(trx, 'interaction', id);
    await refreshContactDays(trx, people);
    if (opts.journal)
      await remember(trx, {
        op: 'edit',
        kind: 'interaction',
        id,
        at: nowIso(ctx),
        before: { date: row.date, channel: row.channel, nature: row.nature, kind: row.kind, note: row.note },
      });
    return { kind: 'interaction', id, done: 'edited', personIds: people };
  });
}

/** `tend fix promise ID` / `PATCH /api/promises/:id`: corrects what was promised and by when. */
export async function editPromise(
  ctx: AppContext,
  id: number,
  patch: { text?: string | undefined; due?: string | undefined },
  opts: { journal?: boolean } = {},
): Promise<Correction> {
  const due = patch.due !== undefined ? toDay(patch.due, ctx.clock(), 'due') : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('promises')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw missing('promise', id);
    const now = nowIso(ctx);
    await trx
      .updateTable('promises')
      .set({ text: patch.text ?? row.text, due: due ?? row.due, updated_at: now })
      .where('id', '=', id)
      .execute();
    if (opts.journal)
      await remember(trx, {
        op: 'edit',
        kind: 'promise',
        id,
        at: now,
        before: { text: row.text, due: row.due },
      });
    return { kind: 'promise', id, done: 'edited', personIds: [row.person_id] };
  });
}

/** Remembers an item's text and status before `tend item` changes them, for `tend undo`. */
export async function rememberItemEdit(ctx: AppContext, id: number): Promise<void> {
  const item = await getItem(ctx.db, id);
  if (!item) return;
  await remember(ctx.db, {
    op: 'edit',
    kind: 'item',
    id,
    at: nowIso(ctx),
    before: { text: item.text, status: item.status },
  });
}

/**
 * `tend undo`: takes back the last removal or edit remembered in this database — a removal is
 * restored, an edit's fields are put back as they were.
 */
export async function undoLast(ctx: AppContext): Promise<Correction> {
  const journal = await readJournal(ctx.db);
  const last = journal.at(-1);
  if (!last)
    throw invalid('nothing to undo: no removal or edit made with tend is remembered', [
      { path: 'undo', message: 'nothing remembered' },
    ]);
  if (last.op === 'remove') return restoreRecord(ctx, last.kind, last.id);
  return ctx.db.transaction().execute(async (trx) => {
    const b = last.before;
    if (last.kind === 'interaction') {
      await trx
        .updateTable('interactions')
        .set({
          date: b.date as string,
          channel: b.channel as string,
          nature: b.nature as string,
          kind: (b.kind as string | null) ?? null,
          note: (b.note as string | null) ?? null,
        })
        .where('id', '=', last.id)
        .execute();
    } else if (last.kind === 'promise') {
      await trx
        .updateTable('promises')
        .set({ text: b.text as string, due: b.due as string, updated_at: nowIso(ctx) })
        .where('id', '=', last.id)
        .execute();
    } else if (last.kind === 'item') {
      await trx
        .updateTable('items')
        .set({ text: b.text as string, status: b.status as string, updated_at: nowIso(ctx) })
        .where('id', '=', last.id)
        .execute();
      await deleteFeatures(trx, last.id);
    }
    const people = await peopleOf(trx, last.kind, last.id);
    await refreshAround(ctx, trx, last.kind, last.id, people);
    await writeJournal(trx, journal.slice(0, -1));
    return { kind: last.kind, id: last.id, done: 'unedited', personIds: people };
  });
}
