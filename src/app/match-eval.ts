import fs from 'node:fs';
import { DomainError, invalid } from '../core/errors.js';
import type { MatchText, Matcher, Scored } from '../matching/index.js';

/** Reads `{"id","text"}` lines, naming the file and line of anything that is not one. */
export function readJsonl(file: string): MatchText[] {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw invalid(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, [
      { path: file, message: 'unreadable' },
    ]);
  }
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
  return rankAll(matcher, needs, offers, k, onProgress);
}
