/**
 * Needs and offers as people type them: short free text composed from frames and the words of
 * many kinds of help, with enough variation that the texts are not a handful of repeats.
 */
import type { Rng } from './prng.js';
import { places } from './vocab.js';

export interface HelpKind {
  name: string;
  /** What someone needs ("a seed investor"). */
  needs: readonly string[];
  /** What someone can give ("angel investing in early-stage payments"). */
  offers: readonly string[];
  /** Short topics, also used in notes ("fundraising"). */
  topics: readonly string[];
}

export const helpKinds: readonly HelpKind[] = [
  {
    name: 'fundraising',
    needs: [
      'a seed investor',
      'angel investors',
      'a lead for our Series A',
      'feedback on our pitch deck',
      'intros to climate VCs',
      'a bridge round',
      'pre-seed funding',
    ],
    offers: [
      'angel investing in early-stage startups',
      'intros to seed funds',
      'pitch deck reviews',
      'fundraising advice for first-time founders',
      'a warm intro to my VC network',
    ],
    topics: ['fundraising', 'venture capital', 'pitch decks', 'cap tables'],
  },
  {
    name: 'hiring',
    needs: [
      'a senior backend engineer',
      'a data engineer',
      'a head of sales',
      'a first product designer',
      'two React developers',
      'a technical recruiter',
      'a part-time CFO',
    ],
    offers: [
      'intros to strong engineers looking for a move',
      'recruiting advice for small teams',
      'a shortlist of freelance developers',
      'help writing job descriptions',
      'access to a talent community',
    ],
    topics: ['hiring', 'recruiting', 'interviewing', 'employer branding'],
  },
  {
    name: 'legal',
    needs: [
      'a startup lawyer',
      'help reviewing a SaaS contract',
      'advice on GDPR compliance',
      'a trademark attorney',
      'an employment lawyer',
      'a term sheet review',
    ],
    offers: [
      'contract reviews for startups',
      'GDPR and privacy advice',
      'intros to good startup lawyers',
      'help with trademark filings',
      'employment law guidance',
    ],
    topics: ['contracts', 'GDPR', 'intellectual property', 'employment law'],
  },
  {
    name: 'design',
    needs: [
      'a brand designer',
      'a UX review of our onboarding',
      'a logo refresh',
      'a freelance illustrator',
      'help with our design system',
    ],
    offers: [
      'UX reviews of onboarding flows',
      'brand identity work',
      'design system consulting',
      'portfolio feedback for designers',
      'Figma workshops',
    ],
    topics: ['UX design', 'branding', 'design systems', 'user research'],
  },
  {
    name: 'data',
    needs: [
      'a Postgres expert',
      'help tuning slow SQL queries',
      'a data engineer for a dbt migration',
      'advice on a data warehouse',
      'a freelance data analyst',
      'someone to review our analytics setup',
    ],
    offers: [
      'SQL and Postgres performance tuning',
      'dbt and analytics engineering help',
      'data warehouse architecture reviews',
      'intros to data engineers',
      'dashboards in Metabase or Looker',
    ],
    topics: ['data engineering', 'SQL', 'analytics', 'data warehouses'],
  },
  {
    name: 'sales',
    needs: [
      'intros to enterprise buyers',
      'a B2B sales coach',
      'first customers in retail',
      'advice on pricing our product',
      'a reseller partner',
      'pilot customers in insurance',
    ],
    offers: [
      'B2B sales coaching',
      'intros to procurement teams',
      'pricing workshops',
      'feedback on sales decks',
      'a network of retail buyers',
    ],
    topics: ['B2B sales', 'pricing', 'enterprise deals', 'partnerships'],
  },
  {
    name: 'marketing',
    needs: [
      'a growth marketer',
      'help with SEO',
      'a content writer for our blog',
      'podcast guests',
      'a launch plan for Product Hunt',
      'a PR agency',
    ],
    offers: [
      'SEO audits',
      'content strategy sessions',
      'a slot on my podcast',
      'intros to tech journalists',
      'growth experiments for B2C apps',
    ],
    topics: ['growth marketing', 'SEO', 'content', 'PR'],
  },
  {
    name: 'engineering',
    needs: [
      'a code review of our Node backend',
      'help scaling Kubernetes',
      'a mobile developer',
      'advice on migrating to the cloud',
      'a security audit',
      'an SRE for on-call',
    ],
    offers: [
      'architecture reviews',
      'Kubernetes and cloud migration advice',
      'security reviews for web apps',
      'mentoring junior developers',
      'TypeScript and Node consulting',
    ],
    topics: ['software architecture', 'cloud infrastructure', 'security', 'DevOps'],
  },
  {
    name: 'product',
    needs: [
      'a product mentor',
      'feedback on our roadmap',
      'beta testers for a budgeting app',
      'user interviews with nurses',
      'a fractional head of product',
    ],
    offers: [
      'product strategy sessions',
      'roadmap reviews',
      'access to a beta tester community',
      'help running user interviews',
      'product management mentoring',
    ],
    topics: ['product management', 'roadmaps', 'user interviews'],
  },
  {
    name: 'finance',
    needs: [
      'a tax accountant for freelancers',
      'help with bookkeeping',
      'a financial model review',
      'advice on R&D tax credits',
      'a bank that works with startups',
    ],
    offers: [
      'tax advice for freelancers',
      'financial model reviews',
      'bookkeeping setup help',
      'intros to startup-friendly banks',
      'R&D tax credit claims',
    ],
    topics: ['accounting', 'taxes', 'financial modelling'],
  },
  {
    name: 'people',
    needs: [
      'an HR consultant',
      'help setting up an employee stock option plan',
      'advice on remote onboarding',
      'a leadership coach',
      'a salary benchmark',
    ],
    offers: [
      'leadership coaching',
      'HR policies for small teams',
      'ESOP design advice',
      'remote team onboarding playbooks',
      'salary benchmarking data',
    ],
    topics: ['HR', 'leadership', 'remote work', 'team culture'],
  },
  {
    name: 'operations',
    needs: [
      'a contract manufacturer',
      'a logistics partner',
      'suppliers of recycled packaging',
      'a warehouse near Rotterdam',
      'help with customs paperwork',
    ],
    offers: [
      'supply chain consulting',
      'intros to contract manufacturers',
      'logistics and customs know-how',
      'sourcing sustainable packaging',
      'operations playbooks',
    ],
    topics: ['supply chain', 'logistics', 'manufacturing'],
  },
  {
    name: 'career',
    needs: [
      'a new job in product',
      'a mentor for moving into data science',
      'a referral at a climate company',
      'feedback on my CV',
      'advice on going freelance',
    ],
    offers: [
      'CV and LinkedIn reviews',
      'career mentoring for career changers',
      'referrals at my company',
      'mock interviews',
      'advice on going freelance',
    ],
    topics: ['careers', 'job search', 'mentoring', 'freelancing'],
  },
  {
    name: 'office',
    needs: [
      'office space for 10 people',
      'a desk in a co-working space',
      'a venue for a meetup',
      'a flat for three months',
    ],
    offers: [
      'spare desks in our office',
      'a free venue for community events',
      'intros to co-working spaces',
      'a room for workshops',
    ],
    topics: ['office space', 'venues', 'co-working'],
  },
  {
    name: 'media',
    needs: [
      'a journalist covering fintech',
      'speaking slots at conferences',
      'a ghostwriter',
      'a book editor',
      'a photographer for headshots',
    ],
    offers: [
      'speaker slots at our meetup',
      'editing for articles and books',
      'intros to conference organisers',
      'headshot photography',
      'media training',
    ],
    topics: ['speaking', 'writing', 'journalism', 'publishing'],
  },
  {
    name: 'health',
    needs: [
      'clinical trial advice',
      'intros to hospital buyers',
      'a regulatory consultant for medical devices',
      'physicians to test our app',
      'CE marking guidance',
    ],
    offers: [
      'medical device regulatory advice',
      'intros to hospital procurement',
      'clinical study design help',
      'access to a physician network',
    ],
    topics: ['healthcare', 'medical devices', 'clinical research'],
  },
  {
    name: 'language',
    needs: [
      'a Japanese translator',
      'help localising our app into Spanish',
      'a German tutor',
      'someone to proofread French copy',
    ],
    offers: [
      'translation German to English',
      'app localisation for Latin America',
      'French proofreading',
      'Japanese business etiquette tips',
    ],
    topics: ['translation', 'localisation', 'languages'],
  },
  {
    name: 'ai',
    needs: [
      'an ML engineer',
      'advice on using LLMs in support',
      'a labelled dataset for retail images',
      'a computer vision expert',
      'GPU credits',
    ],
    offers: [
      'machine learning consulting',
      'LLM prototyping help',
      'intros to AI researchers',
      'computer vision advice',
      'cloud credits for startups',
    ],
    topics: ['machine learning', 'LLMs', 'computer vision', 'AI'],
  },
  {
    name: 'climate',
    needs: [
      'a carbon accounting tool',
      'climate-focused investors',
      'advice on B Corp certification',
      'pilot sites for heat pumps',
      'a sustainability consultant',
    ],
    offers: [
      'carbon accounting advice',
      'B Corp certification help',
      'intros to climate funds',
      'sustainability strategy sessions',
    ],
    topics: ['climate tech', 'sustainability', 'carbon accounting'],
  },
  {
    name: 'community',
    needs: [
      'volunteers for a coding school',
      'mentors for refugees starting businesses',
      'a board member for our nonprofit',
      'sponsors for a hackathon',
    ],
    offers: [
      'volunteering as a mentor',
      'board experience in nonprofits',
      'sponsorship budget for community events',
      'running workshops for students',
    ],
    topics: ['nonprofits', 'volunteering', 'community building'],
  },
];

