import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SIDES, sameSide, stanceOf, type Side } from '../../src/matching/engine/stance.js';

const sides = (text: string): Side[] => {
  const bits = stanceOf(text);
  return (Object.keys(SIDES) as Side[]).filter((s) => (bits & SIDES[s]) !== 0);
};
/** Whether a need and an offer, as written, stand on the same side. */
const same = (need: string, offer: string): boolean => sameSide(stanceOf(need), stanceOf(offer));
/** Each pair stands on the same side (or, with `want` false, does not). */
const expectSame = (pairs: readonly (readonly [string, string])[], want: boolean): void => {
  for (const [need, offer] of pairs)
    assert.equal(same(need, offer), want, `${need} ${want ? '↛' : '→'} ${offer}`);
};

test('a note says which side of an exchange it stands on, in a need or an offer alike', () => {
  const cases: [string, Side[]][] = [
    ["we're hiring backend engineers in Lyon", ['employer']],
    ['Hiring a bookkeeper, 2 days a week', ['employer']],
    ['small agency, we have an open copywriter role', ['employer']],
    ['looking for my next engineering manager role', ['jobSeeker']],
    ['got laid off in March, open to new roles in logistics', ['jobSeeker']],
    ['anyone hiring junior analysts? asking for myself', ['jobSeeker']],
    ["we're raising a pre-seed round for our agritech startup", ['raising']],
    ['looking for investors for our biotech', ['raising']],
    ['angel investor, I write small cheques into climate software', ['investing']],
    ['we sell refurbished laptops to schools', ['selling']],
    ['looking to buy a used delivery van', ['buying']],
    ['studio flat for rent near the station', ['letting']],
    ['looking for a room in Vienna from September', ['renting']],
    ['want to learn Italian before my move', ['learning']],
    ['Jonas needs a job in sales', ['jobSeeker']],
    ['needs funding for her bakery', ['raising']],
    ['raising 2M for our biotech', ['raising']],
    ['a piano teacher for my daughter', ['learning']],
    ['I teach Italian online, all levels', ['teaching']],
    ['happy to mentor first-time managers', ['teaching']],
    ['second-time founder, eager to be mentored by someone who has scaled', ['learning']],
  ];
  for (const [text, want] of cases) assert.deepEqual(sides(text), want, text);
});

test('nouns, topics and other people are not a side: what the writer does for them is', () => {
  for (const text of [
    'hiring manager at a fintech, happy to review CVs',
    'I coach people looking for their next role',
    'I help founders raising their seed round with their deck',
    'fundraising consultant for charities',
    'tech recruiter placing data engineers',
    'have to let an employee go, want to do it by the book',
    'supplier of cardboard boxes for shipping',
    // What the writer can reach or does for others, and nouns that only look like cues.
    'I can intro you to companies hiring in Berlin',
    "career coach who knows who's hiring",
    'Recruiter, always talking to teams that are hiring',
    'career coach: coaching for getting promoted',
    'want a job description reviewed',
    'looking for a CTO role-play partner',
    'looking for a studio photographer',
    'need an apartment painted',
    'raising 2 kids and a startup',
    'need funding advice for our seed round',
  ])
    assert.deepEqual(sides(text), [], text);
});

test('the same side does not serve itself; facing sides and silence are left to the score', () => {
  assert.equal(same('hiring a Go engineer', "we're hiring Go engineers too"), true);
  assert.equal(same('looking for a nursing job', 'nurse, job hunting as well'), true);
  assert.equal(same('hiring a Go engineer', 'Go engineer, open to new roles'), false);
  assert.equal(same('looking for investors for our seed', 'I invest in seed rounds'), false);
  assert.equal(same('hiring a Go engineer', 'Go consulting for fintechs'), false);
  // A note on both sides (an investor who is also hiring) faces a job seeker.
  assert.equal(
    same("I invest in climate startups, and we're hiring", 'angel investor in climate software'),
    true,
  );
  assert.equal(
    same('looking for my next role in climate', "I invest in climate startups, and we're hiring"),
    false,
  );
});

