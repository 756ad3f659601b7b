import type { CaptureKind, Channel, Interaction, Kind, Nature } from '../../core/types.js';
import type { Db } from '../db.js';
import type { InteractionRow } from '../schema.js';

/** The interactions table's columns but its id, in the order bulk writes and backups use. */
export const interactionColumns = [
  'date',
  'channel',
  'nature',
  'kind',
  'note',
  'unearned',
  'intro_id',
  'created_at',
  'deleted_at',
  'source',
] as const;

export type NewInteraction = Omit<Interaction, 'id' | 'createdAt'>;

export async function insertInteraction(db: Db, i: NewInteraction, now: string): Promise<number> {
  const row = await db
    .insertInto('interactions')
    .values({
      date: i.date,
      channel: i.channel,
      nature: i.nature,
      kind: i.kind ?? null,
      note: i.note ?? null,
      unearned: i.unearned ? 1 : 0,
      intro_id: i.introId ?? null,
      created_at: now,
      deleted_at: null,
      source: i.source ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const people = [...new Set(i.personIds)];
  await db
    .insertInto('interaction_people')
    .values(people.map((p) => ({ interaction_id: row.id, person_id: p })))
    .execute();
  return row.id;
}

function toInteraction(r: InteractionRow, personIds: number[]): Interaction {
  return {
    id: r.id,
    date: r.date,
    personIds,
    channel: r.channel as Channel,
    nature: r.nature as Nature,
    kind: (r.kind ?? undefined) as Kind | undefined,
    note: r.note ?? undefined,
    unearned: r.unearned === 1,
    introId: r.intro_id ?? undefined,
    ...(r.source !== null ? { source: r.source as CaptureKind } : {}),
    createdAt: r.created_at,
  };
}

async function withPeople(db: Db, rows: InteractionRow[]): Promise<Interaction[]> {
  const map = new Map<number, number[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const links = await db
      .selectFrom('interaction_people')
      .select(['interaction_id', 'person_id'])
      .where('interaction_id', 'in', ids)
      .execute();
    for (const l of links) map.set(l.interaction_id, [...(map.get(l.interaction_id) ?? []), l.person_id]);
  }
  return rows.map((r) => toInteraction(r, map.get(r.id) ?? []));
}

/** Interactions of some people, newest first. */
export async function interactionsOf(
  db: Db,
  personIds: readonly number[],
  opts: { limit?: number } = {},
): Promise<Interaction[]> {
  if (personIds.length === 0) return [];
  const out: InteractionRow[] = [];
  for (let i = 0; i < personIds.length; i += 500) {
    let qb = db
      .selectFrom('interactions')
      .selectAll('interactions')
      .where('deleted_at', 'is', null)
      .where(
        'id',
        'in',
        db
          .selectFrom('interaction_people')
          .select('interaction_id')
          .where('person_id', 'in', personIds.slice(i, i + 500)),
      )
      .orderBy('date', 'desc')
      .orderBy('id', 'desc');
    if (opts.limit !== undefined) qb = qb.limit(opts.limit);
    out.push(...(await qb.execute()));
  }
  return withPeople(db, out);
}

/** Per person: their interactions' date, channel, nature and kind (what strength and the ledger read). */
export async function contactsByPerson(
  db: Db,
  personIds: readonly number[],
): Promise<Map<number, { date: string; channel: Channel; nature: Nature; kind?: Kind | undefined }[]>> {
  const out = new Map<
    number,
    { date: string; channel: Channel; nature: Nature; kind?: Kind | undefined }[]
  >();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('interaction_people as ip')
      .innerJoin('interactions as i', 'i.id', 'ip.interaction_id')
      .select(['ip.person_id', 'i.date', 'i.channel', 'i.nature', 'i.kind'])
      .where('ip.person_id', 'in', personIds.slice(i, i + 500))
      .where('i.deleted_at', 'is', null)
      .execute();
    for (const r of rows) {
      const list = out.get(r.person_id) ?? [];
      list.push({
        date: r.date,
        channel: r.channel as Channel,
        nature: r.nature as Nature,
        kind: (r.kind ?? undefined) as Kind | undefined,
      });
      out.set(r.person_id, list);
    }
  }
  return out;
}

export async function interactionsBetween(db: Db, from: string, to: string): Promise<Interaction[]> {
  const rows = await db
    .selectFrom('interactions')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('id')
    .execute();
  return withPeople(db, rows);
}

export async function getInteraction(db: Db, id: number): Promise<Interaction | undefined> {
  const r = await db
    .selectFrom('interactions')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r ? (await withPeople(db, [r]))[0] : undefined;
}

export async function reassignInteractions(db: Db, from: number, to: number): Promise<void> {
  // An interaction with both people keeps one link, to the survivor.
  const both = await db
    .selectFrom('interaction_people')
    .select('interaction_id')
    .where('person_id', '=', to)
    .execute();
  const shared = both.map((r) => r.interaction_id);
  let del = db.deleteFrom('interaction_people').where('person_id', '=', from);
  if (shared.length > 0) {
    del = del.where('interaction_id', 'in', shared);
    await del.execute();
  }
  await db.updateTable('interaction_people').set({ person_id: to }).where('person_id', '=', from).execute();
}

/**
 * The window the shotgun signals read, in one joined query: what was logged, how, and with whom;
 * in the order it was logged. The rows are put in that order here, not by the query: asked to
 * sort by id, SQLite without statistics walks every link of every interaction (200,000 at
 * DESIGN.md's scale) instead of the week's few thousand through the date index.
 */
export async function activityBetween(
  db: Db,
  from: string,
  to: string,
): Promise<
  { date: string; channel: Channel; nature: Nature; note?: string | undefined; personIds: number[] }[]
> {
  const rows = await db
    .selectFrom('interactions as i')
    .innerJoin('interaction_people as ip', 'ip.interaction_id', 'i.id')
    .select(['i.id', 'i.date', 'i.channel', 'i.nature', 'i.note', 'ip.person_id'])
    .where('i.deleted_at', 'is', null)
    .where('i.date', '>=', from)
    .where('i.date', '<=', to)
    .execute();
  rows.sort((a, b) => a.id - b.id);
  const byId = new Map<
    number,
    { date: string; channel: Channel; nature: Nature; note?: string | undefined; personIds: number[] }
  >();
  for (const r of rows) {
    const entry = byId.get(r.id);
    if (entry) entry.personIds.push(r.person_id);
    else
      byId.set(r.id, {
        date: r.date,
        channel: r.channel as Channel,
        nature: r.nature as Nature,
        note: r.note ?? undefined,
        personIds: [r.person_id],
      });
  }
  return [...byId.values()];
}
