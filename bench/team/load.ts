/**
 * One measured load run of the team bench: autocannon at a fixed number of connections through the
 * load balancer, each request built by `next()` (so they spread over many accounts), with the
 * servers' CPU time (utime + stime from /proc/<pid>/stat) and the whole machine's busy time (from
 * /proc/stat) read before and after.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

/** The part of autocannon's result the bench reads (the package ships no types). */
interface CannonResult {
  latency: { p50: number; p99: number; average: number };
  requests: { average: number; total: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '4xx': number;
  '5xx': number;
}
interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface CannonOpts {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: { setupRequest: (req: RawRequest) => RawRequest }[];
}
type Cannon = (opts: CannonOpts) => PromiseLike<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

/** One request, as the load tool sends it. */
export interface Req {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  /** Server CPU (all servers) per request, ms. */
  serverCpuMs: number;
  /** Share of the machine's CPU time that was busy during the run (every process, not only ours). */
  machineBusy: number;
  /**
   * CPU per request of every process of these names (machine-wide: other users of the same
   * PostgreSQL, PgBouncers and HAProxies are counted too), and of the load tool (this process).
   */
  othersCpuMs: Record<string, number>;
  /** What went wrong, if anything: errors, timeouts and non-2xx answers by class. */
  failures: string | undefined;
}

const TICK_MS = 1000 / 100; // USER_HZ: 100 on Linux

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name; in clock ticks.
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const watched = ['postgres', 'pgbouncer', 'haproxy'] as const;

/** CPU used so far by every process named `postgres`, `pgbouncer` or `haproxy`, by name, in ms. */
function byName(): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(watched.map((n) => [n, 0]));
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (comm in out) out[comm] = (out[comm] ?? 0) + cpuMs(Number(pid));
    } catch {
      // The process ended while being read.
    }
  }
  return out;
}

const selfMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The machine's busy and total CPU ticks so far (first line of /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

async function cannon(
  url: string,
  connections: number,
  seconds: number,
  next: () => Req,
): Promise<CannonResult> {
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    // Longer than autocannon's 10 s: a queue that long is a latency to report, not an error.
    timeout: 30,
    requests: [
      {
        setupRequest: (raw) => {
          const q = next();
          return {
            ...raw,
            method: q.method,
            path: q.path,
            headers: { ...raw.headers, ...q.headers },
            ...(q.body !== undefined ? { body: q.body } : {}),
          };
        },
      },
    ],
  });
  return r;
}

/**
 * A short unmeasured warm-up, then the measured run. Failed answers are counted in `failures`;
 * undefined when no request at all was answered in the time.
 */
export async function measure(
  url: string,
  o: { connections: number; seconds: number; warmupSeconds: number; pids: number[]; label: string },
  next: () => Req,
): Promise<LoadResult | undefined> {
  if (o.warmupSeconds > 0) await cannon(url, o.connections, o.warmupSeconds, next);
  const cpu0 = o.pids.reduce((t, p) => t + cpuMs(p), 0);
  const m0 = machineTicks();
  const n0 = byName();
  const s0 = selfMs();
  const r = await cannon(url, o.connections, o.seconds, next);
  const s1 = selfMs();
  const n1 = byName();
  const m1 = machineTicks();
  const per = (ms: number): number => ms / Math.max(1, r.requests.total);
  const othersCpuMs: Record<string, number> = { 'load tool': per(s1 - s0) };
  // A process that ended during the run takes its time with it: never below zero.
  for (const n of watched) othersCpuMs[n] = per(Math.max(0, (n1[n] ?? 0) - (n0[n] ?? 0)));
  const cpu = o.pids.reduce((t, p) => t + cpuMs(p), 0) - cpu0;
  if (r.requests.total === 0) return undefined;
  const failed = r.errors + r.timeouts + r.non2xx;
  return {
    failures:
      failed > 0
        ? `${o.label}: ${r.errors} errors, ${r.timeouts} timeouts, ${r['4xx']} 4xx and ${r['5xx']} 5xx answers of ${r.requests.total}`
        : undefined,
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: r.requests.average,
    requests: r.requests.total,
    serverCpuMs: cpu / Math.max(1, r.requests.total),
    machineBusy: (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total),
    othersCpuMs,
  };
}
