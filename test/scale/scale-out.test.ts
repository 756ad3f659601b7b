/**
 * Servers that keep no state: several `tend serve` processes on one PostgreSQL database, behind
 * Debian's HAProxy and PgBouncer in transaction mode, started at once on a fresh schema.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { migrationProvider } from '../../src/storage/migrations.js';
import { tend, tendBin } from '../helpers/cli.js';
import { sqliteBackend } from '../helpers/db.js';
import { haproxyBin, startHaProxy, type HaProxy } from '../helpers/haproxy.js';
import { pgbouncerBin, startPgBouncer, type PgBouncer } from '../helpers/pgbouncer.js';
import { startServe, type Served } from '../helpers/serve.js';

const pgUrl = process.env.TEND_TEST_POSTGRES_URL;
const skip = !pgUrl
  ? 'TEND_TEST_POSTGRES_URL is not set'
  : !fs.existsSync(tendBin)
    ? 'dist/tend.cjs is not built (node scripts/build.mjs --cli-only)'
    : !pgbouncerBin || !haproxyBin
      ? 'apt-get install pgbouncer haproxy'
      : false;

let counter = 0;
const schemaName = (): string => `t_scale_${process.pid}_${Date.now().toString(36)}_${++counter}`;
const made: string[] = [];

async function query<R extends pg.QueryResultRow>(text: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    return (await c.query<R>(text)).rows;
  } finally {
    await c.end();
  }
}

async function freshSchema(): Promise<string> {
  const s = schemaName();
  made.push(s);
  await query(`CREATE SCHEMA ${s}`);
  return s;
}

/** The migrations Tend knows and the rows its migration table holds in `schema`. */
async function migrationRows(schema: string): Promise<{ known: string[]; applied: string[] }> {
  const known = Object.keys(await migrationProvider('postgres').getMigrations()).sort();
  const rows = await query<{ name: string }>(`SELECT name FROM ${schema}.kysely_migration ORDER BY name`);
  return { known, applied: rows.map((r) => r.name) };
}

function runTend(args: string[], db: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tendBin, ...args], {
      env: { ...process.env, TEND_DB: db, NO_COLOR: '1', TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      resolve({ code, out });
    });
  });
}

after(async () => {
  if (pgUrl) for (const s of made) await query(`DROP SCHEMA IF EXISTS ${s} CASCADE`).catch(() => undefined);
});

