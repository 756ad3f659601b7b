import type { Store } from '../storage/db.js';
import { startJobs, type JobDef, type Jobs } from '../storage/jobs.js';
import type { AppContext } from './context.js';
import { digestCheck, scheduleDigest, type DigestCheckOptions } from './digest.js';
import { teamDigestCheck, type TeamMail } from './team/digests.js';

/** The queue names of background work (one queue per kind, at most one job of it running). */
export const jobNames = { digest: 'tend-digest' } as const;

/**
 * What `tend serve` does in the background: the daily digest, and the place for work to come
 * (capture sync runs get their own `JobDef` here, with their own queue and cron).
 *
 * On SQLite one server owns the file, so a timer in the process checks the digest each minute.
 * On PostgreSQL any number of servers may share the database: the checks are jobs in pg-boss
 * queues (src/storage/jobs.ts), put in once a minute by whichever server's clock gets there first,
 * and run by one server at a time, so N servers send one digest a day.
 * In team mode (`team`) the same queue's job sends each due account its digest
 * (src/app/team/digests.ts); pg-boss then runs on `team.jobsStore`, a plain connection as the
 * tables' owner, since the app role may neither create nor read the queue's schema.
 * Returns the function that stops it, waiting for a job in hand.
 */
export async function startBackgroundWork(
  ctx: AppContext,
  opts: DigestCheckOptions & {
    everyMs?: number;
    pollSeconds?: number;
    retryMs?: number;
    startLimitMs?: number;
    team?: { mail: TeamMail; jobsStore: Store } | undefined;
  },
): Promise<() => Promise<void>> {
  const team = opts.team;
  if (ctx.store.dialect !== 'postgres' && team === undefined) return scheduleDigest(ctx, opts);
  let stopped = false;
  const run = team
    ? teamDigestCheck(ctx, { mail: team.mail, log: opts.log, appUrl: opts.appUrl, stopping: () => stopped })
    : digestCheck(ctx, opts);
  const defs: JobDef[] = [{ name: jobNames.digest, cron: '* * * * *', atStart: true, run }];
  const start = () =>
    startJobs(team?.jobsStore ?? ctx.store, defs, {
      log: opts.log,
      ...(opts.pollSeconds !== undefined ? { pollSeconds: opts.pollSeconds } : {}),
    });
  // PostgreSQL restarting or failing over while the queues start (or not reachable yet) must not
  // take the server down with it: requests go on, and the queues are started again later.
  let jobs: Jobs | undefined;
  let retry: NodeJS.Timeout | undefined;
  const retryMs = opts.retryMs ?? 30_000;
  // A start that never ends (a connection PostgreSQL ended mid-start whose statement is never
  // answered) is given up after this long and tried again; if it ends later after all, it stops.
  const startLimitMs = opts.startLimitMs ?? 60_000;
  const attempt = async (): Promise<void> => {
    const starting = start();
    let limit: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      limit = setTimeout(() => {
        reject(new Error(`not started within ${startLimitMs / 1000} s`));
      }, startLimitMs);
      limit.unref();
    });
    try {
      const started = await Promise.race([starting, late]);
      if (stopped) await started.stop();
      else jobs = started;
    } catch (e) {
      // Whatever the abandoned start comes to later is stopped, never used.
      starting.then((s) => s.stop()).catch(() => undefined);
      if (stopped) return;
      const why = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
      opts.log(`background jobs could not start (${why}); trying again in ${retryMs / 1000} s`);
      retry = setTimeout(() => void attempt(), retryMs);
      retry.unref();
    } finally {
      clearTimeout(limit);
    }
  };
  await attempt();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await jobs?.stop();
  };
}
