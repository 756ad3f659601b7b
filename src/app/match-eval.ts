import fs from 'node:fs';
import { DomainError, invalid } from '../core/errors.js';
import type {
  Calibration,
  EvalReport,
  MatchText,
  Matcher,
  Metrics,
  Qrels,
  Scored,
} from '../matching/index.js';
import type { Warning } from './people.js';

/** An evaluation input file's text; an unreadable file is bad input naming it. */
export function readEvalFile(file: string): string {
  try {
    // A byte-order mark (as some editors on Windows write) is not part of the first line.
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw invalid(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, [
      { path: file, message: 'unreadable' },
    ]);
  }
}

/** Reads `{"id","text"}` lines, naming the file and line of anything that is not one. */
export function readJsonl(file: string): MatchText[] {
  const raw = readEvalFile(file);
  const out: MatchText[] = [];
  const seen = new Set<string>();
  raw.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw invalid(`${where}: not a JSON line`, [{ path: where, message: 'not JSON' }]);
    }
    const o = (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {}) as {
      id?: unknown;
      text?: unknown;
    };
    if (typeof o.id !== 'string' || o.id === '' || typeof o.text !== 'string')
      throw invalid(`${where}: expected {"id": string, "text": string}`, [
        { path: where, message: 'missing id or text' },
      ]);
    if (o.text.trim() === '')
      throw invalid(`${where}: the text of "${o.id}" is empty`, [{ path: where, message: 'empty text' }]);
    if (seen.has(o.id))
      throw invalid(`${where}: duplicate id "${o.id}"`, [{ path: where, message: 'duplicate id' }]);
    seen.add(o.id);
    out.push({ id: o.id, text: o.text });
  });
  if (out.length === 0) throw invalid(`${file} holds no lines`, [{ path: file, message: 'empty' }]);
  return out;
}

/** How many offers a ranking lists: a whole number from 1 to 1000. */
export function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1 || k > 1000)
    throw new DomainError('invalid_input', `k must be a whole number from 1 to 1000, not ${k}`, {
      problems: [{ path: 'k', message: 'a whole number from 1 to 1000' }],
    });
}

/** `tend match-eval`: the product's matcher (featurize → index → search) ranking every offer for each need. */
export async function matchEval(
  matcher: Matcher,
  needsFile: string,
  offersFile: string,
  k: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ need: string; offers: Scored[] }[]> {
  checkK(k);
  const needs = readJsonl(needsFile);
  const offers = readJsonl(offersFile);
  const { rankAll } = await import('../matching/index.js');
  const ranked = await rankAll(matcher, needs, offers, k, { onProgress });
  return ranked.map((r) => ({ need: r.need, offers: r.offers }));
}

/**
 * Reads `need<TAB>offer<TAB>grade` lines (no header), naming the file and line of a bad one. A pair
 * graded twice with different grades is refused (which line is right?); the same grade twice is
 * kept once.
 */
export function readQrels(file: string): Map<string, Map<string, number>> {
  const raw = readEvalFile(file);
  const out = new Map<string, Map<string, number>>();
  const lineOf = new Map<string, number>();
  raw.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    const [need, offer, grade, ...rest] = line.trim().split('\t');
    if (!need || !offer || grade === undefined || rest.length > 0 || !/^\d+$/.test(grade))
      throw invalid(`${where}: expected need<TAB>offer<TAB>grade (a whole number)`, [
        { path: where, message: 'not a qrels line' },
      ]);
    const grades = out.get(need) ?? new Map<string, number>();
    const before = grades.get(offer);
    if (before !== undefined && before !== Number(grade))
      throw invalid(
        `${where}: ${need} and ${offer} were graded ${before} on line ${lineOf.get(`${need}\t${offer}`)}, and ${grade} here`,
        [{ path: where, message: 'graded twice' }],
      );
    grades.set(offer, Number(grade));
    lineOf.set(`${need}\t${offer}`, i + 1);
    out.set(need, grades);
  });
  if (out.size === 0) throw invalid(`${file} holds no lines`, [{ path: file, message: 'empty' }]);
  return out;
}

/**
 * Judgements that name a need or an offer the evaluation's files do not hold: counted as the set's
 * own evaluate.mjs counts them (a need never ranked scores 0; an offer never ranked is never found),
 * and said, so a mismatched pair of files is noticed.
 */
export function qrelsWarnings(
  file: string,
  qrels: Qrels,
  needIds: ReadonlySet<string>,
  offerIds: ReadonlySet<string>,
): Warning[] {
  const needs = [...qrels.keys()].filter((n) => !needIds.has(n));
  const offers = new Set([...qrels.values()].flatMap((g) => [...g.keys()]).filter((o) => !offerIds.has(o)));
  const list = (ids: readonly string[]): string =>
    ids.slice(0, 3).join(', ') + (ids.length > 3 ? ` and ${ids.length - 3} more` : '');
  const out: Warning[] = [];
  if (needs.length > 0)
    out.push({
      code: 'qrels_unknown_need',
      message: `${file}: ${needs.length} judged need(s) not in the needs file (${list(needs)}): they count as needs with nothing found`,
    });
  if (offers.size > 0)
    out.push({
      code: 'qrels_unknown_offer',
      message: `${file}: ${offers.size} judged offer(s) not in the offers file (${list([...offers])}): they can never be found`,
    });
  return out;
}

