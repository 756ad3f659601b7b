import { DomainError } from '../../core/errors.js';
import { openStore, type Store } from '../db.js';
import { openPostgres } from '../postgres.js';
import { timeouts } from '../timeouts.js';
import { migrateTeam } from './migrations.js';
import { TenantScopePlugin } from './scope.js';
import { roleName, tenantDialect } from './tenant.js';

export const defaultAppRole = 'tend_app';

export interface TeamTargets {
  /** The database the team server uses (`--db`): a `postgres://` URL. */
  url: string;
  /** Who owns the tables and runs migrations (`TEND_TEAM_OWNER_URL`); the same URL when omitted. */
  ownerUrl?: string | undefined;
  /** Connect the server as the app role itself (`TEND_TEAM_APP_URL`) rather than switching to it. */
  appUrl?: string | undefined;
  /** The role the server's statements run as (`--app-role`, default `tend_app`). */
  appRole?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Told each statement's SQL (the scoping test reads it). */
  onQuery?: ((sql: string) => void) | undefined;
}

const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

/** Team mode is PostgreSQL only: anything else is refused with its own code (and exit code). */
export function requirePostgres(url: string | undefined, what: string): string {
  if (url === undefined || !isPostgresUrl(url))
    throw new DomainError(
      'team_needs_postgres',
      `${what} needs a PostgreSQL database: db must be a postgres:// URL${url === undefined || url === '' ? '' : `, not "${url.replace(/:[^:@/]*@/, ':***@')}"`} (team mode never runs on SQLite)`,
      { problems: [{ path: 'db', message: 'not a postgres:// URL' }] },
    );
  return url;
}

export function appRoleOf(t: TeamTargets): string {
  const role = t.appRole ?? t.env?.TEND_TEAM_APP_ROLE ?? defaultAppRole;
  if (!roleName.test(role))
    throw new DomainError('invalid_input', `--app-role "${role}" is not a PostgreSQL role name`, {
      problems: [{ path: 'appRole', message: 'lower-case letters, digits and _ only' }],
    });
  return role;
}

/** Runs the single-user migrations, then the team ones, as the owner; grants the app role. */
export async function migrateTeamDatabase(t: TeamTargets): Promise<{ role: string; location: string }> {
  const url = requirePostgres(t.ownerUrl ?? t.url, 'team mode');
  const role = appRoleOf(t);
  const owner = await openStore(url, { env: t.env ?? process.env });
  try {
    await migrateTeam(owner, role);
    return { role, location: owner.location };
  } finally {
    await owner.close();
  }
}

/**
 * The team server's store: every statement runs in a transaction as the app role, for the
 * account of the current flow (`withTenant`); with none, the private tables read as empty.
 */
export async function openTeamStore(t: TeamTargets): Promise<Store> {
  const url = requirePostgres(t.appUrl ?? t.url, 'team mode');
  const role = appRoleOf(t);
  const env = t.env ?? process.env;
  const store = await openPostgres(
    url,
    timeouts(env),
    (m) => void process.stderr.write(`${m}\n`),
    (d) => tenantDialect(d, role, t.onQuery),
  );
  // The second wall: every query on a private table names its account (scope.ts).
  // The plugged instance shares the driver: the store's close still ends the pool.
  store.db = store.db.withPlugin(new TenantScopePlugin());
  return store;
}
