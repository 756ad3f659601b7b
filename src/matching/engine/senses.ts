import { SENSES } from '../data/senses.js';
import { allStems, words } from './normalise.js';

/**
 * The word-sense rule: a need and an offer that share a word of two senses (data/senses.ts) and
 * whose contexts settle on different senses ("pitch coach before demo day" and "baseball pitching
 * lessons") meet by coincidence of words; the encoder reads them as alike all the same.
 */
export interface SenseTable {
  /** Surface forms of each entry's word. */
  readonly forms: readonly (readonly string[])[];
  /** Entry of each surface form. */
  readonly entryOf: ReadonlyMap<string, number>;
  /** Cue key (space-joined stems) → the (entry, sense bit) pairs it points to. */
  readonly cues: ReadonlyMap<string, readonly { entry: number; bit: number }[]>;
  readonly maxLen: number;
}

/** One word of two senses in a note, with the senses its context settles on (bits, never 0). */
export interface SenseHit {
  entry: number;
  senses: number;
}

export function buildSenseTable(src: string = SENSES): SenseTable {
  const forms: string[][] = [];
  const entryOf = new Map<string, number>();
  const cues = new Map<string, { entry: number; bit: number }[]>();
  let maxLen = 1;
  for (const line of src.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    const [head, ...rest] = line.split('|');
    const entry = forms.length;
    // Features keep an entry in one byte (features.ts).
    if (entry > 0xff) throw new Error('senses: more than 256 words');
    const f = (head ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    if (f.length === 0) throw new Error(`senses: a line without a word: ${line}`);
    forms.push(f);
    for (const w of f) entryOf.set(w, entry);
    const senses = rest.map((s) => s.trim()).filter(Boolean);
    if (senses.length < 2 || senses.length > 8)
      throw new Error(`senses: "${f[0] ?? ''}" needs two to eight senses, has ${senses.length}`);
    senses.forEach((s, i) => {
      const colon = s.indexOf(':');
      if (colon < 1) throw new Error(`senses: "${f[0] ?? ''}": a sense without a name: ${s}`);
      for (const cue of s.slice(colon + 1).split(',')) {
        const stems = allStems(cue.trim());
        if (stems.length === 0) continue;
        maxLen = Math.max(maxLen, stems.length);
        const key = stems.join(' ');
        const list = cues.get(key) ?? [];
        list.push({ entry, bit: 1 << i });
        cues.set(key, list);
      }
    });
  }
  return { forms, entryOf, cues, maxLen };
}

let shipped: SenseTable | undefined;
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
  for (let i = 0; i < stems.length; i++)
    for (let len = 1; len <= t.maxLen && i + len <= stems.length; len++) {
      const found = t.cues.get(stems.slice(i, i + len).join(' '));
      if (!found) continue;
      for (const c of found) if (present.has(c.entry)) bits.set(c.entry, (bits.get(c.entry) ?? 0) | c.bit);
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