/** What a file of answers teaches the matcher about the needs it does not answer. */
export interface FeedbackEval {
  answers: number;
  confirmed: number;
  /** Needs with at least one answer (their answered pairs are left out of their rankings). */
  needsAnswered: number;
  /** The needs of the qrels with no answer, ranked without and then with the answers. */
  unanswered: { before: Metrics; after: Metrics };
}

export interface MatchEvalReport {
  report: EvalReport;
  /** With `--feedback`: the answers' effect on the needs they do not answer. */
  feedback: FeedbackEval | null;
  warnings: Warning[];
}

/**
 * `tend match-eval --qrels`: the matcher judged on a labelled set in one run (plain figures,
 * domain-left-out cross-validation, BM25 and plain-encoder baselines, calibration at the threshold);
 * with a feedback file, also what its answers do for the needs they do not answer (the simulated
 * user's measure: answers on half the needs, quality on the other half).
 */
export async function matchEvalReport(
  matcher: Matcher,
  files: { needs: string; offers: string; qrels: string; feedback?: string | undefined },
  threshold: number,
  onProgress?: (done: number, total: number) => void,
): Promise<MatchEvalReport> {
  if (!(threshold > 0 && threshold < 1))
    throw new DomainError('invalid_input', `the threshold must be between 0 and 1, not ${threshold}`, {
      problems: [{ path: 'threshold', message: 'between 0 and 1' }],
    });
  const needs = readJsonl(files.needs);
  const offers = readJsonl(files.offers);
  const qrels = readQrels(files.qrels);
  const needIds = new Set(needs.map((n) => n.id));
  const offerIds = new Set(offers.map((o) => o.id));
  const { prepareRanking, readFeedbackFile } = await import('./match-eval-feedback.js');
  const answers = files.feedback === undefined ? null : readFeedbackFile(files.feedback, needIds, offerIds);
  const { evaluateMatching, featurizeAll, metrics } = await import('../matching/index.js');
  // Encoded once, for the report and for the ranking with the answers.
  const features = await featurizeAll(
    matcher,
    [...needs, ...offers].map((t) => t.text),
    onProgress,
  );
  const report = await evaluateMatching(matcher, needs, offers, qrels, { threshold, features });
  let feedback: FeedbackEval | null = null;
  if (answers) {
    const ranking = await prepareRanking(matcher, needs, offers, { features });
    const answered = new Set(answers.map((a) => a.need));
    const only = (n: string): boolean => !answered.has(n);
    feedback = {
      answers: answers.length,
      confirmed: answers.filter((a) => a.confirmed).length,
      needsAnswered: answered.size,
      unanswered: {
        before: metrics(qrels, ranking.rank([], 10), only),
        after: metrics(qrels, ranking.rank(answers, 10), only),
      },
    };
  }
  return { report, feedback, warnings: qrelsWarnings(files.qrels, qrels, needIds, offerIds) };
}

/** The report as a reader's table. */
export function formatReport({ report: r, feedback }: MatchEvalReport): string {
  const f = (x: number): string => x.toFixed(3);
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const row = (name: string, m: Metrics | null): string =>
    m
      ? `${name.padEnd(26)} ${f(m['recall@5'])}     ${f(m['recall@10'])}      ${f(m['nDCG@10'])}    ${f(m['MRR@10'])}`
      : `${name.padEnd(26)} (no model)`;
  const cal = (name: string, c: Calibration): string =>
    `${name.padEnd(26)} ${pct(c.relevantShown).padStart(6)}    ${pct(c.unrelatedShown).padStart(6)}    ${pct(c.topRight).padStart(6)}    ${pct(c.topWrong).padStart(6)}    ${pct(c.tiedAtFloor).padStart(6)}`;
  return [
    `${r.needs} needs, ${r.offers} offers, threshold ${r.threshold}`,
    '',
    `${''.padEnd(26)} recall@5  recall@10  nDCG@10  MRR@10`,
    row('matcher (dev, plain)', r.matcher),
    row('matcher (domains left out)', r.domainCv.metrics),
    row('BM25', r.bm25),
    row('USE lite (plain encoder)', r.useLite),
    '',
    `at the threshold            relevant  unrelated  top right  top wrong  tied at floor`,
    cal('matcher (dev, plain)', r.calibration),
    cal('matcher (domains left out)', r.domainCv.calibration),
    '',
    'domain left out      needs  recall@5  nDCG@10  weights chosen on the other domains',
    ...r.domainCv.folds.map(
      (d) =>
        `${d.domain.padEnd(20)} ${String(d.needs).padStart(5)}  ${f(d.metrics['recall@5'])}     ${f(d.metrics['nDCG@10'])}    ${d.chosen}`,
    ),
    ...(feedback
      ? [
          '',
          `feedback: ${feedback.answers} answers (${feedback.confirmed} confirmed) on ${feedback.needsAnswered} needs; the ${feedback.unanswered.before.needs} judged needs with no answer:`,
          row('  without the answers', feedback.unanswered.before),
          row('  with the answers', feedback.unanswered.after),
        ]
      : []),
  ].join('\n');
}
