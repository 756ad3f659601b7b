import type { Fit } from '../core/fit.js';
import { openItemsInCircles } from '../storage/repos/items.js';
import { getPeople, idsMatching } from '../storage/repos/people.js';
import type { AppContext } from './context.js';
import { loadMatchWorld } from './matching.js';
import { fitAndGives, type Give, type TheyCouldHelp } from './gives.js';
import { requirePerson } from './person-lookup.js';

export interface PersonMatch {
  person: { id: number; name: string; circle: string };
  fit: Fit;
  gives: Give[];
  theyCouldHelp: TheyCouldHelp[];
}

/**
 * `tend match [PERSON]`: with a person, what I can do for them and what they could do for me;
 * without, the best gives and introductions across the focus list and network.
 */
export async function match(
  ctx: AppContext,
  query?: string,
  opts: { limit?: number } = {},
): Promise<PersonMatch[]> {
  const db = ctx.db;
  const world = await loadMatchWorld(ctx, db);
  // Without a person: the focus list, and everyone in the network with a need known.
  const people =
    query !== undefined
      ? [await requirePerson(db, query)]
      : await getPeople(db, [
          ...new Set([
            ...(await idsMatching(db, { circle: 'focus' })),
            ...(await openItemsInCircles(db, 'need', ['network'])).flatMap((i) =>
              i.personId !== undefined ? [i.personId] : [],
            ),
          ]),
        ]);
  const out: PersonMatch[] = [];
  for (const p of people) {
    const r = await fitAndGives(ctx, db, world, p);
    out.push({
      person: { id: p.id, name: p.name, circle: p.circle },
      fit: r.fit,
      gives: r.gives,
      theyCouldHelp: r.theyCouldHelp,
    });
  }
  if (query === undefined) {
    out.sort((a, b) => (b.gives[0]?.score ?? 0) - (a.gives[0]?.score ?? 0) || b.fit.fit - a.fit.fit);
    return out.filter((m) => m.gives.length > 0 || m.theyCouldHelp.length > 0).slice(0, opts.limit ?? 20);
  }
  return out;
}
