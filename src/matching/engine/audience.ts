/**
 * Whom a note's help is for, when it says so: children, teenagers, adults, older people, pets.
 * "A pediatric dentist for my 4yo" is not met by "dentures for seniors", nor "swim lessons for
 * myself, I'm 40" by "a swim school for kids ages 3–10", nor a babysitter by a dog sitter, however
 * alike the encoder reads them. Like a place (place-table.ts), an audience only binds when both
 * notes name one: a note that names none serves, or asks for, anyone.
 *
 * Cues are words that name the people (or animals) the help is for, and ages: "my 4yo", "ages
 * 5-12", "in his 70s". A role that only sounds like an audience ("senior engineer") is left out,
 * and so is a word that says nothing of age ("my son" may be four or forty).
 */

export const AUDIENCES = {
  child: 1 << 0,
  teen: 1 << 1,
  adult: 1 << 2,
  senior: 1 << 3,
  pet: 1 << 4,
} as const;

export type Audience = keyof typeof AUDIENCES;

const cues: readonly [Audience, RegExp][] = [
  [
    'child',
    /\b(?:kids?|kiddos?|child(?! (?:themes?|process(?:es)?|nodes?|elements?|compan(?:y|ies)|tables?|accounts?|entit(?:y|ies)|support|custody)\b)|children|toddlers?|bab(?:y|ies) (?:sleep|food|gear|classes|swim|massage|sign)|infants?|newborns?|preschool(?:ers?)?|pre-?k|kindergarten(?:ers?)?|p(?:a)?ediatric(?:ian)?s?|pediatrics|paediatrics|babysit(?:ter|ters|ting)?|nann(?:y|ies)|childcare|child care|daycare|day care|elementary school|primary school|grade school|middle school(?:ers?)?|secondary school|niños|niñas|enfants?|kita|crianças|bambini)\b/,
  ],
  [
    'teen',
    /\b(?:teens?|teenagers?|teenage|adolescents?|adolescence|high school(?:ers?)?|highschool(?:ers?)?|secondary school|middle school(?:ers?)?|youth|young people|gcse|a-levels?|sat prep|act prep|college applications?|adolescentes|jugendliche)\b/,
  ],
  [
    'adult',
    /\b(?:adults?|grown-?ups|adult learners?|young adults|as an adult|working professionals|couples?\s+(?:therap\w*|counsel\w*|coach\w*|massage|retreats?|classes|workshops?|sessions)|(?:for|with)\s+couples|married couples|marriage (?:counsel\w*|therap\w*|coach\w*)|relationship counsel(?:l)?ing|phd students?|phds|doctoral|dissertations?|grad students|graduate students|postgrads?|postgraduates?|university students|college students|undergrads|undergraduates|mba students|pregnant|pregnancy|prenatal|antenatal|postnatal|postpartum|post-partum|maternity|menopause|perimenopause|adultos?|adultas?|erwachsene|adultes?)\b/,
  ],
  [
    'senior',
    /\b(?:seniors|senior citizens?|elderly|older adults|older people|retirees|aging (?:parents?|mom|mother|dad|father)|ageing (?:parents?|mom|mother|dad|father)|elder ?care|eldercare|assisted living|nursing homes?|care homes?|dementia|alzheimer'?s|dentures|geriatric|medicare|(?:for|the)\s+over[- ]?(?:5[5-9]|[6-9]\d)'?s|(?:for|the)\s+over[- ]?(?:6|7|8|9)0'?s|over[- ]?(?:6|7|8|9)0'?s only|pensioners?|my (?:grand(?:ma|pa|mother|father|parents?))|personas mayores|senioren|personnes âgées)\b/,
  ],
  [
    'pet',
    /\b(?:dogs?|puppy|puppies|(?:my|our|her|his|their|a|the) cats?|cats and dogs|dogs and cats|cat (?:sitter|sitting|food|behaviou?r)|kittens?|pets|(?:my|our|her|his|their|a) pet\b(?! (?:projects?|peeves?|theory|topics?|causes?|names?)\b)|pet (?:owners?|care|food|insurance|grooming|groomer|photography|photographer|relocation|friendly)|pet sitt(?:er|ing)|dog sitt(?:er|ing)|dog walk(?:er|ing)|vet (?:clinic|bills?|visits?|appointments?)|veterinar(?:y|ian|ians)|horses?|rabbits?|parrots?|hamsters?)\b/,
  ],
];

