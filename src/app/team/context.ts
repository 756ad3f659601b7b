import { defaultSettings } from '../../core/settings.js';
import type { Matcher } from '../../matching/index.js';
import {
  migrateTeamDatabase,
  openTeamStore,
  requirePostgres,
  type TeamTargets,
} from '../../storage/team/open.js';
import { openStore, type Store } from '../../storage/db.js';
import { currentTenant } from '../../storage/team/tenant.js';
import { loadSettings, type AppContext } from '../context.js';

export { currentTenant, withAuth, withTenant } from '../../storage/team/tenant.js';
export {
  defaultAppRole,
  migrateTeamDatabase,
  requirePostgres,
  type TeamTargets,
} from '../../storage/team/open.js';

export type { Store };

/**
 * A plain connection to the team database as the tables' owner (`TEND_TEAM_OWNER_URL`, else
 * `--db`), for the job queue: pg-boss keeps its own schema, which the app role may not create or
 * read. No tenant and no row-level security bypass: nothing of Tend's tables is read through it.
 */
export function openJobsStore(t: Pick<TeamTargets, 'url' | 'ownerUrl' | 'env'>): Promise<Store> {
  return openStore(requirePostgres(t.ownerUrl ?? t.url, 'team mode'), {
    migrate: false,
    env: t.env ?? process.env,
  });
}

export interface TeamOpenOptions extends TeamTargets {
  /** Run the migrations (as the owner) first; `tend admin migrate` does it on its own. */
  migrate?: boolean;
  clock?: () => Date;
  newUid?: () => string;
}

/**
 * The team server's world: one store for every account (each statement runs for the account of
 * the current flow, `withTenant`), and the process-wide matcher. Settings are per account, read
 * per request by `accountContext`.
 */
export async function openTeamApp(o: TeamOpenOptions): Promise<AppContext> {
  requirePostgres(o.url, 'tend serve --team');
  if (o.migrate !== false) await migrateTeamDatabase(o);
  const store = await openTeamStore(o);
  let matcherPromise: Promise<Matcher> | undefined;
  return {
    store,
    db: store.db,
    clock: o.clock ?? (() => new Date()),
    newUid: o.newUid ?? (() => crypto.randomUUID()),
    settings: structuredClone(defaultSettings),
    matcher: () => {
      matcherPromise ??= import('../../matching/index.js').then((m) => m.createMatcher());
      return matcherPromise;
    },
  };
}

/**
 * The context of one request: the shared one with the current account's settings, and the
 * read-heavy use cases reading in one snapshot (src/app/snapshot.ts). Outside an
 * account (the sign-in gate, signup, login, health) no settings row is visible, so the defaults
 * are what a read would return: they are given without the round trips to PostgreSQL.
 */
export async function accountContext(base: AppContext): Promise<AppContext> {
  if (currentTenant()?.accountId === undefined)
    return { ...base, settings: structuredClone(defaultSettings) };
  return { ...base, settings: await loadSettings(base.db), snapshotReads: true };
}
