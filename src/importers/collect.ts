import type { Built } from './person-builder.js';
import type { ImportedPerson, ImportFormat, ImportOptions, ImportProblem, ImportResult } from './types.js';

export const PROGRESS_EVERY = 1_000;

/** Gathers records and problems in file order and reports progress. */
export class Collector {
  readonly records: ImportedPerson[] = [];
  readonly problems: ImportProblem[] = [];
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly opts: ImportOptions | undefined,
  ) {}

  add(built: Built): void {
    if (built.person) this.records.push(built.person);
    this.problems.push(...built.problems);
    this.tick();
  }

  /** A record rejected before a builder existed (empty row, truncated card…). */
  reject(problem: Omit<ImportProblem, 'severity'>): void {
    this.problems.push({ ...problem, severity: 'error' });
    this.tick();
  }

  /** A problem that belongs to no record (a stray line); does not count as a record. */
  note(problem: ImportProblem): void {
    this.problems.push(problem);
  }

  private tick(): void {
    this.done++;
    if (this.done % PROGRESS_EVERY === 0) this.opts?.onProgress?.(this.done, this.total);
  }

  finish(format: ImportFormat, encoding: string): ImportResult {
    this.opts?.onProgress?.(this.done, this.total);
    return { format, encoding, total: this.done, records: this.records, problems: this.problems };
  }
}
