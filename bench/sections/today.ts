/**
 * `today()` in-process on the generated network with the clock fixed at the generator's day:
 * the pure engine's share (`engineMs`, what the use case reports) and the whole use case, plus
 * the first call in a fresh context (it creates the matcher). One extra call runs on a second
 * connection whose queries are timed, so the report can say which query the time goes to.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { loadMatchWorld } from '../../src/app/matching.js';
import { today } from '../../src/app/today.js';
import { createMatcher } from '../../src/matching/index.js';
import type { Database } from '../../src/storage/schema.js';
import { median, percentile, repeat, type BenchContext, type Section } from '../lib/harness.js';

/** Query text with its literal lists collapsed, so the same query with other ids adds up. */
const shape = (sqlText: string): string =>
  sqlText
    .replace(/\(\?(, \?)*\)/g, '(…)')
    .replace(/\s+/g, ' ')
    .slice(0, 160);

export const section: Section = {
  name: 'today',
  order: 20,
  async run(ctx: BenchContext) {
    const app = await ctx.openApp();
    try {
      let t = performance.now();
      const first = await today(app);
      const firstMs = performance.now() - t;
      ctx.detail('agenda', {
        date: first.date,
        actions: first.actions.map((a) => `${a.tier}: ${a.title}`),
        signals: first.signals.map((s) => s.code),
      });
      ctx.log(
        `agenda: ${first.actions.length} actions (${first.actions.map((a) => a.tier).join(', ')}), ${first.signals.length} signals`,
      );
      if (first.actions.length === 0)
        ctx.note('today() returned no actions: the generated network does not exercise the agenda');

      const engine: number[] = [];
      const whole = await repeat(ctx.runs.inProcess, 2, async () => {
        const t0 = performance.now();
        const r = await today(app);
        const ms = performance.now() - t0;
        engine.push(r.engineMs);
        return ms;
      });
      const measuredEngine = engine.slice(-whole.length);
      ctx.record({
        name: 'today() engineMs (in-process)',
        unit: 'ms',
        runs: measuredEngine.length,
        median: median(measuredEngine),
        p90: percentile(measuredEngine, 90),
        target: 50,
      });
      ctx.record({
        name: 'today() whole use case (in-process)',
        unit: 'ms',
        runs: whole.length,
        median: median(whole),
        p90: percentile(whole, 90),
      });
      ctx.record({
        name: 'today() first call in a fresh context',
        unit: 'ms',
        runs: 1,
        median: firstMs,
        note: 'includes creating the matcher',
      });

      // Two parts of it, alone: creating the matcher (paid once per process, so by every CLI
      // command that matches) and loading the match world (my items, the network's offers, the index).
      const created = await repeat(Math.min(9, ctx.runs.inProcess), 1, () => {
        const t0 = performance.now();
        createMatcher();
        return performance.now() - t0;
      });
      ctx.record({
        name: 'createMatcher() (in-process)',
        unit: 'ms',
        runs: created.length,
        median: median(created),
        p90: percentile(created, 90),
      });
      const worlds = await repeat(Math.min(9, ctx.runs.inProcess), 1, async () => {
        const t0 = performance.now();
        await loadMatchWorld(app, app.db);
        return performance.now() - t0;
      });
      ctx.record({
        name: 'loadMatchWorld() (in-process)',
        unit: 'ms',
        runs: worlds.length,
        median: median(worlds),
        p90: percentile(worlds, 90),
      });

      // Where the use case's time goes: every query timed on a second connection.
      const spans = new Map<string, { n: number; ms: number }>();
      const sqlite = new SQLite(ctx.dbFile, { readonly: true });
      const db = new Kysely<Database>({
        dialect: new SqliteDialect({ database: sqlite }),
        log(event) {
          if (event.level !== 'query') return;
          const k = shape(event.query.sql);
          const s = spans.get(k) ?? { n: 0, ms: 0 };
          s.n += 1;
          s.ms += event.queryDurationMillis;
          spans.set(k, s);
        },
      });
      try {
        await today({ ...app, db });
        spans.clear();
        t = performance.now();
        await today({ ...app, db });
        const totalMs = performance.now() - t;
        const rows = [...spans.entries()]
          .map(([q, s]) => ({ query: q, calls: s.n, ms: Math.round(s.ms * 10) / 10 }))
          .sort((a, b) => b.ms - a.ms);
        const inQueries = rows.reduce((a, r) => a + r.ms, 0);
        ctx.detail('breakdown', {
          totalMs: Math.round(totalMs),
          inQueriesMs: Math.round(inQueries),
          queries: rows.slice(0, 12),
        });
        ctx.log(
          `breakdown: ${totalMs.toFixed(0)} ms total, ${inQueries.toFixed(0)} ms in ${rows.reduce((a, r) => a + r.calls, 0)} queries; top:`,
        );
        for (const r of rows.slice(0, 5)) ctx.log(`  ${r.ms} ms ×${r.calls} ${r.query}`);
      } finally {
        await db.destroy();
      }
    } finally {
      await app.store.close();
    }
  },
};
