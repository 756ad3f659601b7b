import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../../app/context.js';
import type { Store } from '../../app/team/context.js';
import type { TeamMail } from '../../app/team/digests.js';
import type { RouteModule } from '../../http/routes/types.js';
import { DomainError } from '../../core/errors.js';
import { echo } from '../../core/text.js';
import type { Result } from '../output.js';
import type { Opts, Runner } from '../runner.js';
import { examples, int } from './shared.js';

/**
 * `tend serve`: the API and the web app until SIGINT or SIGTERM. The server is imported inside
 * the action so no other command loads Fastify. The action resolves only once the server has
 * closed, so the runner closes the database after the last request, never during one.
 */
export function registerServe(program: Command, r: Runner): void {
  program
    .command('serve')
    .description('start the web app and the HTTP API (on 127.0.0.1 unless told otherwise)')
    .option('--port <n>', 'port (0 picks a free one)', int('--port'), 4321)
    .option('--host <address>', 'address to bind; anything but loopback exposes your network', '127.0.0.1')
    .option('--demo', 'open a realistic sample network in a temporary database')
    .option('--team', 'serve many accounts from one PostgreSQL database (sign-in required)')
    .option('--app-role <name>', 'team mode: the role the queries run as (default tend_app)')
    .addHelpText(
      'after',
      `${examples(
        'tend serve',
        'tend serve --port 8080',
        'tend serve --demo',
        'tend serve --team --db postgres://tend@db/tend --host 0.0.0.0',
        'TEND_INSTANCE=web-2 tend serve --db postgres://…',
      )}\nTEND_INSTANCE names this server in each response's X-Tend-Instance header (random when unset).\nTEND_PASSKEY_ORIGIN (team mode) is the origin passkeys belong to, e.g. https://tend.example.org\n(default: each request's scheme and Host); it is the address printed at start, else on loopback\nhttp://localhost:PORT/ (browsers refuse passkeys on an IP address).\nDaily digests in team mode go through the operator's mail server: TEND_SMTP_HOST, TEND_SMTP_PORT\n(587), TEND_SMTP_SECURITY (starttls, tls or none), TEND_SMTP_USER with TEND_SMTP_PASSWORD or\nTEND_SMTP_PASSWORD_FILE, and TEND_DIGEST_FROM (the sender). Each account turns its digest on\n(digest.daily, digest.hour) and may send it elsewhere than its email (digest.to); its smtp.*\nsettings are refused. Without TEND_SMTP_HOST no digest is sent.`,
    )
    .action(async (...all: unknown[]) => {
      const cmd = all[all.length - 1] as Command;
      const o = cmd.optsWithGlobals<Opts>();
      // Checked before the database is opened: a bad name leaves nothing behind.
      instanceName(r.io.env);
      if (o.team === true) return serveTeam(r, cmd, o);
      if (!o.demo) return r.act((ctx, _a, opts) => serve(r, ctx, opts))(...all);
      // The demo never touches the user's database: it lives in a temporary file, removed on exit.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-demo-'));
      const { openApp } = await import('../../app/context.js');
      const ctx = await openApp({
        db: path.join(dir, 'demo.db'),
        env: r.io.env,
        ...(r.io.clock ? { clock: r.io.clock } : {}),
      });
      try {
        r.io.stderr.write('Seeding the demo network…\n');
        const { seedDemo } = await import('../demo.js');
        await seedDemo(ctx);
        const { demoRoutes, startOwn } = await import('../../http/routes/demo.js');
        r.io.stderr.write(
          `This is a demo: made-up people in a temporary database, gone when you stop it. Your own network: ${startOwn[0]}\n`,
        );
        r.result = await serve(r, ctx, o, [demoRoutes]);
      } finally {
        await ctx.store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
}

/** `$TEND_INSTANCE` (letters, digits, `.-_:`, up to 64), else a random name for this process. */
function instanceName(env: NodeJS.ProcessEnv): string {
  const given = env.TEND_INSTANCE;
  if (given === undefined || given === '') return randomBytes(4).toString('hex');
  if (!/^[\w.:-]{1,64}$/.test(given))
    throw new DomainError(
      'invalid_input',
      `TEND_INSTANCE must be 1 to 64 letters, digits or . _ : -, not ${JSON.stringify(echo(given))}`,
      { problems: [{ path: 'TEND_INSTANCE', message: 'is not a plain name' }] },
    );
  return given;
}

/**
 * `tend serve --team`: many accounts, PostgreSQL only (refused on SQLite before anything opens).
 * Migrations run first as the owner (`TEND_TEAM_OWNER_URL`, else `--db`); the server's queries
 * then run as the app role, each for the signed-in account (docs/decisions/0019-teams.md).
 */
async function serveTeam(r: Runner, cmd: Command, o: Opts): Promise<void> {
  r.command = cmd;
  const env = r.io.env;
  const flag = typeof o.db === 'string' && o.db.trim() !== '' ? o.db : undefined;
  const url = flag ?? (env.TEND_DB?.trim() ? env.TEND_DB : undefined);
  if (o.demo === true)
    throw new DomainError('invalid_input', '--demo and --team cannot be combined', {
      problems: [{ path: '--demo', message: 'not with --team' }],
    });
  const { openJobsStore, openTeamApp, requirePostgres } = await import('../../app/team/context.js');
  requirePostgres(url, 'tend serve --team');
  // Checked before anything opens: a wrong origin would only show at the first passkey.
  const passkeyOrigin = env.TEND_PASSKEY_ORIGIN?.trim() || undefined;
  if (passkeyOrigin !== undefined) (await import('../../app/team/passkeys.js')).relyingPartyOf(passkeyOrigin);
  // The digests' mail server (TEND_SMTP_*, TEND_DIGEST_FROM), checked before anything opens too.
  const mail = (await import('../../app/team/digests.js')).teamMailFromEnv(env);
  const ownerUrl = env.TEND_TEAM_OWNER_URL || undefined;
  const clock = r.io.clock ?? (await import('../program.js')).clockFromEnv(env);
  const ctx = await openTeamApp({
    url: url ?? '',
    ownerUrl,
    appUrl: env.TEND_TEAM_APP_URL || undefined,
    appRole: typeof o.appRole === 'string' ? o.appRole : undefined,
    env,
    // `TEND_NOW` pins the clock here too, as for every other command.
    ...(clock ? { clock } : {}),
  });
  // The job queue runs as the tables' owner (it keeps its own schema); the digests themselves run
  // through the team store, as the app role, one account at a time.
  let jobsStore: Store | undefined;
  try {
    if (mail === undefined)
      r.io.stderr.write(
        'daily digests are off: set TEND_SMTP_HOST and TEND_DIGEST_FROM to send them (tend serve --help)\n',
      );
    else jobsStore = await openJobsStore({ url: url ?? '', ownerUrl, env });
    const team = mail && jobsStore ? { mail, jobsStore } : undefined;
    r.result = await serve(r, ctx, { ...o, team: true }, [], passkeyOrigin, team);
  } finally {
    await jobsStore?.close();
    await ctx.store.close();
  }
}

async function serve(
  r: Runner,
  ctx: AppContext,
  o: Opts,
  routes: readonly RouteModule[] = [],
  passkeyOrigin?: string,
  team?: { mail: TeamMail; jobsStore: Store },
): Promise<Result> {
  const host = typeof o.host === 'string' ? o.host : '127.0.0.1';
  const port = typeof o.port === 'number' ? o.port : 4321;
  if (port < 0 || port > 65535)
    throw new DomainError('invalid_input', `--port must be between 0 and 65535, not ${port}`, {
      problems: [{ path: '--port', message: 'out of range' }],
    });
  // A pooled connection PostgreSQL ends while idle is reported in one line; serving goes on.
  ctx.store.onBackgroundError = (m) => void r.io.stderr.write(`${m}\n`);
  const { buildServer, loopbackHosts } = await import('../../http/server.js');
  const loopback = (loopbackHosts as readonly string[]).includes(host);
  const { accountContext } = await import('../../app/team/context.js');
  const trust = r.io.env.TEND_TRUST_PROXY?.trim();
  const app = await buildServer(o.team === true ? () => accountContext(ctx) : () => ctx, {
    allowedHosts: loopback ? loopbackHosts : 'any',
    log: (m) => void r.io.stderr.write(`${m}\n`),
    routes,
    instance: instanceName(r.io.env),
    team: o.team === true,
    // Behind a load balancer: `TEND_TRUST_PROXY=10.0.0.0/8` (its addresses). A team server
    // believes a proxy on its own host by default: only a local process can send from loopback.
    trustProxy: trust !== undefined && trust !== '' ? trust : o.team === true ? 'loopback' : undefined,
    passkeyOrigin,
    digests: team !== undefined,
  });
  try {
    await app.listen({ port, host });
  } catch (e) {
    await app.close();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new DomainError('invalid_input', `port ${port} is in use: pick another with --port`, {
        problems: [{ path: '--port', message: 'in use' }],
      });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new DomainError('invalid_input', `cannot bind to ${host}`, {
        problems: [{ path: '--host', message: 'not available' }],
      });
    throw e;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const listening = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/`;
  const url = o.team === true ? teamAddress(listening, loopback, actualPort, passkeyOrigin) : listening;
  const json = Boolean(o.json);
  // With --json, stdout holds one document (written at exit); the address goes to stderr.
  // Stopping is wired before anything else starts: a SIGINT right after the address is printed
  // stops the server cleanly instead of killing the process.
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    const stop = (s: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(s);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const where = passkeyOrigin === undefined ? '' : ` (listening on ${listening})`;
  (json ? r.io.stderr : r.io.stdout).write(`Tend is running at ${url}${where}  (Ctrl+C to stop)\n`);
  if (!loopback && o.team !== true)
    r.io.stderr.write(
      `warning: bound to ${host}: anyone who can reach this address can read and change your network\n`,
    );

  // The daily digest (`digest.daily`, from `digest.hour`): a timer in this process on SQLite, a
  // job queue shared by every server on PostgreSQL (src/app/background.ts); in team mode that
  // queue's job sends each due account its own (src/app/team/digests.ts), when the operator gave
  // a mail server.
  const { startBackgroundWork } = await import('../../app/background.js');
  let stopDigest: () => Promise<void> = () => Promise.resolve();
  try {
    if (o.team !== true || team !== undefined)
      stopDigest = await startBackgroundWork(ctx, {
        env: r.io.env,
        log: (m) => void r.io.stderr.write(`${m}\n`),
        appUrl: url.replace(/\/$/, ''),
        team,
      });
  } catch (e) {
    // No background work (the job queue's schema could not be made): not serving half a Tend.
    await app.close();
    throw e;
  }
  const stopped = await signal;
  // A stop waits for a digest in hand, but never for long: a job queue that does not answer
  // (PostgreSQL gone mid-stop) must not keep the server from ending.
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => {
      resolve('late');
    }, 20_000);
  });
  const ended = await Promise.race([stopDigest().then(() => 'done' as const), limit]);
  clearTimeout(timer);
  if (ended === 'late') r.io.stderr.write('background work did not stop within 20 s; stopping without it\n');
  await app.close();
  return { data: { url, stopped }, human: () => 'Stopped.' };
}

/**
 * The address a team server prints, and links to in its digests: browsers refuse passkeys on an
 * IP address, so the origin passkeys belong to (`TEND_PASSKEY_ORIGIN`) when set, else on loopback
 * `localhost` (which a loopback server answers to), else the address it listens on.
 */
function teamAddress(listening: string, loopback: boolean, port: number, passkeyOrigin?: string): string {
  if (passkeyOrigin !== undefined) return `${new URL(passkeyOrigin).origin}/`;
  return loopback ? `http://localhost:${port}/` : listening;
}
