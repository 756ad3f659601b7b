/**
 * Synthetic (need, offer) pairs for the embedding adapter, written from the taxonomy's kinds of
 * help and from templates — never from the evaluation data. Each concept's strong terms are put
 * into need-style and offer-style templates, so a pair says the same kind of help in different
 * words; the hand-written prototypes of `prototypes.ts` are added; and surface distractors (a
 * concept's ambiguous word used in another sense) serve as hard negatives.
 */
import { parseTable } from '../../../src/matching/engine/phrase-matcher.js';
import { ADAPTER_TAXONOMY } from './training-taxonomy.js';
import { parsePrototypes } from './prototypes.js';

export interface SynthText {
  text: string;
  concept: string;
}

const NEED_TEMPLATES = [
  'looking for {t}',
  'need help with {t}',
  'we need someone for {t} at our startup',
  'anyone who knows {t}? asking for our company',
  'seeking advice on {t}',
  'could use an expert in {t} this quarter',
  'our team is stuck on {t}, want an intro',
  'need a referral for {t}',
];
const OFFER_TEMPLATES = [
  'I have ten years of experience in {t}',
  'happy to help with {t}',
  'I run a small {t} practice and take on startups',
  'former {t} lead, can advise founders',
  'I do {t} for early-stage companies',
  'can offer {t} to anyone in my network',
  'worked on {t} at two scale-ups, open to calls',
  '{t} is my day job, glad to share what I know',
];

/** A concept's ambiguous word used in another sense: the offer text and the concept it is NOT. */
export const DISTRACTORS: SynthText[] = [
  ['I roast coffee beans from Java and Sumatra', 'eng.backend'],
  ['I keep ball pythons and teach reptile care', 'eng.backend'],
  ['Ruby and sapphire jewellery designer', 'eng.backend'],
  ['I run a Go board game club on Tuesdays', 'eng.backend'],
  ['Rust removal and classic car restoration', 'eng.backend'],
  ['Node garden and hydroponics hobbyist', 'eng.backend'],
  ['Swift parcel courier across town', 'eng.mobile'],
  ['I run a cluster headache support group', 'eng.infra'],
  ['Cloud watching and weather photography walks', 'eng.infra'],
  ['Oil pipeline welding contractor', 'eng.infra'],
  ['I repair bathroom scales and kitchen weighing equipment', 'eng.infra'],
  ['Seed library for community gardeners', 'fund.equity'],
  ['I coach little league pitching', 'fund.equity'],
  ['Angel food cake and wedding cake baker', 'fund.equity'],
  ['Lead singer available for weddings', 'fund.equity'],
  ['I can check your bike before a long ride', 'fund.equity'],
  ['Capital city walking tours for visitors', 'fund'],
  ['I can lend my camping gear and tents', 'fund.debt'],
  ['Pitch and putt golf course volunteer', 'fund.prep'],
  ['I build scale models of ships', 'fund.prep'],
  ['Deck building and patio carpentry', 'fund.prep'],
  ['Foundation repair for old houses', 'fund.grant'],
  ['Team building kayak trips on the lake', 'hire'],
  ['I sing in a choir and can join your band', 'hire'],
  ['Board games cafe owner, happy to host game nights', 'hire.exec'],
  ['I coach youth football on weekends', 'mentor'],
  ['Garage sale organiser for the neighbourhood', 'sales'],
  ['Close-up magic shows for parties', 'sales'],
  ['Dog walking leads and pet sitting in the park', 'sales'],
  ['Family law mediation for divorcing couples', 'legal.corporate'],
  ['I make copies of old keys', 'legal.ip'],
  ['Wildlife photography of cranes and herons', 'media'],
  ['Election campaign volunteer for the local council', 'mkt'],
  ['Community choir and social dance nights', 'mkt.content'],
  ['Press for pressing apples into cider', 'mkt.pr'],
  ['I train dogs for agility competitions', 'eng.ml'],
  ['Vision tests and eyeglasses at my optician shop', 'eng.ml'],
  ['Model trains and miniature railway club', 'eng.ml'],
  ['Chain saw sharpening and tree felling', 'eng.web3'],
  ['I test drive cars for a motoring magazine', 'eng.qa'],
  ['Chess and card games coach for kids', 'eng.game'],
  ['Product photography of cakes for my bakery', 'product'],
  ['Bank holiday picnics by the river bank', 'fin'],
  ['Card tricks and tarot reading', 'fin'],
  ["Insurance of my grandmother's garden party, just kidding, I bake pies", 'fin.insurance'],
  ['Green thumb, I help neighbours with vegetable gardens', 'impact'],
  ['Public speaking club for shy teenagers', 'gov'],
  ['Shop window painting for the holidays', 'ecom'],
  ['International cuisine cooking classes', 'intl'],
  ['Data entry of recipes for my cooking blog', 'data'],
  ['Space heaters and fireplace installation', 'realestate'],
  ['Shipping container homes enthusiast', 'ops.supply'],
  ['Class reunion organiser for my old school', 'edu'],
  ['Care packages for friends abroad', 'health'],
  ['Language of flowers, I run a florist', 'lang'],
  ['Parts of speech grammar quizzes for kids', 'mfg'],
].map(([text, concept]) => ({ text: text as string, concept: concept as string }));

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic synthetic needs and offers per concept. */
export function synthesize(seed = 7, perConcept = 16): { needs: SynthText[]; offers: SynthText[] } {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const protos = new Map(parsePrototypes().map((p) => [p.concept, p]));
  const needs: SynthText[] = [];
  const offers: SynthText[] = [];
  for (const row of parseTable(ADAPTER_TAXONOMY)) {
    const terms = row.strong.filter((t) => t.length > 2);
    if (terms.length === 0) continue;
    const p = protos.get(row.head);
    for (const t of p?.needs ?? []) needs.push({ text: t, concept: row.head });
    for (const t of p?.offers ?? []) offers.push({ text: t, concept: row.head });
    const seenN = new Set<string>();
    const seenO = new Set<string>();
    for (let k = 0; k < perConcept * 3 && seenN.size < perConcept; k++) {
      const s = pick(NEED_TEMPLATES).replace('{t}', pick(terms));
      if (seenN.has(s)) continue;
      seenN.add(s);
      needs.push({ text: s, concept: row.head });
    }
    for (let k = 0; k < perConcept * 3 && seenO.size < perConcept; k++) {
      const s = pick(OFFER_TEMPLATES).replace('{t}', pick(terms));
      if (seenO.has(s)) continue;
      seenO.add(s);
      offers.push({ text: s, concept: row.head });
    }
  }
  return { needs, offers };
}
