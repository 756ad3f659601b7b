import type { PromiseStatus, Promise_ } from '../../core/types.js';
import type { Db } from '../db.js';
import type { PromiseRow } from '../schema.js';

function toPromise(r: PromiseRow): Promise_ {
  return {
    id: r.id,
    personId: r.person_id,
    text: r.text,
    due: r.due,
    status: r.status as PromiseStatus,
    doneOn: r.done_on ?? undefined,
    createdAt: r.created_at,
  };
}

export async function insertPromise(
  db: Db,
  p: { personId: number; text: string; due: string },
  now: string,
): Promise<Promise_> {
  const row = await db
    .insertInto('promises')
    .values({
      person_id: p.personId,
      text: p.text,
      due: p.due,
      status: 'open',
      done_on: null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPromise(row);
}

export async function getPromise(db: Db, id: number): Promise<Promise_ | undefined> {
  const r = await db
    .selectFrom('promises')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r ? toPromise(r) : undefined;
}

export async function setPromiseStatus(
  db: Db,
  id: number,
  status: PromiseStatus,
  doneOn: string | null,
  now: string,
): Promise<void> {
  await db
    .updateTable('promises')
    .set({ status, done_on: doneOn, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function promisesWhere(
  db: Db,
  f: { status?: PromiseStatus; personIds?: readonly number[] } = {},
): Promise<Promise_[]> {
  let qb = db.selectFrom('promises').selectAll().where('deleted_at', 'is', null);
  if (f.status) qb = qb.where('status', '=', f.status);
  if (f.personIds) qb = qb.where('person_id', 'in', f.personIds.length > 0 ? f.personIds : [-1]);
  return (await qb.orderBy('due').orderBy('id').execute()).map(toPromise);
}

export async function reassignPromises(db: Db, from: number, to: number, now: string): Promise<void> {
  await db
    .updateTable('promises')
    .set({ person_id: to, updated_at: now })
    .where('person_id', '=', from)
    .execute();
}
