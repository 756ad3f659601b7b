/**
 * The CLI as people run it: whole processes of `tend today`, `tend show PERSON`,
 * `tend people --search WORD` and `tend match PERSON` on the generated network, each against the
 * floor of a bare `node -e 0` of the same Node measured the same way, runs interleaved so drift
 * hits every figure alike; and peak memory (max RSS) of `tend today`.
 *
 * Node 24 too, when `TEND_BENCH_NODE24` names its binary: the bundle runs there from a copy
 * whose node_modules holds a better-sqlite3 built for that Node (`TEND_BENCH_NODE24_SQLITE`, a
 * copy of node_modules/better-sqlite3 rebuilt with node-gyp --nodedir, as .ci/run does), so the
 * shared install is never touched. The compile cache (Node 22+) lives in this run's own folder
 * and is warmed by the unmeasured round, as it is for anyone's second command.
 *
 * Each command is measured twice (docs/decisions/0016-cli-daemon.md): cold, in its own process
 * (`TEND_DAEMON=off`), and through the daemon, warm: started before timing and warmed by the
 * unmeasured round, as for a user's second command. Its socket lives in this run's own folder.
 * A repeated read is answered from the daemon's last reply while nothing changed; the `reread`
 * rows turn that off (`TEND_DAEMON_CACHE=off`) and show the daemon doing the work on what it keeps
 * warm. The `written` rows do the same right after another process wrote (an untimed `tend log`
 * with the focus person before each run): the first read after a change, when what the daemon
 * keeps must be brought up to date. Untimed reads then bring every runtime's daemon up to date, so
 * the next `daemon, warm` rows follow no write; the run fails unless the daemons answered every one
 * of those rows from a kept reply (`tend daemon status` counts them). The `told` row is what a
 * user sees by default: `tend log` with the daemon on tells it that it wrote, the daemon computes
 * Today again at once, and the `tend today` typed next (timed 250 ms after the write ends) finds
 * it ready. Back to back, it waits for that computation (the `written` rows show the worst case).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { median, percentile, timeProcess, type BenchContext, type Section } from '../lib/harness.js';

/**
 * Start-up ratio goals: a command's median over the bare `node -e 0` of the same Node. Node 22+
 * has the module compile cache, so more is asked of it.
 */
const ratioGoal = (version: string): number =>
  Number(version.replace(/^v/, '').split('.')[0]) >= 22 ? 1.5 : 2;

