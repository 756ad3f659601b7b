/**
 * The HTTP API under load (issue 5): the real server, `tend serve` from the copied bundle, as a
 * child process on a copy of the bench database (so the load tool's CPU is not the server's, and
 * the server's memory is its own), driven by autocannon from this process over loopback with 32
 * connections for a fixed time per route after a short warm-up. The floor is `GET /api/health`,
 * a static JSON answer through the same server, measured first and last. After each route's
 * load, 3 s at one connection give its service time alone (at 32 connections a request also
 * waits for the others: one event loop serves them). Figures: p50 and p99 latency, throughput
 * (as time per request, so it fits the table: target ≥ 40 % of the floor's requests/s, i.e. at
 * most 2.5× its time per request), and the server's peak memory (VmHWM).
 * Also the web app's JS for the first page, gzipped, read from web/dist as built.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import SQLite from 'better-sqlite3';
import type { BenchContext, Section } from '../lib/harness.js';

/**
 * As in the matching section: a preload that writes the process's own peak RSS (VmHWM, KiB)
 * to $TEND_BENCH_HWM_FILE on exit.
 * Not bench/rss-hook.mjs: `process.resourceUsage().maxRSS` of a spawned child starts at its
 * parent's peak (Linux keeps ru_maxrss across fork and exec), so a child of this bench process,
 * which holds the sentence encoder by then, would report at least the bench's own peak. VmHWM
 * belongs to the address space made by exec, so it is the child's alone.
 */
const hwmHook =
  'data:text/javascript,import{writeFileSync as w,readFileSync as r}from"node:fs";process.on("exit",()=>{w(process.env.TEND_BENCH_HWM_FILE,/VmHWM:\\s+(\\d+)/.exec(r("/proc/self/status","utf8"))[1])})';

const CONNECTIONS = 32;
const DURATION_S = 10;
const WARMUP_S = 2;
/** The one-connection run after each route's load: its service time without queueing. */
const SINGLE_S = 3;
/** Bounds on every wait, so a hung server or load run cannot hold the bench. */
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const RUN_GRACE_MS = 30_000;
const DRAIN_CAP_MS = 15_000;

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** The part of autocannon's result this section reads (the package ships no types). */
interface CannonResult {
  latency: { p50: number; p99: number; average: number; max: number; totalCount: number };
  requests: { average: number; total: number; sent: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
interface CannonInstance extends PromiseLike<CannonResult> {
  stop(): void;
}
type Cannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
  headers?: Record<string, string>;
}) => CannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

interface Server {
  child: ChildProcess;
  base: string;
  pid: number;
  exited: Promise<number | null>;
}