test('an offer that seeks what it names is a peer with the same problem, not a provider', () => {
  for (const text of [
    "we're a small charity too, also desperately searching for a grant writer",
    'second-time founder, also looking for a fractional CFO',
    'same boat here, our Shopify store barely converts',
    'searching for a good immigration lawyer too',
    'flat hunting in Rotterdam as well, happy to swap tips',
    'our app store listing got rejected last week too, still waiting on review',
    'going through our first ISO 27001 audit as well, learning as we go',
    'organising a Paris meetup in May, still hunting for a venue',
    'new to payroll in France, figuring it out myself, can share what I am learning',
  ])
    assert.deepEqual(sides(text), ['seeking'], text);
  assert.equal(
    same('need a grant writer for a foundation application', 'also hunting for a grant writer ourselves'),
    true,
  );
  // In a need it is an ordinary second request: a need that also looks for something is not on the
  // side of an offer that seeks as well as invests.
  assert.equal(
    same(
      'need a CTO, also looking for a designer',
      'angel investor, I invest in seed rounds, also looking for a designer myself',
    ),
    false,
  );
  // Beside another side, that side decides.
  assert.equal(
    same(
      'looking for investors for our seed',
      'angel investor, I invest in seed rounds, also looking for co-investors',
    ),
    false,
  );
  // A provider who looks for clients, guests or co-investors, a note that says "too" or "also" of
  // what it gives, and other people's search are not peers.
  for (const text of [
    'interior designer who fits out offices, desks and chairs sourced too',
    'host a weekly show about remote teams, always looking for guests as well',
    'fractional CFO, also looking for new clients',
    'bookkeeper for agencies, still looking for a couple more clients',
    'angel investor, also looking for co-investors',
    'tax advisor: got you covered on VAT too',
    'I have solved the same problem at three startups',
    'sharing what I am learning about sales',
    'my clients are also looking for designers',
  ])
    assert.ok(!sides(text).includes('seeking'), text);
});

// The learner's cue counts in a note's first clause only, however long the note (test/matching/
// matcher.test.ts reads notes of half a megabyte in a child process with a time limit).
test('the learner cue counts only in the first clause of a long note', () => {
  const filler = 'bookkeeping for small charities and local shops '.repeat(400);
  assert.ok(sides(`just started learning Portuguese ${filler}`).includes('novice'));
  assert.ok(!sides(`bookkeeper, ${filler}; currently learning Japanese`).includes('novice'));
  // No mark of punctuation before it: still the first clause, however far in.
  assert.ok(sides(`just a note ${filler} and currently learning Japanese`).includes('novice'));
});

test('a learner is no provider of what they learn, unless the need wants someone to learn beside', () => {
  for (const text of [
    'Learning Rust, halfway through the book',
    'just started learning Portuguese, 20-day streak',
    "I'm learning React on weekends",
    'halfway through a data analytics bootcamp',
    'studying for the AWS solutions architect exam',
    'complete beginner at woodworking, teaching myself from videos',
  ])
    assert.deepEqual(sides(text), ['novice'], text);
  for (const text of [
    'machine learning engineer, builds recommendation models',
    'head of learning and development at a bank',
    'specialist in learning differences such as dyslexia',
    'deep learning researcher, reviews model architectures',
    'we are learning as we go, happy to compare notes',
    'I coach juniors learning to code',
    // The words right before the cue say it is about others or a contact, not the writer.
    'I coach people who are just learning to code',
    'mentor for founders just learning to pitch',
    'I know someone studying for the bar exam, happy to intro',
    'if you are halfway through a bootcamp, I review portfolios',
    'learning from twenty years in procurement, happy to share',
  ])
    assert.ok(!sides(text).includes('novice'), text);
  assert.equal(
    same('our cluster keeps running out of memory', 'Learning Kubernetes, halfway through a CKA course'),
    true,
  );
  assert.equal(same('need a Japanese translator for our website', 'just started learning Japanese'), true);
  assert.equal(same('want a Spanish tutor for my son', 'I teach Spanish to kids online'), false);
  // A need for a practice partner is served by a fellow learner.
  assert.equal(
    same(
      'looking for a language exchange partner for my Spanish',
      "I'm learning English, native Spanish speaker",
    ),
    false,
  );
});

