import { addDays, dayOf } from '../core/dates.js';
import type { Channel, GiveKind, IntroState } from '../core/types.js';
import type { AppContext } from '../app/context.js';
import { addEvent, addMetAtEvent, pickFollowUp } from '../app/events.js';
import { ask, give, logInteraction } from '../app/interactions.js';
import { proposeIntro, updateIntro } from '../app/intros.js';
import { addItem } from '../app/items.js';
import { addPerson } from '../app/people.js';
import { closePromise, makePromise } from '../app/promises.js';
import { personInput } from '../app/validate.js';

interface DemoPerson {
  name: string;
  company?: string;
  title?: string;
  met: string;
  tags: string[];
  focus?: boolean;
  needs?: string[];
  offers?: string[];
  /** [days ago, channel, nature, kind?, note] */
  history?: [number, Channel, 'gave' | 'received' | 'touch', GiveKind | undefined, string][];
}

const people: DemoPerson[] = [
  {
    name: 'Jonas Weber',
    company: 'Ledgerly',
    title: 'CTO',
    met: 'PGConf Berlin',
    tags: ['fintech', 'berlin'],
    focus: true,
    needs: ['A Postgres expert to review our slow reporting queries'],
    offers: ['Intros to fintech founders in Berlin'],
    history: [
      [40, 'in_person', 'touch', undefined, 'coffee after PGConf'],
      [12, 'message', 'gave', 'resource', 'sent the pgbench write-up'],
    ],
  },
  {
    name: 'Priya Raman',
    company: 'Northwind Pay',
    title: 'Head of Data',
    met: 'Data Council',
    tags: ['fintech', 'hiring'],
    focus: true,
    needs: ['Hiring two senior data engineers in Berlin'],
    offers: ['Angel investing in early-stage payments startups'],
    history: [
      [75, 'call', 'touch', undefined, 'call about her team'],
      [30, 'in_person', 'gave', 'advice', 'helped scope the warehouse migration'],
      [9, 'message', 'received', undefined, 'she shared a client lead'],
    ],
  },
  {
    name: 'Anna Kowalski',
    company: 'Freelance',
    title: 'Product designer',
    met: 'co-working space',
    tags: ['design'],
    focus: true,
    offers: ['Website and brand design for small consultancies'],
    history: [[20, 'in_person', 'touch', undefined, 'lunch at the co-working space']],
  },
  {
    name: 'Ben Ortiz',
    company: 'dbt shop',
    title: 'Founder',
    met: 'Berlin Data Meetup',
    tags: ['analytics'],
    focus: true,
    offers: ['Analytics engineering with dbt, from modelling to tests'],
    history: [[95, 'social', 'touch', undefined, 'liked his post']],
  },
  {
    name: 'Carla Mendes',
    company: 'Banco Verde',
    title: 'VP Engineering',
    met: 'LinkedIn',
    tags: ['fintech', 'banking'],
    focus: true,
    needs: ['A partner to modernise our reporting stack'],
    offers: ['Referrals to CFOs at mid-size banks'],
    history: [[50, 'social', 'touch', undefined, 'accepted connection request']],
  },
  {
    name: 'Lars Nilsson',
    company: 'Klarheit',
    title: 'Data engineer',
    met: 'Berlin Data Meetup',
    tags: ['berlin', 'data'],
    focus: true,
    needs: ['A new role as a senior data engineer in fintech'],
    offers: ['Airflow and dbt pipeline reviews'],
    history: [
      [15, 'in_person', 'touch', undefined, 'beer after the meetup'],
      [5, 'call', 'gave', 'advice', 'CV review'],
    ],
  },
  {
    name: 'Mei Chen',
    company: 'Stackwise',
    title: 'Recruiter',
    met: 'introduced by Priya',
    tags: ['hiring'],
    focus: true,
    needs: ['Introductions to strong analytics engineers'],
    history: [[25, 'call', 'touch', undefined, 'intro call']],
  },
  {
    name: 'Tomás Herrera',
    company: 'Fintech Forum',
    title: 'Organiser',
    met: 'Fintech Forum',
    tags: ['fintech', 'events'],
    focus: true,
    needs: ['Speakers on data quality for the spring forum'],
    offers: ['Speaking slots at fintech events'],
    history: [[130, 'in_person', 'touch', undefined, 'met at the forum']],
  },
  {
    name: 'Hannah Becker',
    company: 'Solaris',
    title: 'Engineering manager',
    met: 'ex-colleague',
    tags: ['fintech'],
    history: [[200, 'in_person', 'touch', undefined, 'farewell drinks']],
  },
  {
    name: 'Omar Haddad',
    company: 'Ampere',
    title: 'Analyst',
    met: 'university',
    tags: ['alumni'],
    history: [[300, 'call', 'touch', undefined, 'catch-up call']],
  },
  {
    name: 'Sofia Rossi',
    company: 'Cartographer',
    title: 'CEO',
    met: 'Web Summit',
    tags: ['founder'],
    offers: ['Advice on raising a seed round'],
  },
  {
    name: 'Daniel Park',
    company: 'Quanta Labs',
    title: 'Staff engineer',
    met: 'PGConf Berlin',
    tags: ['postgres'],
    needs: ['Benchmarking help for a Postgres upgrade'],
    offers: ['A conference talk on data quality checks in Postgres'],
  },
  { name: 'Elena Petrova', company: 'Moneta', title: 'COO', met: 'LinkedIn', tags: ['fintech'] },
  {
    name: 'Kwame Mensah',
    company: 'OpenLedger',
    title: 'Developer advocate',
    met: 'meetup talk',
    tags: ['community'],
    needs: ['A designer for the website of my meetup talk series'],
    history: [[45, 'message', 'gave', 'congratulation', 'congrats on the launch']],
  },
  {
    name: 'Julia Schmidt',
    company: 'Bundesbank',
    title: 'Data scientist',
    met: 'conference dinner',
    tags: ['banking'],
  },
  {
    name: 'Ravi Patel',
    company: 'Zinc',
    title: 'Founder',
    met: 'accelerator demo day',
    tags: ['founder', 'fintech'],
    needs: ['A fractional data lead for three months', 'Advice on raising our seed round'],
  },
];

