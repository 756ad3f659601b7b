/**
 * The matcher at the generated scale (issue 4), through the product's own pieces:
 *
 * - the index build from stored features: every offer's `match_features` row of the current
 *   matcher version read from the database and upserted into `createMatcher().createIndex()`;
 * - the incremental add of one offer: featurize one new text (the first call in this process,
 *   which loads the sentence encoder, reported apart from model-warm calls), then upsert it;
 * - one stored need's top 10 over all offers, over 100 different needs;
 * - `tend match PERSON` and `tend match` as whole processes of the copied bundle, against a bare
 *   `node -e 0` run interleaved, the use case in-process beside them, and `tend match`'s peak RSS.
 *
 * Stored features of another matcher version would be re-encoded by the product on first use
 * (minutes with the encoder): the section checks the version first and, if it differs, says so
 * and times nothing that would re-encode. The generator's one-time index build is reported too.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { match } from '../../src/app/match.js';
import { createMatcher, FeedbackModel, type Features, type MatchIndex } from '../../src/matching/index.js';
import { median, percentile, repeat, timeProcess, type BenchContext, type Section } from '../lib/harness.js';

/**
 * A preload that writes the process's own peak RSS (VmHWM, KiB) to $TEND_BENCH_HWM_FILE on exit.
 * Not bench/rss-hook.mjs: `process.resourceUsage().maxRSS` of a spawned child starts at its
 * parent's peak (Linux keeps ru_maxrss across fork and exec), so a child of this bench process,
 * which holds the sentence encoder by then, would report at least the bench's own peak. VmHWM
 * belongs to the address space made by exec, so it is the child's alone.
 */
const hwmHook =
  'data:text/javascript,import{writeFileSync as w,readFileSync as r}from"node:fs";process.on("exit",()=>{w(process.env.TEND_BENCH_HWM_FILE,/VmHWM:\\s+(\\d+)/.exec(r("/proc/self/status","utf8"))[1])})';

const SEARCHES = 100;
const NEW_TEXTS = 11;

/** A focus person with open needs (as the cli section picks): the most matching work. */
function focusPerson(db: SQLite.Database): { id: number; name: string; needs: number } {
  const row = db
    .prepare(
      `SELECT p.id, p.name, count(*) AS needs FROM people p JOIN items i ON i.person_id = p.id
       WHERE p.circle = 'focus' AND p.deleted_at IS NULL AND i.side = 'need' AND i.status = 'open'
       GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`,
    )
    .get() as { id: number; name: string; needs: number } | undefined;
  if (!row) throw new Error('the generated network has no focus person with open needs');
  return row;
}

function featureVersions(dbFile: string): { version: string; n: number }[] {
  const db = new SQLite(dbFile, { readonly: true });
  try {
    return db.prepare('SELECT version, count(*) AS n FROM match_features GROUP BY version').all() as {
      version: string;
      n: number;
    }[];
  } finally {
    db.close();
  }
}

/** New offers no stored text has: each featurize call sees a text it has never seen. */
const newOffer = (i: number): string =>
  `Happy to review Rust and WebAssembly code for ${['fintech', 'games', 'robotics', 'biotech'][i % 4] ?? ''} teams in ${['Lisbon', 'Tallinn', 'Kraków', 'Porto', 'Ghent', 'Leipzig'][i % 6] ?? ''}, session ${i + 1}`;