const sectors = [
  'fintech',
  'SaaS',
  'marketplace',
  'biotech',
  'e-commerce',
  'edtech',
  'healthtech',
  'climate startup',
  'agency',
  'nonprofit',
  'logistics company',
  'games studio',
  'consultancy',
  'insurtech',
];
const urgency = [
  '',
  '',
  '',
  'soon',
  'this quarter',
  'before the summer',
  'by end of month',
  'urgently',
  'in the next few weeks',
];
const quals = [
  '',
  '',
  'ideally with B2B experience',
  'someone who has done it before',
  'remote is fine',
  'budget is small',
  'paid, of course',
  'happy to return the favour',
  'German speaking',
  'with startup experience',
];
const audiences = [
  'first-time founders',
  'small teams',
  'students',
  'nonprofits',
  'anyone in my network',
  'women in tech',
  'career changers',
  'early-stage startups',
];
const credentials = [
  '10 years in the field',
  'ex-Google',
  'former founder',
  'did this at three startups',
  'ex-McKinsey',
  'B2B focus',
  'worked across Europe',
  'PhD in the area',
  'ran a team of 20',
];

const needFrames: readonly ((o: string, r: Rng) => string)[] = [
  (o, r) => `Looking for ${o} ${ctx(r)}`,
  (o, r) => `Need ${o}${where(r)}${tail(r, urgency)}`,
  (o, r) => `Anyone who knows ${o}? ${ctx(r)}`,
  (o, r) => `Would love an intro to ${o}${where(r)}`,
  (o, r) => `Searching for ${o} for our ${r.pick(sectors)}, ${r.pick(quals)}`,
  (o, r) => `We need ${o}${tail(r, urgency)} ${ctx(r)}`,
  (o, r) => `Could use ${o}${where(r)}; ${r.pick(quals)}`,
  (o, r) => `Trying to find ${o} for a new project${where(r)}`,
  (o) => `${cap(o)} wanted`,
  (o, r) => `Help wanted: ${o} for our ${r.pick(sectors)}${tail(r, urgency)}`,
];

