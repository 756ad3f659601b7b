/**
 * Small word lists for reading the short texts people type as needs, offers, promises and
 * event lines. English only: the texts Tend reads are mostly English, and a text these lists
 * do not recognise still reads correctly as a noun phrase ("you're looking for …").
 */

const set = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter((w) => w !== ''));

/** Verbs in their base form, for "need a …", "review my deck", "works at N26" → "work". */
export const verbs = set(`
  need want work run build lead manage teach write own sell make help organise organize do go live
  study plan love invest advise coach design develop found hire look seek search start launch raise
  consult create host know like try find meet get learn move open understand improve fix grow reach
  connect speak talk set send share introduce call email review check read ask forward follow give
  put bring book schedule draft prepare update reply return pay buy rent lend post recommend refer
  mention sign proofread edit test come visit show tell let offer provide support mentor train
  expand scale recruit interview pitch apply switch change explore finish translate research
  analyse analyze audit optimise optimize tune deploy migrate cover handle keep think see hear pass
  ping text message invite drop dig pull answer explain walk take sort figure wrap close sponsor
  fund back partner join present publish promote market price negotiate relocate speak photograph
  shoot film record produce play cook clean repair install configure automate secure protect
  collaborate partner contribute volunteer sponsor mentor speak travel return leave retire quit
  transition pivot specialise specialize focus serve lend loan check catch collect deliver ship`);

/** Verbs that are clearly verbs at the start of a need ("find investors"). */
export const strongVerbs = set(`
  find meet hire raise get learn build move sell launch start open understand improve fix grow reach
  connect speak talk buy rent finish write translate migrate relocate expand scale recruit introduce
  send share call email forward bring book schedule prepare reply return pay lend recommend refer
  ping invite explain sort figure wrap introduce ask visit tell let give make put proofread`);

/** Verbs that are as often nouns at the start of a text ("design help", "review of my deck"). */
export const nounyVerbs = set(`
  help design review support plan test call update market price fund back partner present host coach
  mentor train work lead check share offer show draft edit cover run set sponsor research audit
  email text message post record film shoot play cook clean repair return pitch interview change
  switch focus project`);

/** Words after which a verb is a verb: "review my deck", "hire two engineers". */
export const objectStarts = set(`
  a an the my our your his her their its some any this that these those someone somebody people me
  us him them it up out back over more new two three four five few several one another every each`);

export const irregularThird: Readonly<Record<string, string>> = {
  is: 'are',
  has: 'have',
  does: 'do',
  goes: 'go',
  was: 'were',
  "isn't": "aren't",
  "wasn't": "weren't",
  "hasn't": "haven't",
  "doesn't": "don't",
};

/** -ing words that are nouns ("marketing help"), not a verb in progress ("hiring two …"). */
export const ingNouns = set(`
  marketing funding hosting pricing branding training consulting accounting engineering onboarding
  mentoring coaching networking advertising printing housing catering bookkeeping clothing thing
  things something anything nothing everything morning evening meeting meetings wedding ceiling
  spring string king ring sibling siblings wording parking shipping banking lending tooling
  copywriting ghostwriting storytelling tutoring fundraising offering offerings buildings
  painting paintings listing listings opening openings posting postings setting settings`);

/** Nouns that follow an -ing word and make it an adjective: "hiring advice", "pricing help". */
export const nounAfterIng = set(`
  advice help support tips feedback strategy process plan plans tool tools platform partner partners
  services service agency budget experience skills course class workshop team software system expert
  experts person people firm company job jobs role roles question questions contacts lead leads
  manager consultant coach review`);

/** Words naming a person's role: "an experienced data engineer", "a Postgres consultant". */
export const roles = set(`
  engineer developer designer consultant lawyer attorney investor founder cofounder co-founder
  expert manager recruiter accountant coach mentor advisor adviser writer copywriter editor
  translator analyst scientist researcher architect marketer specialist freelancer contractor
  agency partner cto ceo cfo coo cmo cpo vp pm photographer teacher tutor doctor nurse therapist
  banker broker head director owner intern student graduate speaker organiser organizer operator
  salesperson seller buyer builder programmer dev sre dba strategist producer artist musician chef
  journalist reporter professor lecturer trainer facilitator volunteer candidate hire mathematician
  statistician economist entrepreneur executive officer practitioner professional veteran lead
  generalist technologist illustrator animator videographer notary auditor actuary underwriter`);

/** Nouns without an article: "advice on pricing", "office space in Berlin". */
export const massNouns = set(`
  help advice feedback funding money capital investment support information guidance work time
  space input insight mentorship coaching expertise experience knowledge research data software
  hardware equipment furniture housing accommodation traffic exposure visibility press coverage
  content legal tax accounting marketing hiring recruitment talent staff childcare transport
  inspiration encouragement infrastructure compute storage hosting paperwork translation
  proofreading editing design feedback know-how cash revenue business income pipeline work
  sponsorship representation advertising publicity insurance equity`);

/** Prepositions and the like that end a noun phrase's head: "expert *for* …". */
export const headEnds = set(`
  for in on to with at from of about near who that which whose whom and or but by as into like
  via around across before after during until than looking based open available interested
  keen able willing ready happy wanting seeking offering able`);

/** Determiners: a noun phrase that starts with one takes no article. */
export const determiners = set(`
  a an the my our your his her their its some any this that these those no every each another
  someone somebody anyone anybody people two three four five six seven eight nine ten few
  several many more most much one`);

/** Words that start a sentence capitalised but read lower-case inside one. */
export const common = new Set([
  ...verbs,
  ...roles,
  ...massNouns,
  ...determiners,
  ...objectStarts,
  ...set(`
  i you he she it we they me him her us them my your his our their mine yours ours theirs also just
  really still now currently urgently already new experienced senior junior seed early late
  first second next last small big large good great quick short long full part intro intros
  introduction introductions someone somebody anyone anything something everyone help looking
  need needs want wants would could can will should might must may maybe ideally please hoping
  office remote local international introduce recommendations recommendation referrals
  referral contacts contact clients client customers customer users user investors investor
  people folks friends friend feedback thoughts ideas ideally warm cold free paid angel website web
  app brand logo slot slots role job jobs partner partners speaker talk talks room desk seat ticket
  tickets spot spots place home flat apartment car van bike loan grant grants budget team hire
  review reviews audit deck pitch plan strategy roadmap launch event events workshop course book
  podcast newsletter blog article post video`),
]);

/** Adverbs that may stand between a subject and its verb: "Priya also needs". */
export const adverbs = set(
  `also just really still now currently urgently badly desperately already never always often soon`,
);
