import { putFeatures } from '../storage/repos/features.js';
import type { AppContext } from './context.js';

/**
 * Runs a read-only use case. In team mode (`ctx.snapshotReads`) its statements share one
 * `REPEATABLE READ READ ONLY` transaction: one consistent snapshot, and the tenant and role set
 * once, rather than a transaction of three round trips per statement (docs/decisions/0019-teams.md).
 * Features the matcher encodes meanwhile (new notes) are kept aside and stored after it, being a
 * cache: a failure to store them (a note deleted meanwhile) costs only their encoding next time.
 * Elsewhere `fn` runs on the context as it is: single-user reads are unchanged.
 */
export async function readSnapshot<T>(ctx: AppContext, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  if (ctx.snapshotReads !== true || ctx.deferredFeatures !== undefined) return fn(ctx);
  const deferred: NonNullable<AppContext['deferredFeatures']> = [];
  const result = await ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => fn({ ...ctx, db: trx, deferredFeatures: deferred }));
  if (deferred.length > 0)
    await ctx.db
      .transaction()
      .execute((trx) => putFeatures(trx, deferred))
      .catch(() => undefined);
  return result;
}