const offerFrames: readonly ((o: string, r: Rng) => string)[] = [
  (o) => `Happy to help with ${o}`,
  (o, r) => `Can offer ${o} for ${r.pick(audiences)}`,
  (o, r) => `${cap(o)}, ${r.pick(credentials)}`,
  (o, r) => `I do ${o}${where(r)}; ${r.pick(credentials)}`,
  (o, r) => `Offering ${o} to ${r.pick(audiences)}, free for the first session`,
  (o, r) => `Glad to give ${o} to anyone in ${r.pick(sectors)}`,
  (o, r) => `${cap(o)}${where(r)}`,
  (o, r) => `Available for ${o}, ${r.pick(credentials)}, ${r.pick(audiences)} welcome`,
  (o) => `Can help: ${o}`,
];

function ctx(r: Rng): string {
  return r.pick([
    `for our ${r.pick(sectors)}`,
    `for a ${r.pick(sectors)} client`,
    `to grow our ${r.pick(sectors)}`,
    `— we are a small ${r.pick(sectors)}`,
    '',
  ]);
}
const where = (r: Rng): string =>
  r.chance(0.3) ? ` in ${r.pick(places)}` : r.chance(0.1) ? ' (remote)' : '';
const tail = (r: Rng, xs: readonly string[]): string => {
  const x = r.pick(xs);
  return x === '' ? '' : ` ${x}`;
};
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const words = (s: string): number => s.split(/\s+/).filter((w) => w !== '').length;
const tidy = (s: string): string =>
  s
    .replace(/\s+([,;?])/g, '$1')
    .replace(/[,;]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();

/** A need or offer of one kind of help, 4–25 words. */
export function helpText(r: Rng, side: 'need' | 'offer', kind: HelpKind): string {
  for (;;) {
    const frame = r.pick(side === 'need' ? needFrames : offerFrames);
    const text = tidy(frame(r.pick(side === 'need' ? kind.needs : kind.offers), r));
    const n = words(text);
    if (n >= 4 && n <= 25) return text;
  }
}
