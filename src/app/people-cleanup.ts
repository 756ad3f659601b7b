import { invalid } from '../core/errors.js';
import { resolve, requirePerson, checkFilter } from './person-lookup.js';
import { prepareFocusGuard, guardFocus } from './focus.js';
import { namePartsFit } from '../core/names.js';
import type { Circle, Person, Source } from '../core/types.js';
import * as peopleRepo from '../storage/repos/people.js';
import { setCircle } from '../storage/repos/circles.js';
import { setKeys } from '../storage/repos/person-keys.js';
import { reassignInteractions } from '../storage/repos/interactions.js';
import { reassignItems } from '../storage/repos/items.js';
import { reassignPromises } from '../storage/repos/promises.js';
import { reassignEventPeople } from '../storage/repos/events.js';
import { reassignIntros } from '../storage/repos/intros.js';
import { reassignOutcomes } from '../storage/repos/outcomes.js';
import { nowIso, type AppContext } from './context.js';

/**
 * Merges B into A, losing nothing: B's interactions, needs, offers, promises, events, intros and
 * outcomes move to A; emails, phones, urls and tags are united; fields A lacks are taken from B;
 * notes are joined. B is soft-deleted with a pointer to A.
 */
export async function mergePeople(ctx: AppContext, keepQuery: string, goneQuery: string): Promise<Person> {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await requirePerson(trx, keepQuery);
    const b = await requirePerson(trx, goneQuery);
    if (a.id === b.id)
      throw invalid('cannot merge a person with themself', [
        { path: 'B', message: 'is the same person as A' },
      ]);
    const now = nowIso(ctx);
    const uniq = (xs: string[]): string[] => [...new Set(xs)];
    const notes = [a.notes, b.notes].filter((n): n is string => n !== undefined && n !== '');
    await peopleRepo.updatePerson(
      trx,
      a.id,
      {
        met: a.met ?? b.met,
        // A's name stays: so do its parts, or B's when they describe A's name.
        nameParts:
          a.nameParts ?? (b.nameParts && namePartsFit(b.nameParts, a.name) ? b.nameParts : undefined),
        company: a.company ?? b.company,
        title: a.title ?? b.title,
        emails: uniq([...a.emails, ...b.emails]),
        phones: uniq([...a.phones, ...b.phones]),
        urls: uniq([...a.urls, ...b.urls]),
        linkedin: a.linkedin ?? b.linkedin,
        birthday: a.birthday ?? b.birthday,
        notes: notes.length > 0 ? uniq(notes).join('\n\n') : undefined,
        cadenceDays: a.cadenceDays ?? b.cadenceDays,
        introducedBy: a.introducedBy ?? (b.introducedBy === a.id ? undefined : b.introducedBy),
        // The closer circle wins: merging never demotes someone out of focus.
        circle:
          (['focus', 'network', 'pool', 'archived'] as const).find((c) => c === a.circle || c === b.circle) ??
          a.circle,
      },
      now,
    );
    await peopleRepo.addTags(trx, a.id, b.tags);
    await reassignInteractions(trx, b.id, a.id);
    await reassignItems(trx, b.id, a.id, now);
    await reassignPromises(trx, b.id, a.id, now);
    await reassignEventPeople(trx, b.id, a.id);
    await reassignIntros(trx, b.id, a.id, now);
    await reassignOutcomes(trx, b.id, a.id);
    await trx.updateTable('people').set({ introduced_by: a.id }).where('introduced_by', '=', b.id).execute();
    const keys = await trx
      .selectFrom('person_keys')
      .select('key')
      .where('person_id', 'in', [a.id, b.id])
      .execute();
    await setKeys(
      trx,
      a.id,
      keys.map((k) => k.key),
    );
    await trx.deleteFrom('person_keys').where('person_id', '=', b.id).execute();
    await peopleRepo.softDelete(trx, b.id, a.id, now);
    await peopleRepo.refreshContactDays(trx, [a.id]);
    await peopleRepo.refreshSearchText(trx, a.id);
    return (await peopleRepo.getPerson(trx, a.id)) ?? a;
  });
}

export interface MoveFilter {
  tag?: string | undefined;
  from?: Circle | undefined;
  source?: Source | undefined;
  search?: string | undefined;
  toolOnly?: boolean | undefined;
  people?: string[] | undefined;
}

/** Bulk move by filter; moving into focus respects the cap (all or nothing). */
export async function movePeople(
  ctx: AppContext,
  to: Circle,
  f: MoveFilter,
  dryRun = false,
): Promise<{ moved: number; ids: number[] }> {
  const noFilter =
    f.tag === undefined &&
    f.from === undefined &&
    f.source === undefined &&
    f.search === undefined &&
    f.toolOnly === undefined &&
    (f.people ?? []).length === 0;
  if (noFilter)
    throw invalid(
      'give at least one filter (tag, from, source, search, toolOnly or people) so a move never takes everyone by accident',
      [{ path: 'filters', message: 'none given' }],
      ['tag', 'from', 'source', 'search', 'toolOnly', 'people'],
    );
  checkFilter(f);
  if (to === 'focus') await prepareFocusGuard(ctx, 1);
  return ctx.db.transaction().execute(async (trx) => {
    const ids =
      f.people && f.people.length > 0
        ? await Promise.all(f.people.map(async (q) => (await resolve(trx, q)).id))
        : undefined;
    const matching = await peopleRepo.idsMatching(trx, {
      tag: f.tag,
      circle: f.from,
      source: f.source,
      search: f.search,
      toolOnly: f.toolOnly,
      ids,
      includeArchived: true,
    });
    const current = await peopleRepo.getPeople(trx, matching);
    const moving = current.filter((p) => p.circle !== to).map((p) => p.id);
    if (to === 'focus') await guardFocus(ctx, trx, moving.length);
    if (!dryRun) await setCircle(trx, moving, to, nowIso(ctx));
    return { moved: moving.length, ids: moving };
  });
}
