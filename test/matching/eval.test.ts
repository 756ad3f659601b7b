import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createMatcher, evaluateMatching } from '../../src/matching/index.js';
import { readQrels } from '../../src/app/match-eval.js';
import { fitCalibration } from '../../src/matching/eval/tuning.js';

const needs = [
  { id: 'n1', text: 'need a seed investor for my fintech startup' },
  { id: 'n2', text: 'hiring a Rust engineer' },
  { id: 'n3', text: 'need a patent attorney for our sensor invention' },
];
const offers = [
  { id: 'o1', text: 'angel investing in early-stage payments companies' },
  { id: 'o2', text: 'I roast coffee beans from Java' },
  { id: 'o3', text: 'senior Rust developer open to new roles' },
  { id: 'o4', text: 'patent prosecution and IP strategy for hardware startups' },
];
const qrels = new Map([
  ['n1', new Map([['o1', 2]])],
  ['n2', new Map([['o3', 1]])],
  ['n3', new Map([['o4', 2]])],
]);

test('the evaluation reports the matcher, its domain-left-out figures, BM25 and the calibration in one run', async () => {
  const r = await evaluateMatching(createMatcher({ modelless: true }), needs, offers, qrels, {
    threshold: 0.5,
  });
  assert.equal(r.needs, 3);
  assert.equal(r.matcher['recall@5'], 1, 'each need has its one relevant offer in the top 5');
  assert.equal(r.matcher.needs, 3);
  assert.equal(
    r.domainCv.metrics.needs,
    3,
    'every judged need is scored in the fold that leaves its domain out',
  );
  assert.deepEqual(
    r.domainCv.folds.map((f) => f.domain),
    ['fund', 'hire', 'legal'],
    'folds are the domains of help the needs ask for',
  );
  assert.ok(r.bm25['recall@5'] > 0);
  assert.equal(r.useLite, null, 'no plain-encoder baseline without a model');
  const c = r.calibration;
  assert.equal(c.topRight + c.topWrong <= 1, true);
  assert.ok(c.relevantShown >= 0 && c.relevantShown <= 1);
  assert.ok(c.unrelatedShown < 0.5, 'the Java coffee offer is not shown for anything');
});

test('the fitted calibration puts 0.5 where 0.4% of unrelated pairs reach and 0.2 where 2% do', () => {
  const unrelated = Array.from({ length: 1000 }, (_, i) => i / 1000);
  const { mid, slope } = fitCalibration([], unrelated);
  assert.equal(mid, 0.996);
  const at = (raw: number): number => 1 / (1 + Math.exp(-slope * (raw - mid)));
  assert.ok(Math.abs(at(0.98) - 0.2) < 1e-9);
});

test('a judgement file with a bad line is refused, naming the file and line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-qrels-'));
  const file = path.join(dir, 'qrels.tsv');
  fs.writeFileSync(file, 'n1\to1\t2\nn2 o3 1\n');
  assert.throws(() => readQrels(file), /qrels\.tsv:2: expected need<TAB>offer<TAB>grade/);
  fs.writeFileSync(file, 'n1\to1\t2\n\nn1\to2\t1\n');
  assert.deepEqual(
    readQrels(file).get('n1'),
    new Map([
      ['o1', 2],
      ['o2', 1],
    ]),
  );
  assert.throws(() => readQrels(path.join(dir, 'missing.tsv')), /cannot read .*missing\.tsv: ENOENT/);
});
