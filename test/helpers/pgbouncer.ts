import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening } from './ports.js';

export const pgbouncerBin = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => fs.existsSync(p));

function systemUser(name: string): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error(`no system user ${name} to run pgbouncer as`);
  return { uid: Number(uid), gid: Number(gid) };
}

export interface PgBouncer {
  port: number;
  /** A `postgres://` URL through PgBouncer to its database alias `tend_<schema>` (no ?schema=). */
  url: string;
  /** PgBouncer's own log, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Debian's PgBouncer in transaction mode in front of `upstream` (a `postgres://` URL), on a free
 * port with a temporary config. PgBouncer 1.18 refuses the `options` startup parameter that
 * `?schema=` uses, so the schema is set where a deployment would set it: on each server
 * connection PgBouncer opens (`connect_query`), which transaction mode never resets.
 */
export async function startPgBouncer(
  upstream: string,
  opts: { schema: string; poolSize?: number },
): Promise<PgBouncer> {
  // A free port is free only until someone binds it: another test file starting its own
  // PgBouncer at the same moment can take it. Each PgBouncer serves a database alias named for
  // its schema, and is used only once it answers for that schema; otherwise another port.
  for (let attempt = 1; ; attempt++) {
    const b = await startOnce(upstream, opts);
    const answered = await schemaBehind(b.url).catch(() => undefined);
    if (answered === opts.schema) return b;
    await b.stop();
    if (attempt === 3)
      throw new Error(
        `PgBouncer on port ${b.port} did not answer for ${opts.schema} (got ${String(answered)})`,
      );
  }
}

/** The database alias a PgBouncer serves for `schema`: unique, so a stray client fails loudly. */
const alias = (schema: string): string => `tend_${schema}`.slice(0, 63);

async function schemaBehind(url: string): Promise<string | null> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ s: string | null }>('SELECT current_schema() AS s')).rows[0]?.s ?? null;
  } finally {
    await c.end();
  }
}

async function startOnce(upstream: string, opts: { schema: string; poolSize?: number }): Promise<PgBouncer> {
  if (!pgbouncerBin) throw new Error('pgbouncer is not installed: apt-get install pgbouncer');
  if (!/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error(`bad schema name ${opts.schema}`);
  const u = new URL(upstream);
  const user = decodeURIComponent(u.username || 'postgres');
  const dbname = u.pathname.replace(/^\//, '') || 'postgres';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-pgbouncer-'));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'userlist.txt'), `"${user}" ""\n`);
  fs.writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `${alias(opts.schema)} = host=${u.hostname} port=${u.port || '5432'} dbname=${dbname} user=${user} connect_query='SET search_path TO ${opts.schema}'`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${opts.poolSize ?? 10}`,
      'max_client_conn = 500',
      // node-postgres sends these; PgBouncer tracks them itself.
      'ignore_startup_parameters = extra_float_digits,statement_timeout',
      `logfile = ${path.join(dir, 'pgbouncer.log')}`,
      `pidfile = ${path.join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root: there it drops to the postgres user, who must own its files.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = systemUser('postgres');
    for (const f of [dir, ...fs.readdirSync(dir).map((n) => path.join(dir, n))]) fs.chownSync(f, uid, gid);
  }
  const child: ChildProcess = spawn(
    pgbouncerBin,
    [...(asRoot ? ['-u', 'postgres'] : []), path.join(dir, 'pgbouncer.ini')],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const log = (): string => {
    const file = path.join(dir, 'pgbouncer.log');
    return `${stderr}${fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''}`;
  };
  try {
    await listening(port, 'pgbouncer', 20_000, () => child.exitCode !== null);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${log()}`);
  }
  return {
    port,
    url: `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${alias(opts.schema)}`,
    log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
