import type { TendEvent } from '../../core/types.js';
import type { Db } from '../db.js';

export async function insertEvent(
  db: Db,
  e: { name: string; date: string; place?: string | undefined },
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('events')
    .values({
      name: e.name,
      date: e.date,
      place: e.place ?? null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function eventsWhere(
  db: Db,
  f: { ids?: readonly number[]; from?: string; to?: string } = {},
): Promise<TendEvent[]> {
  let qb = db.selectFrom('events').selectAll().where('deleted_at', 'is', null);
  if (f.ids) qb = qb.where('id', 'in', f.ids.length > 0 ? f.ids : [-1]);
  if (f.from) qb = qb.where('date', '>=', f.from);
  if (f.to) qb = qb.where('date', '<=', f.to);
  const rows = await qb.orderBy('date', 'desc').orderBy('id', 'desc').execute();
  if (rows.length === 0) return [];
  const met = await db
    .selectFrom('event_people')
    .innerJoin('people', 'people.id', 'event_people.person_id')
    .select([
      'event_people.event_id',
      'event_people.person_id',
      'event_people.line',
      'event_people.follow_up',
    ])
    .where(
      'event_people.event_id',
      'in',
      rows.map((r) => r.id),
    )
    .where('people.deleted_at', 'is', null)
    .orderBy('event_people.created_at')
    .orderBy('event_people.person_id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    date: r.date,
    place: r.place ?? undefined,
    met: met
      .filter((m) => m.event_id === r.id)
      .map((m) => ({ personId: m.person_id, line: m.line ?? undefined, followUp: m.follow_up === 1 })),
  }));
}

export async function findEventsByName(db: Db): Promise<{ id: number; name: string; date: string }[]> {
  return db
    .selectFrom('events')
    .select(['id', 'name', 'date'])
    .where('deleted_at', 'is', null)
    .orderBy('date', 'desc')
    .execute();
}

export async function addMet(
  db: Db,
  eventId: number,
  personId: number,
  line: string | undefined,
  now: string,
): Promise<void> {
  await db
    .insertInto('event_people')
    .values({ event_id: eventId, person_id: personId, line: line ?? null, follow_up: 0, created_at: now })
    .onConflict((oc) => oc.columns(['event_id', 'person_id']).doUpdateSet({ line: line ?? null }))
    .execute();
}

export async function setFollowUp(db: Db, eventId: number, personId: number, on: boolean): Promise<number> {
  const r = await db
    .updateTable('event_people')
    .set({ follow_up: on ? 1 : 0 })
    .where('event_id', '=', eventId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function reassignEventPeople(db: Db, from: number, to: number): Promise<void> {
  const mine = await db.selectFrom('event_people').select('event_id').where('person_id', '=', to).execute();
  const events = mine.map((r) => r.event_id);
  if (events.length > 0)
    await db
      .deleteFrom('event_people')
      .where('person_id', '=', from)
      .where('event_id', 'in', events)
      .execute();
  await db.updateTable('event_people').set({ person_id: to }).where('person_id', '=', from).execute();
}
