import { common } from './words.js';

/** Typed text made fit for a sentence: shortened, trimmed of stray marks, cased, tidied. */

const norm = (w: string): string => w.toLowerCase().replace(/’/g, "'");

const dangling =
  /\s(a|an|the|and|or|but|of|for|to|with|in|on|at|by|from|who|that|which|my|our|your|their|his|her|its|very|is|are)$/iu;

/**
 * Cuts a text to at most `max` characters where it reads well: its first sentence, else the
 * last clause boundary, else the last whole word followed by "…". Quotes around the whole text
 * and closing punctuation go.
 * @example shorten('Hiring two data engineers. We are a small team.', 30) === 'Hiring two data engineers'
 */
export function shorten(text: string, max = 120): string {
  let s = text.replace(/\s+/g, ' ').trim();
  s = s.replace(/^["“'‘«]+(.*?)["”'’»]+$/u, '$1').trim();
  // Quotes inside become typographic ones; a stray straight quote goes.
  s = s.replace(/"([^"]+)"/g, '“$1”').replace(/"/g, '');
  // Punctuation standing alone or doubled ("need a bank ? !", ",,") goes; so does any at either end.
  s = s
    .replace(/\s+[,.;:!?]+(?=\s|$)/g, '')
    .replace(/([,;:!?])[,;:!?]+/g, '$1')
    .replace(/^[\s,.;:!?\-–—…]+/u, '')
    .replace(/[\s.,;:!?\-–—…(]+$/u, '')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')');
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  const head = chars.slice(0, max).join('');
  const sentence = /^(.{20,}?[.!?])\s/u.exec(head);
  if (sentence?.[1]) return sentence[1].replace(/[.!]$/, '');
  const clause = Math.max(
    head.lastIndexOf(', '),
    head.lastIndexOf('; '),
    head.lastIndexOf(' — '),
    head.lastIndexOf(' – '),
    head.lastIndexOf(' ('),
  );
  if (clause >= max * 0.5) return head.slice(0, clause);
  const space = head.lastIndexOf(' ');
  let cut = (space > max * 0.4 ? head.slice(0, space) : head).replace(/[\s,;:(\-–—]+$/u, '');
  // Not "… for a…": the cut ends on a word that carries meaning.
  for (let i = 0; i < 3 && dangling.test(cut); i++) cut = cut.replace(dangling, '').replace(/[\s,;:]+$/u, '');
  return `${cut}…`;
}

/** A typed text, or undefined when nothing readable is left of it (blank, only punctuation). */
export function given(text: string | undefined): string | undefined {
  return text !== undefined && shorten(text) !== '' ? text : undefined;
}

/** Lower-cases the first word when it is an ordinary word ("Hiring" → "hiring", not "Postgres"). */
export function lowerFirst(text: string): string {
  const m = /^(\p{Lu})([\p{Ll}\p{M}'’-]*)(?=$|[^\p{L}])/u.exec(text);
  if (!m || m[0] === 'I' || /^I['’]/u.test(text)) return text;
  const word = norm(m[0]);
  const ordinary =
    common.has(word) ||
    common.has(word.split("'")[0] ?? '') ||
    (word.endsWith('s') && common.has(word.slice(0, -1))) ||
    /(ing|ion|ions|ed|ment|ments|ness|ity|ly|ies)$/.test(word);
  return ordinary ? `${word.charAt(0)}${text.slice(1)}` : text;
}

/** Upper-cases the first letter of a sentence. */
export const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Tidies a finished draft: no doubled spaces or punctuation, no space before punctuation, an
 * ellipsis not followed by a full stop.
 */
export function tidy(text: string): string {
  return text
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([,.;:!?])/g, '$1')
    .replace(/…[.,]/g, '…')
    .replace(/([!?])\./g, '$1')
    .replace(/,([.!?])/g, '$1')
    .replace(/([^.])\.\.(?!\.)/g, '$1.')
    .replace(/ +\n/g, '\n');
}