/** An age given in years ("my 4yo", "a 70-year-old", "aged 9", "in his 70s"). */
const AGE =
  /\b(\d{1,2})\s*(?:yo|y\/o)\b|\b(?:my|our|his|her|their|a|an)\s+(\d{1,2})[- ](?:year|yr)[- ]old\b(?!\s+(?:company|business|brand|agency|startup|firm|house|home|car|truck|van|boat|building|product|app|account|shop|store|restaurant|website|site|codebase|platform|monolith|rails|laptop|macbook|phone|iphone|computer|pc|mac|server|stack|roof|boiler|furnace|fridge|printer|brand|blog|channel|podcast|newsletter))|\b(?:aged?|turning|i'?m|i am)\s+(\d{1,2})(?=\s*(?:[,.;!]|$|and\b|now\b|this year\b|next (?:month|year)\b))|\bin (?:his|her|their|my) (\d)0s\b/g;
/** A range of ages ("ages 5-12", "for 3–10 year olds"). */
const AGE_RANGE =
  /\b(?:ages?|aged)\s+(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})\b|\b(\d{1,3})\s*(?:-|–|to|à|a|bis)\s*(\d{1,3})[- ]?(?:yo|y\/o|year[- ]olds|ans|años|anos|jahre|jahren|anni)\b(?!\s+(?:de\s+experiencia|de\s+experiência|d['’ ]\s?exp[ée]rience|berufserfahrung|erfahrung|di esperienza|of experience|experience|in\s+(?:the\s+)?(?:industry|business|field)))/g;

function ageGroups(age: number): number {
  let bits = 0;
  if (age <= 12) bits |= AUDIENCES.child;
  if (age >= 11 && age <= 19) bits |= AUDIENCES.teen;
  if (age >= 17 && age <= 64) bits |= AUDIENCES.adult;
  if (age >= 60) bits |= AUDIENCES.senior;
  return bits;
}

/** "high school teacher, want to move into UX", "mom of two kids": the writer, not the audience. */
const WRITER =
  /\b(?:(?:high|middle|elementary|primary|secondary|grade) school (?:teacher|principal|counsel(?:l)?or|administrator|admin|librarian)s?|(?:kindergarten|preschool|pediatric|paediatric) (?:teacher|nurse)s?|(?:mom|mum|dad|mother|father|parent)s? of (?:a |an |one |two |three |four |\d )?(?:\d+yo |young )?(?:kids?|children|toddlers?|teens?|teenagers?|boys?|girls?))\b/g;

/** Everything `audienceOf` reads a note with: part of the features' version, as stored notes keep it. */
export const AUDIENCE_RULES = [
  ...cues.map(([a, re]) => `${a} ${re.source}`),
  AGE.source,
  AGE_RANGE.source,
  WRITER.source,
].join('\n');

/** The audiences a note names, as bits of AUDIENCES; 0 when it names none. */
export function audienceOf(text: string): number {
  const t = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/\s+/g, ' ')
    // The writer's own job or family says nothing of whom the help is for.
    .replace(WRITER, ' ');
  let bits = 0;
  for (const [a, re] of cues) if (re.test(t)) bits |= AUDIENCES[a];
  for (const m of t.matchAll(AGE_RANGE)) {
    const lo = Number(m[1] ?? m[3]);
    const hi = Number(m[2] ?? m[4]);
    if (!(lo <= hi)) continue;
    // Every group the range overlaps ("ages 4-99" is adults too).
    if (lo <= 12) bits |= AUDIENCES.child;
    if (lo <= 19 && hi >= 11) bits |= AUDIENCES.teen;
    if (lo <= 64 && hi >= 17) bits |= AUDIENCES.adult;
    if (hi >= 60) bits |= AUDIENCES.senior;
  }
  for (const m of t.matchAll(AGE)) {
    const decade = m[4];
    bits |= ageGroups(decade !== undefined ? Number(decade) * 10 : Number(m[1] ?? m[2] ?? m[3]));
  }
  return bits;
}

/** The factor for a pair whose notes name audiences that do not meet (place-table.ts's OTHER_PLACE). */
export const OTHER_AUDIENCE = 0.3;

/**
 * The judgement rule for audiences, as a factor in [0, 1]: 1 when either note names none or they
 * share one; OTHER_AUDIENCE when both name audiences and none is shared ("kids ages 3–10" for an
 * adult learner, "teen squads only" for a 70-year-old).
 */
export function audienceFactor(need: number, offer: number): number {
  if (need === 0 || offer === 0) return 1;
  return (need & offer) !== 0 ? 1 : OTHER_AUDIENCE;
}