// The pool: every first name meets every last name at most once (no six Alex Bauers), and title
// and company vary on their own cycles, so neighbours in the list never look alike.
const firstNames = (
  'Alex Sam Robin Kim Noor Luca Ines Mateo Yuki Zara Felix Maja Theo Lina Emil Aisha Jan Clara Hugo ' +
  'Leila Oskar Rosa Tariq Vera Nils Amara Jonah Selin Marek Ayla'
).split(' ');
const lastNames = (
  'Fischer Novak Jensen Silva Khan Moreau Bauer Costa Larsen Okafor Weiss Dubois Horvat Lindgren Tanaka ' +
  'Schulz Ricci Nowak Andersen Haddadi Kaya Brandt Vogel Moretti'
).split(' ');
const companies = (
  'Acme Analytics,Finovo,Datastream,PayWave,Insightful,Cloudnine,Brightbank,Tallyhub,Metricor,Nordpay,' +
  'Greenline Energy,Atlas Logistics,Helix Health,Mosaic Media,Kiln Studio,Vireo Insurance,Quillpad,' +
  'Harbor & Finch,Lumen Retail,Oakridge Consulting,Parcelry,Trellis HR,Fjord Robotics'
).split(',');
const titles = (
  'Data engineer,Product manager,Analyst,CTO,Founder,Engineering manager,Consultant,Designer,' +
  'Head of Sales,Recruiter,Marketing lead,Backend developer,Operations manager,CFO,UX researcher,' +
  'Customer success lead,Solutions architect,Investor,Growth marketer,Legal counsel'
).split(',');

/** The i-th pool person: distinct names for i < first × last; title and company on other strides. */
export function poolPerson(i: number): { name: string; company: string; title: string } {
  const n = firstNames.length * lastNames.length;
  // 7 and 11 are prime to the list lengths; 157 to the 720 name pairs, so i ↦ pair is one-to-one.
  const k = (i * 157 + 11) % n;
  const first = firstNames[k % firstNames.length] ?? 'Alex';
  const last = lastNames[Math.floor(k / firstNames.length)] ?? 'Fischer';
  return {
    name: `${first} ${last}`,
    company: companies[(i * 7 + 3) % companies.length] ?? 'Acme Analytics',
    title: titles[(i * 11 + 5) % titles.length] ?? 'Consultant',
  };
}

/**
 * Introductions in every state the board shows: one proposed, one waiting on each side, one made,
 * one with an outcome, one declined — each a need of one person met by the other.
 */
async function seedIntros(ctx: AppContext, id: (name: string) => string): Promise<void> {
  const steps: [string, string, string, IntroState[], string?][] = [
    [
      'Priya Raman',
      'Lars Nilsson',
      'Priya is hiring senior data engineers; Lars is looking',
      ['asked_a', 'asked_b', 'made'],
    ],
    ['Mei Chen', 'Ben Ortiz', 'Mei looks for analytics engineers; Ben runs a dbt shop', ['asked_a']],
    ['Carla Mendes', 'Jonas Weber', 'Carla wants to modernise reporting; Jonas did it at Ledgerly', []],
    [
      'Tomás Herrera',
      'Daniel Park',
      'Tomás needs speakers; Daniel benchmarks Postgres',
      ['asked_a', 'asked_b'],
    ],
    [
      'Ravi Patel',
      'Sofia Rossi',
      'Ravi is raising a seed round; Sofia advises on exactly that',
      ['asked_a', 'asked_b', 'made', 'outcome'],
      'Sofia reviewed his deck; Ravi closed the round',
    ],
    [
      'Kwame Mensah',
      'Anna Kowalski',
      'Kwame wants a new site for his talk series; Anna designs sites',
      ['asked_a', 'declined'],
    ],
  ];
  for (const [a, b, reason, states, outcome] of steps) {
    const intro = await proposeIntro(ctx, { a: id(a), b: id(b), reason });
    for (const to of states) await updateIntro(ctx, intro.id, to, to === 'outcome' ? { outcome } : {});
  }
}

