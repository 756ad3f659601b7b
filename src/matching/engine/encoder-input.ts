import { expandAbbreviations } from '../data/abbreviations.js';
import type { ConceptHit } from './concept-table.js';

/**
 * Phrases that say which side a note is on ("looking for", "happy to help with") rather than
 * what it is about. Needs are written as wants and offers as gives, so for the sentence encoder
 * they are noise that makes every need look like every other need.
 */
const ROLE_PHRASES = [
  /\b(i|we|she|he|they)('m| am| are| is)?\s+(currently\s+)?(looking for|searching for|seeking|trying to find|hoping to find|in need of)\b/gi,
  /\b(looking for|searching for|seeking|need(s|ed)?|want(s)?|would love|would like|hoping for|trying to)\b(?:( to| an?| some)\b)?/gi,
  /\b(happy|glad|keen|willing|able|available|open) to( help( with)?)?\b/gi,
  /\b(i|we|she|he|they)\s+(can|could|will)\s+(help( with)?|offer|give|provide|share|make)\b/gi,
  /\b(can|could)\s+(help( with)?|offer|intro(duce)?|provide)\b/gi,
  /\b(any(one)?|some(one)?)\s+(who|that)\s+(can|could|knows?)\b/gi,
  /\bintros?\s+to\b/gi,
];

export function stripRole(text: string): string {
  let t = text;
  for (const re of ROLE_PHRASES) t = t.replace(re, ' ');
  return t.replace(/\s+/g, ' ').trim();
}

/**
 * The text the sentence encoder sees: the note without its role phrasing, followed by the
 * English names of the kinds of help the concept layer found. The names expand jargon the small
 * encoder does not know (GTM, SRE, 409A) and carry non-English notes into English; in the default
 * `gloss-abbr` mode, abbreviations are also spelled out in place ("VC (venture capital investor)").
 */
export type ModelInput = 'raw' | 'strip' | 'gloss' | 'gloss-abbr';

export function modelText(
  glosses: readonly string[],
  text: string,
  hits: readonly ConceptHit[],
  mode: ModelInput = 'gloss-abbr',
): string {
  if (mode === 'raw') return text;
  const core = stripRole(text) || text;
  if (mode === 'strip') return core;
  const names = hits.filter((h) => h.weight >= 1).map((h) => glosses[h.concept] ?? '');
  const out = names.length ? `${core}. ${names.join('; ')}` : core;
  // Abbreviations spelled out after the gloss is built, so the concept layer is not changed by it.
  return mode === 'gloss-abbr' ? expandAbbreviations(out) : out;
}
