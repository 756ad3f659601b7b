import { invalid } from './errors.js';

/** Size limits for text a person types; documented in the README. */
export const limits = {
  name: 200,
  shortText: 200, // company, title, met, tag, place
  text: 2_000, // needs, offers, goals, notes on interactions, promises, reasons
  notes: 10_000, // free notes on a person
} as const;

/**
 * Folds a string for comparison and search: lower-case, accents removed, spaces collapsed.
 * @example fold('  José  Müller ') === 'jose muller'
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Trims, NFC-normalises and strips control characters; checks non-empty and the length limit. */
export function cleanText(
  value: string,
  field: string,
  max: number,
  opts: { required?: boolean } = {},
): string {
  const cleaned = value
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .trim();
  if (cleaned === '' && opts.required !== false)
    throw invalid(`${field} is empty`, [{ path: field, message: 'must not be empty' }]);
  if (Array.from(cleaned).length > max)
    throw invalid(`${field} is too long (${Array.from(cleaned).length} characters; at most ${max})`, [
      { path: field, message: `at most ${max} characters` },
    ]);
  return cleaned;
}

export function optionalText(value: string | undefined, field: string, max: number): string | undefined {
  if (value === undefined) return undefined;
  const cleaned = cleanText(value, field, max, { required: false });
  return cleaned === '' ? undefined : cleaned;
}
