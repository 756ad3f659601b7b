/**
 * The words that put a note on a side of an exchange (engine/stance.ts reads them): a cue per side,
 * written from knowledge of how people ask and offer, never from evaluation data, and tested both
 * ways in test/matching/stance.test.ts. Every regular expression here is part of the features'
 * version (STANCE_RULES), so a change re-encodes stored notes once.
 *
 * A rule reads a lower-cased note with its spaces collapsed and typographic apostrophes made plain.
 * Keep each one linear in the note's length: no look-behind of unbounded length (a rule that must
 * see the note's start reads forward from `^`), and no nested quantifiers over the same characters.
 */
import type { Side } from '../engine/stance.js';

const W = String.raw`[\w'’&.-]+`;
/**
 * What a provider looks for: clients, guests, co-investors… ("still looking for a couple more
 * clients" is a bookkeeper with room, not a peer with the same need).
 */
const CLIENTELE = String.raw`(?:(?:new|more|other|good|a few|a couple|a couple of|some|the right)\s+)*(?:clients?|customers?|guests?|students?|speakers?|presenters?|members?|co-?investors?|investments?|projects?|work|gigs?|deals?|founders?|startups?|companies|partners?|collaborators?|talent|mentees?|volunteers?|hires?|referrals?|opportunities|people to)\b`;
/** Up to three words between a verb and its object ("looking for my next PM role"). */
const gap = (n = 3): string => String.raw`(?:${W}\s+){0,${n}}`;

/**
 * Cues, each with the side it puts a note on. A note may show several sides (an investor who is
 * also hiring); `stanceOf` keeps them all. Tested both ways in test/matching/stance.test.ts.
 */