export const section: Section = {
  name: 'matching',
  order: 40,
  async run(ctx: BenchContext) {
    const n = ctx.network;
    if (n.textsFeaturized > 0)
      ctx.record({
        name: `index build: featurize ${n.textsFeaturized} texts (one-time, when the cache was built)`,
        unit: 'ms',
        runs: 1,
        median: n.indexBuildMs,
        note: `${n.msPerText.toFixed(1)} ms a text, ${n.featurizeProcesses} process(es)`,
      });
    else
      ctx.note(
        `one-time featurize: all ${n.textsDistinct} distinct texts came from the feature cache (matcher ${n.matcherVersion}); its time is in the run that built the cache`,
      );

    const matcher = createMatcher();
    const versions = featureVersions(ctx.dbFile);
    ctx.detail('featureVersions', versions);
    const current = versions.find((v) => v.version === matcher.version);
    const stale = versions.filter((v) => v.version !== matcher.version);
    if (!current || stale.length > 0) {
      ctx.note(
        `NOT TIMED: the database holds features of ${versions.map((v) => `${v.version} ×${v.n}`).join(', ') || 'no version'}, the matcher is ${matcher.version}: the product would re-encode them on first use (minutes), which is an index build, not a query. Regenerate the network for this matcher (bench/generate.ts caches features per matcher version) and rerun.`,
      );
      return;
    }

    const db = new SQLite(ctx.dbFile, { readonly: true });
    const person = focusPerson(db);
    const readOffers = db.prepare(
      `SELECT f.item_id AS id, f.data FROM match_features f JOIN items i ON i.id = f.item_id
       WHERE f.version = ? AND i.side = 'offer'`,
    );
    const needRows = db
      .prepare(
        `SELECT f.item_id AS id, f.data FROM match_features f JOIN items i ON i.id = f.item_id
         WHERE f.version = ? AND i.side = 'need' ORDER BY f.item_id`,
      )
      .all(matcher.version) as { id: number; data: Buffer }[];

    // The index build from stored features: read, then upsert; a few builds, one unmeasured.
    const buildRuns = Math.max(5, Math.min(9, ctx.runs.process));
    const readMs: number[] = [];
    const upsertMs: number[] = [];
    let index: MatchIndex | undefined;
    let offers = 0;
    let offerRows: { id: number; data: Buffer }[] = [];
    for (let i = 0; i <= buildRuns; i++) {
      const t0 = performance.now();
      const rows = readOffers.all(matcher.version) as { id: number; data: Buffer }[];
      const t1 = performance.now();
      const ix = matcher.createIndex();
      for (const r of rows) ix.upsert(String(r.id), r.data);
      const t2 = performance.now();
      if (i > 0) {
        readMs.push(t1 - t0);
        upsertMs.push(t2 - t1);
      }
      index = ix;
      offers = rows.length;
      offerRows = rows;
    }
    // Read before closing: the feedback search below needs the offers' features too.
    db.close();
    if (!index || offers === 0) throw new Error('no offer features of the current matcher version');
    const totalMs = readMs.map((r, i) => r + (upsertMs[i] ?? 0));
    ctx.record({
      name: `index build from stored features: ${offers} offers (read + upsert)`,
      unit: 'ms',
      runs: totalMs.length,
      median: median(totalMs),
      p90: percentile(totalMs, 90),
    });
    ctx.record({
      name: '  of which: read the features rows (SQLite)',
      unit: 'ms',
      runs: readMs.length,
      median: median(readMs),
      p90: percentile(readMs, 90),
    });
    ctx.record({
      name: '  of which: upsert into createIndex() (decode)',
      unit: 'ms',
      runs: upsertMs.length,
      median: median(upsertMs),
      p90: percentile(upsertMs, 90),
    });

    // Incremental add of one offer: featurize (cold: the first call loads the encoder), upsert.
    let t = performance.now();
    const [coldF] = await matcher.featurize([newOffer(0)]);
    const coldMs = performance.now() - t;
    if (!coldF) throw new Error('featurize returned nothing');
    const warm: { f: Features; ms: number }[] = [];
    for (let i = 1; i <= NEW_TEXTS; i++) {
      t = performance.now();
      const [f] = await matcher.featurize([newOffer(i)]);
      const ms = performance.now() - t;
      if (f) warm.push({ f, ms });
    }
    const upsertOne = warm.map((w, i) => {
      const t0 = performance.now();
      index.upsert(`bench-new-${i}`, w.f);
      return performance.now() - t0;
    });
    ctx.record({
      name: 'featurize 1 new offer: first call (loads the encoder)',
      unit: 'ms',
      runs: 1,
      median: coldMs,
    });
    const warmMs = warm.map((w) => w.ms);
    ctx.record({
      name: 'featurize 1 new offer: model warm',
      unit: 'ms',
      runs: warmMs.length,
      median: median(warmMs),
      p90: percentile(warmMs, 90),
    });
    ctx.record({
      name: `upsert 1 offer into the ${offers}-offer index`,
      unit: 'ms',
      runs: upsertOne.length,
      median: median(upsertOne),
      p90: percentile(upsertOne, 90),
    });
    const addMs = warmMs.map((ms, i) => ms + (upsertOne[i] ?? 0));
    ctx.record({
      name: 'incremental add of 1 offer (warm featurize + upsert)',
      unit: 'ms',
      runs: addMs.length,
      median: median(addMs),
      p90: percentile(addMs, 90),
    });
    for (let i = 0; i < warm.length; i++) index.remove(`bench-new-${i}`);

    // One stored need's top 10 over every offer: 100 different needs, evenly spread, after 5 others.
    const step = Math.max(1, Math.floor(needRows.length / (SEARCHES + 5)));
    const picked = Array.from({ length: SEARCHES + 5 }, (_, i) => needRows[(i * step) % needRows.length]);
    const searchMs: number[] = [];
    let hits = 0;
    picked.forEach((row, i) => {
      if (!row) return;
      const t0 = performance.now();
      const top = index.search(row.data, { k: 10, queryIs: 'need' });
      const ms = performance.now() - t0;
      if (i >= 5) {
        searchMs.push(ms);
        hits += top.length;
      }
    });
    ctx.record({
      name: `one need's top 10 over ${index.size} offers (${searchMs.length} needs)`,
      unit: 'ms',
      runs: searchMs.length,
      median: median(searchMs),
      p90: percentile(searchMs, 90),
      target: 20,
    });
    ctx.detail('search', { needsStored: needRows.length, searches: searchMs.length, hits });

    // The same searches with feedback present: 200 answered pairs (the best two offers of 100
    // other needs, one confirmed and one dismissed), the ranking reranked by relevance feedback.
    const fb = feedbackSearch(index, needRows, picked, offerRows);
    ctx.record({
      name: `one need's top 10 over ${index.size} offers with ${fb.pairs} answered pairs (${fb.ms.length} needs)`,
      unit: 'ms',
      runs: fb.ms.length,
      median: median(fb.ms),
      p90: percentile(fb.ms, 90),
      target: 5,
    });

    // The use case in-process: splits the process figures into start-up and work.
    const app = await ctx.openApp();
    try {
      t = performance.now();
      await match(app, String(person.id));
      const firstMs = performance.now() - t;
      const one = await repeat(Math.min(ctx.runs.inProcess, 15), 1, async () => {
        const t0 = performance.now();
        await match(app, String(person.id));
        return performance.now() - t0;
      });
      let found = 0;
      const all = await repeat(Math.min(ctx.runs.inProcess, 9), 1, async () => {
        const t0 = performance.now();
        found = (await match(app)).length;
        return performance.now() - t0;
      });
      ctx.record({
        name: `match(#${person.id}) in-process: first call in a fresh context`,
        unit: 'ms',
        runs: 1,
        median: firstMs,
      });
      ctx.record({
        name: `match(#${person.id}) in-process, warm`,
        unit: 'ms',
        runs: one.length,
        median: median(one),
        p90: percentile(one, 90),
      });
      ctx.record({
        name: `match() no person, in-process, warm (${found} shown)`,
        unit: 'ms',
        runs: all.length,
        median: median(all),
        p90: percentile(all, 90),
      });
    } finally {
      await app.store.close();
    }

    // Whole processes, interleaved with the floor.
    const env = { ...process.env, TZ: 'UTC', NO_COLOR: '1', TEND_NOW: ctx.clock().toISOString() };
    const node = process.execPath;
    const cases = {
      floor: ['-e', '0'],
      one: [ctx.cli, 'match', String(person.id), '--db', ctx.dbFile],
      all: [ctx.cli, 'match', '--db', ctx.dbFile],
    } as const;
    const times: Record<keyof typeof cases, number[]> = { floor: [], one: [], all: [] };
    for (const args of Object.values(cases)) timeProcess(node, args, env);
    for (let i = 0; i < ctx.runs.process; i++)
      for (const [name, args] of Object.entries(cases) as [keyof typeof cases, readonly string[]][])
        times[name].push(timeProcess(node, args, env));
    const floor = { name: 'node -e 0', median: median(times.floor) };
    ctx.record({
      name: 'node -e 0 (floor)',
      unit: 'ms',
      runs: times.floor.length,
      median: floor.median,
      p90: percentile(times.floor, 90),
    });
    ctx.record({
      name: `tend match #${person.id} (process; ${person.needs} open needs)`,
      unit: 'ms',
      runs: times.one.length,
      median: median(times.one),
      p90: percentile(times.one, 90),
      target: 300,
      floor,
    });
    ctx.record({
      name: 'tend match (process; no person: focus list + network)',
      unit: 'ms',
      runs: times.all.length,
      median: median(times.all),
      p90: percentile(times.all, 90),
      target: 1000,
      floor,
    });

    // Peak memory of `tend match`: the preloaded hook writes VmHWM (KiB) on exit.
    const rssFile = path.join(path.dirname(ctx.dbFile), 'match-hwm.txt');
    const rss = (args: readonly string[]): number => {
      fs.rmSync(rssFile, { force: true });
      timeProcess(node, ['--import', hwmHook, ...args], { ...env, TEND_BENCH_HWM_FILE: rssFile });
      return Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    };
    const rssRuns = Math.max(3, Math.min(5, ctx.runs.process));
    const floorRss = Array.from({ length: rssRuns }, () => rss(cases.floor));
    const allRss = Array.from({ length: rssRuns }, () => rss(cases.all));
    ctx.record({
      name: 'peak RSS (VmHWM) tend match (no person)',
      unit: 'MB',
      runs: rssRuns,
      median: median(allRss),
      p90: Math.max(...allRss),
      floor: { name: 'node -e 0', median: median(floorRss) },
      note: 'p90 column: the largest run',
    });

    const after = featureVersions(ctx.dbFile);
    ctx.detail('featureVersionsAfterMatch', after);
    if (after.length !== versions.length || after.some((v) => v.version !== matcher.version))
      ctx.note(
        `tend match re-encoded features (versions after: ${after.map((v) => `${v.version} ×${v.n}`).join(', ')}): dist/tend.cjs was built from another matcher; rebuild and rerun`,
      );

    if (ctx.profileDir) {
      for (const name of ['one', 'all'] as const)
        timeProcess(
          node,
          [
            '--cpu-prof',
            '--cpu-prof-dir',
            ctx.profileDir,
            '--cpu-prof-name',
            `match-${name}.cpuprofile`,
            ...cases[name],
          ],
          env,
        );
      ctx.note(`CPU profiles: ${path.relative(ctx.root, ctx.profileDir)}/match-{one,all}.cpuprofile`);
    }
  },
};

