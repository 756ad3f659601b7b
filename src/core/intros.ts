import { introToGiverDraft, introToNeederDraft } from './drafts/index.js';
import type { IntroState } from './types.js';

/**
 * Double opt-in: proposed → asked A → asked B → made → outcome; either side may decline when
 * asked. Any other move is refused, so an intro is never made without both agreeing.
 */
const transitions: Record<IntroState, readonly IntroState[]> = {
  proposed: ['asked_a', 'declined'],
  asked_a: ['asked_b', 'declined'],
  asked_b: ['made', 'declined'],
  made: ['outcome'],
  outcome: [],
  declined: [],
};

export function canMove(from: IntroState, to: IntroState): boolean {
  return transitions[from].includes(to);
}

export function nextStates(from: IntroState): readonly IntroState[] {
  return transitions[from];
}

/** Who declined, read from the state the intro was in: A declines while asked first, B after. */
export function decliner(from: IntroState): 'a' | 'b' | undefined {
  return from === 'asked_a' || from === 'proposed' ? 'a' : from === 'asked_b' ? 'b' : undefined;
}

export interface IntroDraftInput {
  aName: string;
  bName: string;
  reason: string;
  /** What A needs or offers, in the words the user entered. */
  aText?: string | undefined;
  bText?: string | undefined;
  /** Whether A is the one with the need (B offers), or the reverse. */
  aNeeds: boolean;
}

/**
 * Ready-to-copy opt-in messages for each side, built from the texts the user entered (see
 * `drafts/`): the one with the need hears what the other offers, the one who could help hears
 * what the other needs; with no texts, the user's reason says why they should meet.
 * @example introDrafts({ aName: 'Priya Nair', bName: 'Lars Olsen', reason: 'hiring', aText: 'hiring data engineers', bText: 'looking for a data job', aNeeds: true }).a
 *   // "Hi Priya,\n\nYou mentioned you're hiring data engineers. I know Lars Olsen, who …"
 */
export function introDrafts(d: IntroDraftInput): { a: string; b: string } {
  const [needer, giver, need, offer] = d.aNeeds
    ? [d.aName, d.bName, d.aText, d.bText]
    : [d.bName, d.aName, d.bText, d.aText];
  const toNeeder = introToNeederDraft({ to: needer, other: giver, need, offer, reason: d.reason });
  const toGiver = introToGiverDraft({ to: giver, other: needer, need, offer, reason: d.reason });
  return d.aNeeds ? { a: toNeeder, b: toGiver } : { a: toGiver, b: toNeeder };
}
