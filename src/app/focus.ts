import { invalid } from '../core/errors.js';
import type { Person } from '../core/types.js';
import { getPerson, setCircle } from '../storage/repos/people.js';
import { nowIso, type AppContext } from './context.js';
import { guardFocus, prepareFocusGuard, requirePerson } from './people.js';

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
