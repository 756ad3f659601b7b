import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { openApp } from '../../src/app/context.js';
import { run } from '../../src/cli/program.js';
import { createMatcher } from '../../src/matching/index.js';
import { sqliteBackend } from '../helpers/db.js';

/**
 * `tend rm`, `tend fix` and `tend undo`: what was logged can be corrected and removed from the
 * command line, and taken back; bad input names the argument, exits 2 and writes nothing.
 */
interface Shown {
  timeline: { id: number; date: string; kind?: string; note?: string }[];
  needs: { id: number; text: string }[];
  promises: { id: number; text: string; due: string }[];
}

describe('tend rm, fix and undo', () => {
  const db = sqliteBackend.fresh();
  const matcher = createMatcher({ modelless: true });
  const now = () => new Date('2026-11-26T09:00:00Z');
  const tend = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (b: Buffer) => (out += b.toString()));
    stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await run(args, { stdout, stderr, env: { NO_COLOR: '1' }, clock: now }, (d) =>
      openApp({ db: d ?? db, matcher: () => Promise.resolve(matcher), clock: now }),
    );
    return { code, out, err };
  };
  const ok = async (args: string[]) => {
    const r = await tend(args);
    assert.equal(r.code, 0, `tend ${args.join(' ')} → ${r.code}\n${r.err}${r.out}`);
    return r;
  };
  const json = async <T>(args: string[]): Promise<T> => JSON.parse((await ok([...args, '--json'])).out) as T;
  const show = () => json<Shown>(['show', 'jonas']);
  const ids = { give: 0, need: 0, promise: 0 };

  test('set up: a give, a need and a promise for Jonas', async () => {
    await ok(['add', 'Jonas Weber']);
    ids.give = (
      await json<{ interaction: { id: number } }>(['give', 'jonas', 'schema review', '--kind', 'advice'])
    ).interaction.id;
    ids.need = (await json<{ item: { id: number } }>(['need', 'jonas', 'a Postgres DBA'])).item.id;
    ids.promise = (
      await json<{ promise: { id: number } }>(['promise', 'jonas', 'send the deck', '--due', '2026-11-30'])
    ).promise.id;
    assert.ok(ids.give > 0 && ids.need > 0 && ids.promise > 0);
  });

  test('a give logged as advice is corrected to an introduction, and undo puts it back', async () => {
    await ok(['fix', 'interaction', String(ids.give), '--kind', 'intro', '--date', 'yesterday']);
    let g = (await show()).timeline.find((t) => t.id === ids.give);
    assert.ok(g);
    assert.equal(g.kind, 'intro');
    assert.equal(g.date, '2026-11-25');
    assert.match((await ok(['undo'])).out, /Put back interaction #\d+/);
    g = (await show()).timeline.find((t) => t.id === ids.give);
    assert.ok(g);
    assert.equal(g.kind, 'advice');
    assert.equal(g.date, '2026-11-26');
  });

  test('rm removes; undo (the last one, or by kind and id) restores', async () => {
    assert.match((await ok(['rm', 'interaction', String(ids.give)])).out, /Removed interaction #\d+/);
    await ok(['rm', 'item', String(ids.need)]);
    let s = await show();
    assert.equal(s.timeline.length, 0);
    assert.equal(s.needs.length, 0);
    await ok(['undo']);
    assert.equal((await show()).needs.length, 1, 'the last removal comes back first');
    assert.equal((await show()).timeline.length, 0);
    await ok(['undo', 'interaction', String(ids.give)]);
    s = await show();
    assert.equal(s.timeline.length, 1);
    const nothing = await tend(['undo']);
    assert.equal(nothing.code, 2);
    assert.match(nothing.err, /nothing to undo/);
  });

  test('a promise is corrected and removed', async () => {
    await ok(['fix', 'promise', String(ids.promise), '--due', '2026-12-04', '--text', 'send the board deck']);
    assert.deepEqual(
      (await show()).promises.map((p) => [p.text, p.due]),
      [['send the board deck', '2026-12-04']],
    );
    await ok(['rm', 'promise', String(ids.promise)]);
    assert.equal((await show()).promises.length, 0);
    await ok(['undo']);
    assert.equal((await show()).promises.length, 1);
  });

  test('bad input names the argument, exits 2 and writes nothing', async () => {
    const before = await show();
    const cases: [string[], RegExp][] = [
      [['rm', 'person', '1'], /'person' is invalid for argument 'kind'.*interaction, item, promise, event/],
      [['rm', 'interaction', 'abc'], /ID must be a whole number, not "abc"/],
      [['rm', 'interaction', '9999'], /no interaction #9999/],
      [['rm', 'promise', '9999'], /no promise #9999/],
      [['fix', 'interaction', String(ids.give)], /nothing to correct: give --date/],
      [
        ['fix', 'interaction', String(ids.give), '--date', 'someday soon'],
        /--date "someday soon" is not a date/,
      ],
      [['fix', 'interaction', String(ids.give), '--date', '2027-06-01'], /in the future/],
      [['fix', 'interaction', String(ids.give), '--nature', 'touch'], /kind "advice" does not go with touch/],
      [['fix', 'interaction', String(ids.give), '--kind', 'job'], /kind "job" does not go with gave/],
      [['fix', 'promise', String(ids.promise), '--text', '  '], /--text must not be empty/],
      [['fix', 'promise', String(ids.promise)], /nothing to correct: give --text or --due/],
      [['undo', 'item'], /say which item to restore: tend undo item ID/],
      [['undo', 'item', String(ids.need)], /is not removed/],
    ];
    for (const [args, message] of cases) {
      const r = await tend(args);
      assert.equal(r.code, 2, `tend ${args.join(' ')} → ${r.code}`);
      assert.match(r.err, message, `tend ${args.join(' ')}`);
      const j = await tend([...args, '--json']);
      assert.equal(j.code, 2);
      assert.ok((JSON.parse(j.out) as { error: { code: string } }).error.code);
    }
    assert.deepEqual(await show(), before, 'nothing was written');
  });

  test('--help shows examples', async () => {
    for (const cmd of [['rm'], ['undo'], ['fix', 'interaction'], ['fix', 'promise']])
      assert.match((await ok([...cmd, '--help'])).out, /Examples:\n {2}\$ tend /);
  });
});
