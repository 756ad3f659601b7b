/**
 * Relation-aware scoring: what a note asks for or gives, read from how it is phrased, written
 * from knowledge of how people state these roles (never from evaluation data). Two notes about
 * the same field can stand in roles that do not serve each other: two companies both hiring, two
 * people both looking for a job, an investor offered for a hiring need. Only clear cues count;
 * a note without one has no role and is never penalised.
 */

/** Roles as bits, so a note may hold several ("hiring, and open to advising"). */
export const ROLE = {
  /** Has a role to fill: "hiring a…", "we are recruiting", "open role". */
  hiring: 1,
  /** Wants a job: "looking for my next role", "open to new roles", "job search". */
  seeking: 2,
  /** Puts money in: "angel investing", "I invest", "writing cheques". */
  investing: 4,
  /** Wants money in: "raising a seed round", "looking for investors". */
  raising: 8,
} as const;

const CUES: readonly [RegExp, number][] = [
  [
    /\b(we('| a)re hiring|(is|am|are|currently|now) hiring|hiring (a|an|two|three|our|my|for|\d+|senior|junior|lead|head)\b|recruiting (a|an|for|our)\b|open (role|position|headcount)s?\b|job opening|fill (a|the|our) (role|position)|first hire|looking to hire|need(s)? to hire|want(s)? to hire|we hire\b)/i,
    ROLE.hiring,
  ],
  [
    /\b(open to (new |a new |full[- ]time |permanent )?(roles?|positions?|opportunities|work|offers)|looking for (a |my |her |his |their |the )?(next |new |first )?(job|role|position|gig)\b|job search|job hunting|between jobs|my next role|(her|his|their) next role|seeking (a |my )?(new )?(job|role|position)|available for hire|open to work)\b/i,
    ROLE.seeking,
  ],
  [
    /\b(angel invest(ing|or)?|i invest\b|we invest\b|invest(ing)? in (early|seed|pre|startups|founders)|writing (first )?(cheques|checks)|(seed|pre-seed|series a) (checks|cheques)|(vc|venture) (partner|fund\b)|partner at (a |an )?\S* ?(vc|venture)|family office|lead (seed|series)|back(ing)? founders)/i,
    ROLE.investing,
  ],
  [
    /\b(raising (a |our |an |the )?(pre-?seed|seed|series [a-d]|round|bridge|capital|money|funds?)|looking for (investors|funding|an? (angel|investor|vc|lead investor))|need(s)? (an? )?(investors?|funding|capital|a lead)|fundrais(ing|e)|seed investor for (my|our))\b/i,
    ROLE.raising,
  ],
];

/** The roles a note's phrasing states. */
export function rolesOf(text: string): number {
  let r = 0;
  for (const [re, bit] of CUES) if (re.test(text)) r |= bit;
  return r;
}

/**
 * Whether a need's roles and an offer's clash: the offer stands in the same role as the need
 * (both hiring, both looking for work, both raising), or an investor meets a hiring or job need,
 * or a candidate or employer meets a fundraising need.
 */
export function rolesClash(need: number, offer: number): boolean {
  if (need === 0 || offer === 0) return false;
  const has = (x: number, bit: number): boolean => (x & bit) !== 0;
  if (
    has(need, ROLE.hiring) &&
    (has(offer, ROLE.hiring) || has(offer, ROLE.investing)) &&
    !has(offer, ROLE.seeking)
  )
    return true;
  if (
    has(need, ROLE.seeking) &&
    (has(offer, ROLE.seeking) || has(offer, ROLE.investing)) &&
    !has(offer, ROLE.hiring)
  )
    return true;
  if (
    has(need, ROLE.raising) &&
    (has(offer, ROLE.raising) || has(offer, ROLE.hiring) || has(offer, ROLE.seeking)) &&
    !has(offer, ROLE.investing)
  )
    return true;
  return false;
}