/**
 * `tend serve --demo`: a realistic small network, written through the use cases (so every rule
 * holds), dated relative to the clock so the agenda, events and review are alive today. The
 * LinkedIn-like pool is generated deterministically: the same demo on every run.
 */
export async function seedDemo(
  ctx: AppContext,
  opts: { poolSize?: number } = {},
): Promise<{ people: number }> {
  const today = dayOf(ctx.clock());
  const ago = (n: number): string => addDays(today, -n);
  for (const text of [
    'Postgres performance reviews and SQL tuning',
    'Introductions to Berlin data engineers',
    'Advice on pricing freelance data work',
  ])
    await addItem(ctx, { side: 'offer', text });
  await addItem(ctx, { side: 'goal', text: 'A steady pipeline of referral clients for my data consultancy' });
  for (const text of ['Two new clients in fintech', 'A designer for my consultancy website'])
    await addItem(ctx, { side: 'need', text });

  const ids = new Map<string, number>();
  for (const p of people) {
    const { person } = await addPerson(
      ctx,
      personInput.parse({
        name: p.name,
        company: p.company,
        title: p.title,
        met: p.met,
        tags: p.tags,
        circle: p.focus ? 'focus' : 'network',
      }),
    );
    ids.set(p.name, person.id);
    for (const text of p.needs ?? []) await addItem(ctx, { person: String(person.id), side: 'need', text });
    for (const text of p.offers ?? []) await addItem(ctx, { person: String(person.id), side: 'offer', text });
    for (const [days, channel, nature, kind, note] of p.history ?? []) {
      if (nature === 'gave')
        await give(ctx, { person: String(person.id), text: note, kind, channel, date: ago(days) });
      else await logInteraction(ctx, { people: [String(person.id)], channel, nature, note, date: ago(days) });
    }
  }
  const id = (name: string): string => String(ids.get(name) ?? name);
  // Asks only where a give came first: the guard would refuse the others.
  await ask(ctx, {
    person: id('Priya Raman'),
    text: 'A referral to fintech CTOs she knows',
    kind: 'referral',
    channel: 'call',
    date: ago(6),
    anyway: false,
  });
  await ask(ctx, {
    person: id('Lars Nilsson'),
    text: 'Feedback on my workshop outline',
    kind: 'advice',
    date: ago(2),
    anyway: false,
  });

  await makePromise(ctx, {
    person: id('Jonas Weber'),
    text: 'Send the query-plan checklist',
    due: ago(2),
  });
  await makePromise(ctx, {
    person: id('Lars Nilsson'),
    text: 'Introduce Lars to Priya',
    due: addDays(today, 3),
  });
  const kept = await makePromise(ctx, {
    person: id('Priya Raman'),
    text: 'Share the warehouse sizing sheet',
    due: ago(20),
  });
  await closePromise(ctx, kept.id, 'kept');

  const meetup = await addEvent(ctx, {
    name: 'Berlin Data Meetup',
    date: ago(3),
    place: 'Factory Görlitzer Park',
  });
  await addMetAtEvent(ctx, {
    event: String(meetup.id),
    name: 'Nadia Volkova',
    line: 'building a fraud-detection team, hiring',
  });
  await addMetAtEvent(ctx, {
    event: String(meetup.id),
    name: 'Pieter de Vries',
    line: 'moving from banking to a startup',
  });
  await addMetAtEvent(ctx, {
    event: String(meetup.id),
    name: 'Ben Ortiz',
    line: 'dbt shop, wants Postgres help',
    existing: true,
  });
  await pickFollowUp(ctx, { event: String(meetup.id), people: ['Nadia Volkova'] });
  const forum = await addEvent(ctx, { name: 'Fintech Forum', date: ago(24), place: 'Kraftwerk' });
  await addMetAtEvent(ctx, { event: String(forum.id), name: 'Greta Lind', line: 'runs data at a neobank' });
  await pickFollowUp(ctx, { event: String(forum.id), people: ['Greta Lind'] });
  await logInteraction(ctx, {
    people: ['Greta Lind'],
    channel: 'call',
    nature: 'touch',
    note: 'follow-up call',
    date: ago(20),
  });

  await seedIntros(ctx, id);

  // The unsorted pool an import leaves behind: many names, no real conversation yet.
  const pool = opts.poolSize ?? 400;
  for (let i = 0; i < pool; i++) {
    const p = poolPerson(i);
    await addPerson(
      ctx,
      personInput.parse({
        ...p,
        tags: i % 4 === 0 ? ['fintech'] : [],
        circle: 'pool',
        source: 'linkedin',
      }),
      // A LinkedIn export has namesakes: each line is someone else.
      { new: true },
    );
  }
  return { people: people.length + 4 + pool };
}