/** `tend serve --port 0` as a child; resolves with its address once it prints it. */
async function startServer(ctx: BenchContext, dbFile: string, rssFile: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', hwmHook, ctx.cli, 'serve', '--db', dbFile, '--port', '0', '--host', '127.0.0.1'],
    {
      env: {
        ...process.env,
        TZ: 'UTC',
        NO_COLOR: '1',
        TEND_NOW: ctx.clock().toISOString(),
        TEND_BENCH_HWM_FILE: rssFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
    }),
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (b: Buffer) => {
    if (err.length < 8000) err += b.toString();
  });
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tend serve did not start within ${START_TIMEOUT_MS} ms: ${err.slice(0, 2000)}`));
    }, START_TIMEOUT_MS);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /running at (http:\/\/[^\s/]+)\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`tend serve exited with ${String(code)} before listening: ${err.slice(0, 2000)}`));
    });
  });
  if (child.pid === undefined) throw new Error('tend serve has no pid');
  return { child, base, pid: child.pid, exited };
}

async function stopServer(server: Server): Promise<number | null> {
  server.child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) =>
    setTimeout(() => {
      resolve('timeout');
    }, STOP_TIMEOUT_MS).unref(),
  );
  const r = await Promise.race([server.exited, timeout]);
  if (r !== 'timeout') return r;
  server.child.kill('SIGKILL');
  await server.exited;
  return null;
}

/** VmHWM (peak resident set) and VmRSS of a live process, in MB, from /proc (Linux). */
function procMemory(pid: number): { hwm: number; rss: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { hwm: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}

/** One bounded load run: autocannon for `seconds`, stopped if it overruns by RUN_GRACE_MS. */
async function load(url: string, seconds: number, connections = CONNECTIONS): Promise<CannonResult> {
  const run = autocannon({ url, connections, duration: seconds, pipelining: 1 });
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        run.stop();
        reject(new Error(`autocannon on ${url} overran ${seconds} s by ${RUN_GRACE_MS} ms`));
      },
      seconds * 1000 + RUN_GRACE_MS,
    );
  });
  try {
    return await Promise.race([Promise.resolve(run), overrun]);
  } finally {
    clearTimeout(timer);
  }
}

/** The most common surname (last word of the name) among people: a realistic, busy search. */
function commonSurname(db: SQLite.Database): string {
  const counts = new Map<string, number>();
  for (const { name } of db.prepare('SELECT name FROM people WHERE deleted_at IS NULL').all() as {
    name: string;
  }[]) {
    const last = name.trim().split(/\s+/).pop() ?? '';
    if (last.length >= 4) counts.set(last, (counts.get(last) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (!best) throw new Error('no surnames in the bench database');
  return best[0];
}

/** A focus person with open needs (as the cli section picks): the heaviest person page. */
function focusPerson(db: SQLite.Database): { id: number; name: string } {
  const row = db
    .prepare(
      `SELECT p.id, p.name FROM people p JOIN items i ON i.person_id = p.id
       WHERE p.circle = 'focus' AND p.deleted_at IS NULL AND i.side = 'need' AND i.status = 'open'
       GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`,
    )
    .get() as { id: number; name: string } | undefined;
  if (!row) throw new Error('the generated network has no focus person with open needs');
  return row;
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

/**
 * The web app's JS: what index.html loads (its module script, modulepreloads and their static
 * imports), plus the chunks of the `/` route (Today, lazily loaded by the entry), gzipped at
 * level 9 as a server would. Retries a few times, as another build may be rewriting web/dist.
 */
async function bundleSizes(ctx: BenchContext): Promise<void> {
  const webDist = path.join(ctx.root, 'web', 'dist');
  for (let attempt = 0; ; attempt++) {
    try {
      const html = fs.readFileSync(path.join(webDist, 'index.html'), 'utf8');
      const read = (rel: string): Buffer => fs.readFileSync(path.join(webDist, rel.replace(/^\//, '')));
      const gz = (b: Buffer): number => gzipSync(b, { level: 9 }).length;
      const entries = [
        ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
        ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
      ].map((m) => m[1] ?? '');
      if (entries.length === 0) throw new Error('web/dist/index.html loads no module script');
      // Static imports, followed: `import{…}from"./x.js"` / `import"./x.js"`, never `import(`.
      const initial = new Set<string>();
      const walk = (rel: string): void => {
        const norm = path.posix.normalize(rel.replace(/^\//, ''));
        if (initial.has(norm)) return;
        initial.add(norm);
        const text = read(norm).toString('utf8');
        for (const m of text.matchAll(
          /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`](\.\.?\/[^"'`]+\.js)["'`]/g,
        ))
          if (m[1]) walk(path.posix.join(path.posix.dirname(norm), m[1]));
      };
      entries.forEach(walk);
      // The `/` route's chunk and its deps, from Vite's preload map: import(`./today-….js`),__vite__mapDeps([i,…]).
      const entryText = read([...initial][0] ?? '').toString('utf8');
      const depsList = /m\.f=\[([^\]]*)\]/.exec(entryText)?.[1];
      const files = depsList ? [...depsList.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '') : [];
      const route = /import\(`\.\/(today-[^`]+\.js)`\),__vite__mapDeps\(\[([\d,]*)\]\)/.exec(entryText);
      const firstPage = new Set(initial);
      if (route?.[2] !== undefined)
        for (const i of route[2].split(',').filter((s) => s !== ''))
          if (files[Number(i)]) firstPage.add(path.posix.normalize(files[Number(i)] ?? ''));
      if (route?.[1]) firstPage.add(`assets/${route[1]}`);
      const allJs = fs
        .readdirSync(path.join(webDist, 'assets'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => `assets/${f}`);
      const sum = (xs: Iterable<string>): { raw: number; gzip: number } => {
        let raw = 0;
        let gzip = 0;
        for (const f of xs) {
          const b = read(f);
          raw += b.length;
          gzip += gz(b);
        }
        return { raw, gzip };
      };
      const init = sum(initial);
      const first = sum(firstPage);
      const total = sum(allJs);
      const target = 250 * 1024;
      ctx.detail('bundle', {
        initial: [...initial],
        firstPage: [...firstPage],
        initialBytes: init,
        firstPageBytes: first,
        totalBytes: total,
        files: allJs.length,
      });
      ctx.note(
        `web bundle: index.html's JS ${kb(init.gzip)} gzip (${kb(init.raw)} raw); first page "/" with its Today chunks ${kb(first.gzip)} gzip — target ≤ 250 KB: ${first.gzip <= target ? 'pass' : 'MISS'}; all ${allJs.length} JS files ${kb(total.gzip)} gzip (${kb(total.raw)} raw)${route ? '' : ' (the Today route chunk was not found in the entry: first page = entry only)'}`,
      );
      return;
    } catch (e) {
      if (attempt >= 4) {
        ctx.note(
          `web bundle: not measured (${e instanceof Error ? e.message : String(e)}); run \`node scripts/build.mjs\``,
        );
        return;
      }
      await sleep(2000);
    }
  }
}

