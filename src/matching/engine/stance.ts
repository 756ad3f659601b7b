/**
 * Which side of an exchange a note stands on, when it says so in words that mean the same in a
 * need and in an offer: hiring or looking for a job, raising or investing, selling or buying,
 * letting or looking for a place, teaching or looking for a teacher. Two notes on the same side
 * (both hiring, both raising, both selling) do not serve each other however alike they read: the
 * encoder sees "we're hiring React devs in Berlin" and "hiring a React developer in Berlin" as
 * the same note. Cues are verb phrases only: a role noun changes side with the field it is in
 * ("a supplier" wanted in a need, "supplier of boxes" in an offer), and "recruiter" serves
 * employers without being one.
 */
import { ABOUT_OTHERS, CONNECTOR, CUES, PROVIDER, QUESTION } from '../data/stance-cues.js';

/** One bit per side of each exchange. */
export const SIDES = {
  employer: 1 << 0,
  jobSeeker: 1 << 1,
  raising: 1 << 2,
  investing: 1 << 3,
  selling: 1 << 4,
  buying: 1 << 5,
  letting: 1 << 6,
  renting: 1 << 7,
  teaching: 1 << 8,
  learning: 1 << 9,
  /**
   * A note that seeks what it names beside someone else's search ("we're a nonprofit too, also
   * looking for a grant writer"): in an offer, a peer with the same problem, not a provider.
   */
  seeking: 1 << 10,
  /**
   * A need for someone to learn or practise beside ("language exchange partner", "study buddy"):
   * a fellow learner in an offer serves it, where for any other need a learner is no provider.
   */
  peers: 1 << 11,
  /**
   * A need against the other party of an exchange: a tenant whose landlord keeps the deposit, a
   * worker whose employer will not pay. The landlord who lets, or the company that hires, is that
   * party, not the help (a tenants' lawyer, an employment lawyer).
   */
  againstLandlord: 1 << 12,
  againstEmployer: 1 << 13,
  /**
   * A note that opens by saying its writer is learning the thing ("learning Japanese, passed N5",
   * "halfway through a CKA course"): in an offer, no provider of it.
   */
  novice: 1 << 14,
  /**
   * A need for someone who has done it before ("a senior UX designer", "a mentor who's scaled a SaaS
   * past $10M ARR", "a chartered accountant to audit"): a beginner offering to practise is no help.
   */
  expert: 1 << 15,
  /**
   * A note that opens as a beginner in its trade ("junior designer, just finished a bootcamp",
   * "first year accounting student, happy to practise", "first-time founder, pre-revenue"): a
   * provider for a need that asks nothing of experience, not for one that asks for an expert.
   */
  junior: 1 << 16,
  /**
   * A provider who acts for the other party of a dispute: a lawyer who represents employers, one who
   * represents landlords, an adjuster who works for an insurer. No help to a worker, a tenant or a
   * policyholder with a need against that party.
   */
  forEmployers: 1 << 17,
  forLandlords: 1 << 18,
  forInsurers: 1 << 19,
  /** A need against an insurer: a denied or underpaid claim. */
  againstInsurer: 1 << 20,
  /**
   * Who a founder looks for to found with: a technical cofounder (a CTO) or a business one. Two
   * notes that seek the same kind do not meet ("non-technical founder, looking for a technical
   * cofounder" is no technical cofounder); a technical founder seeking a business one meets a
   * business founder seeking a technical one.
   */
  wantsTechCofounder: 1 << 21,
  wantsBizCofounder: 1 << 22,
} as const;

export type Side = keyof typeof SIDES;

/** Everything `stanceOf` reads a note with: part of the features' version, as stored notes keep their sides. */
export const STANCE_RULES = [
  ...CUES.map(([side, re]) => `${side} ${re.source}`),
  ABOUT_OTHERS.source,
  QUESTION.source,
  PROVIDER.source,
  CONNECTOR.source,
].join('\n');

/** The sides a note stands on, as bits of SIDES; 0 when it says none. */
export function stanceOf(text: string): number {
  const t = text.normalize('NFC').toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ');
  let bits = 0;
  for (const [side, re] of CUES) {
    const m = re.exec(t);
    if (m === null) continue;
    // A cue that must see the note's start reads it in a `cue` group after a prefix: the words
    // before the cue itself say whom it is about.
    const at = m.groups?.cue === undefined ? m.index : m.index + m[0].length - m.groups.cue.length;
    const before = t.slice(Math.max(0, at - 40), at);
    if (ABOUT_OTHERS.test(before) || CONNECTOR.test(before)) continue;
    bits |= SIDES[side];
  }
  if (QUESTION.test(t) && !PROVIDER.test(t)) bits |= SIDES.seeking;
  // "Anyone hiring?" is a job seeker's question, not an employer's note.
  if (bits & SIDES.jobSeeker) bits &= ~SIDES.employer;
  return bits;
}

