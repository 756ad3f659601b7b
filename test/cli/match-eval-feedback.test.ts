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

  test('an offer confirmed for an unlike need falls for the others, as in the app', async () => {
    const scoreOf = async (args: string[]): Promise<number> => {
      const r = await tend(['match-eval', '--needs', needs, '--offers', offers, '--k', '3', ...args]);
      assert.equal(r.code, 0, r.err);
      const n1 = r.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { need: string; offers: { id: string; score: number }[] })
        .find((l) => l.need === 'n1');
      return n1?.offers.find((o) => o.id === 'o1')?.score ?? NaN;
    };
    // The angel investor was confirmed for the Rust hire, a need nothing like the fintech's.
    const fb = write('answers-unlike.tsv', 'n2\to1\t1\n');
    const before = await scoreOf([]);
    const after = await scoreOf(['--feedback', fb]);
    assert.ok(after < before - 0.2, `o1 for n1: ${before} → ${after}`);
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

  test('with --qrels, the report also says what the answers do for the needs they do not answer', async () => {
    const qrels = write('qrels.tsv', 'n1\to1\t2\nn2\to3\t2\n');
    const fb = write('answers-n1.tsv', 'n1\to1\t1\nn1\to2\t0\n');
    const args = ['match-eval', '--needs', needs, '--offers', offers, '--qrels', qrels, '--feedback', fb];
    const r = await tend([...args, '--json']);
    assert.equal(r.code, 0, r.err);
    const { feedback, warnings } = JSON.parse(r.out) as {
      feedback: {
        answers: number;
        confirmed: number;
        needsAnswered: number;
        unanswered: {
          before: { needs: number; 'recall@5': number };
          after: { needs: number; 'recall@5': number };
        };
      };
      warnings: unknown[];
    };
    assert.deepEqual(
      { answers: feedback.answers, confirmed: feedback.confirmed, needsAnswered: feedback.needsAnswered },
      { answers: 2, confirmed: 1, needsAnswered: 1 },
    );
    assert.equal(feedback.unanswered.before.needs, 1, 'only n2 is measured: n1 is answered');
    assert.equal(feedback.unanswered.after.needs, 1);
    assert.equal(feedback.unanswered.after['recall@5'], 1, 'the Rust developer stays first for n2');
    assert.deepEqual(warnings, []);
    const human = await tend(args);
    assert.match(
      human.out,
      /feedback: 2 answers \(1 confirmed\) on 1 needs; the 1 judged needs with no answer:/,
    );
    const bad = write('answers-bad-q.tsv', 'n1\to9\t1\n');
    const refused = await tend([...args.slice(0, -1), bad]);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /answers-bad-q\.tsv:1: offer "o9" is not in the offers file/);
  });
});

describe('tend match-eval: the files, checked', () => {
  const qrels = write('q.tsv', 'n1\to1\t2\n');
  const cases: [string, string, RegExp][] = [
    [
      'a JSON line that is not an object',
      '{"id":"n1","text":"ok"}\nnull\n',
      /lines\.jsonl:2: expected \{"id": string, "text": string\}/,
    ],
    ['an array', '[1,2]\n', /lines\.jsonl:1: expected \{"id": string, "text": string\}/],
    ['an empty text', '{"id":"n1","text":"  "}\n', /lines\.jsonl:1: the text of "n1" is empty/],
  ];
  for (const [what, body, message] of cases)
    test(`${what} is refused, naming the file and line, exit 2`, async () => {
      const file = write('lines.jsonl', body);
      const r = await tend(['match-eval', '--needs', file, '--offers', offers]);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, message);
      assert.equal(r.out, '');
    });

  test('a byte-order mark at the start of a file is not part of its first line', async () => {
    const file = write(
      'bom.jsonl',
      '\uFEFF{"id":"n1","text":"need a seed investor for my fintech startup"}\n',
    );
    const r = await tend(['match-eval', '--needs', file, '--offers', offers, '--k', '1']);
    assert.equal(r.code, 0, r.err);
    assert.equal((JSON.parse(r.out) as { need: string }).need, 'n1');
  });

  test('a pair graded twice with different grades is refused, naming both lines', async () => {
    const twice = write('twice.tsv', 'n1\to1\t2\nn1\to1\t2\nn1\to1\t0\n');
    const r = await tend(['match-eval', '--needs', needs, '--offers', offers, '--qrels', twice]);
    assert.equal(r.code, 2);
    assert.match(r.err, /twice\.tsv:3: n1 and o1 were graded 2 on line 2, and 0 here/);
  });

  test('judgements of needs or offers the files lack are counted as evaluate.mjs counts them, with a warning', async () => {
    const stray = write('stray.tsv', 'n1\to1\t2\nn9\to1\t2\nn2\to8\t1\n');
    const r = await tend(['match-eval', '--needs', needs, '--offers', offers, '--qrels', stray, '--json']);
    assert.equal(r.code, 0, r.err);
    const { report, warnings } = JSON.parse(r.out) as {
      report: { matcher: { needs: number } };
      warnings: { code: string; message: string }[];
    };
    assert.equal(report.matcher.needs, 3, 'n9 counts as a need with nothing found');
    assert.deepEqual(
      warnings.map((w) => w.code),
      ['qrels_unknown_need', 'qrels_unknown_offer'],
    );
    assert.match(warnings[0]?.message ?? '', /stray\.tsv: 1 judged need\(s\) not in the needs file \(n9\)/);
    const human = await tend(['match-eval', '--needs', needs, '--offers', offers, '--qrels', stray]);
    assert.match(human.err, /warning: .*stray\.tsv: 1 judged offer\(s\) not in the offers file \(o8\)/);
  });

  test('--k is checked with --qrels too', async () => {
    const r = await tend(['match-eval', '--needs', needs, '--offers', offers, '--qrels', qrels, '--k', '0']);
    assert.equal(r.code, 2);
    assert.match(r.err, /k must be a whole number from 1 to 1000, not 0/);
  });
});