export const section: Section = {
  name: 'http',
  order: 50,
  async run(ctx: BenchContext) {
    await bundleSizes(ctx);

    const work = path.dirname(ctx.dbFile);
    const dbFile = path.join(work, 'http.db');
    fs.copyFileSync(ctx.dbFile, dbFile);
    const db = new SQLite(dbFile, { readonly: true });
    const surname = commonSurname(db);
    const person = focusPerson(db);
    db.close();

    const routes = [
      { key: 'health', path: '/api/health' },
      { key: 'people', path: '/api/people?limit=50' },
      { key: 'search', path: `/api/people?search=${encodeURIComponent(surname)}` },
      { key: 'person', path: `/api/people/${person.id}` },
      { key: 'today', path: '/api/today' },
    ] as const;

    const rssFile = path.join(work, 'http-hwm.txt');
    fs.rmSync(rssFile, { force: true });
    const server = await startServer(ctx, dbFile, rssFile);
    const results: Record<string, CannonResult> = {};
    const single: Record<string, CannonResult> = {};
    const first: Record<string, { ms: number; status: number; bytes: number; found?: number }> = {};
    const memory: Record<string, { hwm: number; rss: number } | undefined> = {};
    let exit: number | null = null;
    try {
      memory.started = procMemory(server.pid);
      // One request each, the first the server sees on that route: status, size, cold time.
      for (const r of routes) {
        const t0 = performance.now();
        const res = await fetch(`${server.base}${r.path}`, { signal: AbortSignal.timeout(30_000) });
        const body = await res.text();
        first[r.key] = {
          ms: performance.now() - t0,
          status: res.status,
          bytes: body.length,
          ...(r.key === 'search' || r.key === 'people'
            ? { found: Number((JSON.parse(body) as { total?: unknown }).total) }
            : {}),
        };
        if (res.status !== 200) throw new Error(`GET ${r.path}: ${res.status} ${body.slice(0, 500)}`);
      }
      memory.afterFirstRequests = procMemory(server.pid);

      // The floor first and last (drift shows as a difference), the routes between.
      const order = [...routes, { key: 'health2', path: '/api/health' }];
      for (const r of order) {
        const url = `${server.base}${r.path}`;
        ctx.log(
          `GET ${r.path}: ${WARMUP_S} s warm-up, ${DURATION_S} s at ${CONNECTIONS} connections, ${SINGLE_S} s at 1`,
        );
        await load(url, WARMUP_S);
        const res = await load(url, DURATION_S);
        if (res.errors > 0 || res.timeouts > 0 || res.non2xx > 0)
          ctx.note(`GET ${r.path}: ${res.errors} errors, ${res.timeouts} timeouts, ${res.non2xx} non-2xx`);
        results[r.key] = res;
        // Requests still in flight when the load stops (up to one per connection) are still
        // served after it: wait for them, so they do not slow the next run.
        await sleep(
          Math.min(DRAIN_CAP_MS, (CONNECTIONS * 1000 * res.duration) / Math.max(1, res['2xx']) + 250),
        );
        // One connection: the service time alone, without the queue of the other 31.
        if (r.key !== 'health2') single[r.key] = await load(url, SINGLE_S, 1);
        memory[r.key] = procMemory(server.pid);
      }
    } finally {
      exit = await stopServer(server);
    }

    const rps = (r: CannonResult): number => r['2xx'] / r.duration;
    const h1 = results.health;
    const h2 = results.health2;
    if (!h1 || !h2) throw new Error('the floor route was not measured');
    const floorRps = (rps(h1) + rps(h2)) / 2;
    const floorMsPerReq = 1000 / floorRps;
    ctx.detail('floorRps', { first: rps(h1), last: rps(h2) });

    for (const r of routes) {
      const res = results[r.key];
      if (!res) continue;
      const isFloor = r.key === 'health';
      const label = `GET ${decodeURIComponent(r.path)}`;
      const n = res.latency.totalCount;
      const thisRps = isFloor ? floorRps : rps(res);
      ctx.record({ name: `${label} p50 latency`, unit: 'ms', runs: n, median: res.latency.p50 });
      const one = single[r.key];
      if (one)
        ctx.record({
          name: `${label} p50 latency at 1 connection (service time)`,
          unit: 'ms',
          runs: one.latency.totalCount,
          median: one.latency.p50,
          p90: one.latency.p99,
          note: 'p90 column: p99',
        });
      ctx.record({
        name: `${label} p99 latency`,
        unit: 'ms',
        runs: n,
        median: res.latency.p99,
        ...(isFloor ? {} : { target: 25 }),
      });
      ctx.record({
        name: `${label} time per request = 1/throughput (${thisRps.toFixed(0)} req/s${isFloor ? ', floor' : `, ${((100 * thisRps) / floorRps).toFixed(0)} % of floor`})`,
        unit: 'ms',
        runs: n,
        median: 1000 / thisRps,
        ...(isFloor
          ? {}
          : {
              floor: { name: 'GET /api/health', median: floorMsPerReq },
              target: floorMsPerReq / 0.4,
            }),
        note: `target: throughput ≥ 40 % of GET /api/health's (${floorRps.toFixed(0)} req/s)`,
      });
    }

    const peaks = Object.values(memory).flatMap((m) => (m ? [m.hwm] : []));
    const hookRss = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) / 1024 : undefined;
    const peak = Math.max(...peaks, hookRss ?? 0);
    const started = memory.started?.rss;
    if (started !== undefined)
      ctx.record({ name: 'server RSS after start (idle)', unit: 'MB', runs: 1, median: started });
    ctx.record({
      name: 'server peak RSS (VmHWM) over all the load',
      unit: 'MB',
      runs: 1,
      median: peak,
      target: 300,
      ...(started !== undefined ? { floor: { name: 'idle after start', median: started } } : {}),
    });
    ctx.detail('server', {
      person,
      surname,
      firstRequests: first,
      memoryMB: memory,
      hwmAtExitMB: hookRss,
      exitCode: exit,
      oneConnection: Object.fromEntries(
        Object.entries(single).map(([k, r]) => [
          k,
          { rps: rps(r), p50: r.latency.p50, p99: r.latency.p99, requests: r.latency.totalCount },
        ]),
      ),
      results: Object.fromEntries(
        Object.entries(results).map(([k, r]) => [
          k,
          {
            rps: rps(r),
            p50: r.latency.p50,
            p99: r.latency.p99,
            avg: r.latency.average,
            max: r.latency.max,
            requests: r.latency.totalCount,
            errors: r.errors,
            timeouts: r.timeouts,
            non2xx: r.non2xx,
          },
        ]),
      ),
    });
    ctx.log(
      `first requests: ${Object.entries(first)
        .map(
          ([k, f]) =>
            `${k} ${f.ms.toFixed(0)} ms${f.found !== undefined ? ` (${String(f.found)} found)` : ''}`,
        )
        .join(', ')}`,
    );
    if (exit !== 0) ctx.note(`tend serve exited with ${String(exit)} on SIGTERM`);
  },
};
