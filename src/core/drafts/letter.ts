import { daysBetween } from '../dates.js';
import type { Day } from '../types.js';
import { firstName } from './names.js';
import { baseOfThird, given, phrase, tidy, upperFirst, withArticle, type Phrase } from './phrasing.js';

/** The frame of every draft, dates as a person says them, and a need said to or about someone. */

const SIGN_OFF = 'All the best.';

/** Greeting, one paragraph of sentences, sign-off; tidied. */
export function letter(to: string, sentences: readonly (string | undefined)[]): string {
  const body = sentences.filter((s): s is string => s !== undefined && s !== '').join(' ');
  return tidy(`Hi ${firstName(to)},\n\n${body}\n\n${SIGN_OFF}`);
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export function weekday(day: Day): string {
  return weekdays[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? '';
}
/** "Friday 13 March"; "today". */
export function onDay(day: Day, today: Day | undefined): string {
  if (today !== undefined && day === today) return 'today';
  const [, m = '1', d = '1'] = day.split('-');
  return `${weekday(day)} ${Number(d)} ${months[Number(m) - 1] ?? ''}`;
}
/** When something happened, as a person would say it a few days later. */
export function ago(day: Day | undefined, today: Day | undefined): string | undefined {
  if (day === undefined || today === undefined) return undefined;
  const n = daysBetween(day, today);
  if (n < 0) return undefined;
  if (n === 0) return 'today';
  if (n === 1) return 'yesterday';
  if (n < 7) return `on ${weekday(day)}`;
  if (n < 14) return 'last week';
  return undefined;
}

/**
 * The verbs of a subject-less text in the base form, for "you" or "they": its first word and
 * any that starts a clause after a comma or "and" ("runs a startup, needs a data lead" → "run a
 * startup, need a data lead").
 */
export function rebase(text: string): string {
  let afterComma = 0;
  const out = text.replace(/(^|,\s*|\band\s+)([\p{L}'’]+)/gu, (m, lead: string, w: string) => {
    const base = w === 'would' ? undefined : baseOfThird(w);
    if (base === undefined) return m;
    if (lead.startsWith(',')) afterComma++;
    return `${lead}${lead.startsWith(',') ? '\uE002' : ''}${base}`;
  });
  // One more verb after a comma is the last of two: "run a startup and need a data lead".
  return afterComma === 1 && !/\band\s/.test(out)
    ? out.replace(/,\s*\uE002/u, ' and ')
    : out.replace(/\uE002/gu, '');
}
export const startsThird = (text: string): boolean => baseOfThird(text.split(' ')[0] ?? '') !== undefined;

/** "building a team, hiring" → "building a team and hiring": two doings, one comma. */
export function andLast(text: string): string {
  const parts = text.split(', ');
  return parts.length === 2 && /^\p{L}+ing\b/u.test(parts[1] ?? '') && !/\band\b/.test(text)
    ? parts.join(' and ')
    : text;
}

/** A need as a clause about "you" or "they": "you're hiring …", "they are looking for a …". */
export function needClause(p: Phrase, who: 'you' | 'they'): string {
  const are = who === 'you' ? "you're" : 'they are';
  switch (p.form) {
    case 'clause':
      return p.text;
    case 'gerund':
      return `${are} ${andLast(p.text)}`;
    case 'need':
      return p.text.startsWith('would like')
        ? `${who === 'you' ? "you'd" : 'they would'} ${p.text.slice('would '.length)}`
        : `${who} ${rebase(p.text)}`;
    case 'verb':
      return startsThird(p.text)
        ? `${who} ${rebase(p.text)}`
        : `${who === 'you' ? "you'd" : 'they would'} like to ${p.text}`;
    case 'role':
    case 'thing':
    case 'question':
      return `${are} looking for ${withArticle(p.text)}`;
  }
}

/** A question as it was asked, shortened, ending with one question mark. */
export function question(text: string, recipient: string | undefined): string {
  return `${upperFirst(phrase(text, { to: 'keep', recipient }).text.replace(/[?\s]+$/, ''))}?`;
}

/** "You mentioned you're hiring …." — or, for a question, the question itself. */
export function needSentenceToThem(need: string, to: string, other?: string): string | undefined {
  if (given(need) === undefined) return undefined;
  const p = phrase(need, { subject: to, recipient: to, to: 'you' });
  if (p.form === 'question') return `You asked, “${question(need, other)}”`;
  return `You mentioned ${needClause(p, 'you')}.`;
}
