/**
 * Scale-out (issue 15): team mode at 1,000 communities × 30 members (30,000 accounts, each with a
 * small private network), `tend serve --team` on PostgreSQL through PgBouncer in transaction mode,
 * behind Debian's HAProxy, with one and with three servers, driven by autocannon at 64 connections.
 *
 * Per server count, after a short warm-up, ~10 s each:
 * - the floor: `GET /` (the web app's index.html, a static file through the same servers and
 *   balancer, no database);
 * - sign-in: `POST /api/auth/login`, argon2id verification included (19 MiB, 2 passes: the
 *   product's cost, on purpose), each request for the next account and from its own client
 *   address (`X-Forwarded-For`, believed from the balancer on loopback), so the per-address limit
 *   of 30 attempts per 15 minutes is not what is measured;
 * - the authenticated reads with pre-made sessions spread over all 30,000 accounts: Today
 *   (`GET /api/today`), the community directory (`GET /api/communities/{id}/directory`) and a person
 *   page (`GET /api/people/{id}`).
 * Figures: p50/p99 (target p99 ≤ 50 ms) beside the floor's, throughput (as time per request, with
 * requests/s in the name), and the servers' CPU time per request (utime + stime from /proc,
 * summed over the servers). The closing note compares one and three servers.
 *
 * Needs $TEND_BENCH_POSTGRES_URL (a database the bench may create a schema in; the URL's role
 * must be allowed to create a role, as `tend serve --team` does on first start); skipped without.
 * Seeding is set-based (bench/team/seed.ts) and takes well under a minute.
 */
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startHaProxy } from '../../test/helpers/haproxy.js';
import { startPgBouncer } from '../../test/helpers/pgbouncer.js';
import { startServe, type Served } from '../../test/helpers/serve.js';
import type { BenchContext, Section } from '../lib/harness.js';
import { measure, type LoadResult, type Req } from '../team/load.js';
import {
  analyze,
  cloneTemplate,
  emailOf,
  fillTemplate,
  PASSWORD,
  seedAccounts,
  seeded,
  sessionSecret,
  shareOwnItems,
  type Seeded,
} from '../team/seed.js';

const CONNECTIONS = 64;
const SECONDS = Number(process.env.TEND_BENCH_TEAM_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const SERVER_COUNTS = [1, 3] as const;
/**
 * PgBouncer's server connections: as many as three servers pool (10 each). With 20, thirty
 * clients queued for twenty connections and Today on three servers stalled (docs/benchmarks.md).
 */
const POOL = Number(process.env.TEND_BENCH_TEAM_POOL ?? 30);

type Route = 'floor' | 'sign-in' | 'today' | 'directory' | 'person';
/** In the order measured: sign-in last, as the argon2 work it queues outlasts its own run. */
const labels: Record<Route, string> = {
  floor: 'GET / (static floor)',
  today: 'GET /api/today',
  directory: 'GET /api/communities/{id}/directory',
  person: 'GET /api/people/{id}',
  'sign-in': 'POST /api/auth/login (argon2id)',
};

/** The request makers: each call is the next account (and, for sign-in, the next client address). */
function requests(data: Seeded): Record<Route, () => Req> {
  const accounts = data.accounts;
  let n = 0;
  let address = 0;
  const nextAccount = () => {
    const a = accounts[n++ % accounts.length];
    if (!a) throw new Error('no seeded accounts');
    return a;
  };
  const session = (id: number) => ({ cookie: `tend_session=${sessionSecret(id)}` });
  return {
    floor: () => ({ method: 'GET', path: '/' }),
    'sign-in': () => {
      const a = nextAccount();
      address++;
      return {
        method: 'POST',
        path: '/api/auth/login',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
        },
        body: JSON.stringify({ email: a.email, password: PASSWORD }),
      };
    },
    today: () => ({ method: 'GET', path: '/api/today', headers: session(nextAccount().id) }),
    directory: () => {
      const a = nextAccount();
      return { method: 'GET', path: `/api/communities/${a.community}/directory`, headers: session(a.id) };
    },
    person: () => {
      const a = nextAccount();
      const id = a.personIds[n % Math.max(1, a.personIds.length)];
      return { method: 'GET', path: `/api/people/${String(id)}`, headers: session(a.id) };
    },
  };
}

/**
 * Each server answers every route a few times, directly, before the balanced warm-up: the first
 * Today or person page loads the matcher's model (seconds of CPU), which a short warm-up through
 * the balancer does not reach on every server of three when the machine is busy.
 */
async function warm(servers: readonly Served[], make: Record<Route, () => Req>): Promise<void> {
  for (const s of servers)
    for (const route of Object.keys(labels) as Route[])
      for (let i = 0; i < 3; i++) {
        const q = make[route]();
        const res = await fetch(`${s.url}${q.path}`, {
          method: q.method,
          ...(q.headers ? { headers: q.headers } : {}),
          ...(q.body !== undefined ? { body: q.body } : {}),
        });
        await res.arrayBuffer();
        if (res.status >= 300)
          throw new Error(`warm-up ${q.method} ${q.path} on ${s.instance}: ${res.status}`);
      }
}

async function seed(ctx: BenchContext, owner: pg.Client, schema: string, serveUrl: string): Promise<Seeded> {
  const now = ctx.clock();
  const t0 = performance.now();
  const accounts = await seedAccounts(owner, now);
  const { rows } = await owner.query<{ id: number }>('SELECT id::int AS id FROM accounts WHERE email = $1', [
    emailOf(1),
  ]);
  const templateId = rows[0]?.id;
  if (templateId === undefined) throw new Error('the template account was not seeded');
  await fillTemplate(serveUrl, templateId);
  await cloneTemplate(owner, schema, templateId);
  await shareOwnItems(owner, now);
  await analyze(owner, schema);
  const data = await seeded(owner);
  ctx.log(
    `seeded ${accounts} accounts in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(data.counts)}`,
  );
  ctx.detail('seeded', data.counts);
  return data;
}