/** One stored need's top 10 with 200 answered pairs present (relevance feedback reranks the base top). */
export function feedbackSearch(
  index: MatchIndex,
  needRows: readonly { id: number; data: Uint8Array }[],
  picked: readonly ({ id: number; data: Uint8Array } | undefined)[],
  offerRows: readonly { id: number; data: Uint8Array }[],
): { pairs: number; ms: number[] } {
  const offerOf = new Map(offerRows.map((r) => [String(r.id), r.data]));
  const teach = needRows
    .filter((_, i) => i % Math.max(1, Math.floor(needRows.length / 100)) === 1)
    .slice(0, 100);
  const pairs = teach.flatMap((n) =>
    index.search(n.data, { k: 2, queryIs: 'need' }).flatMap((h, j) => {
      const offer = offerOf.get(h.id);
      return offer ? [{ need: n.data, offer, confirmed: j === 0, offerKey: h.id }] : [];
    }),
  );
  const model = new FeedbackModel(pairs);
  const ms: number[] = [];
  picked.forEach((row, i) => {
    if (!row) return;
    const t0 = performance.now();
    model.search(index, row.data, (id) => offerOf.get(id), { k: 10 });
    if (i >= 5) ms.push(performance.now() - t0);
  });
  return { pairs: pairs.length, ms };
}
