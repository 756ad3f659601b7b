import { DomainError, invalid } from '../core/errors.js';
import { requirePerson } from './person-lookup.js';
import { summarise, type PersonSummary } from './people.js';
import { fitAndGives, round2, roundFit } from './gives.js';
import type { Fit } from '../core/fit.js';
import { judgeFocusAdd } from '../core/focus.js';
import type { Person } from '../core/types.js';
import type { Db } from '../storage/db.js';
import * as peopleRepo from '../storage/repos/people.js';
import { nowIso, type AppContext } from './context.js';
import { encodeStale, loadMatchWorld } from './matching.js';
import { getPerson, setCircle } from '../storage/repos/people.js';

/**
 * The forced trade the web app offers when focus is full: one person out (back to the network),
 * one in, in one transaction, so a failure never leaves the list one short. The cap is checked
 * by the same guard as `tend focus add`, after the move out.
 */
export async function swapFocus(
  ctx: AppContext,
  inQuery: string,
  outQuery: string,
): Promise<{ added: Person; removed: Person }> {
  await prepareFocusGuard(ctx, 0);
  return ctx.db.transaction().execute(async (trx) => {
    const incoming = await requirePerson(trx, inQuery);
    const outgoing = await requirePerson(trx, outQuery);
    if (outgoing.circle !== 'focus')
      throw invalid(`${outgoing.name} is not in your focus list`, [
        { path: 'replace', message: 'not in focus' },
      ]);
    if (incoming.id === outgoing.id)
      throw invalid('cannot trade a person for themself', [
        { path: 'replace', message: 'is the same person' },
      ]);
    const now = nowIso(ctx);
    await setCircle(trx, [outgoing.id], 'network', now);
    if (incoming.circle !== 'focus') {
      await guardFocus(ctx, trx, 1);
      await setCircle(trx, [incoming.id], 'focus', now);
    }
    return {
      added: (await getPerson(trx, incoming.id)) ?? incoming,
      removed: (await getPerson(trx, outgoing.id)) ?? outgoing,
    };
  });
}

/**
 * Before a transaction that may run `guardFocus`: when the focus list is at its cap, the guard
 * will match, so stale features are encoded now, outside the transaction (see `encodeStale`).
 */
export async function prepareFocusGuard(ctx: AppContext, adding: number): Promise<void> {
  const size = (await peopleRepo.idsMatching(ctx.db, { circle: 'focus' })).length;
  if (size + adding > ctx.settings.focusCap) await encodeStale(ctx);
}

/** Adds people to focus within the cap, or refuses naming the weakest-fit members. */
export async function guardFocus(ctx: AppContext, db: Db, adding: number): Promise<void> {
  const members = await peopleRepo.getPeople(db, await peopleRepo.idsMatching(db, { circle: 'focus' }));
  if (members.length + adding <= ctx.settings.focusCap) return;
  const world = await loadMatchWorld(ctx, db);
  const fits = await Promise.all(
    members.map(async (p) => ({
      personId: p.id,
      name: p.name,
      fit: (await fitAndGives(ctx, db, world, p)).fit.fit,
    })),
  );
  const decision = judgeFocusAdd(fits, adding, ctx.settings);
  if (decision.verdict === 'refuse')
    throw new DomainError(
      'focus_full',
      `your focus list is full (${decision.size} of ${decision.cap}); move someone out first — weakest fit: ${decision.candidates.map((c) => c.name).join(', ')}`,
      {
        size: decision.size,
        cap: decision.cap,
        candidates: decision.candidates.map((c) => ({ id: c.personId, name: c.name, fit: round2(c.fit) })),
      },
    );
}

export async function setFocus(ctx: AppContext, query: string, on: boolean): Promise<Person> {
  if (on) await prepareFocusGuard(ctx, 1);
  return ctx.db.transaction().execute(async (trx) => {
    const p = await requirePerson(trx, query);
    if (on && p.circle === 'focus') return p;
    if (!on && p.circle !== 'focus')
      throw invalid(`${p.name} is not in your focus list`, [{ path: 'person', message: 'not in focus' }]);
    if (on) await guardFocus(ctx, trx, 1);
    await peopleRepo.setCircle(trx, [p.id], on ? 'focus' : 'network', nowIso(ctx));
    return (await peopleRepo.getPerson(trx, p.id)) ?? p;
  });
}

export interface FocusEntry extends PersonSummary {
  fit: Fit;
}

export async function listFocus(ctx: AppContext): Promise<{ cap: number; people: FocusEntry[] }> {
  const db = ctx.db;
  const members = await peopleRepo.getPeople(db, await peopleRepo.idsMatching(db, { circle: 'focus' }));
  const summaries = await summarise(ctx, db, members);
  const world = await loadMatchWorld(ctx, db);
  const people: FocusEntry[] = [];
  for (const s of summaries)
    people.push({ ...s, fit: roundFit((await fitAndGives(ctx, db, world, s.person)).fit) });
  people.sort((a, b) => b.fit.fit - a.fit.fit || a.person.name.localeCompare(b.person.name));
  return { cap: ctx.settings.focusCap, people };
}