test('peers and sides are read in other languages, in selling and buying, and in a request for investor intros', () => {
  const cases: [string, Side[]][] = [
    ['Busco trabajo como diseñadora UX en Madrid', ['jobSeeker']],
    ['je cherche un emploi dans la logistique', ['jobSeeker']],
    ['suche eine Stelle als Pflegekraft in Köln', ['jobSeeker']],
    ['procuro emprego na área de dados', ['jobSeeker']],
    ['need intros to angel investors for our pre-seed', ['raising']],
    ['trying to sell my late mother’s piano', ['selling']],
    ["she's selling her bakery this year", ['selling']],
    ['actively trying to acquire a small HVAC business', ['buying']],
    ['busca también un abogado de inmigración', ['seeking']],
    ['founder also raising a seed, talking to angels', ['raising', 'seeking']],
  ];
  for (const [text, want] of cases) assert.deepEqual(sides(text), want, text);
  for (const text of [
    'happy to make intros to angel investors in fintech',
    'I help owners looking to sell their business',
    'coach: helps founders trying to sell into enterprises',
    'we help you sell more online',
  ])
    assert.deepEqual(sides(text), [], text);
  assert.equal(
    same('need intros to angel investors', 'also raising a pre-seed, looking for angels too'),
    true,
  );
  assert.equal(same('Busco trabajo como diseñador', 'Diseñadora UX, también buscando trabajo'), true);
  assert.equal(same('trying to sell my vintage car', "he's selling two classic cars"), true);
  assert.equal(same('trying to sell my vintage car', 'I buy classic cars in any condition'), false);
});

test('the landlord who lets and the company that hires are no help to a need against them', () => {
  const landlord = 'landlord with 6 units, looking for reliable long-term tenants';
  assert.deepEqual(sides(landlord), ['letting']);
  assert.equal(same("my landlord won't return the deposit", landlord), true);
  assert.equal(same('tenant here, the landlord kept my whole deposit', landlord), true);
  assert.equal(same('looking for a flat in Leeds from May', landlord), false);
  assert.equal(same("my landlord won't return the deposit", 'tenant rights lawyer, deposit cases'), false);
  assert.equal(same('my employer stopped paying my overtime', "we're hiring nurses in Leeds"), true);
  assert.equal(same('my employer stopped paying my overtime', 'employment lawyer for workers'), false);
  assert.equal(same('looking for a nursing job in Leeds', "we're hiring nurses in Leeds"), false);
});

test('providers who mention selling, learning or seeking in passing are not put on a side (review cases)', () => {
  const notOn: [Side, string[]][] = [
    [
      'selling',
      [
        'Need a consultant for Salesforce setup',
        'Salesforce admin, available for Salesforce cleanup',
        'training for sales teams',
        'Want to sell your house? Austin listing agent',
        'Realtor for homeowners trying to sell a home',
        'Amazon consultant, helps brands that want to sell on Amazon',
      ],
    ],
    [
      'novice',
      [
        'SENCO, learning support for dyslexic kids',
        'Learning designer, builds onboarding courses',
        'Learning specialist for ADHD teens',
        'Piano teacher, happy to take a complete beginner',
        'NCLEX tutor, helps nurses preparing for the NCLEX exam',
        'Data scientist, 10 years of churn models; currently learning Japanese',
      ],
    ],
    [
      'seeking',
      [
        'Fontanero en Madrid, también cerca de Alcalá',
        'Traductora jurada, también busco nuevos clientes',
        'wir suchen auch Azubis',
      ],
    ],
    ['jobSeeker', ['Coach de carrera: ayudo a quien busca trabajo']],
    ['againstEmployer', ['my company won’t pass SOC 2 without help']],
  ];
  for (const [side, texts] of notOn) for (const text of texts) assert.ok(!sides(text).includes(side), text);
  // Facing sides and a need for someone to learn beside are not the same side.
  assert.equal(
    same('I tutor Spanish, looking for a few more students', 'just started learning Spanish'),
    false,
  );
  assert.equal(
    same(
      'looking for a study buddy for the CFA level 1',
      'Studying for the CFA level 1, looking for a study partner too',
    ),
    false,
  );
  assert.equal(
    same(
      'trying to sell my house in Austin, need a realtor',
      'Want to sell your house? Austin listing agent',
    ),
    false,
  );
});

