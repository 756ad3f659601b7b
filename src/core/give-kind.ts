import type { GiveKind } from './types.js';

const rules: readonly [RegExp, GiveKind][] = [
  [/\b(intros?|introduc\w*|connect(ing)? (you|them)|put (you|them) in touch)\b/i, 'intro'],
  [/\b(referr?\w*|refer)\b/i, 'referral'],
  [/\b(recommend\w*|endorse\w*|reference)\b/i, 'recommendation'],
  [/\b(job|role|position|opening|gig|contract|opportunit\w*)\b/i, 'opportunity'],
  [/\b(book|article|template|guide|course|resource|tool|slides|doc\w*|link)s?\b/i, 'resource'],
];

/**
 * The kind of give an offer makes, read from its words: "Introductions to Berlin investors" is an
 * introduction, "a template for board decks" a resource; anything else is advice (help given by
 * talking it through). The user can change it before the give is logged.
 * @example giveKindOf('Introductions to data engineers in Berlin') === 'intro'
 */
export function giveKindOf(offerText: string): GiveKind {
  for (const [re, kind] of rules) if (re.test(offerText)) return kind;
  return 'advice';
}
