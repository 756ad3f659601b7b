import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { run } from '../../src/cli/program.js';

/** `tend match-eval --feedback FILE`: answers applied before ranking, their pairs left out. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-eval-feedback-'));
const write = (name: string, body: string): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, body);
  return p;
};

async function tend(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  stderr.on('data', (b: Buffer) => (err += b.toString()));
  const code = await run(args, { stdout, stderr, env: { NO_COLOR: '1' } });
  return { code, out, err };
}

const needs = write(
  'needs.jsonl',
  [
    '{"id":"n1","text":"need a seed investor for my fintech startup"}',
    '{"id":"n2","text":"hiring a Rust engineer"}',
  ].join('\n'),
);
const offers = write(
  'offers.jsonl',
  [
    '{"id":"o1","text":"angel investing in early-stage payments companies"}',
    '{"id":"o2","text":"I roast coffee beans from Java"}',
    '{"id":"o3","text":"senior Rust developer open to new roles"}',
  ].join('\n'),
);

describe('tend match-eval --feedback', () => {
  test('the pairs the file names are left out of the output; the others are ranked', async () => {
    const fb = write('answers.tsv', 'n1\to1\t1\nn2\to2\t0\n');
    const r = await tend(['match-eval', '--needs', needs, '--offers', offers, '--k', '3', '--feedback', fb]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { need: string; offers: { id: string; score: number }[] });
    const of = (n: string): string[] => lines.find((l) => l.need === n)?.offers.map((o) => o.id) ?? [];
    assert.deepEqual(of('n1').sort(), ['o2', 'o3']);
    assert.deepEqual(of('n2').sort(), ['o1', 'o3']);
    assert.equal(of('n2')[0], 'o3');
  });

  test('a bad line or an unknown id names the file and line, exit 2', async () => {
    const cases: [string, RegExp][] = [
      ['n1\to1\tyes\n', /answers-bad\.tsv:1: expected need<TAB>offer<TAB>1\|0/],
      ['n1\to1\t1\nn9\to1\t0\n', /answers-bad\.tsv:2: need "n9" is not in the needs file/],
      ['n1\to7\t1\n', /answers-bad\.tsv:1: offer "o7" is not in the offers file/],
    ];
    for (const [body, message] of cases) {
      const fb = write('answers-bad.tsv', body);
      const r = await tend(['match-eval', '--needs', needs, '--offers', offers, '--feedback', fb]);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, message);
    }
  });
});
