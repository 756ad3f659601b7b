import type { Action } from './agenda.js';
import type { Day } from './types.js';

/**
 * The daily email digest (DESIGN.md, "Reminders that reach you"): the day's agenda, each action
 * with the message the user could send, as plain text and as simple HTML. Pure; a day with
 * nothing to do has no digest (no mail is better than an empty one).
 */
export interface Digest {
  subject: string;
  text: string;
  html: string;
  /** Actions in it. */
  count: number;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** `Thursday 3 Dec 2026`, from the day alone (no time zone can move it). */
export function longDay(day: Day): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = weekdays[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? '';
  return `${weekday} ${d} ${months[m - 1] ?? ''} ${y}`;
}

const things = (n: number): string => (n === 1 ? 'one thing' : `${n} things`);

const escapeHtml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const indentLines = (s: string, by: string): string =>
  s
    .split('\n')
    .map((l) => (l === '' ? by.trimEnd() : `${by}${l}`))
    .join('\n');

/** `appUrl`: the web app's address, linked at the end when known. */
export function digestOf(
  day: { date: Day; actions: readonly Action[] },
  opts: { appUrl?: string | undefined } = {},
): Digest | undefined {
  const { actions } = day;
  if (actions.length === 0) return undefined;
  const when = longDay(day.date);
  const first = actions[0];
  const subject =
    actions.length === 1 && first
      ? `Tend, ${when}: ${first.title}`
      : `Tend, ${when}: ${things(actions.length)} worth doing today`;
  const intro = `Good morning. ${actions.length === 1 ? 'One thing is' : `${things(actions.length).replace(/^\w/, (c) => c.toUpperCase())} are`} worth doing today, ${when}.`;
  const them = actions.length === 1 ? 'it' : 'them';
  const outro = opts.appUrl
    ? `Open Tend to see ${them} again and mark what you have done: ${opts.appUrl}`
    : `Run \`tend today\` to see ${them} again and mark what you have done.`;

  const text = [
    intro,
    '',
    ...actions.flatMap((a, i) => [
      `${i + 1}. ${a.title}${a.detail ? ` (${a.detail})` : ''}`,
      '',
      '   A message you could send:',
      indentLines(a.draft, '   | '),
      '',
    ]),
    outro,
    '',
    '-- ',
    'Sent by Tend because there is something to do today; days with nothing send no mail.',
    '',
  ].join('\n');

  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #222; max-width: 40em;">',
    `<p>${escapeHtml(intro)}</p>`,
    '<ol>',
    ...actions.map(
      (a) =>
        `<li style="margin-bottom: 1em;"><strong>${escapeHtml(a.title)}</strong>${a.detail ? ` <span style="color: #555;">(${escapeHtml(a.detail)})</span>` : ''}` +
        `<div style="margin-top: .4em; padding-left: .8em; border-left: 3px solid #ccc; color: #333;">${escapeHtml(a.draft).replace(/\n/g, '<br>')}</div></li>`,
    ),
    '</ol>',
    `<p>${opts.appUrl ? `<a href="${escapeHtml(opts.appUrl)}">Open Tend</a> to see ${them} again and mark what you have done.` : escapeHtml(outro)}</p>`,
    '<p style="color: #777; font-size: .85em;">Sent by Tend because there is something to do today; days with nothing send no mail.</p>',
    '</body></html>',
    '',
  ].join('\n');

  return { subject, text, html, count: actions.length };
}

/**
 * Whether `tend serve` sends today's digest now: daily sending on, the set local hour reached,
 * and not already sent (or found empty) today.
 */
export function digestDue(
  now: { day: Day; hour: number },
  s: { daily: boolean; hour: number },
  lastDone: Day | undefined,
): boolean {
  return s.daily && now.hour >= s.hour && lastDone !== now.day;
}
