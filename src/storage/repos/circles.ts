import type { Circle } from '../../core/types.js';
import type { Db } from '../db.js';

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