/** The side of each exchange that faces a given one (hiring faces looking for a job…). */
const counterpart = (bits: number): number => ((bits & 0b0101010101) << 1) | ((bits & 0b1010101010) >> 1);

/** Sides on which an offer asks rather than gives: a peer who seeks the same, a learner. */
const ASKING = SIDES.seeking | SIDES.novice;
/** The sides of an exchange that want rather than give: to learn, to rent, to buy, to raise. */
const DEMAND = SIDES.learning | SIDES.renting | SIDES.buying | SIDES.raising;
/** Sides that say nothing of an exchange's two sides, for the comparison of the rest. */
const NOT_EXCHANGE =
  ASKING |
  SIDES.peers |
  SIDES.againstLandlord |
  SIDES.againstEmployer |
  SIDES.againstInsurer |
  SIDES.expert |
  SIDES.junior |
  SIDES.forEmployers |
  SIDES.forLandlords |
  SIDES.forInsurers |
  SIDES.wantsTechCofounder |
  SIDES.wantsBizCofounder;

const COFOUNDER = SIDES.wantsTechCofounder | SIDES.wantsBizCofounder;
const AGAINST = SIDES.againstEmployer | SIDES.againstLandlord | SIDES.againstInsurer;
const ACTING = SIDES.forEmployers | SIDES.forLandlords | SIDES.forInsurers;

/** A need against a party, and the providers who act for that party. */
const PARTIES: readonly [against: number, acting: number, party: number][] = [
  [SIDES.againstEmployer, SIDES.forEmployers, SIDES.employer],
  [SIDES.againstLandlord, SIDES.forLandlords, SIDES.letting],
  [SIDES.againstInsurer, SIDES.forInsurers, 0],
];

/**
 * True when a need and an offer stand on the same side of an exchange and on no facing sides:
 * both hiring, both raising, both selling; or when the offer only asks — it seeks what the need
 * seeks, or it opens as a learner ("learning Japanese, passed N5" is no translator, "halfway
 * through a CKA course" no one to fix a cluster) — unless the need wants someone to learn beside
 * or is a teacher's. A pair on facing sides, or saying nothing, is not. Seeking counts only in an
 * offer: "need a CTO, also looking for a designer" is an ordinary need. A need against a landlord
 * or an employer is not served by an offer that only lets or only hires.
 */
export function sameSide(need: number, offer: number): boolean {
  // Runs for every scored pair of a search: an offer that says no side serves whatever the need says.
  if (offer === 0) return false;
  // A beginner offering to practise is no help where the need asks for someone who has done it.
  if ((need & SIDES.expert) !== 0 && (offer & SIDES.junior) !== 0 && (offer & SIDES.expert) === 0)
    return true;
  // Two founders who seek the same kind of cofounder (the offer seeks one kind, the need seeks it).
  const cofounder = offer & COFOUNDER;
  if (cofounder !== 0 && (cofounder & (cofounder - 1)) === 0 && (need & cofounder) !== 0) return true;
  // A lawyer for employers, landlords or insurers acts for the party the need stands against.
  if ((offer & ACTING) !== 0 && (need & AGAINST) !== 0)
    for (const [against, acting, party] of PARTIES)
      if ((need & against) !== 0 && (need & party) === 0 && (offer & acting) !== 0) return true;
  // A peer who seeks what they want as well ("also looking for a tutor for his son") asks only.
  const o = offer & ~NOT_EXCHANGE & ((offer & SIDES.seeking) !== 0 ? ~DEMAND : ~0);
  // The party a need stands against (the landlord who lets, the company that hires) is no help in it.
  if ((need & SIDES.againstLandlord) !== 0 && o === SIDES.letting) return true;
  if ((need & SIDES.againstEmployer) !== 0 && o === SIDES.employer) return true;
  if (o === 0) {
    if ((offer & ASKING) === 0) return false;
    // A fellow learner is what a need for a practice partner asks for; a teacher faces a learner.
    return (need & (SIDES.peers | SIDES.teaching)) === 0;
  }
  // A novice in a need is a learner.
  const n = (need & ~NOT_EXCHANGE) | ((need & SIDES.novice) !== 0 ? SIDES.learning : 0);
  return (n & o) !== 0 && (n & counterpart(o)) === 0;
}
