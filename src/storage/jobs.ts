import { CompiledQuery } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Store } from './db.js';

/** One kind of background work, run once across all the servers sharing the database. */
export interface JobDef {
  /** The queue's name (letters, digits, `.`, `-`, `_`). */
  name: string;
  /** A five-field cron expression (UTC): one job per matching minute, whatever the server count. */
  cron?: string | undefined;
  /** Also ask for one run when a server starts (servers starting together ask for one). */
  atStart?: boolean | undefined;
  run: () => Promise<void>;
}

export interface JobsOptions {
  /** How often each server asks for waiting jobs (pg-boss polls: nothing needs LISTEN). */
  pollSeconds?: number;
  log: (message: string) => void;
}

export interface Jobs {
  /** Asks for one run of a job now (collapsed with one already waiting). */
  request(name: string): Promise<void>;
  /** Waits for the job in hand to finish, then stops polling. */
  stop(): Promise<void>;
}

/**
 * The schema pg-boss keeps its queues in, beside Tend's own: `tend_jobs` for the `public`
 * schema, `<schema>_jobs` otherwise (each test schema gets its own queues).
 */
export function jobsSchema(store: Store): string {
  const s = store.schema ?? 'public';
  return s === 'public' ? 'tend_jobs' : `${s}_jobs`.slice(0, 63);
}

/**
 * Background work on PostgreSQL with pg-boss: every server polls the same queues and a job is
 * taken by one of them (`SELECT … FOR UPDATE SKIP LOCKED`). Each queue is "stately": at most one
 * job waiting and one running across all servers, so a job never overlaps itself, and a cron
 * schedule puts one job in per minute however many servers keep the clock. pg-boss runs its
 * statements through the store's own pool (its search_path, timeouts and error mapping), uses
 * transaction-level advisory locks and no LISTEN or named prepared statements: PgBouncer in
 * transaction mode is fine.
 */
export async function startJobs(store: Store, defs: readonly JobDef[], opts: JobsOptions): Promise<Jobs> {
  if (store.dialect !== 'postgres') throw new Error('the job queue needs PostgreSQL');
  const { default: PgBoss } = await import('pg-boss');
  const boss = new PgBoss({
    db: {
      // pg-boss sends some work as one string `BEGIN; …; COMMIT`: when a statement in it fails
      // (two servers creating one queue at once), the connection is left in an aborted
      // transaction. It is rolled back before it goes back to the pool, where it would fail every
      // statement of whoever took it next ("current transaction is aborted").
      executeSql: (text: string, values?: unknown[]) =>
        store.db.connection().execute(async (conn) => {
          try {
            const r = await conn.executeQuery(CompiledQuery.raw(text, values ?? []));
            return { rows: r.rows };
          } catch (e) {
            await conn.executeQuery(CompiledQuery.raw('ROLLBACK')).catch(() => undefined);
            throw e;
          }
        }),
    },
    schema: jobsSchema(store),
    // Finished jobs are kept a week for a look at what ran, then removed by pg-boss.
    deleteAfterDays: 7,
    cronMonitorIntervalSeconds: 30,
    ...(opts.pollSeconds !== undefined ? { pollingIntervalSeconds: opts.pollSeconds } : {}),
  });
  boss.on('error', (e) => {
    opts.log(`background jobs: ${e.message.split('\n')[0] ?? ''}`);
  });
  await boss.start();
  for (const d of defs) {
    await createQueueOnce(boss, d.name);
    if (d.cron !== undefined) await boss.schedule(d.name, d.cron, {}, { tz: 'UTC' });
    await boss.work(
      d.name,
      opts.pollSeconds !== undefined ? { pollingIntervalSeconds: opts.pollSeconds } : {},
      async () => {
        await d.run();
      },
    );
    if (d.atStart) await boss.send(d.name, {});
  }
  return {
    request: async (name) => {
      await boss.send(name, {});
    },
    stop: () => boss.stop({ graceful: true, wait: true, close: false, timeout: 30_000 }),
  };
}

/**
 * Creates a queue unless it exists. pg-boss's `create_queue` adds a partition and a foreign key,
 * and two servers creating the same new queue at once can deadlock in it (PostgreSQL then ends
 * one of them): whoever lost finds the queue made by the other on its next try.
 */
async function createQueueOnce(boss: PgBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if ((await boss.getQueue(name)) != null) return;
      await boss.createQueue(name, { name, policy: 'stately', retryLimit: 0 });
      return;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (attempt >= 5 || (code !== '40P01' && code !== '23505')) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}