test('an offer that asks others (a question, "also need", "myself", "raising too") is a peer, not a provider', () => {
  const cases: [string, string][] = [
    [
      'need a reliable window cleaner, ours just retired',
      'anyone know a good window cleaner?? ours stopped coming',
    ],
    [
      'looking for a chimney sweep before winter',
      'also need a chimney sweep, will share the number if I find one',
    ],
    [
      'credit card debt at 14k, only paying the interest',
      "I'm in debt myself, looking for advice on consolidation",
    ],
    [
      'looking for a seed investor for my fintech app',
      'pre-seed fintech founder, raising too, happy to swap notes',
    ],
    ['we need a bridge round before March', "we're raising our pre-seed too, looking for angel investors"],
    ['need a good accountant for my Etsy shop', 'any recommendations for an accountant? same here'],
  ];
  expectSame(cases, true);
  // A provider who knows someone, or who helps people who ask, still gives.
  expectSame(
    [
      ['need a window cleaner', 'window cleaner, I know anyone in the area who needs one'],
      ['need a plumber this week', 'licensed plumber, happy to help anyone who needs a quick fix'],
      ['looking for a seed investor', 'angel investor, I write small cheques into fintech'],
    ],
    false,
  );
});

test('a beginner offering to practise is no help where the need asks for someone who has done it', () => {
  expectSame(
    [
      [
        'need a senior UX designer to redesign our app onboarding',
        'Junior designer, just finished a bootcamp, looking for a first portfolio project',
      ],
      [
        "need a chartered accountant to audit our charity's accounts",
        'First year accounting student, happy to practise on simple personal budgets',
      ],
      [
        "need a mentor who's scaled a SaaS past $10M ARR",
        'First-time founder, pre-revenue SaaS, happy to chat and swap notes',
      ],
      [
        'experienced electrician to rewire our kitchen',
        "I'm an apprentice electrician, 2nd year, happy to help with small jobs",
      ],
    ],
    true,
  );
  expectSame(
    [
      // A need that asks nothing of experience takes a beginner's help.
      [
        'need a simple logo for our bake sale, no budget',
        'Junior designer, just finished a bootcamp, looking for a first portfolio project',
      ],
      // An experienced provider, and words that only look junior.
      ['need a senior UX designer', 'UX designer, 10 years, B2B SaaS'],
      // Found by review: experienced providers whose notes mention juniors or beginners.
      ['need a senior UX designer', 'Mentoring junior developers, ex-Stripe staff engineer'],
      ['need an experienced math tutor', 'Junior high and high school math tutor, 10 years'],
      ['need an experienced startup advisor', 'First-time founders welcome: ex-YC partner'],
      ['need a seasoned bookkeeper', 'Weekend bookkeeping, 15 years experience'],
      ['need an experienced moving crew', 'Movers, no experience needed to book, we bring everything'],
      // A credential of the writer's own is not what the need asks for.
      [
        'licensed therapist with 10 years of experience, need someone to build my website',
        'Junior web dev, just finished a bootcamp',
      ],
      ['licensed immigration lawyer for an F-1 question', 'Student visa lawyer, F-1 and OPT'],
      ['experienced dog sitter for my senior dog', 'dog sitter, 8 years, senior dogs welcome'],
    ],
    false,
  );
  assert.deepEqual(sides('care for my senior dog'), []);
  assert.deepEqual(sides('a Postgres expert to review our slow queries'), ['expert']);
  assert.deepEqual(sides('anyone hiring junior analysts? asking for myself'), ['jobSeeker']);
});

