/**
 * `people --search` in-process through the use case (`listPeople`, first page of 50), over
 * queries people type: a surname, a company, two words, a need word. Floor: one plain
 * `SELECT count(*) FROM people` on the same connection.
 */
import { sql } from 'kysely';
import { listPeople } from '../../src/app/people.js';
import { median, percentile, repeat, type BenchContext, type Section } from '../lib/harness.js';

const queries: readonly { label: string; search: string }[] = [
  { label: 'surname', search: 'Müller' },
  { label: 'surname, typed unaccented', search: 'nunez' },
  { label: 'company', search: 'Northwind Capital' },
  { label: 'two words', search: 'postgres berlin' },
  { label: 'need word', search: 'investor' },
];

export const section: Section = {
  name: 'search',
  order: 30,
  async run(ctx: BenchContext) {
    const app = await ctx.openApp();
    try {
      const floorRuns = await repeat(ctx.runs.inProcess, 3, async () => {
        const t0 = performance.now();
        await sql`SELECT count(*) FROM people`.execute(app.db);
        return performance.now() - t0;
      });
      const floor = { name: 'SELECT count(*)', median: median(floorRuns) };
      ctx.record({
        name: 'SELECT count(*) FROM people (floor)',
        unit: 'ms',
        runs: floorRuns.length,
        median: floor.median,
        p90: percentile(floorRuns, 90),
      });
      for (const q of queries) {
        let total = 0;
        const runs = await repeat(ctx.runs.inProcess, 2, async () => {
          const t0 = performance.now();
          const r = await listPeople(app, { search: q.search }, { limit: 50, offset: 0 });
          total = r.total;
          return performance.now() - t0;
        });
        ctx.record({
          name: `people --search "${q.search}" (${q.label}; ${total} found)`,
          unit: 'ms',
          runs: runs.length,
          median: median(runs),
          p90: percentile(runs, 90),
          target: 20,
          floor,
        });
      }
    } finally {
      await app.store.close();
    }
  },
};
