import type { CapturedMeeting, LaterContact } from '../../core/meeting-follow-ups.js';
import type { CaptureKind, Channel } from '../../core/types.js';
import type { Db } from '../db.js';

/**
 * Meetings read from calendars since `from`, one row per person in Tend who was there, with how
 * many people Tend saw there (people in Tend and people waiting in the review list).
 */
export async function capturedMeetingsSince(db: Db, from: string): Promise<CapturedMeeting[]> {
  const rows = await db
    .selectFrom('captures as c')
    .innerJoin('interactions as i', 'i.id', 'c.interaction_id')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .select(['c.person_id', 'p.name', 'c.key', 'c.date', 'c.channel', 'c.title'])
    .where('c.kind', '=', 'calendar')
    .where('c.removed', '=', 0)
    .where('c.date', '>=', from)
    .where('i.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where('p.circle', '!=', 'archived')
    .execute();
  if (rows.length === 0) return [];
  const keys = [...new Set(rows.map((r) => r.key))];
  const size = new Map<string, Set<string>>();
  for (let i = 0; i < keys.length; i += 500) {
    const part = keys.slice(i, i + 500);
    const known = await db
      .selectFrom('captures')
      .select(['key', 'person_id'])
      .where('kind', '=', 'calendar')
      .where('removed', '=', 0)
      .where('key', 'in', part)
      .execute();
    const strangers = await db
      .selectFrom('capture_strangers')
      .select(['key', 'email'])
      .where('kind', '=', 'calendar')
      .where('key', 'in', part)
      .execute();
    for (const r of known) size.set(r.key, (size.get(r.key) ?? new Set()).add(`p${r.person_id}`));
    for (const r of strangers) size.set(r.key, (size.get(r.key) ?? new Set()).add(`e${r.email}`));
  }
  return rows.map((r) => ({
    personId: r.person_id,
    personName: r.name,
    key: r.key,
    day: r.date,
    channel: r.channel as Channel,
    title: r.title ?? undefined,
    people: size.get(r.key)?.size ?? 1,
  }));
}

/** Everything with these people dated `from` on, with where it came from (typed: no source). */
export async function contactsSince(
  db: Db,
  personIds: readonly number[],
  from: string,
): Promise<Map<number, LaterContact[]>> {
  const out = new Map<number, LaterContact[]>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('interaction_people as ip')
      .innerJoin('interactions as i', 'i.id', 'ip.interaction_id')
      .select(['ip.person_id', 'i.date', 'i.source'])
      .where('ip.person_id', 'in', personIds.slice(i, i + 500))
      .where('i.date', '>=', from)
      .where('i.deleted_at', 'is', null)
      .execute();
    for (const r of rows)
      out.set(r.person_id, [
        ...(out.get(r.person_id) ?? []),
        { date: r.date, source: (r.source ?? undefined) as CaptureKind | undefined },
      ]);
  }
  return out;
}
