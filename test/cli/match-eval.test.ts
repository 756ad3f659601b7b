import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { tend } from '../helpers/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-eval-'));
const write = (name: string, body: string): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, body);
  return p;
};

describe('tend match-eval', () => {
  test('writes one JSON line per need, best offer first, through the product matcher', () => {
    const needs = write(
      'needs.jsonl',
      '{"id":"n1","text":"need a seed investor for my fintech startup"}\n{"id":"n2","text":"hiring a Rust engineer"}\n',
    );
    const offers = write(
      'offers.jsonl',
      [
        '{"id":"o1","text":"angel investing in early-stage payments companies"}',
        '{"id":"o2","text":"I roast coffee beans from Java"}',
        '{"id":"o3","text":"senior Rust developer open to new roles"}',
      ].join('\n'),
    );
    const r = tend(path.join(dir, 'unused.db'), [
      'match-eval',
      '--needs',
      needs,
      '--offers',
      offers,
      '--k',
      '2',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { need: string; offers: { id: string; score: number }[] });
    assert.deepEqual(
      lines.map((l) => l.need),
      ['n1', 'n2'],
    );
    const [first, second] = lines;
    assert.ok(first && second);
    assert.equal(first.offers.length, 2);
    assert.equal(first.offers.at(0)?.id, 'o1');
    assert.equal(second.offers.at(0)?.id, 'o3');
    for (const l of lines) for (const o of l.offers) assert.ok(o.score >= 0 && o.score <= 1);
    assert.ok(!fs.existsSync(path.join(dir, 'unused.db')), 'match-eval needs no database');
  });

  test('bad input names the file and line, exit 2', () => {
    const good = write('good.jsonl', '{"id":"o1","text":"x"}\n');
    const bad = write('bad.jsonl', '{"id":"n1","text":"ok"}\nnot json\n');
    const r = tend(path.join(dir, 'x.db'), ['match-eval', '--needs', bad, '--offers', good]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.jsonl:2: not a JSON line/);
    const missing = tend(path.join(dir, 'x.db'), [
      'match-eval',
      '--needs',
      path.join(dir, 'nope.jsonl'),
      '--offers',
      good,
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nope\.jsonl: ENOENT/);
    const noText = write('notext.jsonl', '{"id":"n1"}\n');
    assert.match(
      tend(path.join(dir, 'x.db'), ['match-eval', '--needs', noText, '--offers', good]).stderr,
      /notext\.jsonl:1: expected \{"id": string, "text": string\}/,
    );
  });

  test('--qrels prints the evaluation report: plain, domains left out, BM25, USE lite and the calibration', () => {
    const needs = write(
      'q-needs.jsonl',
      '{"id":"n1","text":"need a seed investor for my fintech startup"}\n{"id":"n2","text":"hiring a Rust engineer"}\n',
    );
    const offers = write(
      'q-offers.jsonl',
      [
        '{"id":"o1","text":"angel investing in early-stage payments companies"}',
        '{"id":"o2","text":"I roast coffee beans from Java"}',
        '{"id":"o3","text":"senior Rust developer open to new roles"}',
      ].join('\n'),
    );
    const qrels = write('qrels.tsv', 'n1\to1\t2\nn2\to3\t2\n');
    const args = ['match-eval', '--needs', needs, '--offers', offers, '--qrels', qrels];
    const r = tend(path.join(dir, 'unused.db'), [...args, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const { report } = JSON.parse(r.stdout) as {
      report: {
        matcher: { 'recall@5': number };
        domainCv: { metrics: { 'recall@5': number }; folds: { domain: string }[] };
        bm25: { 'recall@5': number };
        useLite: { 'recall@5': number } | null;
        calibration: { relevantShown: number; unrelatedShown: number; topRight: number; topWrong: number };
      };
    };
    assert.equal(report.matcher['recall@5'], 1);
    assert.equal(report.domainCv.folds.length, 2);
    assert.ok(report.useLite && report.useLite['recall@5'] >= 0);
    assert.ok(report.bm25['recall@5'] >= 0);
    assert.equal(report.calibration.unrelatedShown, 0, 'the coffee offer is shown for nothing');
    const human = tend(path.join(dir, 'unused.db'), args);
    assert.match(human.stdout, /matcher \(domains left out\)/);
    assert.match(human.stdout, /USE lite/);
    const bad = write('bad-qrels.tsv', 'n1\to1\t2\nn2 o3\n');
    const refused = tend(path.join(dir, 'unused.db'), [...args.slice(0, -1), bad]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /bad-qrels\.tsv:2: expected need<TAB>offer<TAB>grade/);
  });

  test('a long evaluation reports how far the encoding has gone on stderr; stdout stays JSON lines', () => {
    const lines = (prefix: string, what: string): string =>
      Array.from({ length: 60 }, (_, i) =>
        JSON.stringify({ id: `${prefix}${i}`, text: `${what} ${i}` }),
      ).join('\n');
    const needs = write('many-needs.jsonl', lines('n', 'need a bookkeeper for a shop, case'));
    const offers = write('many-offers.jsonl', lines('o', 'bookkeeping for small shops, client'));
    const args = ['match-eval', '--needs', needs, '--offers', offers, '--k', '3'];
    const r = tend(path.join(dir, 'x.db'), args, { env: { TEND_PROGRESS: '1' } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, 60);
    const steps = r.stderr.trim().split('\n');
    assert.equal(steps[0], 'encoding needs and offers 0/120');
    assert.equal(steps.at(-1), 'encoding needs and offers 120/120');
    assert.ok(steps.length >= 3, r.stderr);
    // Off a terminal and without TEND_PROGRESS, nothing but the result.
    assert.equal(tend(path.join(dir, 'x.db'), args).stderr, '');
  });
});