function record(
  ctx: BenchContext,
  route: Route,
  count: number,
  r: LoadResult,
  floor: LoadResult | undefined,
): void {
  const name = `${labels[route]} ×${count} server${count > 1 ? 's' : ''}, ${CONNECTIONS} conns`;
  const isFloor = route === 'floor';
  const floorOf = (v: number | undefined) =>
    isFloor || v === undefined ? undefined : { name: `static floor ×${count}`, median: v };
  ctx.record({ name: `${name}: p50`, unit: 'ms', runs: 1, median: r.p50, floor: floorOf(floor?.p50) });
  ctx.record({
    name: `${name}: p99`,
    unit: 'ms',
    runs: 1,
    median: r.p99,
    floor: floorOf(floor?.p99),
    ...(isFloor ? {} : { target: 50 }),
  });
  ctx.record({
    name: `${name}: time per request = 1/throughput (${r.rps.toFixed(0)} req/s)`,
    unit: 'ms',
    runs: 1,
    median: 1000 / r.rps,
  });
  ctx.record({ name: `${name}: server CPU per request`, unit: 'ms', runs: 1, median: r.serverCpuMs });
  ctx.record({
    name: `${name}: PostgreSQL CPU per request (every backend on the machine)`,
    unit: 'ms',
    runs: 1,
    median: r.othersCpuMs.postgres ?? 0,
  });
  ctx.detail(`${route} x${count}`, r);
}

/** The closing note: how throughput and CPU per request move from one to three servers. */
function closingNote(results: Map<string, LoadResult>): string {
  const parts: string[] = [];
  for (const route of Object.keys(labels) as Route[]) {
    const one = results.get(`${route} 1`);
    const three = results.get(`${route} 3`);
    if (!one || !three) continue;
    parts.push(
      `${labels[route]}: ${one.rps.toFixed(0)} → ${three.rps.toFixed(0)} req/s (×${(three.rps / one.rps).toFixed(2)}), server CPU ${one.serverCpuMs.toFixed(2)} → ${three.serverCpuMs.toFixed(2)} ms/request, PostgreSQL ${(one.othersCpuMs.postgres ?? 0).toFixed(2)} → ${(three.othersCpuMs.postgres ?? 0).toFixed(2)} ms/request, machine busy ${(100 * one.machineBusy).toFixed(0)} % → ${(100 * three.machineBusy).toFixed(0)} %`,
    );
  }
  return `one → three servers (${os.cpus().length} cores shared by autocannon, HAProxy, PgBouncer, PostgreSQL and the servers, and by other work on the machine): ${parts.join('; ')}.`;
}

export const section: Section = {
  name: 'team',
  order: 90,
  async run(ctx: BenchContext): Promise<void> {
    const pgUrl = process.env.TEND_BENCH_POSTGRES_URL;
    if (!pgUrl) {
      ctx.note(
        'skipped: set TEND_BENCH_POSTGRES_URL (a PostgreSQL database the bench may create a schema in)',
      );
      return;
    }
    const schema = `bench_team_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const owner = new pg.Client({ connectionString: pgUrl, options: `-c search_path=${schema}` });
    await owner.connect();
    const bouncer = await startPgBouncer(pgUrl, { schema, poolSize: POOL });
    const env = { TEND_NOW: ctx.clock().toISOString() };
    const start = (instance: string): Promise<Served> =>
      startServe(bouncer.url, {
        instance,
        env,
        args: ['--team'],
        bin: ctx.cli,
        ...(ctx.profileDir
          ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${path.join(ctx.profileDir, `team-${instance}`)}`] }
          : {}),
      });
    const results = new Map<string, LoadResult>();
    try {
      // The first server runs the migrations (as the owner) and fills the template account.
      const first = await start('bench-seed');
      let data: Seeded;
      try {
        data = await seed(ctx, owner, schema, first.url);
      } finally {
        await first.stop();
      }
      const make = requests(data);
      for (const count of SERVER_COUNTS) {
        const servers: Served[] = [];
        for (let i = 0; i < count; i++) servers.push(await start(`bench-${count}-${i + 1}`));
        const lb = await startHaProxy(servers.map((s) => s.port));
        try {
          await warm(servers, make);
          let floor: LoadResult | undefined;
          for (const route of Object.keys(labels) as Route[]) {
            const r = await measure(
              lb.url,
              {
                connections: CONNECTIONS,
                seconds: SECONDS,
                warmupSeconds: WARMUP_SECONDS,
                pids: servers.map((s) => s.pid),
                label: `${labels[route]} ×${count}`,
              },
              make[route],
            );
            if (r === undefined) {
              ctx.note(`${labels[route]} ×${count}: no request was answered in ${SECONDS} s`);
              continue;
            }
            // Counted, not fatal: an overloaded balancer (health checks timing out) is a finding.
            if (r.failures !== undefined) ctx.note(`not all answered: ${r.failures}`);
            if (route === 'floor') floor = r;
            results.set(`${route} ${count}`, r);
            record(ctx, route, count, r, floor);
          }
        } finally {
          await lb.stop();
          for (const s of servers) await s.stop();
        }
      }
      ctx.note(closingNote(results));
    } finally {
      await bouncer.stop();
      await owner.end();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.query(`DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`);
      await admin.end();
    }
  },
};