test('a provider who acts for the party a need stands against (employers, landlords, insurers) is no help in it', () => {
  expectSame(
    [
      [
        'I was fired after reporting harassment, what are my rights?',
        'employment defense lawyer representing employers in termination claims',
      ],
      ["my landlord won't return my deposit", 'solicitor acting for landlords: evictions and rent arrears'],
      [
        'insurance denied my flood claim, need someone to fight them',
        "claims adjuster for a major home insurer, I assess claims on the insurer's behalf",
      ],
      [
        'our insurance claim was denied after the kitchen fire',
        'insurance defense attorney, coverage disputes',
      ],
    ],
    true,
  );
  expectSame(
    [
      ['insurance denied my flood claim', 'public adjuster, I fight insurers for policyholders'],
      [
        'I was fired after reporting harassment',
        'employment lawyer for workers: discrimination and retaliation',
      ],
      [
        'we are hiring our first staff in France, need an employment lawyer',
        'employment lawyer representing employers',
      ],
      ['employment lawyer for a contract question', 'I advise employers and employees on contracts'],
    ],
    false,
  );
  // Being laid off is a job seeker's news, not a dispute: an employer who hires still serves it.
  assert.deepEqual(sides('got laid off after 10 years, looking for a new role'), ['jobSeeker']);
  assert.equal(
    same('got laid off after 10 years, looking for a new role', "we're hiring analysts in Leeds"),
    false,
  );
});

test('two founders who seek the same kind of cofounder do not meet; a technical and a business one do', () => {
  assert.equal(
    same(
      'looking for a technical cofounder for a legal-tech idea',
      'non-technical founder, looking for a technical cofounder',
    ),
    true,
  );
  assert.equal(
    same('need a business cofounder for my robotics startup', 'designer, also want a business co-founder'),
    true,
  );
  assert.equal(
    same(
      'looking for a technical cofounder for a legal-tech idea',
      'backend engineer looking for a business cofounder',
    ),
    false,
  );
  assert.equal(same('looking for a technical cofounder', 'CTO for hire, 3 exits, happy to advise'), false);
  // A role sought is not a cofounder sought; a business partner is sought both ways.
  assert.equal(
    same('looking for a technical cofounder', 'Backend engineer, looking for a technical cofounder role'),
    false,
  );
  assert.equal(
    same('looking for a business partner for my cafe', 'looking for a business partner to open a cafe'),
    false,
  );
});

test('a hobbyist building a portfolio, and an insurer’s adjuster for carriers, take their sides', () => {
  assert.ok(
    sides('Hobby photographer building my portfolio, offering free practice shoots').includes('junior'),
  );
  assert.ok(
    sides('Insurance claims adjuster, I assess flood claims on behalf of carriers').includes('forInsurers'),
  );
  assert.equal(
    same(
      'need an experienced wedding photographer for September',
      'hobby photographer building my portfolio, free practice shoots',
    ),
    true,
  );
});

test('a provider’s marketing, the reader’s needs and the party itself are not a side (review cases)', () => {
  expectSame(
    [
      [
        'need a performance audit for our store',
        'Anyone have a Shopify store that loads slowly? I do performance audits',
      ],
      ['need advice on where to live in Lisbon', 'happy to give any recommendations on neighbourhoods'],
      ['need help with HR and hiring', 'Fractional HR: policies, payroll, and hiring too'],
      ['need a logo', 'If your startup still needs a logo, I design them'],
      ['need a divorce mediator', 'I went through a divorce myself and need to give back: mediator'],
      ['we are raising our seed round', 'Fractional CFO: if you need a bridge round, I build the model'],
      ['I was fired after reporting harassment', 'We represent employers, employees and unions'],
      ['My asylum claim was rejected', 'Adjuster working for a major insurer'],
      // The landlord or the employer who writes the need is the party itself.
      [
        'I am a landlord, need help serving an eviction notice to a tenant',
        'Solicitor acting for landlords: evictions and rent arrears',
      ],
      [
        'Our employee was terminated for gross misconduct and is suing us',
        'Management-side employment lawyer',
      ],
    ],
    false,
  );
});
