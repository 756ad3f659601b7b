import { DomainError } from '../core/errors.js';

/**
 * `--strict` for a calendar or a mailbox, as for contact files: when any event or message could
 * not be read (and so would be left out), refuse the whole file, writing nothing, and name them.
 */
export function refuseLeftOut(
  file: string,
  leftOut: number,
  problems: readonly { line: number; message: string }[],
  what: 'event' | 'message',
): void {
  if (leftOut === 0) return;
  const shown = problems.slice(0, 20).map((p) => `  ${p.line > 0 ? `line ${p.line}: ` : ''}${p.message}`);
  throw new DomainError(
    'import_rejected',
    `${file}: ${leftOut} ${what}${leftOut === 1 ? '' : 's'} could not be read; with strict nothing was imported:\n${shown.join('\n')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`,
    { file, problems: [...problems], fields: ['strict'] },
  );
}
