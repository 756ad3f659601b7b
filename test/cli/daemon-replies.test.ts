import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DbVersion } from '../../src/app/context-pool.js';
import { mayWrite, routed } from '../../src/cli/daemon/protocol.js';
import { ReplyCache, type ReplyKey } from '../../src/cli/daemon/replies.js';

test('which command lines tell the daemon they may have written', () => {
  const told: [string[], boolean][] = [
    [['log', 'priya', '--via', 'call'], true],
    [['--db', 'x.db', 'add', 'Ada'], true],
    [['match', 'confirm', '3', '7'], true],
    [['import', 'calendar', 'work.ics'], true],
    // Reads go through the daemon itself; help, --version and the daemon's own commands write nothing.
    [['today'], false],
    [['match', 'priya'], false],
    [['--version'], false],
    [['add', '--help'], false],
    [['help', 'log'], false],
    [['daemon', 'stop'], false],
    [['--db', 'daemon.db', 'daemon', 'status'], false],
    [[], false],
  ];
  for (const [argv, expected] of told) assert.equal(mayWrite(argv), expected, argv.join(' '));
});

test('which command lines the daemon answers: reads and --version, never help', () => {
  const cases: [string[], boolean][] = [
    [['today'], true],
    [['--db', 'x.db', 'match', 'priya'], true],
    [['--version'], true],
    [['match', 'confirm', '3', '7'], false],
    // Help reads nothing: printed in the process the user started, no helper left running.
    [['match', '--help'], false],
    [['today', '-h'], false],
    [['show', 'priya', '--help'], false],
  ];
  for (const [argv, expected] of cases) assert.equal(routed(argv), expected, argv.join(' '));
});

test('after a write, the stale replies to compute again: Today first, then the latest used', () => {
  const versions = new Map<string, DbVersion>();
  const cache = new ReplyCache<string>(() => new Date('2026-03-14T09:00:00Z'));
  const key = (argv: string[]): ReplyKey => ({
    argv,
    cwd: '/home/maya',
    env: {},
    terminal: [false, false, 80],
    day: '2026-03-14',
  });
  const keep = (name: string, argv: string[]): void => {
    versions.set(name, { connection: 'c1', data: 1, schema: 5 });
    cache.keep(key(argv), name, [{ t: 'o', d: name }], 0, () => versions.get(name));
  };
  keep('show', ['show', 'priya']);
  keep('today', ['today']);
  keep('people', ['people', '--search', 'Ada']);
  keep('match', ['match', 'priya']);
  keep('other-db', ['--db', 'other.db', 'today']);
  assert.deepEqual(cache.stale(4), [], 'nothing written: nothing to compute again');
  // `show` is used again, so it is the latest; a write moves every database but `other-db`'s.
  assert.equal(cache.lookup(key(['show', 'priya']), true).hit, true);
  for (const name of ['show', 'today', 'people', 'match'])
    versions.set(name, { connection: 'c1', data: 2, schema: 5 });
  assert.deepEqual(cache.stale(3), ['today', 'show', 'match']);
  assert.deepEqual(cache.stale(10), ['today', 'show', 'match', 'people']);
  // A schema change or a reopened file is left to the next read that asks.
  versions.set('match', { connection: 'c1', data: 2, schema: 6 });
  versions.set('people', { connection: 'c2', data: 2, schema: 5 });
  assert.deepEqual(cache.stale(10), ['today', 'show']);
  // Computed again, kept again: no longer stale, and counted.
  cache.keep(key(['today']), 'today', [], 0, () => versions.get('today'), true);
  assert.deepEqual(cache.stale(10), ['show']);
  assert.equal(cache.stats().refreshed, 1);
  assert.equal(cache.lookup(key(['today']), true).hit, true);
});
