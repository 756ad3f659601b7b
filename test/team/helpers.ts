import pg from 'pg';
import type { AppContext } from '../../src/app/context.js';
import { createAccount } from '../../src/app/team/accounts.js';
import { openTeamApp } from '../../src/app/team/context.js';
import { fixedClock, postgresBackend } from '../helpers/db.js';

export const teamBackend = postgresBackend;
/** The reason a team test is skipped, or false: team mode runs on PostgreSQL only. */
export const noTeamBackend: string | false = teamBackend
  ? false
  : 'team mode runs on PostgreSQL: TEND_TEST_POSTGRES_URL is not set and none answers at 127.0.0.1:5432';

/** A fresh team database (its own schema), migrated, and the team app over it (on `clock`). */
export async function freshTeam(
  onQuery?: (sql: string) => void,
  clock: ReturnType<typeof fixedClock> = fixedClock(),
): Promise<{ ctx: AppContext; url: string; schema: string }> {
  if (!teamBackend) throw new Error('TEND_TEST_POSTGRES_URL is not set');
  const url = teamBackend.fresh();
  const schema = new URL(url).searchParams.get('schema') ?? '';
  const ctx = await openTeamApp({ url, env: process.env, clock: clock.now, onQuery });
  return { ctx, url, schema };
}

let n = 0;
/** A new account with a known password; its internal id for `withTenant`. */
export async function account(ctx: AppContext, name = `user${++n}`) {
  const password = `correct horse ${name}`;
  const a = await createAccount(ctx.db, { email: `${name}@example.org`, password, name });
  return { ...a, password };
}

/** Accounts named `<prefix>_<name>`, created one after another in the order given. */
export async function accounts<const N extends readonly string[]>(
  ctx: AppContext,
  prefix: string,
  names: N,
): Promise<{ [K in keyof N]: Awaited<ReturnType<typeof account>> }> {
  const made: Awaited<ReturnType<typeof account>>[] = [];
  for (const name of names) made.push(await account(ctx, `${prefix}_${name}`));
  return made as { [K in keyof N]: Awaited<ReturnType<typeof account>> };
}

/** A plain connection as the tables' owner (the superuser in tests), on `schema`. */
export async function ownerClient(schema: string): Promise<pg.Client> {
  const u = new URL(process.env.TEND_TEST_POSTGRES_URL ?? '');
  const c = new pg.Client({ connectionString: u.toString(), options: `-c search_path=${schema}` });
  await c.connect();
  return c;
}
