import type { Command } from 'commander';
import { DomainError } from '../../core/errors.js';
import type { Result } from '../output.js';
import type { Opts, Runner } from '../runner.js';
import { examples } from './shared.js';

/** The team database: `--db`, else `$TEND_DB`; team mode has no default file. */
const teamUrl = (o: Opts, env: NodeJS.ProcessEnv): string | undefined => {
  const flag = typeof o.db === 'string' && o.db.trim() !== '' ? o.db : undefined;
  return flag ?? (env.TEND_DB !== undefined && env.TEND_DB.trim() !== '' ? env.TEND_DB : undefined);
};

const targets = (o: Opts, env: NodeJS.ProcessEnv, what: string) => ({
  url: url(o, env, what),
  ownerUrl: env.TEND_TEAM_OWNER_URL || undefined,
  appRole: typeof o.appRole === 'string' ? o.appRole : undefined,
  env,
});

function url(o: Opts, env: NodeJS.ProcessEnv, what: string): string {
  const u = teamUrl(o, env);
  if (u === undefined || !/^postgres(ql)?:\/\//i.test(u))
    throw new DomainError(
      'team_needs_postgres',
      `${what} needs a PostgreSQL database: db must be a postgres:// URL${u ? `, not "${u}"` : ''} (team mode never runs on SQLite)`,
      { problems: [{ path: 'db', message: 'not a postgres:// URL' }] },
    );
  return u;
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (stream === undefined) return '';
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `tend admin`: running a team server. `migrate` brings the schema up to date as the owner and
 * grants the app role; `create-owner` makes the first account (an administrator), its password
 * read from standard input so it never sits in the shell history or the process list.
 */
export function registerAdmin(program: Command, r: Runner): void {
  const admin = program
    .command('admin')
    .description('run a team server: migrate its database, create its first owner (PostgreSQL only)');

  admin
    .command('migrate')
    .description('bring a team database up to date (as the owner of its tables) and grant the app role')
    .option('--app-role <name>', 'the role the server runs its queries as (default tend_app)')
    .addHelpText(
      'after',
      examples(
        'tend admin migrate --db postgres://owner@db/tend',
        'TEND_TEAM_OWNER_URL=postgres://owner@db/tend tend admin migrate --db postgres://tend_app@db/tend',
      ),
    )
    .action(
      r.actWithoutDb(async (_a, o): Promise<Result> => {
        const { migrateTeamDatabase } = await import('../../app/team/context.js');
        const done = await migrateTeamDatabase(targets(o, r.io.env, 'tend admin migrate'));
        return {
          data: { migrated: true, appRole: done.role, database: done.location },
          human: () => `Team database ${done.location} is up to date; the server runs as ${done.role}.`,
        };
      }),
    );

  admin
    .command('create-owner')
    .description('create the first account of a team server, an administrator')
    .requiredOption('--email <address>', 'the owner’s email (their sign-in)')
    .option('--name <name>', 'the owner’s name (default: the part of the email before @)')
    .option('--password-stdin', 'read the password from standard input (required)')
    .option('--app-role <name>', 'the role the server runs its queries as (default tend_app)')
    .addHelpText(
      'after',
      examples(
        'printf \'%s\' "$OWNER_PASSWORD" | tend admin create-owner --db postgres://owner@db/tend --email ada@example.org --password-stdin',
      ),
    )
    .action(
      r.actWithoutDb(async (_a, o): Promise<Result> => {
        if (o.passwordStdin !== true)
          throw new DomainError(
            'invalid_input',
            'give the password on standard input with --password-stdin (never as an argument)',
            { problems: [{ path: 'passwordStdin', message: 'is required' }] },
          );
        const t = targets(o, r.io.env, 'tend admin create-owner');
        // The password is the input's first line, without its line ending.
        const password = (await readAll(r.io.stdin)).split(/\r?\n/)[0] ?? '';
        const email = typeof o.email === 'string' ? o.email : '';
        const name = typeof o.name === 'string' ? o.name : (email.split('@')[0] ?? '');
        const { openTeamApp } = await import('../../app/team/context.js');
        const { accountView, createAccount } = await import('../../app/team/accounts.js');
        const ctx = await openTeamApp(t);
        try {
          const a = accountView(await createAccount(ctx.db, { email, password, name }, true));
          return { data: { account: a }, human: () => `Created the owner ${a.email} (${a.id}).` };
        } finally {
          await ctx.store.close();
        }
      }),
    );
}
