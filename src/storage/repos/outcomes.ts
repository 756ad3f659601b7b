import type { Outcome, OutcomeKind } from '../../core/types.js';
import type { Db } from '../db.js';

export async function insertOutcome(db: Db, o: Omit<Outcome, 'id'>, now: string): Promise<number> {
  const row = await db
    .insertInto('outcomes')
    .values({
      interaction_id: o.interactionId ?? null,
      intro_id: o.introId ?? null,
      person_id: o.personId ?? null,
      kind: o.kind,
      value_cents: o.valueCents ?? null,
      note: o.note ?? null,
      date: o.date,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function outcomesBetween(db: Db, from: string, to: string): Promise<Outcome[]> {
  const rows = await db
    .selectFrom('outcomes')
    .selectAll()
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    interactionId: r.interaction_id ?? undefined,
    introId: r.intro_id ?? undefined,
    personId: r.person_id ?? undefined,
    kind: r.kind as OutcomeKind,
    valueCents: r.value_cents ?? undefined,
    note: r.note ?? undefined,
    date: r.date,
  }));
}

export async function reassignOutcomes(db: Db, from: number, to: number): Promise<void> {
  await db.updateTable('outcomes').set({ person_id: to }).where('person_id', '=', from).execute();
}
