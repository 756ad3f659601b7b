import { dayOf } from '../core/dates.js';
import { DomainError, invalid } from '../core/errors.js';
import type { Promise_ } from '../core/types.js';
import { getPromise, insertPromise, promisesWhere, setPromiseStatus } from '../storage/repos/promises.js';
import { getPeople } from '../storage/repos/people.js';
import { nowIso, type AppContext } from './context.js';
import { requirePerson } from './person-lookup.js';
import { toDay, type PromiseInput } from './validate.js';

export async function makePromise(
  ctx: AppContext,
  input: PromiseInput,
): Promise<Promise_ & { personName: string }> {
  const due = toDay(input.due, ctx.clock(), 'due');
  return ctx.db.transaction().execute(async (trx) => {
    const p = await requirePerson(trx, input.person);
    return {
      ...(await insertPromise(trx, { personId: p.id, text: input.text, due }, nowIso(ctx))),
      personName: p.name,
    };
  });
}

/** `tend done PROMISE [--broken]`: closes an open promise as kept (or broken). */
export async function closePromise(
  ctx: AppContext,
  id: number,
  status: 'kept' | 'broken',
): Promise<Promise_ & { late: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const p = await getPromise(trx, id);
    if (!p) throw new DomainError('unknown_promise', `no promise #${id}`, { id });
    if (p.status !== 'open')
      throw invalid(`promise #${id} is already ${p.status}`, [
        { path: 'promise', message: `already ${p.status}` },
      ]);
    const today = dayOf(ctx.clock());
    await setPromiseStatus(trx, id, status, today, nowIso(ctx));
    return { ...p, status, doneOn: today, late: today > p.due };
  });
}

export async function listPromises(
  ctx: AppContext,
  opts: { all?: boolean } = {},
): Promise<(Promise_ & { personName: string; overdue: boolean })[]> {
  const list = await promisesWhere(ctx.db, opts.all ? {} : { status: 'open' });
  const names = new Map(
    (await getPeople(ctx.db, [...new Set(list.map((p) => p.personId))])).map((p) => [p.id, p.name]),
  );
  const today = dayOf(ctx.clock());
  return list.map((p) => ({
    ...p,
    personName: names.get(p.personId) ?? `#${p.personId}`,
    overdue: p.status === 'open' && p.due < today,
  }));
}
