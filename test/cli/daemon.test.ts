import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tend, tendBin, type CliRun } from '../helpers/cli.js';

/**
 * `tend` hands reads to a per-user daemon of the same build (docs/decisions/0016-cli-daemon.md).
 * Real processes throughout: the built binary, its daemon, and stand-in servers where a daemon
 * must misbehave (die half-way, belong to another build). Every daemon lives in a private
 * runtime folder of this file and is stopped in after().
 */

const now = '2026-03-14T09:00:00Z';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-daemon-'));
const runtime = path.join(root, 'run');
fs.mkdirSync(runtime, { mode: 0o700 });
const sockets = path.join(runtime, 'tend');
const db = path.join(root, 'tend.db');

/** The daemon on (the suite runs with TEND_DAEMON=off), in this file's runtime folder. */
const on = { TEND_DAEMON: 'on', XDG_RUNTIME_DIR: runtime };
const off = { TEND_DAEMON: 'off', XDG_RUNTIME_DIR: runtime };
const viaDaemon = (args: string[], env: Record<string, string> = {}): CliRun =>
  tend(db, args, { now, env: { ...on, ...env } });
const inProcess = (args: string[], env: Record<string, string> = {}): CliRun =>
  tend(db, args, { now, env: { ...off, ...env } });
const ok = (r: CliRun, what: string): CliRun => {
  assert.equal(r.code, 0, `${what} → ${r.code}\n${r.stderr}${r.stdout}`);
  return r;
};

interface Status {
  enabled: boolean;
  running: boolean;
  build: string;
  socket: string;
  daemon: { pid: number; requests: number; databases: string[]; replies: Replies } | null;
}
interface Replies {
  fromCache: number;
  computed: number;
  computedBecause: Record<string, number>;
  notKept: number;
  refreshed: number;
  recent: { at: string; command: string; reason: string; detail?: string }[];
}
/** The daemon's reply counters now (it must be running). */
const replies = (): Replies => {
  const r = status().daemon?.replies;
  assert.ok(r, 'the daemon is running');
  return r;
};
/** The counters that moved since `before`. */
const moved = (before: Replies, after: Replies): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(after.computedBecause))
    if (n !== before.computedBecause[k]) out[k] = n - (before.computedBecause[k] ?? 0);
  for (const k of ['fromCache', 'computed', 'notKept'] as const)
    if (after[k] !== before[k]) out[k] = after[k] - before[k];
  return out;
};
const status = (env: Record<string, string> = {}): Status =>
  ok(
    tend(db, ['daemon', 'status', '--json'], { env: { ...on, ...env } }),
    'daemon status',
  ).json() as unknown as Status;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds (the daemon starts, or ends, in the background). */
