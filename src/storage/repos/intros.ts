import type { Intro, IntroState } from '../../core/types.js';
import type { Db } from '../db.js';
import type { IntroRow } from '../schema.js';

export function toIntro(r: IntroRow): Intro {
  return {
    id: r.id,
    aId: r.a_id,
    bId: r.b_id,
    reason: r.reason,
    needId: r.need_id ?? undefined,
    offerId: r.offer_id ?? undefined,
    state: r.state as IntroState,
    declinedBy: (r.declined_by ?? undefined) as 'a' | 'b' | undefined,
    outcome: r.outcome ?? undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function introsWhere(
  db: Db,
  f: { states?: readonly IntroState[]; ids?: readonly number[] } = {},
): Promise<(Intro & { stateSince: string })[]> {
  let qb = db.selectFrom('intros').selectAll();
  if (f.states) qb = qb.where('state', 'in', f.states.length > 0 ? f.states : ['none']);
  if (f.ids) qb = qb.where('id', 'in', f.ids.length > 0 ? f.ids : [-1]);
  const rows = await qb.orderBy('id').execute();
  return rows.map((r) => ({ ...toIntro(r), stateSince: r.state_since }));
}

export async function countIntrosMadeBetween(db: Db, from: string, to: string): Promise<number> {
  const rows = await db
    .selectFrom('interactions')
    .select('intro_id')
    .distinct()
    .where('intro_id', 'is not', null)
    .where('nature', '=', 'gave')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.length;
}

export async function reassignIntros(db: Db, from: number, to: number, now: string): Promise<void> {
  await db.updateTable('intros').set({ a_id: to, updated_at: now }).where('a_id', '=', from).execute();
  await db.updateTable('intros').set({ b_id: to, updated_at: now }).where('b_id', '=', from).execute();
}

export async function insertIntro(
  db: Db,
  i: { aId: number; bId: number; reason: string; needId?: number | undefined; offerId?: number | undefined },
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('intros')
    .values({
      a_id: i.aId,
      b_id: i.bId,
      reason: i.reason,
      need_id: i.needId ?? null,
      offer_id: i.offerId ?? null,
      state: 'proposed',
      declined_by: null,
      outcome: null,
      state_since: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function moveIntro(
  db: Db,
  id: number,
  patch: { state: IntroState; declinedBy?: 'a' | 'b' | undefined; outcome?: string | undefined },
  now: string,
): Promise<void> {
  await db
    .updateTable('intros')
    .set({
      state: patch.state,
      ...(patch.declinedBy !== undefined ? { declined_by: patch.declinedBy } : {}),
      ...(patch.outcome !== undefined ? { outcome: patch.outcome } : {}),
      state_since: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}