/** Advisory locks still held by sessions that are doing nothing: a lock nobody will release. */
async function strandedLocks(): Promise<number> {
  const rows = await query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND a.state = 'idle'`,
  );
  return Number(rows[0]?.n ?? 0);
}

const starts = [
  { what: 'opening', args: ['people', '--json'] },
  { what: 'migrating as a team database', args: ['admin', 'migrate', '--app-role', 'tend_app'] },
] as const;
for (const via of ['directly', 'through PgBouncer with two server connections'] as const)
  for (const start of starts)
    test(
      `five processes ${start.what} one fresh schema at once, ${via}: every migration applied once, all run, no lock left`,
      { skip, timeout: 120_000 },
      async () => {
        const schema = await freshSchema();
        // PgBouncer with fewer server connections than clients: they take turns on the same ones, so
        // a session-level lock taken on one turn would be held by another client's statements.
        const bouncer =
          via === 'directly' ? undefined : await startPgBouncer(pgUrl ?? '', { schema, poolSize: 2 });
        try {
          const url = new URL(pgUrl ?? '');
          url.searchParams.set('schema', schema);
          const db = bouncer?.url ?? url.toString();
          const runs = await Promise.all(Array.from({ length: 5 }, () => runTend([...start.args], db)));
          for (const r of runs) assert.equal(r.code, 0, `${r.out}\n${bouncer?.log() ?? ''}`);
          const { known, applied } = await migrationRows(schema);
          assert.deepEqual(applied, known);
          // Nothing is left holding a lock (a session-level lock and its unlock can reach different
          // server connections through PgBouncer), and a sixth start on the current schema runs.
          assert.equal(await strandedLocks(), 0, bouncer?.log() ?? '');
          const again = await runTend([...start.args], db);
          assert.equal(again.code, 0, again.out);
        } finally {
          await bouncer?.stop();
        }
      },
    );

describe('three servers behind HAProxy, through PgBouncer in transaction mode', { skip }, () => {
  let schema: string;
  let bouncer: PgBouncer;
  let balancer: HaProxy;
  let servers: Served[] = [];

  before(async () => {
    schema = await freshSchema();
    bouncer = await startPgBouncer(pgUrl ?? '', { schema });
    // Started together on an empty schema: they race to migrate, through PgBouncer.
    servers = await Promise.all(
      ['one', 'two', 'three'].map((instance) => startServe(bouncer.url, { instance })),
    );
    balancer = await startHaProxy(servers.map((s) => s.port));
  });
  after(async () => {
    await balancer.stop();
    for (const s of servers) await s.stop();
    await bouncer.stop();
  });

  const get = async (
    base: string,
    path: string,
  ): Promise<{ status: number; instance: string; body: string }> => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, instance: res.headers.get('x-tend-instance') ?? '', body: await res.text() };
  };

  test('migrations ran once, in the schema PgBouncer points at', async () => {
    const { known, applied } = await migrationRows(schema);
    assert.deepEqual(applied, known);
  });

  test('a write through the balancer is seen by the following reads, answered by every server', async () => {
    const res = await fetch(`${balancer.url}/api/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Amara Okafor', company: 'Northwind' }),
    });
    assert.equal(res.status, 201, await res.text());
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const r = await get(balancer.url, '/api/people');
      assert.equal(r.status, 200, r.body);
      assert.match(r.body, /Amara Okafor/, `instance ${r.instance} did not see the write`);
      seen.add(r.instance);
    }
    assert.deepEqual([...seen].sort(), ['one', 'three', 'two']);
  });

  test('no server serves a stale answer: a write on one is read at once on the others', async () => {
    // Each server first answers the list (a cache, if there were one, would now hold it)…
    for (const s of servers) assert.doesNotMatch((await get(s.url, '/api/people')).body, /Bongani Dlamini/);
    const [first, ...others] = servers;
    assert.ok(first);
    const res = await fetch(`${first.url}/api/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bongani Dlamini' }),
    });
    assert.equal(res.status, 201);
    // …and the very next read on each other server has the new person.
    for (const s of others) {
      const r = await get(s.url, '/api/people');
      assert.equal(r.instance, s.instance);
      assert.match(r.body, /Bongani Dlamini/, `${s.instance} answered from before the write`);
      assert.equal((await get(s.url, '/api/people')).body, r.body);
    }
  });

  test('one server killed: every request is still answered, by the two left', async () => {
    const victim = servers[1];
    assert.ok(victim);
    await victim.kill();
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const r = await get(balancer.url, '/api/people');
      assert.equal(r.status, 200, `request ${i}: ${r.status} ${r.body}\n${balancer.log()}`);
      assert.match(r.body, /Amara Okafor/);
      seen.add(r.instance);
    }
    assert.deepEqual([...seen].sort(), ['one', 'three']);
  });

  // When sessions exist (team mode), this harness also checks that a session made on one server
  // works on the others: sign up through `servers[0].url`, then call /api/auth/me on the rest.
});

test(
  'a TEND_INSTANCE that is not a plain name is refused before anything is opened',
  { skip: fs.existsSync(tendBin) ? false : 'dist/tend.cjs is not built' },
  () => {
    const db = sqliteBackend.fresh();
    const r = tend(db, ['serve', '--port', '0'], { env: { TEND_INSTANCE: 'web 2\u001b[31m' } });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /TEND_INSTANCE must be 1 to 64 letters, digits or \. _ : -/);
    assert.match(r.stderr, /not "web 2\\u001b\[31m"/);
    assert.equal(fs.existsSync(db), false);
  },
);