async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting: ${what}`);
    await sleep(100);
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Starts this build's daemon (as a first read does) and waits for it to answer. */
async function started(): Promise<Status> {
  if (!status().running) ok(viaDaemon(['--version']), 'tend --version');
  await until(() => status().running, 'the daemon to start');
  return status();
}

/**
 * `tend` as a child that does not block this process: a stand-in server below must be able to
 * answer while the command runs (`tend` from helpers/cli.js waits synchronously).
 */
function tendAsync(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tendBin, ...args], {
      env: { ...process.env, TEND_DB: db, NO_COLOR: '1', TZ: 'UTC', TEND_NOW: now, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        json: () => JSON.parse(stdout) as Record<string, unknown>,
      });
    });
  });
}

/** A stand-in for a daemon at `socket`: counts connections; `reply` decides what it does with one. */
async function standIn(
  socket: string,
  reply: (conn: net.Socket) => void,
): Promise<{ connections: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = net.createServer((conn) => {
    n++;
    conn.on('error', () => undefined);
    reply(conn);
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    connections: () => n,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

describe('tend through its daemon', () => {
  let build = '';

  before(() => {
    ok(inProcess(['init', '--offer', 'Postgres performance tuning and SQL query reviews']), 'init');
    ok(inProcess(['add', 'Jonas Weber', '--met', 'PGConf Berlin', '--company', 'Lumen Pay']), 'add');
    ok(inProcess(['add', 'Priya Nair', '--company', 'Lumen Pay']), 'add');
    ok(inProcess(['need', 'jonas', 'need a Postgres expert to review our slow database queries']), 'need');
    ok(inProcess(['focus', 'add', 'jonas']), 'focus');
    ok(inProcess(['promise', 'priya', 'send the pgbench notes', '--due', '2026-03-14']), 'promise');
    build = status().build;
    assert.match(build, /^[0-9a-f]{16}$/, 'the built client carries a build id');
  });

  after(() => {
    tend(db, ['daemon', 'stop'], { env: on });
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('a read starts the daemon in a private folder: folder 0700, socket 0600', async () => {
    const s = await started();
    assert.match(path.basename(s.socket), new RegExp(`^tend-${build}-[0-9a-f]{8}\\.sock$`));
    assert.equal(path.dirname(s.socket), sockets);
    assert.equal(fs.statSync(sockets).mode & 0o777, 0o700);
    assert.equal(fs.statSync(s.socket).mode & 0o777, 0o600);
    assert.ok(s.daemon && alive(s.daemon.pid));
  });

  test('today, show, people --search and match print the same, with the same exit codes, as in-process', async () => {
    await started();
    const before = status().daemon?.requests ?? 0;
    const cases = [
      ['today'],
      ['today', '--json'],
      ['show', 'jonas'],
      ['show', 'jonas', '--json'],
      ['people', '--search', 'lumen'],
      ['people', '--search', 'lumen', '--json'],
      ['match', 'jonas'],
      ['match', 'jonas', '--json'],
      ['--version'],
      // Errors: an unknown person (2), a bad option value (2), through the same error maps.
      ['show', 'nobody-at-all'],
      ['show', 'nobody-at-all', '--json'],
      ['people', '--limit', 'many'],
    ];
    for (const args of cases) {
      const a = inProcess(args);
      const b = viaDaemon(args);
      const what = `tend ${args.join(' ')}`;
      assert.equal(b.code, a.code, what);
      assert.equal(b.stdout, a.stdout, what);
      assert.equal(b.stderr, a.stderr, what);
    }
    assert.equal(inProcess(['show', 'nobody-at-all']).code, 2);
    assert.match(inProcess(['today']).stdout, /send the pgbench notes/);
    // All of them were served by the daemon, none fell back.
    assert.equal(status().daemon?.requests, before + cases.length);
  });

  test('commands that write never go through it', async () => {
    await started();
    const before = status().daemon?.requests ?? 0;
    ok(viaDaemon(['log', 'priya', '--via', 'in_person', '--nature', 'touch', '--note', 'coffee']), 'log');
    ok(viaDaemon(['config', 'set', 'focusCap', '5']), 'config set');
    assert.equal(status().daemon?.requests, before);
  });

  test('a write by another process shows in the next read through the daemon', async () => {
    await started();
    const first = viaDaemon(['people', '--json']).json() as { total: number };
    const todayBefore = viaDaemon(['today']).stdout;
    assert.doesNotMatch(todayBefore, /the dbt slides/);
    ok(inProcess(['add', 'Lars Olsen']), 'add');
    ok(inProcess(['promise', 'jonas', 'the dbt slides', '--due', '2026-03-14']), 'promise');
    const second = viaDaemon(['people', '--json']).json() as { total: number };
    assert.equal(second.total, first.total + 1);
    assert.match(viaDaemon(['today']).stdout, /the dbt slides/);
    assert.deepEqual(status().daemon?.databases, [db]);
  });

  test('a write run with the daemon on tells it: the reads it last answered are ready again, and show the write', async () => {
    await started();
    const before = viaDaemon(['today']).stdout;
    assert.doesNotMatch(before, /the pricing deck/);
    ok(inProcess(['add', 'Mira Sol']), 'add');
    let mark = replies();
    ok(viaDaemon(['promise', 'mira', 'the pricing deck', '--due', '2026-03-14']), 'promise');
    await until(() => replies().refreshed > mark.refreshed, 'the daemon computing Today again');
    mark = replies();
    const after = viaDaemon(['today']);
    assert.deepEqual(moved(mark, replies()), { fromCache: 1 }, 'Today was ready');
    assert.match(after.stdout, /the pricing deck/);
    assert.equal(after.stdout, inProcess(['today']).stdout);
    assert.match(
      ok(tend(db, ['daemon', 'status'], { env: on }), 'status').stdout,
      /computed again after a write/,
    );
    // With TEND_DAEMON=off a write does not talk to the daemon: the next read finds out itself.
    mark = replies();
    ok(inProcess(['add', 'Ada Park']), 'add');
    const late = viaDaemon(['today']);
    assert.equal(late.stdout, inProcess(['today']).stdout);
    assert.deepEqual(moved(mark, replies()), { databaseWritten: 1, computed: 1 });
    assert.equal(replies().refreshed, mark.refreshed);
  });

  test('a repeated read is answered for the day it is asked on, and after any commit, read again', async () => {
    await started();
    const nextWeek = '2026-03-21T09:00:00Z';
    const first = viaDaemon(['today']).stdout;
    assert.equal(viaDaemon(['today']).stdout, first);
    const later = tend(db, ['today'], { now: nextWeek, env: on });
    assert.equal(later.stdout, tend(db, ['today'], { now: nextWeek, env: off }).stdout);
    assert.notEqual(later.stdout, first);
    ok(inProcess(['config', 'set', 'focusCap', '6']), 'config set');
    ok(inProcess(['done', '1']), 'done');
    const after = viaDaemon(['today']);
    assert.equal(after.stdout, inProcess(['today']).stdout);
    assert.notEqual(after.stdout, first);
  });

  test('`daemon status` counts the reads answered from a kept reply, and says why the others were computed', async () => {
    await started();
    const at = replies();
    const read = (env: Record<string, string> = {}, when = now): CliRun =>
      ok(tend(db, ['show', 'priya'], { now: when, env: { ...on, ...env } }), 'show priya');
    const first = read().stdout;
    assert.deepEqual(moved(at, replies()), { firstRead: 1, computed: 1 });
    // The same read again, unchanged database: the kept reply, the same output.
    let mark = replies();
    assert.equal(read().stdout, first);
    assert.deepEqual(moved(mark, replies()), { fromCache: 1 });
    // Each thing the reply depends on, moved in turn.
    const cases: [string, () => void, string, RegExp?][] = [
      ['cache off', () => read({ TEND_DAEMON_CACHE: 'off' }), 'cacheOff'],
      ['another day', () => read({}, '2026-03-15T09:00:00Z'), 'otherDay', /2026-03-14 → 2026-03-15/],
      ['another zone', () => read({ TZ: 'Europe/Berlin' }), 'otherEnvironment', /^TZ$/],
      [
        'a write',
        () => {
          ok(inProcess(['add', 'Mei Chen']), 'add');
          read();
        },
        'databaseWritten',
        /data_version/,
      ],
    ];
    for (const [what, step, reason, detail] of cases) {
      mark = replies();
      step();
      const got = replies();
      assert.deepEqual(moved(mark, got), { [reason]: 1, computed: 1 }, what);
      const last = got.recent[got.recent.length - 1];
      assert.ok(last, what);
      assert.equal(last.command, 'show', what);
      assert.equal(last.reason, reason, what);
      if (detail) assert.match(last.detail ?? '', detail, what);
    }
    // A failed read is computed every time and never kept.
    mark = replies();
    for (let i = 0; i < 2; i++) assert.equal(viaDaemon(['show', 'nobody-else']).code, 2);
    assert.deepEqual(moved(mark, replies()), { firstRead: 2, computed: 2, notKept: 2 });
    // The human status says the same.
    const human = ok(tend(db, ['daemon', 'status'], { env: on }), 'daemon status').stdout;
    const r = replies();
    assert.match(human, new RegExp(`replies: ${r.fromCache} from the cache, ${r.computed} computed \\(`));
    assert.match(human, /\d+ database written/);
    assert.match(human, /show: database written \(data_version \d+ → \d+\)/);
  });

  test('a database file replaced under it (deleted, then restored from a backup) is opened again', async () => {
    await started();
    const backup = path.join(root, 'other.json');
    const other = path.join(root, 'other.db');
    ok(tend(other, ['add', 'Tomás Ruiz'], { now, env: off }), 'add');
    ok(tend(other, ['export', 'json', '--out', backup], { now, env: off }), 'export');
    assert.match(viaDaemon(['people']).stdout, /Jonas Weber/);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${db}${suffix}`, { force: true });
    ok(inProcess(['restore', backup]), 'restore');
    const after = viaDaemon(['people']);
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stdout, /Tomás Ruiz/);
    assert.doesNotMatch(after.stdout, /Jonas Weber/);
    assert.equal(after.stdout, inProcess(['people']).stdout);
    assert.equal(
      replies().recent.at(-1)?.reason,
      'databaseReopened',
      'the reply of the old file is not used',
    );
  });

  test('a killed daemon costs nothing but time: the client runs the command itself, and a new daemon starts', async () => {
    const s = await started();
    const expected = inProcess(['people', '--json']).stdout;
    const pid = s.daemon?.pid ?? 0;
    process.kill(pid, 'SIGKILL');
    await until(() => !alive(pid), 'the daemon to die');
    assert.ok(fs.existsSync(s.socket), 'a killed daemon leaves its socket behind');
    const r = viaDaemon(['people', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, expected);
    await until(() => status().running, 'a new daemon');
    assert.notEqual(status().daemon?.pid, pid);
  });

  test('a daemon lost half-way through a reply: the client runs the command itself and prints it once', async () => {
    tend(db, ['daemon', 'stop'], { env: on });
    const socket = status().socket;
    const fake = await standIn(socket, (conn) => {
      conn.once('data', () => {
        conn.write(`${JSON.stringify({ t: 'o', d: 'half of a reply\n' })}\n`);
        conn.destroy();
      });
    });
    try {
      const expected = inProcess(['show', 'tomás']);
      const r = await tendAsync(['show', 'tomás'], on);
      assert.ok(fake.connections() >= 1, 'the client asked the daemon first');
      assert.equal(r.code, expected.code);
      assert.equal(r.stdout, expected.stdout);
      assert.doesNotMatch(r.stdout, /half of a reply/);
    } finally {
      await fake.close();
    }
  });

  test('something else answering on the socket: the client runs the command itself', async () => {
    tend(db, ['daemon', 'stop'], { env: on });
    const fake = await standIn(status().socket, (conn) => {
      conn.once('data', () => conn.end('HTTP/1.1 400 Bad Request\n\n'));
    });
    try {
      const r = await tendAsync(['people', '--json'], on);
      assert.ok(fake.connections() >= 1);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, inProcess(['people', '--json']).stdout);
    } finally {
      await fake.close();
      tend(db, ['daemon', 'stop'], { env: on });
    }
  });

  test("another build's daemon is never asked", async () => {
    tend(db, ['daemon', 'stop'], { env: on });
    const other = path.join(sockets, path.basename(status().socket).replace(build, '0123456789abcdef'));
    const fake = await standIn(other, (conn) => conn.end(`${JSON.stringify({ t: 'x', c: 7 })}\n`));
    try {
      const r = await tendAsync(['people'], on);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Tomás Ruiz/);
      assert.equal(fake.connections(), 0);
    } finally {
      await fake.close();
      tend(db, ['daemon', 'stop'], { env: on });
    }
  });

  test('a socket folder that others can open is not used: no daemon, and `daemon run` says why', async () => {
    const open = path.join(root, 'open-run');
    fs.mkdirSync(path.join(open, 'tend'), { recursive: true, mode: 0o755 });
    fs.chmodSync(path.join(open, 'tend'), 0o755);
    const socket = path.join(open, 'tend', path.basename(status().socket));
    const fake = await standIn(socket, (conn) => conn.end(`${JSON.stringify({ t: 'x', c: 7 })}\n`));
    try {
      const env = { XDG_RUNTIME_DIR: open };
      const r = await tendAsync(['people'], { ...on, ...env });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(fake.connections(), 0, 'the client connected through an unsafe folder');
      const run = await tendAsync(['daemon', 'run'], { ...on, ...env });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /must be a directory of yours that no one else can open \(mode 0700\)/);
    } finally {
      await fake.close();
    }
  });

  test('TEND_DAEMON=off: the read runs in-process and no daemon starts', async () => {
    tend(db, ['daemon', 'stop'], { env: on });
    ok(inProcess(['today']), 'today');
    await sleep(1500);
    assert.equal(status().running, false);
  });

  test('colour follows the client’s terminal, not the daemon’s', async (t) => {
    if (spawnSync('python3', ['-c', 'import pty'], { encoding: 'utf8' }).status !== 0) {
      t.skip('python3 with pty is needed to run tend on a terminal');
      return;
    }
    await started();
    // On a pseudo-terminal, without NO_COLOR: colour in-process, and the same through the daemon.
    const onTerminal = (env: Record<string, string>): string => {
      const e: NodeJS.ProcessEnv = { ...process.env, TEND_DB: db, TZ: 'UTC', TEND_NOW: now, ...env };
      delete e.NO_COLOR;
      const r = spawnSync(
        'python3',
        ['-c', 'import pty,sys; pty.spawn(sys.argv[1:])', process.execPath, tendBin, 'show', 'tomás'],
        { encoding: 'utf8', env: e },
      );
      return r.stdout;
    };
    const before = status().daemon?.requests ?? 0;
    const plain = onTerminal(off);
    const served = onTerminal(on);
    assert.ok(plain.includes('\u001b['), 'no colour on a terminal');
    assert.equal(served, plain);
    assert.equal(status().daemon?.requests, before + 1);
  });

  test('a daemon whose bundle is replaced (a new build installed over it) ends', async () => {
    // A copy of the bundle of its own: replacing it leaves the tree's build alone.
    const copy = path.join(root, 'copy');
    fs.cpSync(path.dirname(tendBin), path.join(copy, 'dist'), { recursive: true });
    fs.symlinkSync(path.join(path.dirname(tendBin), '..', 'node_modules'), path.join(copy, 'node_modules'));
    const bin = path.join(copy, 'dist', 'tend.cjs');
    const env = { ...process.env, ...on, TEND_DB: db, TZ: 'UTC', NO_COLOR: '1', TEND_NOW: now };
    const statusOfCopy = (): Status =>
      JSON.parse(
        spawnSync(process.execPath, [bin, 'daemon', 'status', '--json'], { encoding: 'utf8', env }).stdout,
      ) as Status;
    assert.equal(spawnSync(process.execPath, [bin, 'today'], { env }).status, 0);
    await until(() => statusOfCopy().running, "the copy's daemon to start");
    const s = statusOfCopy();
    assert.notEqual(s.socket, status().socket, 'the copy has a daemon of its own');
    const pid = s.daemon?.pid ?? 0;
    const text = fs.readFileSync(bin);
    fs.rmSync(bin);
    fs.writeFileSync(bin, text);
    await until(() => !alive(pid), 'the replaced daemon to end', 25_000);
    assert.equal(fs.existsSync(s.socket), false);
  });

  test('it ends by itself after the idle time, removing its socket', async () => {
    tend(db, ['daemon', 'stop'], { env: on });
    const env = { TEND_DAEMON_IDLE_MS: '1500' };
    ok(viaDaemon(['today'], env), 'today');
    await until(() => status().running, 'the daemon to start');
    const s = status();
    const pid = s.daemon?.pid ?? 0;
    await until(() => !alive(pid), 'the idle daemon to end', 10_000);
    assert.equal(fs.existsSync(s.socket), false);
  });
});