export const CUES: readonly [Side, RegExp][] = [
  // The job seeker's question: "anyone hiring?", "who's hiring in Lyon" (not "I know who's hiring").
  ['jobSeeker', /\b(?:anyone|anybody|who'?s|who is|who are)\s+(?:is\s+|are\s+)?hiring\b/],
  [
    'jobSeeker',
    new RegExp(
      String.raw`\b(?:looking for|seeking|searching for|hunting for|wants?|needs?|find)\s+(?:a\s+|an\s+|my\s+|our\s+|his\s+|her\s+|their\s+)?${gap(3)}(?:job|jobs|role|roles|position|positions|gig|employment|internship)\b(?![-\s]+(?:descriptions?|ads?|posts?|postings?|boards?|titles?|specs?|interviews?|market|play|models?|offers?)\b)`,
    ),
  ],
  [
    'jobSeeker',
    /\b(?:job[- ]?hunting|job[- ]?seeking|job search|open to (?:new )?(?:roles|opportunities|offers|work)|laid off|between jobs|available for (?:hire|work)|looking for work)\b/,
  ],
  // The same in Spanish, Portuguese, French, German and Italian ("busco trabajo", "suche eine Stelle").
  [
    'jobSeeker',
    /(?<![\p{L}])(?:busco|buscando|buscamos|busca|en b[uú]squeda de|procuro|procurando|cerco|cercando|in cerca di|je cherche|cherche|à la recherche d['’]un|a la recherche d['’]un|suche|suchen|auf der suche nach)\s+(?:un\s+|una\s+|um\s+|uma\s+|du\s+|eine?n?\s+|neue[nr]?\s+|nuevo\s+|novo\s+|nuovo\s+)?(?:trabajo|empleo|emprego|trabalho|lavoro|impiego|emploi|travail|poste|job|arbeit|stelle|anstellung)(?![\p{L}])/u,
  ],
  [
    'jobSeeker',
    /\b(?:auf jobsuche|auf stellensuche|en recherche d['’]emploi|desempregad[oa]|desemplead[oa]|disoccupat[oa])\b/,
  ],
  [
    'employer',
    new RegExp(
      String.raw`\b(?:(?:(?:we|i)(?:'re|’re| are| am|'m|’m)\s+(?:also\s+|now\s+|still\s+)?hiring|is hiring|are hiring|^hiring|[.,;:!]\s*hiring)(?!\s+(?:manager|managers|process|pipeline|plan|plans|freeze|committee)\b)|we have an?\s+${gap(2)}(?:role|opening|position|vacancy)|open (?:role|roles|position|positions|headcount))\b`,
    ),
  ],
  [
    'raising',
    new RegExp(
      String.raw`\b(?:(?:we|i)(?:'re|’re| are| am|'m|’m)\s+raising|raising\s+(?:a\s+|our\s+|my\s+)?(?:(?:\$|€|£)\d|\d[\d.,]*\s*(?:k|m|mm|million|bn|billion)\b)|raising\s+(?:a\s+|our\s+|my\s+)?(?:pre-?seed|seed|series|bridge|round|money|capital|funds)|looking for\s+${gap(2)}(?:investors?|funding|backers|donors|angels?)\b|needs?\s+(?:funding|investment|capital)\b(?!\s+(?:advice|tips|strategy|strategies|help))|(?:funding|grants?) for (?:our|my)\b|\bneeds?\s+(?:a\s+|an\s+|our\s+)?(?:bridge|seed|pre-?seed|series [a-d]|extension)\s+(?:round|loan|note)\b|(?:need|needs|want|wants|looking for|seeking)\s+(?:some\s+|warm\s+|more\s+)*intros?\s+to\s+${gap(2)}(?:investors?|angels?|vcs?|lps?)\b)`,
    ),
  ],
  [
    'investing',
    /\b(?:i invest|we invest|i'?m an? (?:angel|investor)|i am an? (?:angel|investor)|angel investor|happy to invest|(?:write|writing|do)\s+(?:small\s+|first\s+)?(?:cheques|checks|tickets))\b/,
  ],
  [
    'selling',
    /\b(?:we sell|i sell|selling (?:our|my|his|her|their)|(?:he|she|they)(?:'s|’s| is| are) selling|for sale|looking for (?:a\s+)?buyers?|(?:a\s+)?buyer for (?:our|my)|shops? to stock|stockists|retailers to (?:stock|carry))\b|\b(?:trying|looking|want|wants|hoping|need|needs) to sell (?:my|our|his|her|a|an|the)\b(?!\s+(?:idea|vision|product to|service to)\b)/,
  ],
  [
    'buying',
    /\b(?:we buy|i buy|(?:looking|trying|want|wants|hoping|aiming) to (?:buy|acquire|purchase)|we(?:'re| are) buying|shopping (?:around )?for)\b/,
  ],
  [
    'letting',
    new RegExp(
      String.raw`\b(?:for rent|(?:room|flat|apartment|house|studio|space|office|desk)s? to let|renting out|looking for (?:a\s+)?${gap(2)}(?:tenant|tenants|lodger|lodgers|flatmate|roommate|subletter)|(?:a\s+)?(?:tenant|tenants|lodger|flatmate|roommate) for (?:my|our)|landlord with|(?:i'?m|i am) a landlord|own (?:\d+|a few|several|two|three) (?:rental|rentals|rental units|rental properties|flats|apartments))\b`,
    ),
  ],
  [
    'renting',
    new RegExp(
      String.raw`\b(?:looking for|searching for|hunting for|needs?)\s+(?:a\s+|an\s+)?${gap(2)}(?:room|flat|apartment|studio|sublet|house to rent|place to (?:live|stay))\b(?!\s+(?:photographers?|painted|painters?|cleaned|cleaners?|cleaning|designers?|sessions?|time|musicians?|to buy)\b)`,
    ),
  ],
  [
    'learning',
    new RegExp(
      String.raw`\b(?:(?:want|wants|wanting|trying|hoping) to learn|teach me|(?:looking for|needs?|wants?|find)\s+(?:a\s+|an\s+)?${gap(2)}(?:tutor|teacher|instructor|lessons|classes|course|mentor|mentors)\b|(?:tutor|tutoring|teacher|lessons|classes|mentor) for (?:my|our|me)\b|(?:eager|keen|hoping|want|wants|looking) to be (?:mentored|coached|taught)\b|(?:looking for|seeking|searching for|need|needs)\s+(?:a\s+|some\s+)?mentorship\b)`,
    ),
  ],
  // A learner: "learning Japanese, passed N5", "just started learning Spanish", "halfway through a
  // CKA prep course" (not machine learning, learning and development, learning differences…).
  // Counted only in a note's first clause: "data scientist, …; currently learning Japanese" is a
  // data scientist.
  [
    'novice',
    new RegExp(
      // No clause ends before the cue (a mark of punctuation followed by a space): read forward from
      // the note's start, once, rather than looking back from every position (quadratic in a long
      // note); the cue is the `cue` group, so the words before it are still read (stance.ts).
      String.raw`^(?:[^,;:.!?()—–-]|[,;:.!?()—–-](?!\s))*?(?<cue>(?:^|\b(?:i'?m|i am|we'?re|we are|currently|just|still|been|started|starting|slowly|now|recently)\s+)(?:started\s+|starting\s+)?learning\s+(?!and\b|&|management\b|platforms?\b|disabilit|differences?\b|curves?\b|experiences?\b|design\b|science\b|paths?\b|outcomes?\b|programs?\b|tools?\b|from\b|a lot\b|the hard way\b|as\b|on the job\b|along\b|by doing\b|support\b|specialists?\b|designers?\b|coach|consultants?\b|technologists?\b|through\b|sciences?\b|difficult|officers?\b|leads?\b|partners?\b)|\b(?:studying for|prepping for|preparing for)\s+(?:the\s+|my\s+|an?\s+)?${gap(4)}(?:exam|exams|certification|cert|test)\b|\b(?:halfway|midway|partway) through\s+(?:a|an|the|my)\s+${gap(2)}(?:course|bootcamp|program|programme|class|certification)\b|\b(?:complete|total|absolute)\s+(?:beginner|newbie|novice)\b|\bteaching myself\b)`,
    ),
  ],
  [
    'expert',
    new RegExp(
      String.raw`(?:(?<=^(?:an?\s+|the\s+)?(?:[\w'-]+\s+){0,2})(?=[^,.;!?]{0,60}\b(?:to|for|who|that|asap|needed|wanted)\b)|(?<=\b(?:need|needs|needed|looking for|seeking|searching for|want|wants|hire|hiring|find|recommend|recommendations? for)\b[^.;!?]{0,60}))(?:\b(?:senior|experienced|seasoned|veteran|expert|chartered|certified|licensed|qualified|accredited|board[- ]certified)\b(?!\s+(?:citizens?|living|care|homes?|cent(?:er|re)s?|dogs?|cats?|pets?|discounts?|housing|residents?|parents?|mom|mum|dad|year|moment|moments|witness|leads?|candidates?|applicants?)\b)|\bwho(?:'s| has| have|'ve| had)\s+(?:actually\s+|already\s+|successfully\s+|personally\s+)?(?:done|scaled|built|led|run|grown|exited|sold|raised|been through|taken|shipped|managed|worked (?:at|in|with))\b|\b\d+\+?\s*(?:years|yrs)(?:\s+of)?\s+(?:experience|exp)\b|\b(?:proven|strong) track record\b|\bsomeone who knows what they'?re doing\b)`,
    ),
  ],
  // A beginner in the trade, as a note opens ("junior designer", "first year accounting student",
  // "recent grad"), or wherever it says so ("just finished a bootcamp", "to build my portfolio").
  [
    'junior',
    new RegExp(
      String.raw`^(?:hi[,!.]?\s+|hello[,!.]?\s+)?(?:i'?m\s+|i am\s+|im\s+)?(?:an?\s+)?(?:(?!(?:anyone|anybody|hiring|hire|need|needs|seeking|looking|want|wants|for|with|helping|help|helps|teach|teaching|mentor|mentoring|coach|coaching|training|train|support|supporting|tutor|tutoring|welcome|welcoming)\b|[\w'’&.-]+ing\b)${W}\s+){0,2}(?:junior(?! high\b)|jr\.?|entry[- ]level|aspiring|trainee|apprentice|intern|student|undergrad|first[- ]time|(?:first|second|third|final|1st|2nd|3rd)[- ]year|recent grad(?:uate)?|new grad|fresh grad(?:uate)?|bootcamp grad(?:uate)?)\b(?!\s+(?:visas?|loans?|housing|accommodation|affairs|success|services|support|union|athletes?|debt|finance|aid|recruit\w*|mental|homebuyers|buyers|founders|managers|parents|welcome|friendly)\b)|\bjust (?:finished|graduated from|completed|done)\s+(?:a\s+|an\s+|my\s+|the\s+)?${gap(2)}(?:bootcamp|course|degree|certificate|certification|program|programme|diploma)\b|\b(?:to\s+)?build(?:ing)? (?:up\s+)?(?:my|a|our) portfolio\b|\b(?:free\s+)?practi[cs]e (?:shoots|sessions|projects|clients)\b|^(?:i'?m\s+|i am\s+|im\s+)?(?:an?\s+)?(?:hobby|hobbyist|amateur)\s+|\blooking for (?:my\s+|a\s+|an\s+)?first\s+${gap(1)}(?:clients?|projects?|gigs?|role|job|customers?)\b|\bhappy to practi[cs]e\b|\bjust (?:got|bought) my first\b|\b(?:any|a|some)\s+(?:gigs?|projects?|work|jobs?|clients?)\s+to\s+(?:practi[cs]e|learn|gain experience|get experience)\b|\bto (?:gain|get) (?:some\s+)?(?:real\s+)?experience\b|\b(?:no|little|zero) (?:real\s+|professional\s+|paid\s+|work\s+)?experience\b(?!\s+(?:needed|required|necessary))`,
    ),
  ],
  [
    'peers',
    /\b(?:language exchange|tandem partner|conversation partner|practice partner|practise partner|study buddy|study partner|study group|learning buddy|accountability (?:buddy|partner)|someone to (?:practi[cs]e|study|learn) with|people to (?:practi[cs]e|study|learn) with)\b/,
  ],
  [
    'seeking',
    new RegExp(
      [
        String.raw`\b(?:also|too|as well|still)\s+(?:\w+ly\s+)?(?:looking|searching|hunting)\b(?!\s+(?:for\s+)?${CLIENTELE})`,
        String.raw`\b(?:also|too|as well|still)\s+(?:\w+ly\s+)?(?:struggling|stuck|trying to (?:find|figure)|waiting (?:on|for))\b`,
        String.raw`\bsame boat\b`,
        String.raw`(?:^|[,;.!?]\s*|\b(?:i|we)\s+)(?:also|still|too)\s+(?:\w+ly\s+)?needs?\b(?!\s+(?:for\s+)?${CLIENTELE})`,
        // "I'm in debt myself, looking for advice": the writer has the problem too.
        String.raw`\bmyself\b[,;]?\s+(?:and\s+)?(?:\w+\s+){0,2}(?:looking|searching|trying to (?:find|figure))\b`,
        String.raw`(?:^|[,;.!?]\s*|\b(?:we'?re|we are|i'?m|i am|also|currently|now)\s+)(?:raising|hiring|selling|buying|job[- ]hunting)\s+(?:(?:our|my|a|an)\s+${gap(2)})?(?:too|as well)\b`,
        String.raw`\b(?:also|too|as well)\s+(?:\w+ly\s+)?(?:raising|shopping around|trying to (?:raise|sell|buy|hire|get))\b`,
        // "también buscando", "busca también", "cherche aussi", "suche auch", "cerco anche"
        String.raw`(?:(?:tambi[eé]n|tamb[eé]m|aussi|auch|anche)\s+(?:\p{L}+\s+){0,2}?(?:busc(?:o|a|amos|an|ando)|procur(?:o|a|amos|ando)|cherch(?:e|es|ons|ent|ant)|such(?:e|en|t)|cerc(?:o|hiamo|ando|ano)|necesit(?:o|a|amos|an|ando)|precis(?:o|a|amos|ando))|(?:busc(?:o|a|amos|an|ando)|procur(?:o|a|amos|ando)|cherch(?:e|es|ons|ent|ant)|such(?:e|en|t)|cerc(?:o|hiamo|ando|ano)|necesit(?:o|a|amos|an|ando)|precis(?:o|a|amos|ando))\s+(?:tambi[eé]n|tamb[eé]m|aussi|auch|anche)(?![\p{L}]))(?![^.;!?]{0,30}\b(?:clientes|clients|kunden|clienti|alumnos|eleves|élèves|schüler|schueler|azubis|mitarbeiter|talentos?|socios|inversores|investisseurs|investoren|partners?|pacientes|patients)\b)`,
        String.raw`\b(?:looking|searching|hunting)(?!\s+(?:for\s+|in\s+)?${CLIENTELE})\s+(?:for\s+|in\s+)?${gap(4)}(?:too|as well)\b`,
        String.raw`\bfiguring (?:it|this|things) out (?:as (?:we|i) go|ourselves|myself)\b`,
        String.raw`\b(?:got|getting|had)\s+(?:[\w'’-]+\s+){0,3}(?:suspended|rejected|banned|frozen|flagged|hacked|denied|sued|audited|ghosted|locked out|shut down|delisted|an rfe)\b[^.;!?]{0,40}\b(?:too|as well)\b`,
        String.raw`\b(?:going through|dealing with|stuck (?:on|with)|facing)\s+${gap(6)}(?:too|as well)\b`,
      ].join('|'),
      'u',
    ),
  ],
  [
    'againstLandlord',
    /\b(?:(?:my|our|the) landlord (?:won'?t|will not|refuses|is refusing|kept|is keeping|keeps|didn'?t|did not|hasn'?t|has not|is trying to|wants to evict|is evicting|raised|is raising|ignores|is ignoring)|landlord won'?t|landlord kept|landlord is keeping|evicting (?:me|us)|eviction notice|(?:get|getting) (?:my|our) (?:security )?deposit back|tenants? rights|tenant lawyer|tenant attorney)\b/,
  ],
  [
    'againstEmployer',
    /\b(?:(?:my|our|her|his) (?:employer|boss|manager|former employer|ex-employer) (?:won'?t|will not|refuses|is refusing|fired|didn'?t|did not|hasn'?t|has not|owes|is not paying|isn'?t paying|stopped paying|cut my)|(?:fired|let go|laid off) (?:me|her|him) (?:for|after|because|while|without)|\b(?:i was|i got|i've been|i have been|i'?m being|she was|he was)\s+(?:(?:fired|dismissed|terminated|demoted)\s+(?:for|after|because|while|without|right after|days after|weeks after)|let go\s+(?:for|because|while|without))\b|wrongful(?:ly)? (?:termination|dismissal|terminated|dismissed)|unfair(?:ly)? dismiss(?:al|ed)|unpaid (?:wages|overtime)|owed (?:wages|overtime))\b/,
  ],
  [
    'againstInsurer',
    /\b(?:(?:my|our|the)\s+)?(?:insurance|insurer|insurance company|insurance carrier)\s+(?:denied|rejected|refused|won'?t pay|will not pay|is refusing|refuses|lowballed|underpaid|is dragging)\b|\b(?:insurance|flood|fire|storm|water damage|home|house|car|auto|health|dental|disability|life|hail|theft)\s+claims?\s+(?:was|were|got|has been|have been)\s+(?:denied|rejected|refused)\b|\bdenied (?:my|our|the) (?:insurance|flood|fire|storm|water damage|home|house|car|auto|health|dental|disability|life|hail|theft) claim\b|\bfight (?:the|my|our) (?:insurer|insurance company)\b/,
  ],
  [
    'forEmployers',
    /\b(?:represent(?:s|ing)?|defend(?:s|ing)?|acting for|act for|on behalf of)\s+(?:only\s+)?(?:employers|management|companies against)\b(?![^.;]{0,40}\b(?:employees|workers|staff|unions)\b)|\b(?:management|employer)[- ]side\b|\bemployment defen[cs]e\b/,
  ],
  [
    'forLandlords',
    /\b(?:represent(?:s|ing)?|acting for|act for|on behalf of)\s+(?:only\s+)?landlords\b(?![^.;]{0,40}\btenants\b)|\blandlord[- ]side\b|\bevictions? for landlords\b/,
  ],
  [
    'forInsurers',
    /\b(?:adjuster|adjusters|investigator|lawyer|attorney|counsel|work|working|i work)\s+(?:for|at)\s+(?:an?\s+|the\s+|one of the\s+)?(?:(?:major|big|large|national|top)\s+)?(?:[\w-]+\s+)?(?:insurer|insurers|insurance company|insurance companies|insurance carrier|carriers)\b|\binsurer'?s behalf\b|\bon behalf of (?:the\s+)?(?:insurers?|carriers?|insurance companies|insurance carriers)\b|\bstaff adjuster\b|\binsurance defen[cs]e\b/,
  ],
  [
    'wantsTechCofounder',
    /\b(?:looking for|seeking|searching for|need|needs|want|find|finding)\s+(?:a\s+|an\s+|my\s+)?(?:technical|tech|cto|engineering|developer|dev)[- ]?(?:co-?founder|cofounder|founding partner)\b(?!\s+(?:role|roles|position|positions|opportunit\w*|job|jobs))/,
  ],
  [
    'wantsBizCofounder',
    /\b(?:looking for|seeking|searching for|need|needs|want|find|finding)\s+(?:a\s+|an\s+|my\s+)?(?:business|non-?technical|commercial|sales|ceo|go-to-market|gtm)[- ]?(?:co-?founder|cofounder|founding partner)\b(?!\s+(?:role|roles|position|positions|opportunit\w*|job|jobs))/,
  ],
  [
    'teaching',
    /\b(?:i teach|we teach|i tutor|i mentor|happy to mentor|i give (?:\w+ )?lessons|i run (?:\w+ )?(?:classes|workshops|courses))\b/,
  ],
];

/**
 * A cue right after a third party is about them, not the writer: "I coach people looking for their
 * next role" helps job seekers and is not one; "founders raising a seed round" are the clients.
 */
export const ABOUT_OTHERS =
  /\b(?:people|persons|folks|founders|clients|customers|those|candidates|students|grads|graduates|others|friends|engineers|developers|devs|designers|teams|companies|startups|women|men|parents|families|newcomers|immigrants|veterans|members|anyone|someone|kids|children|teens|teenagers|youth|juniors|beginners|learners|mentees|searchers|buyers|sellers|owners|homeowners|landlords|tenants|brands|makers|businesses|creators|artists|shops|retailers|nurses|managers|applicants|professionals|workers|employees|patients)\s+(?:who\s+(?:are\s+|is\s+)?|that\s+(?:are\s+)?|are\s+|is\s+)?$|\b(?:a quien|quien|quienes|qui|quem|chi|wer|personas que|personnes qui|gente que|pessoas que|persone che)\s+$/;

/**
 * A cue after "I know", "intro you to", "connect you with" is what the writer can reach, not do;
 * one after "if you" or "your" is the reader's ("if you need a bridge round, I build the model").
 */
export const CONNECTOR =
  /\b(?:know|knows|knew|tell you|intro(?:duce)?(?: you)? to|connect(?: you)? (?:with|to)|point you to)\b[^.!?;]{0,20}$|\b(?:if|when|whether|in case)\s+(?:you|your)\b[^.!?;]{0,30}$|\byour\s+(?:[\w'-]+\s+){0,2}$/;

/**
 * A question to others ("anyone know a good window cleaner??", "any recommendations?"): a peer who
 * asks, unless the note also offers something ("anyone have a slow Shopify store? I do audits").
 */
export const QUESTION =
  /\b(?:anyone|anybody)\s+(?:here\s+)?(?:know|knows|recommend|got|have)\b|\b(?:any|need|needs|looking for|would love|would appreciate|appreciate)\s+(?:good\s+|some\s+)?(?:recommendations?|recs)\b/;
/** What a provider says of the help they give. */
export const PROVIDER =
  /\b(?:i|we)\s+(?:\w+ly\s+)?(?:do|offer|help|provide|run|build|design|teach|fix|make|write|can|coach|advise|clean|repair|install|sell|give)\b|\bhappy to\b|\bavailable (?:for|to)\b|\b(?:my|our) services\b/;
