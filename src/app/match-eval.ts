import fs from 'node:fs';
import { DomainError, invalid } from '../core/errors.js';
import type { Calibration, EvalReport, MatchText, Matcher, Metrics, Scored } from '../matching/index.js';

/** An evaluation input file's text; an unreadable file is bad input naming it. */
export function readEvalFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
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
    const o = v as { id?: unknown; text?: unknown };
    if (typeof o.id !== 'string' || o.id === '' || typeof o.text !== 'string')
      throw invalid(`${where}: expected {"id": string, "text": string}`, [
        { path: where, message: 'missing id or text' },
      ]);
    if (seen.has(o.id))
      throw invalid(`${where}: duplicate id "${o.id}"`, [{ path: where, message: 'duplicate id' }]);
    seen.add(o.id);
    out.push({ id: o.id, text: o.text });
  });
  if (out.length === 0) throw invalid(`${file} holds no lines`, [{ path: file, message: 'empty' }]);
  return out;
}

/** `tend match-eval`: the product's matcher (featurize → index → search) ranking every offer for each need. */
export async function matchEval(
  matcher: Matcher,
  needsFile: string,
  offersFile: string,
  k: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ need: string; offers: Scored[] }[]> {
  if (!Number.isInteger(k) || k < 1 || k > 1000)
    throw new DomainError('invalid_input', `k must be a whole number from 1 to 1000, not ${k}`, {
      problems: [{ path: 'k', message: 'a whole number from 1 to 1000' }],
    });
  const needs = readJsonl(needsFile);
  const offers = readJsonl(offersFile);
  const { rankAll } = await import('../matching/index.js');
  const ranked = await rankAll(matcher, needs, offers, k, { onProgress });
  return ranked.map((r) => ({ need: r.need, offers: r.offers }));
}

/** Reads `need<TAB>offer<TAB>grade` lines (no header), naming the file and line of a bad one. */
export function readQrels(file: string): Map<string, Map<string, number>> {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw invalid(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, [
      { path: file, message: 'unreadable' },
    ]);
  }
  const out = new Map<string, Map<string, number>>();
  raw.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    const [need, offer, grade, ...rest] = line.trim().split('\t');
    if (!need || !offer || grade === undefined || rest.length > 0 || !/^\d+$/.test(grade))
      throw invalid(`${where}: expected need<TAB>offer<TAB>grade (a whole number)`, [
        { path: where, message: 'not a qrels line' },
      ]);
    const grades = out.get(need) ?? new Map<string, number>();
    grades.set(offer, Number(grade));
    out.set(need, grades);
  });
  if (out.size === 0) throw invalid(`${file} holds no lines`, [{ path: file, message: 'empty' }]);
  return out;
}

/**
 * `tend match-eval --qrels`: the matcher judged on a labelled set in one run (plain figures,
 * domain-left-out cross-validation, BM25 and plain-encoder baselines, calibration at the threshold).
 */
export async function matchEvalReport(
  matcher: Matcher,
  files: { needs: string; offers: string; qrels: string },
  threshold: number,
  onProgress?: (done: number, total: number) => void,
): Promise<EvalReport> {
  if (!(threshold > 0 && threshold < 1))
    throw new DomainError('invalid_input', `the threshold must be between 0 and 1, not ${threshold}`, {
      problems: [{ path: 'threshold', message: 'between 0 and 1' }],
    });
  const needs = readJsonl(files.needs);
  const offers = readJsonl(files.offers);
  const qrels = readQrels(files.qrels);
  const { evaluateMatching } = await import('../matching/index.js');
  return evaluateMatching(matcher, needs, offers, qrels, { threshold, onProgress });
}

/** The report as a reader's table. */
export function formatReport(r: EvalReport): string {
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
  ].join('\n');
}
