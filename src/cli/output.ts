import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export interface Warning {
  code: string;
  message: string;
}

/** What a command hands back: the machine form, and how to show it to a person. */
export interface Result<T = unknown> {
  data: T;
  human: (c: Colors) => string;
  warnings?: Warning[];
  /** A part failed (one source of `sync run --all`): printed as done, and the exit code says so. */
  exitCode?: number;
}

export function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, json: boolean): Colors {
  const enabled = !json && stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return pc.createColors(enabled || env.FORCE_COLOR === '1');
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
const ansi = /\u001b\[[0-9;]*m/g;

/** Aligned columns; the last column is never padded. Widths count characters, not bytes. */
export function table(rows: readonly (readonly string[])[], header?: readonly string[], c?: Colors): string {
  const all = header ? [header, ...rows] : rows;
  if (all.length === 0) return '';
  const visible = (s: string): number => Array.from(s.replace(ansi, '')).length;
  const widths: number[] = [];
  for (const r of all) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visible(cell))));
  const line = (r: readonly string[]): string =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visible(cell))))
      .join('  ')
      .trimEnd();
  const out = rows.map(line);
  if (header) out.unshift(c ? c.dim(line(header)) : line(header));
  return out.join('\n');
}

/** A horizontal bar for small charts in the terminal. */
export function bar(value: number, max: number, width = 20): string {
  if (max <= 0) return '';
  const n = Math.round((Math.max(0, value) / max) * width);
  return '█'.repeat(n) + '·'.repeat(Math.max(0, width - n));
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A message to send (a draft), indented under what it belongs to, so it reads as a quotation. */
export function indent(text: string, by = 5): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? '' : `${' '.repeat(by)}${l}`))
    .join('\n');
}
