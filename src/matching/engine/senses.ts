import { SENSES } from '../data/senses.js';
import { allStems, words } from './normalise.js';
import { buildMatcher, type PhraseMatcher } from './phrase-matcher.js';

/**
 * The word-sense rule: a need and an offer that share a word of two senses (data/senses.ts) and
 * whose contexts settle on different senses ("pitch coach before demo day" and "baseball pitching
 * lessons") meet by coincidence of words; the encoder reads them as alike all the same.
 */
export interface SenseTable {
  /** Entry of each surface form of a word. */
  readonly entryOf: ReadonlyMap<string, number>;
  /** The senses' cues; a cue's index is `entry · 8 + sense` (at most eight senses a word). */
  readonly cues: PhraseMatcher;
}

/** One word of two senses in a note, with the senses its context settles on (bits, never 0). */
export interface SenseHit {
  entry: number;
  senses: number;
}

export function buildSenseTable(src: string = SENSES): SenseTable {
  const entryOf = new Map<string, number>();
  const cues: { index: number; strong: string[]; weak: string[] }[] = [];
  let entry = 0;
  for (const line of src.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    const [head, ...rest] = line.split('|');
    // Features keep an entry in one byte (features.ts).
    if (entry > 0xff) throw new Error('senses: more than 256 words');
    const forms = (head ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    if (forms.length === 0) throw new Error(`senses: a line without a word: ${line}`);
    for (const w of forms) entryOf.set(w, entry);
    const senses = rest.map((s) => s.trim()).filter(Boolean);
    if (senses.length < 2 || senses.length > 8)
      throw new Error(`senses: "${forms[0] ?? ''}" needs two to eight senses, has ${senses.length}`);
    senses.forEach((s, i) => {
      const colon = s.indexOf(':');
      if (colon < 1) throw new Error(`senses: "${forms[0] ?? ''}": a sense without a name: ${s}`);
      cues.push({
        index: entry * 8 + i,
        strong: s
          .slice(colon + 1)
          .split(',')
          .map((c) => c.trim()),
        weak: [],
      });
    });
    entry++;
  }
  return { entryOf, cues: buildMatcher(cues) };
}

let shipped: SenseTable | undefined;
/** Everything `sensesOf` reads a note with: part of the features' version, as stored notes keep it. */
export const SENSE_RULES = SENSES;

/** The shipped table (data/senses.ts), built on first use: scoring stored features never needs it. */
export function shippedSenseTable(): SenseTable {
  return (shipped ??= buildSenseTable());
}

/** The words of two senses a note uses whose context settles on some of their senses. */
export function sensesOf(t: SenseTable, text: string): SenseHit[] {
  const present = new Set<number>();
  for (const w of words(text)) {
    const e = t.entryOf.get(w);
    if (e !== undefined) present.add(e);
  }
  if (present.size === 0) return [];
  const stems = allStems(text);
  const bits = new Map<number, number>();
  // Every cue at every position (not the longest only, as for kinds of help): a cue of one sense
  // inside a longer cue of another still tells its sense.
  for (let i = 0; i < stems.length; i++)
    for (let len = 1; len <= t.cues.maxLen && i + len <= stems.length; len++)
      for (const c of t.cues.table.get(stems.slice(i, i + len).join(' ')) ?? []) {
        const e = c.index >> 3;
        if (present.has(e)) bits.set(e, (bits.get(e) ?? 0) | (1 << (c.index & 7)));
      }
  return [...bits]
    .map(([entry, senses]) => ({ entry, senses }))
    .sort((a, b) => a.entry - b.entry)
    .slice(0, 0xff);
}

/** The factor for a pair that shares a word in two different senses (place-table.ts's OTHER_PLACE). */
export const OTHER_SENSE = 0.3;

/** True when the two notes share a word and their contexts settle on different senses of it. */
export function senseConflict(need: readonly SenseHit[], offer: readonly SenseHit[]): boolean {
  if (need.length === 0 || offer.length === 0) return false;
  for (const a of need)
    for (const b of offer) if (a.entry === b.entry && (a.senses & b.senses) === 0) return true;
  return false;
}
