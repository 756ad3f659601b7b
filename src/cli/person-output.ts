import type { PersonSummary } from '../app/people.js';
import type { Circle } from '../core/types.js';
import type { Colors } from './output.js';

/** How a person's circle, summary row and balance look wherever a command shows them. */

export const circleMark = (c: Colors, circle: Circle): string =>
  circle === 'focus'
    ? c.green('focus')
    : circle === 'network'
      ? c.cyan('network')
      : circle === 'pool'
        ? c.dim('pool')
        : c.dim('archived');

export function summaryRow(c: Colors, s: PersonSummary): string[] {
  return [
    c.dim(`#${s.person.id}`),
    s.person.name,
    circleMark(c, s.person.circle),
    [s.person.title, s.person.company].filter(Boolean).join(' at ') || c.dim('—'),
    `${Math.round(s.strength)}`.padStart(3),
    s.toolOnly ? c.yellow('tool-only') : (s.lastRealOn ?? ''),
  ];
}

export function fmtBalance(c: Colors, b: number): string {
  const s = b > 0 ? `+${b}` : `${b}`;
  return b < 0 ? c.red(s) : b > 0 ? c.green(s) : s;
}