/** A focus person with open needs: the profile that does the most matching work. */
function focusPerson(dbFile: string): { id: number; name: string; company: string | null } {
  const db = new SQLite(dbFile, { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT p.id, p.name, p.company FROM people p JOIN items i ON i.person_id = p.id
         WHERE p.circle = 'focus' AND p.deleted_at IS NULL AND i.side = 'need' AND i.status = 'open'
         GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`,
      )
      .get() as { id: number; name: string; company: string | null } | undefined;
    if (!row) throw new Error('the generated network has no focus person with open needs');
    return row;
  } finally {
    db.close();
  }
}

/**
 * A copy of the bundle beside a node_modules of its own for another Node: every package links to
 * the shared install except better-sqlite3, which links to `sqliteDir` (built for that Node).
 * Undefined, with the reason, when that Node cannot load it.
 */
function bundleForNode(
  ctx: BenchContext,
  node: string,
  sqliteDir: string | undefined,
): { cli: string } | { skipped: string } {
  const dir = path.join(path.dirname(ctx.dbFile), 'node24');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  fs.cpSync(path.dirname(ctx.cli), path.join(dir, 'dist'), { recursive: true });
  const shared = path.join(ctx.root, 'node_modules');
  for (const name of fs.readdirSync(shared)) {
    if (name === 'better-sqlite3' && sqliteDir !== undefined) continue;
    fs.symlinkSync(fs.realpathSync(path.join(shared, name)), path.join(dir, 'node_modules', name));
  }
  if (sqliteDir !== undefined)
    fs.symlinkSync(path.resolve(sqliteDir), path.join(dir, 'node_modules', 'better-sqlite3'));
  const check = spawnSync(node, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (check.status !== 0)
    return {
      skipped: `${node} cannot load better-sqlite3${sqliteDir === undefined ? ' (set TEND_BENCH_NODE24_SQLITE to a copy built for it)' : ` from ${sqliteDir}`}: ${check.stderr.split('\n').find((l) => l.includes('Error')) ?? check.stderr.slice(0, 200)}`,
    };
  return { cli: path.join(dir, 'dist', path.basename(ctx.cli)) };
}

type Command = 'version' | 'today' | 'show' | 'search' | 'match';
type Read = Exclude<Command, 'version'>;
type Case = 'floor' | Command | `${Command}Daemon` | `${Read}Reread` | `${Read}Written` | 'todayTold';
const commands: readonly Command[] = ['version', 'today', 'show', 'search', 'match'];

export const section: Section = {
  name: 'cli',
  order: 10,
  run(ctx: BenchContext) {
    const runtimeDir = path.join(path.dirname(ctx.dbFile), 'run');
    fs.mkdirSync(runtimeDir, { recursive: true, mode: 0o700 });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TZ: 'UTC',
      NO_COLOR: '1',
      TEND_NOW: ctx.clock().toISOString(),
      // The compile cache (Node 22+) of this run alone, not the user's.
      XDG_CACHE_HOME: path.join(path.dirname(ctx.dbFile), 'cache'),
      // The daemon's socket, in this run's folder; cold runs turn it off.
      XDG_RUNTIME_DIR: runtimeDir,
      TEND_DAEMON: 'off',
    };
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const daemonEnv: NodeJS.ProcessEnv = { ...env, TEND_DAEMON: 'on' };
    const rereadEnv: NodeJS.ProcessEnv = { ...daemonEnv, TEND_DAEMON_CACHE: 'off' };
    const envOf = (c: Case): NodeJS.ProcessEnv =>
      c.endsWith('Daemon') || c === 'todayTold'
        ? daemonEnv
        : c.endsWith('Reread') || c.endsWith('Written')
          ? rereadEnv
          : env;
    const person = focusPerson(ctx.dbFile);
    // A word of the person's company (else name): a search that finds a handful, not everyone.
    const word = (person.company ?? person.name).split(/\s+/)[0] ?? person.name;
    ctx.detail('showPerson', person);
    ctx.detail('searchWord', word);
    const node = process.execPath;
    const casesFor = (cli: string): Record<Case, readonly string[]> => {
      const own: Record<Command, readonly string[]> = {
        // Start-up alone (the bundle loads, no database, no command): splits a command's time.
        version: [cli, '--version'],
        today: [cli, 'today', '--db', ctx.dbFile],
        show: [cli, 'show', String(person.id), '--db', ctx.dbFile],
        search: [cli, 'people', '--search', word, '--db', ctx.dbFile],
        match: [cli, 'match', String(person.id), '--db', ctx.dbFile],
      };
      return {
        floor: ['-e', '0'],
        ...own,
        versionDaemon: own.version,
        todayDaemon: own.today,
        showDaemon: own.show,
        searchDaemon: own.search,
        matchDaemon: own.match,
        todayReread: own.today,
        showReread: own.show,
        searchReread: own.search,
        matchReread: own.match,
        todayWritten: own.today,
        showWritten: own.show,
        searchWritten: own.search,
        matchWritten: own.match,
        todayTold: own.today,
      };
    };
    const cases = casesFor(ctx.cli);
    const names = Object.keys(cases) as Case[];
    interface Runtime {
      label: string;
      node: string;
      cases: Record<Case, readonly string[]>;
      goal: number;
      times: Record<Case, number[]>;
    }
    const runtime = (
      label: string,
      bin: string,
      c: Record<Case, readonly string[]>,
      goal: number,
    ): Runtime => ({
      label,
      node: bin,
      cases: c,
      goal,
      times: Object.fromEntries(names.map((n) => [n, []])) as unknown as Record<Case, number[]>,
    });
    const runtimes: Runtime[] = [
      runtime(`Node ${process.versions.node}`, node, cases, ratioGoal(process.versions.node)),
    ];
    const node24 = process.env.TEND_BENCH_NODE24;
    if (node24 !== undefined && node24 !== '') {
      const bundle = bundleForNode(ctx, node24, process.env.TEND_BENCH_NODE24_SQLITE);
      if ('skipped' in bundle) ctx.note(`Node 24 rows skipped: ${bundle.skipped}`);
      else {
        const version = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
        runtimes.push(
          runtime(`Node ${version.replace(/^v/, '')}`, node24, casesFor(bundle.cli), ratioGoal(version)),
        );
      }
    } else ctx.note('no Node 24 rows: set TEND_BENCH_NODE24 (and TEND_BENCH_NODE24_SQLITE) to measure it');

    // Each runtime's daemon is started (a first read starts it) and answers before timing.
    interface Replies {
      fromCache: number;
      computed: number;
      computedBecause: Record<string, number>;
      recent: { command: string; reason: string; detail?: string }[];
    }
    const daemonStatus = (
      rt: Runtime,
    ): { running: boolean; daemon: { rssMb: number; requests: number; replies: Replies } | null } =>
      JSON.parse(
        spawnSync(rt.node, [rt.cases.version[0] ?? '', 'daemon', 'status', '--json'], {
          env: daemonEnv,
          encoding: 'utf8',
        }).stdout,
      ) as { running: boolean; daemon: { rssMb: number; requests: number; replies: Replies } | null };
    for (const rt of runtimes) {
      timeProcess(rt.node, rt.cases.versionDaemon, daemonEnv);
      const until = Date.now() + 60_000;
      while (!daemonStatus(rt).running) {
        if (Date.now() > until) throw new Error(`${rt.label}: the daemon did not start`);
        spawnSync('sleep', ['0.2']);
      }
    }
    // A `written` case is timed right after another process committed (in-process, untimed).
    let writes = 0;
    const timeCase = (rt: Runtime, name: Case): number => {
      if (name.endsWith('Written') || name === 'todayTold') {
        const w = spawnSync(
          rt.node,
          [
            rt.cases.version[0] ?? '',
            'log',
            String(person.id),
            '--via',
            'message',
            '--nature',
            'touch',
            '--note',
            `bench write ${++writes}`,
            '--db',
            ctx.dbFile,
          ],
          // `told`: the write runs as a user's does, with the daemon on, and tells it.
          { env: name === 'todayTold' ? daemonEnv : env, encoding: 'utf8' },
        );
        if (w.status !== 0) throw new Error(`${rt.label}: tend log failed: ${w.stderr}`);
        // A person types the next command a second or more later; a quarter of one is allowed.
        if (name === 'todayTold') spawnSync('sleep', ['0.25']);
      }
      return timeProcess(rt.node, rt.cases[name], envOf(name));
    };
    // The `written` cases come last in a runtime's turn; after them, untimed reads through every
    // runtime's daemon bring its replies up to date again, so the next `daemon` and `reread` cases,
    // of this runtime or another (they share the database), follow no write.
    const settle = (): void => {
      for (const rt of runtimes)
        for (const c of ['todayDaemon', 'showDaemon', 'searchDaemon', 'matchDaemon'] as const)
          timeProcess(rt.node, rt.cases[c], daemonEnv);
    };
    const settleReads = 4 * runtimes.length;
    // One unmeasured round warms the file cache, the OS, the compile cache and the daemons.
    for (const rt of runtimes) {
      for (const name of names) timeCase(rt, name);
      settle();
    }
    const before = runtimes.map((rt) => daemonStatus(rt).daemon);
    for (let i = 0; i < ctx.runs.process; i++)
      for (const rt of runtimes) {
        for (const name of names) rt.times[name].push(timeCase(rt, name));
        settle();
      }
    // Every daemon case was answered by the daemon (a fallback would measure in-process instead),
    // and every `daemon, warm` read of a database (`--version` reads none) from its kept reply.
    runtimes.forEach((rt, i) => {
      const st = daemonStatus(rt);
      const was = before[i];
      const expected = (was?.requests ?? 0) + ctx.runs.process * (3 * commands.length - 1 + settleReads);
      if (st.daemon?.requests !== expected)
        throw new Error(
          `${rt.label}: the daemon served ${String(st.daemon?.requests)} requests, expected ${expected}`,
        );
      const cached = st.daemon.replies.fromCache - (was?.replies.fromCache ?? 0);
      const because = Object.fromEntries(
        Object.entries(st.daemon.replies.computedBecause).map(([k, n]) => [
          k,
          n - (was?.replies.computedBecause[k] ?? 0),
        ]),
      );
      ctx.detail(`replies, ${rt.label}`, { fromCache: cached, computedBecause: because });
      // At least every `daemon, warm` read; the `told` reads and the settling reads after them
      // may be answered from replies the daemon computed again after the write.
      if (cached < ctx.runs.process * (commands.length - 1))
        throw new Error(
          `${rt.label}: ${cached} of the ${ctx.runs.process * (commands.length - 1)} warm daemon reads were answered from the cache; computed because ${JSON.stringify(because)}, last: ${JSON.stringify(st.daemon.replies.recent)}`,
        );
      ctx.record({
        name: `daemon RSS after the runs, ${rt.label}`,
        unit: 'MB',
        runs: 1,
        median: st.daemon.rssMb,
      });
    });
    // `daemon stop` stops every daemon in the folder: all runtimes' at once.
    for (const rt of runtimes)
      spawnSync(rt.node, [rt.cases.version[0] ?? '', 'daemon', 'stop'], { env: daemonEnv });
    const labels: Record<Exclude<Case, 'floor'>, string> = {
      version: 'tend --version (process: start-up only)',
      today: 'tend today (process)',
      show: `tend show #${person.id} (process)`,
      search: `tend people --search ${word} (process)`,
      match: `tend match #${person.id} (process)`,
      versionDaemon: 'tend --version (daemon, warm)',
      todayDaemon: 'tend today (daemon, warm)',
      showDaemon: `tend show #${person.id} (daemon, warm)`,
      searchDaemon: `tend people --search ${word} (daemon, warm)`,
      matchDaemon: `tend match #${person.id} (daemon, warm)`,
      todayReread: 'tend today (daemon, read again)',
      showReread: `tend show #${person.id} (daemon, read again)`,
      searchReread: `tend people --search ${word} (daemon, read again)`,
      matchReread: `tend match #${person.id} (daemon, read again)`,
      todayWritten: 'tend today (daemon, first read after a write)',
      showWritten: `tend show #${person.id} (daemon, first read after a write)`,
      searchWritten: `tend people --search ${word} (daemon, first read after a write)`,
      matchWritten: `tend match #${person.id} (daemon, first read after a write)`,
      todayTold: 'tend today (daemon, typed 250 ms after a `tend log` that told it)',
    };
    const ratios: Record<string, Record<string, number>> = {};
    for (const rt of runtimes) {
      const t = rt.times;
      const floor = { name: `node -e 0, ${rt.label}`, median: median(t.floor) };
      ctx.record({
        name: `node -e 0 (floor), ${rt.label}`,
        unit: 'ms',
        runs: t.floor.length,
        median: floor.median,
        p90: percentile(t.floor, 90),
      });
      const mine: Record<string, number> = {};
      for (const name of names) {
        if (name === 'floor') continue;
        // The goal is a ratio to the floor; `--version` only shows how much of it start-up takes.
        const goal =
          name === 'version' || name === 'versionDaemon'
            ? {}
            : { target: rt.goal * floor.median, note: `target: ${rt.goal}× the floor` };
        const fig = ctx.record({
          name: `${labels[name]}, ${rt.label}`,
          unit: 'ms',
          runs: t[name].length,
          median: median(t[name]),
          p90: percentile(t[name], 90),
          floor,
          ...goal,
        });
        mine[name] = fig.median / floor.median;
      }
      ratios[rt.label] = mine;
      ctx.note(
        `${rt.label}: ratio to node -e 0 (goal ≤ ${rt.goal}×): ${Object.entries(mine)
          .map(([n, x]) => `${n} ${x.toFixed(2)}×`)
          .join(', ')}`,
      );
    }
    ctx.detail('ratios', ratios);

    // Peak memory, in separate runs: the preloaded hook writes maxRSS (KiB) on exit.
    const hook = path.join(ctx.root, 'bench', 'rss-hook.mjs');
    const rssFile = path.join(path.dirname(ctx.dbFile), 'rss.txt');
    const rss = (args: readonly string[]): number => {
      fs.rmSync(rssFile, { force: true });
      timeProcess(node, ['--import', hook, ...args], { ...env, TEND_BENCH_RSS_FILE: rssFile });
      return Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    };
    const rssRuns = Math.max(3, Math.min(5, ctx.runs.process));
    const floorRss = Array.from({ length: rssRuns }, () => rss(cases.floor));
    const todayRss = Array.from({ length: rssRuns }, () => rss(cases.today));
    const showRss = Array.from({ length: rssRuns }, () => rss(cases.show));
    const rssFloor = { name: 'node -e 0', median: median(floorRss) };
    ctx.record({ name: 'max RSS node -e 0 (floor)', unit: 'MB', runs: rssRuns, median: rssFloor.median });
    ctx.record({
      name: 'max RSS tend today',
      unit: 'MB',
      runs: rssRuns,
      median: median(todayRss),
      p90: Math.max(...todayRss),
      target: 250,
      floor: rssFloor,
      note: 'p90 column: the largest run',
    });
    ctx.record({
      name: `max RSS tend show #${person.id}`,
      unit: 'MB',
      runs: rssRuns,
      median: median(showRss),
      p90: Math.max(...showRss),
      floor: rssFloor,
      note: 'p90 column: the largest run',
    });

    // The CLI re-encodes any item whose stored features are of another matcher version: if that
    // happened, the figures above include the model and the matcher changed under the bench.
    const db = new SQLite(ctx.dbFile, { readonly: true });
    const versions = db
      .prepare('SELECT version, count(*) AS n FROM match_features GROUP BY version')
      .all() as {
      version: string;
      n: number;
    }[];
    db.close();
    ctx.detail('featureVersionsAfterCli', versions);
    if (versions.length > 1)
      ctx.note(
        `the CLI re-encoded features (versions in the database after the runs: ${versions.map((v) => `${v.version} ×${v.n}`).join(', ')}): dist/tend.cjs was built from another matcher than the generated index; rebuild and rerun`,
      );

    if (ctx.profileDir) {
      for (const name of ['today', 'show', 'search', 'match'] as const) {
        const args = cases[name];
        timeProcess(
          node,
          ['--cpu-prof', '--cpu-prof-dir', ctx.profileDir, '--cpu-prof-name', `${name}.cpuprofile`, ...args],
          env,
        );
      }
      ctx.note(
        `CPU profiles of one run each: ${path.relative(ctx.root, ctx.profileDir)}/{today,show,search,match}.cpuprofile`,
      );
    }
    return Promise.resolve();
  },
};
