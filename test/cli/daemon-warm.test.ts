import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tend, type CliRun } from '../helpers/cli.js';

/**
 * The daemon keeps the match index, note features and settings warm between commands
 * (docs/decisions/0016-cli-daemon.md). With its reply cache off (`TEND_DAEMON_CACHE=off`) every
 * read is computed again on that warm state: each write by another process must show in the very
 * next read, exactly as a fresh process prints it. Real processes: the built binary and its daemon,
 * in a private runtime folder, stopped in after().
 */

const now = '2026-03-14T09:00:00Z';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-daemon-warm-'));
const runtime = path.join(root, 'run');
fs.mkdirSync(runtime, { mode: 0o700 });
const db = path.join(root, 'tend.db');

const on = { TEND_DAEMON: 'on', TEND_DAEMON_CACHE: 'off', XDG_RUNTIME_DIR: runtime };
const off = { TEND_DAEMON: 'off', XDG_RUNTIME_DIR: runtime };
const viaDaemon = (args: string[]): CliRun => tend(db, args, { now, env: on });
const inProcess = (args: string[]): CliRun => tend(db, args, { now, env: off });
const ok = (r: CliRun, what: string): CliRun => {
  assert.equal(r.code, 0, `${what} → ${r.code}\n${r.stderr}${r.stdout}`);
  return r;
};

interface Status {
  running: boolean;
  daemon: { requests: number } | null;
}
const status = (): Status =>
  ok(tend(db, ['daemon', 'status', '--json'], { env: on }), 'daemon status').json() as unknown as Status;
const served = (): number => status().daemon?.requests ?? 0;

async function started(): Promise<void> {
  if (!status().running) ok(viaDaemon(['--version']), 'tend --version');
  const end = Date.now() + 20_000;
  while (!status().running) {
    if (Date.now() > end) assert.fail('timed out waiting for the daemon to start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The reads that match: through the daemon, each the same as in a fresh process, and served by it. */
const reads = [['today'], ['show', 'jonas'], ['match', 'jonas', '--json'], ['match']];
function sameAsInProcess(): Record<string, string> {
  const before = served();
  const out: Record<string, string> = {};
  for (const args of reads) {
    const what = `tend ${args.join(' ')}`;
    const fresh = ok(inProcess(args), what);
    const warm = ok(viaDaemon(args), `${what} (daemon)`);
    assert.equal(warm.stdout, fresh.stdout, what);
    out[args.join(' ')] = warm.stdout;
  }
  assert.equal(served(), before + reads.length, 'every read was the daemon’s, none ran in-process');
  return out;
}

describe('the daemon’s warm match index, with its reply cache off', () => {
  before(async () => {
    ok(inProcess(['init', '--offer', 'Postgres performance tuning and SQL query reviews']), 'init');
    ok(inProcess(['add', 'Jonas Weber', '--company', 'Lumen Pay']), 'add');
    ok(inProcess(['add', 'Priya Nair', '--company', 'Kafka Works']), 'add');
    ok(inProcess(['add', 'Mei Tanaka', '--circle', 'pool']), 'add');
    ok(inProcess(['need', 'jonas', 'need help hiring a data engineer who knows Kafka streaming']), 'need');
    ok(inProcess(['focus', 'add', 'jonas']), 'focus');
    await started();
  });

  after(() => {
    tend(db, ['daemon', 'stop'], { env: on });
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('an offer added, reworded, moved out of the network and deleted by another process shows in the next read', () => {
    const first = sameAsInProcess();
    assert.doesNotMatch(first['show jonas'] ?? '', /Priya Nair/);

    const added = ok(
      inProcess([
        'offer',
        'priya',
        'can introduce senior Kafka streaming data engineers for hiring',
        '--json',
      ]),
      'offer',
    ).json() as { item: { id: number } };
    const id = String(added.item.id);
    const withOffer = sameAsInProcess();
    assert.match(withOffer['show jonas'] ?? '', /Priya Nair/, 'the new offer is matched to the need');

    ok(inProcess(['item', id, '--text', 'watercolour painting lessons for beginners']), 'reword');
    const reworded = sameAsInProcess();
    assert.doesNotMatch(reworded['show jonas'] ?? '', /Kafka streaming data engineers for hiring/);

    ok(
      inProcess(['item', id, '--text', 'can introduce senior Kafka streaming data engineers for hiring']),
      'reword back',
    );
    assert.match(sameAsInProcess()['show jonas'] ?? '', /Priya Nair/);

    // Out of the network, her offers are no one's to introduce: the index must drop it.
    ok(inProcess(['move', 'priya', '--circle', 'pool']), 'move');
    assert.doesNotMatch(sameAsInProcess()['show jonas'] ?? '', /Priya Nair/);
    ok(inProcess(['move', 'priya', '--circle', 'network']), 'move back');
    assert.match(sameAsInProcess()['show jonas'] ?? '', /Priya Nair/);

    ok(inProcess(['item', id, '--status', 'deleted']), 'delete');
    assert.doesNotMatch(sameAsInProcess()['show jonas'] ?? '', /Priya Nair/);
  });

  test('a settings change by another process is read by the next command', () => {
    const before = viaDaemon(['match', 'jonas', '--json']).json() as unknown as {
      matches: { gives: unknown[] }[];
    };
    ok(inProcess(['config', 'set', 'matchThreshold', '0.99']), 'config set');
    sameAsInProcess();
    ok(inProcess(['config', 'unset', 'matchThreshold']), 'config unset');
    const again = sameAsInProcess();
    assert.equal(
      JSON.stringify((JSON.parse(again['match jonas --json'] ?? '{}') as typeof before).matches),
      JSON.stringify(before.matches),
    );
  });
});
