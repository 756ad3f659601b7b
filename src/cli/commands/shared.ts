import { InvalidArgumentError } from 'commander';

export const collect = (value: string, previous: string[]): string[] => [...previous, value];

export const int =
  (flag: string, range?: { min: number; max: number }) =>
  (value: string): number => {
    if (!/^-?\d+$/.test(value.trim()))
      throw new InvalidArgumentError(`${flag} must be a whole number, not "${value}"`);
    const n = Number(value);
    if (range && (n < range.min || n > range.max))
      throw new InvalidArgumentError(
        `${flag} must be a whole number from ${range.min} to ${range.max}, not ${value.trim()}`,
      );
    return n;
  };

/** How many rows a list shows: at least one, and up to a whole network (the API pages by 500). */
export const LIMIT = { min: 1, max: 1_000_000 };

export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
