import type { Circle } from '../../core/types.js';
import type { Db } from '../db.js';

/** How many people each circle holds (the deleted not counted). */
export async function countByCircle(db: Db): Promise<Record<Circle, number>> {
  const rows = await db
    .selectFrom('people')
    .select(['circle', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('deleted_at', 'is', null)
    .groupBy('circle')
    .execute();
  const out: Record<Circle, number> = { focus: 0, network: 0, pool: 0, archived: 0 };
  for (const r of rows) out[r.circle as Circle] = Number(r.n);
  return out;
}

export async function setCircle(db: Db, ids: readonly number[], circle: Circle, now: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const before = await db.selectFrom('people').select(['id', 'circle']).where('id', 'in', chunk).execute();
    const moving = before.filter((r) => r.circle !== circle);
    if (moving.length === 0) continue;
    await db
      .updateTable('people')
      .set({ circle, updated_at: now })
      .where(
        'id',
        'in',
        moving.map((r) => r.id),
      )
      .execute();
    await db
      .insertInto('circle_moves')
      .values(moving.map((r) => ({ person_id: r.id, from_circle: r.circle, to_circle: circle, at: now })))
      .execute();
  }
}

export async function focusMovesSince(db: Db, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('circle_moves')
    .select('at')
    .where('to_circle', '=', 'focus')
    .where('at', '>=', since)
    .execute();
  return rows.map((r) => r.at);
}
