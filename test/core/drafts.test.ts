import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import fc from 'fast-check';

import { buildAgenda, type AgendaInput } from '../../src/core/agenda.js';
import {
  askNeedsDraft,
  birthdayDraft,
  displayName,
  firstName,
  followUpDraft,
  giveDraft,
  introNudgeDraft,
  introToGiverDraft,
  introToNeederDraft,
  promiseDraft,
  reconnectDraft,
  referralAskDraft,
  referralNoteDraft,
} from '../../src/core/drafts/index.js';
import { introDrafts } from '../../src/core/intros.js';
import { defaultSettings } from '../../src/core/settings.js';

const TODAY = '2026-03-13'; // a Friday

/** The words between the greeting and the sign-off. */
const bodyOf = (draft: string): string => draft.split('\n\n').slice(1, -1).join(' ');

/**
 * What every draft must be, read as a whole: greeted by first name, the recipient never named
 * in full after that nor "mentioned" to themself, no doubled spaces or punctuation, no quotes
 * around fragments, a sentence end at the close.
 */
function assertReadsWell(draft: string, to: string): void {
  const first = firstName(to);
  assert.ok(draft.startsWith(`Hi ${first},\n\n`), `greets by first name: ${draft}`);
  const body = bodyOf(draft);
  for (const full of new Set([to, displayName(to)]))
    if (full.includes(' '))
      assert.ok(!body.toLowerCase().includes(full.toLowerCase()), `names ${full} again: ${draft}`);
  assert.doesNotMatch(body, new RegExp(`you mentioned (${first}|${displayName(to)})\\b`, 'i'), draft);
  assert.doesNotMatch(draft, / {2}/, `doubled space: ${draft}`);
  assert.doesNotMatch(
    draft,
    /([,;:!?])\1|(?<!\.)\.\.(?!\.)|[,;:][.!?]|[.!?][,;]|\s[,.;:!?]/,
    `punctuation: ${draft}`,
  );
  assert.doesNotMatch(draft, /"/, `straight quotes: ${draft}`);
  assert.match(draft, /[.!?]$/, `ends with a sentence end: ${draft}`);
  assert.ok(bodyOf(draft).length < 900, `shortened: ${draft.length} characters`);
}

describe('drafts: first names', () => {
  it('particles, compound names, titles, single names and names typed in one case', () => {
    const cases: [string, string][] = [
      ['Ludwig van Beethoven', 'Ludwig'],
      ['María de la Cruz', 'María'],
      ['Jean-Luc Picard', 'Jean-Luc'],
      ['jean-luc picard', 'Jean-Luc'],
      ['Dr. Anna Schmidt', 'Anna'],
      ['Prof. Dr. Anna Schmidt', 'Anna'],
      ['Dr. Schmidt', 'Dr. Schmidt'],
      ['Cher', 'Cher'],
      ['priya raman', 'Priya'],
      ['PRIYA RAMAN', 'Priya'],
      ['Robert "Bob" Smith', 'Bob'],
      ['van der Berg, Jan', 'Jan'],
      ['John Smith, PhD', 'John'],
      ['Anna Schmidt 🚀', 'Anna'],
      ['Seán Ó Briain', 'Seán'],
      ['DeShawn McKenzie', 'DeShawn'],
    ];
    for (const [name, first] of cases) assert.equal(firstName(name), first, name);
  });
  it('full names read in a sentence keep particles lower-case', () => {
    assert.equal(displayName('priya raman'), 'Priya Raman');
    assert.equal(displayName('ludwig van beethoven'), 'Ludwig van Beethoven');
    assert.equal(displayName('María de la Cruz'), 'María de la Cruz');
    assert.equal(displayName('VAN DER BERG, Jan'), 'Jan van der Berg');
  });
});

describe('drafts: each kind, read whole', () => {
  it('give: the need in the second person, my offer, a small concrete step, an easy no', () => {
    const d = giveDraft({ to: 'Jonas Weber', need: 'Postgres expert', offer: 'SQL tuning' });
    assert.equal(
      d,
      "Hi Jonas,\n\nYou mentioned you're looking for a Postgres expert. I could help with SQL tuning. Would a short call this week or next be useful? There's no catch, and if you already have it covered, just say so.\n\nAll the best.",
    );
    assertReadsWell(d, 'Jonas Weber');
  });

  it("give: the issue's example — a lower-case name and a need typed with a capital and a full stop", () => {
    const d = giveDraft({
      to: 'priya Raman',
      need: 'Hiring two data engineers for our analytics team.',
      offer: 'Introductions to Berlin data engineers',
    });
    assert.equal(
      bodyOf(d),
      "You mentioned you're hiring two data engineers for your analytics team. I could help with introductions to Berlin data engineers. Would you like me to put you in touch with one or two people? There's no catch, and if you already have it covered, just say so.",
    );
    assertReadsWell(d, 'priya Raman');
  });

  it('give: first-person needs become "you"', () => {
    const said = (need: string, offer = 'SQL tuning'): string =>
      bodyOf(giveDraft({ to: 'María de la Cruz', need, offer })).split('. ')[0] ?? '';
    assert.equal(said("I'm hiring two data engineers"), "You mentioned you're hiring two data engineers");
    assert.equal(said('we need a sponsor bank!'), 'You mentioned you need a sponsor bank');
    assert.equal(
      said('Need a sponsor bank for our fintech'),
      'You mentioned you need a sponsor bank for your fintech',
    );
    assert.equal(
      said('seed investor for my fintech'),
      "You mentioned you're looking for a seed investor for your fintech",
    );
    assert.equal(said('find a cofounder'), "You mentioned you'd like to find a cofounder");
    assert.equal(
      said('María needs an intro to a sponsor bank'),
      'You mentioned you need an intro to a sponsor bank',
    );
    assert.equal(
      said("She's looking for an angel investor"),
      "You mentioned you're looking for an angel investor",
    );
    assert.equal(said('My startup needs a designer'), 'You mentioned your startup needs a designer');
    assert.equal(said('office space in Berlin'), "You mentioned you're looking for office space in Berlin");
    const will = bodyOf(
      giveDraft({ to: 'Will Turner', need: 'I will need a sponsor bank', offer: 'SQL tuning' }),
    );
    assert.match(will, /^You mentioned you will need a sponsor bank\./, 'a first name that is also a word');
    const may = bodyOf(
      giveDraft({
        to: 'May Lin',
        need: 'May needs someone who may know a sponsor bank',
        offer: 'SQL tuning',
      }),
    );
    assert.match(may, /^You mentioned you need someone who may know a sponsor bank\./);
  });

  it('give: my offer in my words ("I can …" stays mine; a service is something I could help with)', () => {
    const offered = (offer: string): string =>
      bodyOf(giveDraft({ to: 'Jonas Weber', need: 'Postgres expert', offer })).split('. ')[1] ?? '';
    assert.equal(offered('I can review your Postgres setup.'), 'I can review your Postgres setup');
    assert.equal(offered('review pitch decks'), 'I could review pitch decks');
    assert.equal(
      offered('fintech compliance consultant'),
      "I'm a fintech compliance consultant, so I may be able to help",
    );
    assert.equal(offered('runs a marketing agency'), 'I could help: I run a marketing agency');
    assert.equal(offered('intro to sponsor banks'), 'I could help with an intro to sponsor banks');
  });

  it('follow-up: where and when we met, what they said, a coffee or a call', () => {
    const d = followUpDraft({
      to: 'Jean-Luc Picard',
      event: 'Berlin Data Meetup',
      eventDate: '2026-03-10',
      today: TODAY,
      line: 'works on payments at N26',
    });
    assert.equal(
      d,
      "Hi Jean-Luc,\n\nIt was good to meet you at the Berlin Data Meetup on Tuesday. You mentioned you work on payments at N26, and I'd like to hear more. Would you be up for a coffee or a short call next week? If things are busy, no worries; another time is fine.\n\nAll the best.",
    );
    assertReadsWell(d, 'Jean-Luc Picard');
    assert.match(
      followUpDraft({ to: 'Dr. Anna Schmidt', event: 'PyCon DE', line: 'CTO at Acme' }),
      /^Hi Anna,\n\nIt was good to meet you at PyCon DE\. I enjoyed hearing about your work as a CTO at Acme\./,
    );
    assert.match(
      followUpDraft({ to: 'Cher', line: 'Cher is hiring data engineers' }),
      /You mentioned you're hiring data engineers,/,
    );
    assert.match(
      followUpDraft({ to: 'Ben Ode', event: 'Founders Dinner', eventDate: '2026-03-12', today: TODAY }),
      /meet you at the Founders Dinner yesterday\./,
    );
  });

  it('reconnect: how long it has been, or that we never really talked', () => {
    const d = reconnectDraft({ to: 'Ludwig van Beethoven', lastReal: '2025-11-01', today: TODAY });
    assert.equal(
      d,
      "Hi Ludwig,\n\nIt's been a few months since we last spoke, and I was thinking of you. How are things with you? I'd love to catch up properly: would a coffee or a call in the next couple of weeks work? And if now's a busy time, no worries at all.\n\nAll the best.",
    );
    assert.match(reconnectDraft({ to: 'Anna Schmidt' }), /never properly talked/);
    assertReadsWell(d, 'Ludwig van Beethoven');
  });

  it('promise: what I promised, to "you", by when, sorry when late, a way to let me off', () => {
    const d = promiseDraft({
      to: 'Jonas Weber',
      text: 'send Jonas the deck on Postgres tuning',
      due: '2026-03-10',
      today: TODAY,
    });
    assert.equal(
      d,
      "Hi Jonas,\n\nI promised to send you the deck on Postgres tuning by Tuesday 10 March. Sorry it's taking longer than I said: I haven't forgotten, and I'll get it done this week. If it's no longer useful, just say so and I'll let it go.\n\nAll the best.",
    );
    assertReadsWell(d, 'Jonas Weber');
    const first = (text: string, due = TODAY): string =>
      bodyOf(promiseDraft({ to: 'Jonas Weber', text, due, today: TODAY })).split('. ')[0] ?? '';
    assert.equal(first('intro to Lars Olsen'), 'I promised you an intro to Lars Olsen by today');
    assert.equal(
      first("I'll review his Postgres setup."),
      'I promised to review your Postgres setup by today',
    );
    assert.equal(
      first('call him back about the offer'),
      'I promised to call you back about the offer by today',
    );
    assert.equal(first('the slides from my talk'), 'I promised you the slides from my talk by today');
  });

  it('introduction: to the one who needs, and to the one who could help, each in their person', () => {
    const facts = {
      need: 'hiring two data engineers for our analytics team in Berlin',
      offer: 'experienced data engineer looking for a new job in Berlin',
    };
    const toNeeder = introToNeederDraft({ to: 'Priya Nair', other: 'Lars Olsen', ...facts });
    const toGiver = introToGiverDraft({ to: 'Lars Olsen', other: 'Priya Nair', ...facts });
    assert.equal(
      toNeeder,
      "Hi Priya,\n\nYou mentioned you're hiring two data engineers for your analytics team in Berlin. I know Lars Olsen, an experienced data engineer looking for a new job in Berlin, and I think you two should talk. Would you like an introduction? If so, I'll check with Lars too and then connect you both. If the timing isn't right, no problem at all; just let me know.\n\nAll the best.",
    );
    assert.equal(
      toGiver,
      "Hi Lars,\n\nI know Priya Nair, who mentioned they are hiring two data engineers for their analytics team in Berlin. I thought of you, since you're an experienced data engineer looking for a new job in Berlin. Would you be open to an introduction? If so, I'll check with Priya too and then connect you both. And if it's not for you, that's completely fine; just say so.\n\nAll the best.",
    );
    assertReadsWell(toNeeder, 'Priya Nair');
    assertReadsWell(toGiver, 'Lars Olsen');
  });

  it('introduction from a reason only: the issue\'s "you mentioned Priya is hiring" reads as one would say it', () => {
    const reason = 'Priya is hiring data engineers; Lars is looking';
    const { a, b } = introDrafts({ aName: 'Priya Nair', bName: 'Lars Olsen', reason, aNeeds: true });
    assert.match(
      a,
      /^Hi Priya,\n\nI think you and Lars Olsen should meet, and here's why: you're hiring data engineers; Lars is looking\./,
    );
    assert.match(
      b,
      /^Hi Lars,\n\nI think you and Priya Nair should meet, and here's why: Priya is hiring data engineers; you're looking\./,
    );
    assertReadsWell(a, 'Priya Nair');
    assertReadsWell(b, 'Lars Olsen');
  });

  it('introduction: an offer written in the first person, a need that names the recipient', () => {
    const toNeeder = introToNeederDraft({
      to: 'Priya Nair',
      other: 'Lars Olsen',
      need: 'we need a sponsor bank',
      offer: 'I can introduce founders to sponsor banks',
    });
    assert.match(
      toNeeder,
      /You mentioned you need a sponsor bank\. I know Lars Olsen, who mentioned they can introduce founders to sponsor banks, and/,
    );
    const toGiver = introToGiverDraft({
      to: 'Lars Olsen',
      other: 'Priya Nair',
      need: 'intro to Lars or another sponsor bank partner',
      offer: 'runs partnerships at a sponsor bank',
    });
    assert.match(
      toGiver,
      /I know Priya Nair, who mentioned they are looking for an intro to you or another sponsor bank partner\. I thought of you, since you run partnerships at a sponsor bank\./,
    );
    assertReadsWell(toNeeder, 'Priya Nair');
    assertReadsWell(toGiver, 'Lars Olsen');
  });

  it('referral: the ask (a favour, easy to refuse) and the note passing one on', () => {
    const ask = referralAskDraft({
      to: 'Carla Mendes',
      ask: 'a referral to her CFO',
      why: "I'm looking for two new clients in fintech",
    });
    assert.equal(
      ask,
      "Hi Carla,\n\nI have a favour to ask, and please feel free to say no. I'm looking for two new clients in fintech, and I thought you might be able to help. Would you be willing to give me a referral to your CFO? If it doesn't feel right, just say so; no hard feelings, and it changes nothing between us.\n\nAll the best.",
    );
    assert.match(
      referralAskDraft({ to: 'Carla Mendes', ask: 'introduce me to her CFO' }),
      /Would you be willing to introduce me to your CFO\?/,
    );
    const note = referralNoteDraft({
      to: 'Carla Mendes',
      prospect: 'tom berger',
      need: 'we need help with our tax return',
    });
    assert.equal(
      note,
      "Hi Carla,\n\nI'd like to refer Tom Berger to you. Tom mentioned they need help with their tax return, and I thought of you. Tom is happy for me to connect you: shall I introduce you both by email? If it's not a fit, or you're at capacity, no problem; just let me know.\n\nAll the best.",
    );
    assertReadsWell(ask, 'Carla Mendes');
    assertReadsWell(note, 'Carla Mendes');
  });

  it('birthday, learn and an introduction nudge read well too', () => {
    assertReadsWell(birthdayDraft({ to: 'Anna Schmidt', on: TODAY, today: TODAY }), 'Anna Schmidt');
    assert.match(
      birthdayDraft({ to: 'Anna Schmidt', on: '2026-03-15', today: TODAY }),
      /Happy birthday for Sunday!/,
    );
    assert.match(
      birthdayDraft({ to: 'Anna Schmidt', on: '2026-03-14', today: TODAY }),
      /Happy birthday for tomorrow!/,
    );
    assert.match(
      birthdayDraft({ to: 'Anna Schmidt', on: '2026-03-30', today: TODAY }),
      /Happy birthday for Monday 30 March!/,
    );
    assertReadsWell(askNeedsDraft({ to: 'ben okafor' }), 'ben okafor');
    assertReadsWell(introNudgeDraft({ to: 'Priya Nair', other: 'Lars Olsen' }), 'Priya Nair');
  });

  it('a long need is shortened at a clause, a question kept as asked', () => {
    const long =
      "I'm hiring two data engineers who know Kafka, Flink and dbt, ideally in Berlin or remote within CET, for a team that is growing quickly after our Series A round closed last month";
    const d = giveDraft({ to: 'Priya Raman', need: long, offer: 'Introductions to Berlin data engineers' });
    assert.match(
      d,
      /You mentioned you're hiring two data engineers who know Kafka, Flink and dbt, ideally in Berlin or remote within CET\. I could/,
    );
    assertReadsWell(d, 'Priya Raman');
    const words = giveDraft({
      to: 'Priya Raman',
      need: `${'very '.repeat(40)}long need`,
      offer: 'SQL tuning',
    });
    assert.match(words, /very…/);
    assertReadsWell(words, 'Priya Raman');
    const q = giveDraft({
      to: 'Priya Raman',
      need: 'Anyone know a good tax lawyer in Berlin??',
      offer: 'Introductions to lawyers',
    });
    assert.match(
      q,
      /You asked, “Anyone know a good tax lawyer in Berlin\?” I could help with introductions to lawyers\./,
    );
  });
});

describe("drafts: the demo network's own words", () => {
  const second = (d: string): string => bodyOf(d).split(/(?<=[.!?]) /)[1] ?? '';
  const first = (d: string): string => bodyOf(d).split(/(?<=[.!?]) /)[0] ?? '';
  it('event lines jotted down in a hurry', () => {
    const line = (l: string): string => second(followUpDraft({ to: 'Nadia Volkova', line: l }));
    assert.equal(
      line('dbt shop, wants Postgres help'),
      "You mentioned you want Postgres help, and I'd like to hear more.",
    );
    assert.equal(
      line('building a fraud-detection team, hiring'),
      "You mentioned you're building a fraud-detection team and hiring, and I'd like to hear more.",
    );
    assert.equal(
      line('moving from banking to a startup'),
      "You mentioned you're moving from banking to a startup, and I'd like to hear more.",
    );
    assert.equal(
      line('runs data at a neobank'),
      "You mentioned you run data at a neobank, and I'd like to hear more.",
    );
  });
  it('promises and offers typed with a capital', () => {
    const promised = (text: string): string =>
      first(promiseDraft({ to: 'Priya Raman', text, due: TODAY, today: TODAY }));
    assert.equal(
      promised('Share the warehouse sizing sheet'),
      'I promised to share the warehouse sizing sheet with you by today.',
    );
    assert.equal(promised('Introduce Lars to Priya'), 'I promised to introduce Lars to you by today.');
    assert.equal(
      promised('Send the query-plan checklist'),
      'I promised to send you the query-plan checklist by today.',
    );
    const d = introToNeederDraft({
      to: 'Jonas Weber',
      other: 'Priya Raman',
      need: 'A Postgres expert to review our slow reporting queries',
      offer: 'Angel investing in early-stage payments startups',
    });
    assert.match(
      d,
      /You mentioned you're looking for a Postgres expert to review your slow reporting queries\. I know Priya Raman, who can help with angel investing in early-stage payments startups, and/,
    );
  });
  it('a referral asked for with a goal written as a noun phrase', () => {
    const d = referralAskDraft({
      to: 'Carla Mendes',
      ask: 'A referral to fintech CTOs she knows',
      why: 'A steady pipeline of referral clients for my data consultancy',
    });
    assert.match(
      d,
      /I'm looking for a steady pipeline of referral clients for my data consultancy, and I thought you might be able to help\. Would you be willing to give me a referral to fintech CTOs you know\?/,
    );
    assertReadsWell(d, 'Carla Mendes');
  });
});

describe('drafts: properties over realistic inputs', () => {
  const names = [
    'Ludwig van Beethoven',
    'María de la Cruz',
    'Jean-Luc Picard',
    'Dr. Anna Schmidt',
    'Cher',
    'priya raman',
    'Lars Olsen',
    'Seán Ó Briain',
    'Ngozi Okonjo-Iweala',
    'Kim Min-jun',
    'VAN DER BERG, Jan',
  ];
  const needs = [
    "I'm hiring two data engineers",
    'we need a sponsor bank',
    'We are looking for a Rust developer.',
    'Postgres expert',
    'seed investor for my fintech',
    'Hiring two data engineers for our analytics team in Berlin.',
    'need feedback on our pitch deck!',
    'my team needs a designer',
    'looking for a co-founder with sales experience',
    'intro to a sponsor bank',
    `I'm looking for ${'a very experienced and patient '.repeat(6)}mentor`,
  ];
  const offers = [
    'SQL tuning',
    'I can review your Postgres setup',
    'experienced data engineer looking for a new job in Berlin',
    'Introductions to Berlin data engineers',
    'runs a marketing agency',
    'We do fractional CFO work.',
  ];
  const arb = fc.record({
    to: fc.constantFrom(...names),
    other: fc.constantFrom(...names),
    need: fc.constantFrom(...needs),
    offer: fc.constantFrom(...offers),
  });

  it('every kind reads well for any recipient, need and offer', () => {
    fc.assert(
      fc.property(arb, ({ to, other, need, offer }) => {
        fc.pre(firstName(to) !== firstName(other));
        const all = [
          giveDraft({ to, need, offer }),
          followUpDraft({
            to,
            event: 'Berlin Data Meetup',
            eventDate: '2026-03-11',
            today: TODAY,
            line: need,
          }),
          reconnectDraft({ to, lastReal: '2025-01-02', today: TODAY }),
          promiseDraft({ to, text: `send ${to} the notes`, due: '2026-03-01', today: TODAY }),
          introToNeederDraft({ to, other, need, offer }),
          introToGiverDraft({ to, other, need, offer }),
          referralAskDraft({ to, ask: 'an intro to your CFO' }),
          referralNoteDraft({ to, prospect: other, need }),
        ];
        for (const d of all) assertReadsWell(d, to);
      }),
      { numRuns: 300 },
    );
  });

  it('a need in the first person never comes back in the first person', () => {
    fc.assert(
      fc.property(arb, ({ to, other, need, offer }) => {
        fc.pre(firstName(to) !== firstName(other));
        const sentences = /(?<=[.!?…]) /;
        const toThem = bodyOf(giveDraft({ to, need, offer })).split(sentences)[0] ?? '';
        assert.doesNotMatch(toThem, /\b(I'm|I|my|our|we|us)\b/, toThem);
        const aboutThem =
          bodyOf(introToGiverDraft({ to: other, other: to, need, offer })).split(sentences)[0] ?? '';
        assert.doesNotMatch(aboutThem, /\b(I'm|my|our|we|us)\b/, aboutThem);
      }),
      { numRuns: 200 },
    );
  });
});

describe('drafts: odd typing never breaks the punctuation', () => {
  // Words and marks as people type them in a hurry: stray quotes, "?!", leading commas, emoji.
  const piece = fc.constantFrom(
    ...[
      'I',
      "I'm",
      'we',
      'our',
      'need',
      'hiring',
      'a',
      'the',
      'Berlin',
      'Postgres',
      'expert',
      'help',
      'with',
    ],
    ...[
      'for',
      'she',
      'her',
      '"quoted"',
      '"',
      '...',
      '!',
      '?',
      ',',
      '—',
      '(note',
      'data',
      'intro',
      'to',
      'is',
    ],
    ...['looking', 'works', 'at', 'N26', '🚀', "'", 'é', ';', '', ' '],
  );
  const typed = fc.array(piece, { maxLength: 14 }).map((w) => w.join(' '));
  it('every kind, for any such text, keeps the shape of a message', () => {
    fc.assert(
      fc.property(
        typed,
        typed,
        fc.constantFrom('Priya Raman', 'jean-luc picard', 'Dr. Lars Olsen'),
        (a, b, to) => {
          const all = [
            giveDraft({ to, need: a, offer: b }),
            followUpDraft({ to, line: a }),
            promiseDraft({ to, text: a, due: '2026-03-01', today: TODAY }),
            introToNeederDraft({ to, other: 'Mei Chen', need: a, offer: b }),
            introToGiverDraft({ to, other: 'Mei Chen', need: a, offer: b, reason: b }),
            referralAskDraft({ to, ask: a, why: b }),
            referralNoteDraft({ to, prospect: 'Tom Berger', need: a }),
          ];
          for (const d of all) {
            assert.ok(d.startsWith(`Hi ${firstName(to)},\n\n`), d);
            assert.doesNotMatch(d, / {2}|([,;:!?])\1|(?<!\.)\.\.(?!\.)|[,;:][.!?]|[.!?][,;]|\s[,.;:!?]|"/, d);
            assert.match(d, /[.!?]$/, d);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
  it('blank facts leave their sentence out rather than building it around nothing', () => {
    assert.match(
      giveDraft({ to: 'Ana Lima', need: ' ', offer: '?' }),
      /^Hi Ana,\n\nI'd be glad to help\. Would a short call/,
    );
    assert.match(
      promiseDraft({ to: 'Ana Lima', text: '…', due: TODAY, today: TODAY }),
      /I promised you something by today\./,
    );
    assert.match(
      introToGiverDraft({ to: 'Ana Lima', other: 'Mei Chen', need: '', offer: '' }),
      /^Hi Ana,\n\nI think you and Mei Chen should meet\./,
    );
    assert.match(
      followUpDraft({ to: 'Ana Lima', line: '  ' }),
      /^Hi Ana,\n\nIt was good to meet you\. Would you/,
    );
  });
});

describe('drafts: on the agenda', () => {
  it("every action carries its draft, and the issue's promise draft no longer names Jonas twice", () => {
    const input: AgendaInput = {
      today: TODAY,
      promises: [
        {
          id: 1,
          personId: 1,
          personName: 'Jonas Weber',
          text: 'send Jonas the Postgres deck',
          due: '2026-03-12',
        },
      ],
      followUps: [
        {
          eventId: 2,
          eventName: 'Berlin Data Meetup',
          eventDate: '2026-03-11',
          personId: 2,
          personName: 'ines okafor',
          line: 'works on payments at N26',
        },
      ],
      waitingIntros: [],
      offers: [
        {
          personId: 3,
          personName: 'priya Raman',
          needId: 3,
          needText: 'Hiring two data engineers',
          offerId: 1,
          offerText: 'Introductions to Berlin data engineers',
          score: 0.9,
        },
      ],
      intros: [],
      birthdays: [],
      focus: [
        {
          personId: 4,
          personName: 'Ludwig van Beethoven',
          strength: 10,
          lastReal: '2025-12-01',
          openNeeds: 1,
        },
        { personId: 5, personName: 'Ben Ode', strength: 60, lastReal: '2026-03-10', openNeeds: 0 },
      ],
    };
    const agenda = buildAgenda(input, defaultSettings);
    assert.deepEqual(
      agenda.map((a) => a.draft.split('\n')[0]),
      ['Hi Jonas,', 'Hi Ines,', 'Hi Priya,', 'Hi Ludwig,', 'Hi Ben,'],
    );
    for (const a of agenda) assertReadsWell(a.draft, a.personName);
    assert.match(agenda[0]?.draft ?? '', /I promised to send you the Postgres deck by Thursday 12 March\./);
    assert.match(agenda[2]?.draft ?? '', /You mentioned you're hiring two data engineers\./);
  });

  it('an introduction nobody was asked about yet: its first message says the need and the offer', () => {
    const waiting = (personId: number, needBy: number): AgendaInput['waitingIntros'][number] => ({
      introId: 1,
      personId,
      personName: personId === 1 ? 'Priya Nair' : 'Lars Olsen',
      otherName: personId === 1 ? 'Lars Olsen' : 'Priya Nair',
      state: 'proposed',
      since: '2026-03-01',
      // What a proposal without a reason stores: not the user's words, never quoted in a draft.
      reason: '"hiring two data engineers" ↔ "data engineer looking for a job"',
      need: { text: 'hiring two data engineers', personId: needBy },
      offer: { text: 'data engineer looking for a job', personId: needBy === 1 ? 2 : 1 },
    });
    const empty: AgendaInput = {
      today: TODAY,
      promises: [],
      followUps: [],
      waitingIntros: [],
      offers: [],
      intros: [],
      birthdays: [],
      focus: [],
    };
    const toNeeder =
      buildAgenda({ ...empty, waitingIntros: [waiting(1, 1)] }, defaultSettings)[0]?.draft ?? '';
    assert.match(
      toNeeder,
      /^Hi Priya,\n\nYou mentioned you're hiring two data engineers\. I know Lars Olsen, a data engineer looking for a job, and/,
    );
    const toGiver =
      buildAgenda({ ...empty, waitingIntros: [waiting(2, 1)] }, defaultSettings)[0]?.draft ?? '';
    assert.match(
      toGiver,
      /^Hi Lars,\n\nI know Priya Nair, who mentioned they are hiring two data engineers\. I thought of you, since you're a data engineer looking for a job\./,
    );
    for (const d of [toNeeder, toGiver]) assert.doesNotMatch(d, /↔|“/);
  });
});
