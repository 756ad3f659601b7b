/**
 * The seeded network generator: a realistic large personal network (DESIGN.md "Scale": 30,000
 * people, 10,000 needs, 20,000 offers, 200,000 interactions), loaded into a fresh database made
 * by the product's own `openStore` (so the schema is the migrations'), with every denormalised
 * column filled exactly as the product fills it, and matcher features built by the product's
 * matcher (the one-time index build).
 *
 *   node --import tsx bench/generate.ts [--out FILE] [--today YYYY-MM-DD] [--seed N] [--scale X]
 *
 * The network is the same for the same seed and scale; only its dates move with `today`, so a
 * cache keyed by (generator version, seed, scale, today, matcher version) is exact.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { addDays, dayOf, daysBetween } from '../src/core/dates.js';
import { fold } from '../src/core/text.js';
import {
  askKinds,
  giveKinds,
  type Channel,
  type Circle,
  type IntroState,
  type ItemSide,
  type Kind,
  type Nature,
  type Source,
} from '../src/core/types.js';
import { dedupeKeys } from '../src/importers/dedupe.js';
import { createMatcher } from '../src/matching/index.js';
import { openStore } from '../src/storage/db.js';
import { searchTextOf } from '../src/storage/repos/person-row.js';
import { readFeatureCache, writeFeatureCache } from './lib/features-cache.js';
import { helpKinds, helpText, type HelpKind } from './lib/help-texts.js';
import { mulberry32, type Rng } from './lib/prng.js';
import * as v from './lib/vocab.js';

/** Bump whenever the generated data changes: it is part of the cache key. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20_260_101;

const here = path.dirname(fileURLToPath(import.meta.url));
export const cacheDir = path.join(here, 'results', 'cache');

export interface GenerateOptions {
  file: string;
  /** The day the data is generated around (interactions fill the three years before it). */
  today: string;
  seed?: number;
  /** 1 = the full DESIGN.md scale; smaller for quick runs while developing. */
  scale?: number;
  log?: (line: string) => void;
}

export interface NetworkInfo {
  file: string;
  today: string;
  seed: number;
  scale: number;
  generatorVersion: number;
  matcherVersion: string;
  counts: Record<string, number>;
  /** Building the network in memory. */
  generateMs: number;
  /** Inserting it, one transaction. */
  insertMs: number;
  /** The one-time index build: featurizing the texts not already in the feature cache. */
  indexBuildMs: number;
  textsDistinct: number;
  textsFeaturized: number;
  /** Milliseconds per featurized text (0 when everything came from the feature cache). */
  msPerText: number;
  featurizeProcesses: number;
  bytes: number;
}

// ---------------------------------------------------------------------------------------------
// The network in memory

interface GenPerson {
  id: number;
  name: string;
  first: string;
  last: string;
  company?: [string, string] | undefined;
  title?: string | undefined;
  emails: string[];
  linkedin?: string | undefined;
  birthday?: string | undefined;
  notes?: string | undefined;
  met?: string | undefined;
  tags: string[];
  source: Source;
  circle: Circle;
  cadenceDays?: number | undefined;
  created: string; // day
}

interface GenItem {
  id: number;
  personId: number | null;
  side: ItemSide;
  text: string;
  status: 'open' | 'met' | 'stale';
  created: string;
}

interface GenInteraction {
  id: number;
  date: string;
  channel: Channel;
  nature: Nature;
  kind?: Kind | undefined;
  note?: string | undefined;
  unearned: boolean;
  introId?: number | undefined;
  people: number[];
}

interface Network {
  people: GenPerson[];
  items: GenItem[];
  interactions: GenInteraction[];
  promises: { id: number; personId: number; text: string; due: string; status: string; doneOn?: string }[];
  events: {
    id: number;
    name: string;
    date: string;
    place: string;
    met: { personId: number; line: string; followUp: boolean }[];
  }[];
  intros: {
    id: number;
    a: number;
    b: number;
    reason: string;
    needId: number | null;
    offerId: number | null;
    state: IntroState;
    declinedBy: string | null;
    outcome: string | null;
    since: string;
    created: string;
  }[];
  outcomes: {
    interactionId: number;
    personId: number;
    kind: string;
    valueCents: number | null;
    note: string | null;
    date: string;
  }[];
  moves: { personId: number; from: Circle; to: Circle; at: string }[];
}

const instant = (day: string, r: Rng): string =>
  `${day}T${String(r.int(7, 21)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}.000Z`;

const ascii = (s: string): string =>
  fold(s)
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[łđ]/g, (c) => (c === 'ł' ? 'l' : 'd'))
    .replace(/ı/g, 'i')
    .replace(/þ/g, 'th')
    .replace(/[^a-z0-9]+/g, '');

const fill = (tpl: string, r: Rng, extra: { name?: string; company?: string } = {}): string =>
  tpl
    .replace('{event}', r.pick(v.eventNames))
    .replace('{place}', r.pick(v.places))
    .replace('{name}', extra.name ?? 'a friend')
    .replace('{company}', extra.company ?? r.pick(v.companies)[0])
    .replace('{topic}', r.pick(r.pick(helpKinds).topics))
    .replace('{lang}', r.pick(v.languages));

/** My own side: what I can give and what I need (a freelance data consultant, as in DESIGN.md). */
const myOffers = [
  'SQL and Postgres performance tuning for startups',
  'Intros to data engineers in Berlin',
  'Reviews of dbt projects and analytics engineering setups',
  'Mentoring for first-time freelance consultants',
  'A talk at your meetup about modern data stacks',
];
const myNeeds = [
  'Two new clients in fintech who need data engineering',
  'A good tax accountant for freelancers in Germany',
  'Speaking slots at data conferences in Europe',
];

export function buildNetwork(today: string, seed: number, scale: number): Network {
  const r = mulberry32(seed);
  const nPeople = Math.round(30_000 * scale);
  const nFocus = 20;
  const nNetwork = Math.max(20, Math.round(600 * scale));
  const nArchived = Math.max(2, Math.round(40 * scale));
  const span = 3 * 365;
  const first = addDays(today, -span);

  // Circles are spread over ids, as a real database's would be after years of use.
  const circleOf: Circle[] = Array.from({ length: nPeople }, () => 'pool');
  const order = r.shuffle(Array.from({ length: nPeople }, (_, i) => i));
  order.slice(0, nFocus).forEach((i) => (circleOf[i] = 'focus'));
  order.slice(nFocus, nFocus + nNetwork).forEach((i) => (circleOf[i] = 'network'));
  order.slice(nFocus + nNetwork, nFocus + nNetwork + nArchived).forEach((i) => (circleOf[i] = 'archived'));

  const people: GenPerson[] = circleOf.map((circle, i) => {
    const [givens, families] = r.chance(0.08)
      ? [r.pick(v.cultures)[0], r.pick(v.cultures)[1]]
      : (() => {
          const c = r.pick(v.cultures);
          return [c[0], c[1]] as const;
        })();
    const firstName = r.pick(givens);
    const lastName = r.pick(families);
    const close = circle === 'focus' || circle === 'network';
    const company = r.chance(close ? 0.9 : 0.8) ? r.pick(v.companies) : undefined;
    const created = addDays(first, -r.int(0, 400) + (close ? 0 : r.int(0, span - 30)));
    const p: GenPerson = {
      id: i + 1,
      name: r.chance(0.02) ? `${firstName} ${r.pick(families)}-${lastName}` : `${firstName} ${lastName}`,
      first: firstName,
      last: lastName,
      company: company ? [company[0], company[1]] : undefined,
      title: r.chance(close ? 0.9 : 0.75) ? r.pick(v.titles) : undefined,
      emails: [],
      tags: [],
      source: close
        ? r.weighted<Source>([
            ['manual', 5],
            ['linkedin', 3],
            ['vcard', 1],
            ['google', 1],
          ])
        : r.weighted<Source>([
            ['linkedin', 8],
            ['google', 1],
            ['vcard', 1],
          ]),
      circle,
      created,
    };
    if (r.chance(close ? 0.8 : 0.28))
      p.emails.push(
        company && r.chance(0.6)
          ? `${ascii(firstName)}.${ascii(lastName)}@${company[1]}`
          : `${ascii(firstName)}${ascii(lastName)}${r.int(1, 99)}@mail.example`,
      );
    if (close && r.chance(0.2)) p.emails.push(`${ascii(firstName)}@home.example`);
    if (p.source === 'linkedin' || r.chance(0.4))
      p.linkedin = `https://www.linkedin.com/in/${ascii(firstName)}-${ascii(lastName)}-${((i * 2654435761) % 0xffffff).toString(16)}`;
    if (r.chance(circle === 'focus' ? 0.6 : circle === 'network' ? 0.3 : 0.03)) {
      const md = `${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      p.birthday = r.chance(0.5) ? `${r.int(1955, 2000)}-${md}` : `--${md}`;
    }
    const nTags = r.chance(circle === 'focus' ? 0.85 : circle === 'network' ? 0.6 : 0.15) ? r.int(1, 3) : 0;
    p.tags = [...new Set(r.sample(v.tags, nTags))];
    if (close) {
      p.met = fill(r.pick(v.metLines), r, {
        name: r.pick(r.pick(v.cultures)[0]),
        company: company?.[0],
      });
      if (r.chance(0.6)) p.notes = fill(r.pick(v.noteLines), r);
      if (circle === 'focus' && r.chance(0.5)) p.cadenceDays = r.pick([14, 21, 30, 45]);
    } else if (r.chance(0.03)) p.notes = fill(r.pick(v.noteLines), r);
    return p;
  });
  const byCircle = (c: Circle): GenPerson[] => people.filter((p) => p.circle === c);
  const focus = byCircle('focus');
  const network = byCircle('network');
  const pool = byCircle('pool');
  const close = [...focus, ...network];

  // Needs and offers.
  const items: GenItem[] = [];
  const addItem = (personId: number | null, side: ItemSide, text: string, since: string): GenItem => {
    const created = addDays(since, r.int(0, Math.max(0, daysBetween(since, today) - 1)));
    const status =
      side === 'need'
        ? r.weighted<GenItem['status']>([
            ['open', 85],
            ['met', 10],
            ['stale', 5],
          ])
        : r.weighted<GenItem['status']>([
            ['open', 92],
            ['stale', 8],
          ]);
    const item: GenItem = {
      id: items.length + 1,
      personId,
      side,
      text,
      status: personId === null ? 'open' : status,
      created,
    };
    items.push(item);
    return item;
  };
  for (const t of myOffers) addItem(null, 'offer', t, addDays(today, -200));
  for (const t of myNeeds) addItem(null, 'need', t, addDays(today, -90));
  const mine = helpKinds.filter((k) => ['data', 'career', 'finance', 'media'].includes(k.name));
  const kindFor = (p: GenPerson): HelpKind =>
    p.circle === 'focus' && r.chance(0.45) ? r.pick(mine) : r.pick(helpKinds);
  const nNeeds = Math.round(10_000 * scale);
  const nOffers = Math.round(20_000 * scale);
  let needs = 0;
  let offers = 0;
  // Six focus people have no known needs: the agenda's "learn" tier.
  for (const [i, p] of focus.entries()) {
    const n = i < 6 ? 0 : r.int(1, 3);
    for (let k = 0; k < n; k++, needs++) addItem(p.id, 'need', helpText(r, 'need', kindFor(p)), p.created);
    for (let k = r.int(1, 3); k > 0; k--, offers++)
      addItem(p.id, 'offer', helpText(r, 'offer', kindFor(p)), p.created);
  }
  for (const p of network) {
    if (r.chance(0.5))
      for (let k = r.int(1, 2); k > 0; k--, needs++)
        addItem(p.id, 'need', helpText(r, 'need', kindFor(p)), p.created);
    if (r.chance(0.7))
      for (let k = r.int(1, 3); k > 0; k--, offers++)
        addItem(p.id, 'offer', helpText(r, 'offer', kindFor(p)), p.created);
  }
  const others = [...pool, ...byCircle('archived')];
  for (; needs < nNeeds; needs++) {
    const p = r.pick(others);
    addItem(p.id, 'need', helpText(r, 'need', kindFor(p)), p.created);
  }
  for (; offers < nOffers; offers++) {
    const p = r.pick(others);
    addItem(p.id, 'offer', helpText(r, 'offer', kindFor(p)), p.created);
  }

  // Interactions.
  const interactions: GenInteraction[] = [];
  const channelFor = (c: Circle): Channel =>
    c === 'focus'
      ? r.weighted<Channel>([
          ['social', 10],
          ['message', 30],
          ['in_person', 30],
          ['call', 25],
          ['letter', 5],
        ])
      : c === 'network'
        ? r.weighted<Channel>([
            ['social', 25],
            ['message', 35],
            ['in_person', 20],
            ['call', 15],
            ['letter', 5],
          ])
        : r.weighted<Channel>([
            ['social', 70],
            ['message', 25],
            ['in_person', 3],
            ['call', 2],
          ]);
  const natureFor = (ch: Channel): Nature =>
    ch === 'social'
      ? r.weighted<Nature>([
          ['touch', 90],
          ['gave', 8],
          ['asked', 2],
        ])
      : ch === 'message'
        ? r.weighted<Nature>([
            ['touch', 45],
            ['gave', 30],
            ['asked', 12],
            ['received', 13],
          ])
        : r.weighted<Nature>([
            ['touch', 40],
            ['gave', 30],
            ['asked', 10],
            ['received', 20],
          ]);
  const log = (
    date: string,
    peopleIds: number[],
    channel: Channel,
    nature: Nature,
    extra: Partial<GenInteraction> = {},
  ): GenInteraction => {
    const kind =
      nature === 'gave' || nature === 'received'
        ? r.chance(0.9)
          ? channel === 'social'
            ? r.pick<Kind>(['congratulation', 'recommendation', 'resource'])
            : r.pick(giveKinds)
          : undefined
        : nature === 'asked'
          ? r.pick(askKinds)
          : undefined;
    const i: GenInteraction = {
      id: interactions.length + 1,
      date,
      channel,
      nature,
      kind,
      note: channel !== 'social' && r.chance(0.35) ? fill(r.pick(v.interactionNotes), r) : undefined,
      unearned: nature === 'asked' && r.chance(0.05),
      people: [...new Set(peopleIds)],
      ...extra,
    };
    interactions.push(i);
    return i;
  };
  const dateFor = (p: GenPerson, bias: number): string => {
    const from = p.created > first ? p.created : first;
    const days = Math.max(1, daysBetween(from, today));
    return addDays(today, -Math.floor(days * r.next() ** bias) - 1 + (r.chance(0.02) ? 1 : 0));
  };
  const total = Math.round(200_000 * scale);

  // Events: about one every three weeks, the latest a few days ago, people met at each.
  const events: Network['events'] = [];
  const nEvents = Math.max(3, Math.round(50 * scale));
  for (let e = 0; e < nEvents; e++) {
    const date = addDays(today, -(3 + e * 21 + r.int(0, 6)));
    const place = r.pick(v.places);
    const metPeople = r.sample(r.chance(0.7) ? [...network, ...pool.slice(0, 4000)] : pool, r.int(4, 15));
    const picks = new Set(r.sample(metPeople, r.int(1, 2)).map((p) => p.id));
    const ev = {
      id: e + 1,
      name: `${r.pick(v.eventNames)} ${place} ${date.slice(0, 4)}`,
      date,
      place,
      met: metPeople.map((p) => ({
        personId: p.id,
        line: r.pick([
          `works on ${r.pick(r.pick(helpKinds).topics)}`,
          `${p.title ?? 'founder'} at ${p.company?.[0] ?? 'a startup'}`,
          `wants an intro to ${r.pick(r.pick(helpKinds).needs)}`,
          `knows ${r.pick(r.pick(v.cultures)[0])}`,
          'great talk, follow up',
        ]),
        followUp: picks.has(p.id),
      })),
    };
    events.push(ev);
    for (const m of ev.met) {
      const p = people[m.personId - 1];
      if (p && p.circle === 'pool' && p.source !== 'event') {
        p.source = 'event';
        p.created = date;
        p.met = `at ${ev.name}`;
      }
      // Older events' picks got their real follow-up within a week: those events succeeded.
      if (m.followUp && e > 0)
        log(addDays(date, r.int(1, 7)), [m.personId], r.pick<Channel>(['in_person', 'call']), 'touch');
    }
  }

  // Introductions I made or am making, with the gives they were.
  const intros: Network['intros'] = [];
  const states: IntroState[] = [
    ...Array<IntroState>(20).fill('made'),
    ...Array<IntroState>(8).fill('outcome'),
    ...Array<IntroState>(4).fill('declined'),
    'proposed',
    'proposed',
    'asked_a',
    'asked_a',
    'asked_a',
    'asked_b',
    'asked_b',
    'proposed',
  ];
  const needItems = items.filter((i) => i.side === 'need' && i.personId !== null);
  for (const [n, state] of states.entries()) {
    const [a, b] = r.sample(close, 2) as [GenPerson, GenPerson];
    const created = addDays(today, -r.int(2, 700));
    const since =
      state === 'proposed' || state.startsWith('asked')
        ? addDays(today, -r.int(1, 20))
        : addDays(created, r.int(0, 14));
    const need = needItems.find((i) => i.personId === a.id);
    intros.push({
      id: n + 1,
      a: a.id,
      b: b.id,
      reason: need
        ? `${b.name} can help with "${need.text}"`
        : `both work on ${r.pick(r.pick(helpKinds).topics)}`,
      needId: need?.id ?? null,
      offerId: null,
      state,
      declinedBy: state === 'declined' ? r.pick(['a', 'b']) : null,
      outcome:
        state === 'outcome'
          ? r.pick(['they hired each other', 'a pilot started', 'a good friendship'])
          : null,
      since: `${since}T10:00:00.000Z`,
      created: `${created}T10:00:00.000Z`,
    });
    if (state === 'made' || state === 'outcome')
      log(since > today ? today : since, [a.id, b.id], 'message', 'gave', { kind: 'intro', introId: n + 1 });
  }

  // Focus and network people: real relationships.
  for (const p of focus)
    for (let k = r.int(40, 100); k > 0; k--)
      log(dateFor(p, 1.8), [p.id], channelFor('focus'), natureFor(channelFor('focus')));
  for (const p of network) {
    for (let k = r.int(10, 60); k > 0; k--) {
      const ch = channelFor('network');
      const group = r.chance(0.05) ? r.sample(network, r.int(1, 3)).map((o) => o.id) : [];
      log(dateFor(p, 1.3), [p.id, ...group], ch, natureFor(ch));
    }
  }
  // Everyone else: the connection request that put them in the pool, then whatever the tools logged.
  const others2 = [...pool, ...byCircle('archived')];
  for (const p of others2)
    if (interactions.length < total)
      log(addDays(p.created, 1) > today ? today : addDays(p.created, 1), [p.id], 'social', 'touch');
  const weights = others2.map(() => r.next() ** 3);
  const cum: number[] = [];
  let acc = 0;
  for (const w of weights) cum.push((acc += w));
  while (interactions.length < total) {
    const x = r.next() * acc;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    const p = others2[lo] as GenPerson;
    const ch = channelFor('pool');
    log(dateFor(p, 1.1), [p.id], ch, natureFor(ch));
  }

  // Promises: mostly kept, a few broken, some open (a few of them overdue).
  const promises: Network['promises'] = [];
  const nPromises = Math.max(10, Math.round(300 * scale));
  for (let n = 0; n < nPromises; n++) {
    const p = r.weighted([
      [focus, 3],
      [network, 6],
      [pool, 1],
    ] as const);
    const who = r.pick(p);
    const due = addDays(today, -r.int(-30, 400));
    const past = due < today;
    const status = past
      ? r.weighted([
          ['kept', 85],
          ['broken', 5],
          ['open', 10],
        ] as const)
      : 'open';
    const kind = r.pick(helpKinds);
    promises.push({
      id: n + 1,
      personId: who.id,
      text: r.pick([
        `send the ${r.pick(kind.topics)} article`,
        `intro to someone for ${r.pick(kind.needs)}`,
        `review their ${r.pick(['deck', 'CV', 'contract', 'roadmap', 'dashboard'])}`,
        `share my notes on ${r.pick(kind.topics)}`,
        'book the follow-up coffee',
      ]),
      due,
      status,
      ...(status === 'kept' ? { doneOn: addDays(due, -r.int(0, 5)) } : {}),
    });
  }

  // Outcomes of some gives.
  const outcomes: Network['outcomes'] = [];
  const closeIds = new Set(close.map((p) => p.id));
  const gives = interactions.filter((i) => i.nature === 'gave' && closeIds.has(i.people[0] ?? 0));
  for (const g of r.sample(gives, Math.max(5, Math.round(60 * scale)))) {
    const kind = r.weighted([
      ['thanks', 6],
      ['led_somewhere', 3],
      ['business', 1],
    ] as const);
    outcomes.push({
      interactionId: g.id,
      personId: g.people[0] ?? 0,
      kind,
      valueCents: kind === 'business' ? r.int(10, 500) * 10_000 : null,
      note: kind === 'thanks' ? null : r.pick(['signed a pilot', 'they hired the person', 'project started']),
      date: addDays(g.date, r.int(1, 30)) > today ? today : addDays(g.date, r.int(1, 30)),
    });
  }

  // Circle moves, all older than the shotgun window.
  const moves: Network['moves'] = [];
  for (const p of focus)
    moves.push({
      personId: p.id,
      from: 'network',
      to: 'focus',
      at: instant(addDays(today, -r.int(30, 600)), r),
    });
  for (const p of network)
    if (r.chance(0.3))
      moves.push({
        personId: p.id,
        from: 'pool',
        to: 'network',
        at: instant(addDays(today, -r.int(30, 900)), r),
      });
  for (const p of byCircle('archived'))
    moves.push({
      personId: p.id,
      from: 'pool',
      to: 'archived',
      at: instant(addDays(today, -r.int(30, 900)), r),
    });

  return { people, items, interactions, promises, events, intros, outcomes, moves };
}

// ---------------------------------------------------------------------------------------------
// Loading it into a fresh database

/** The search text the app would build for this person (the company is its name, not its domain). */
function searchText(p: GenPerson, tags: readonly string[], itemTexts: readonly string[]): string {
  return searchTextOf({ ...p, company: p.company?.[0] }, tags, itemTexts);
}

function insertNetwork(sqlite: SQLite.Database, net: Network, r: Rng): void {
  const st = {
    person: sqlite.prepare(
      `INSERT INTO people (id, name, name_fold, met, company, title, emails, phones, linkedin, urls, birthday, notes, source, circle, cadence_days, introduced_by, merged_into, search_text, last_real_on, last_contact_on, created_at, updated_at, deleted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?, '[]', ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, NULL)`,
    ),
    key: sqlite.prepare('INSERT OR IGNORE INTO person_keys (key, person_id) VALUES (?, ?)'),
    tag: sqlite.prepare('INSERT INTO person_tags (person_id, tag) VALUES (?, ?)'),
    item: sqlite.prepare(
      'INSERT INTO items (id, person_id, side, text, status, goal_id, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, NULL)',
    ),
    event: sqlite.prepare(
      'INSERT INTO events (id, name, date, place, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, NULL)',
    ),
    met: sqlite.prepare(
      'INSERT INTO event_people (event_id, person_id, line, follow_up, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    intro: sqlite.prepare(
      'INSERT INTO intros (id, a_id, b_id, reason, need_id, offer_id, state, declined_by, outcome, state_since, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    interaction: sqlite.prepare(
      'INSERT INTO interactions (id, date, channel, nature, kind, note, unearned, intro_id, created_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)',
    ),
    link: sqlite.prepare('INSERT INTO interaction_people (interaction_id, person_id) VALUES (?, ?)'),
    promise: sqlite.prepare(
      'INSERT INTO promises (id, person_id, text, due, status, done_on, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)',
    ),
    outcome: sqlite.prepare(
      'INSERT INTO outcomes (interaction_id, intro_id, person_id, kind, value_cents, note, date, created_at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?)',
    ),
    move: sqlite.prepare(
      'INSERT INTO circle_moves (person_id, from_circle, to_circle, at) VALUES (?, ?, ?, ?)',
    ),
  };

  // Denormalised columns, computed as the product keeps them.
  const texts = new Map<number, GenItem[]>();
  for (const i of net.items)
    if (i.personId !== null) texts.set(i.personId, [...(texts.get(i.personId) ?? []), i]);
  const lastContact = new Map<number, string>();
  const lastReal = new Map<number, string>();
  for (const i of net.interactions)
    for (const id of i.people) {
      if ((lastContact.get(id) ?? '') < i.date) lastContact.set(id, i.date);
      if (['in_person', 'call', 'letter'].includes(i.channel) && (lastReal.get(id) ?? '') < i.date)
        lastReal.set(id, i.date);
    }

  sqlite.transaction(() => {
    for (const p of net.people) {
      const tags = [...p.tags].sort();
      // refreshSearchText reads items through the (person_id, side) index: needs before offers, by id.
      const own = (texts.get(p.id) ?? []).sort((a, b) =>
        a.side === b.side ? a.id - b.id : a.side < b.side ? -1 : 1,
      );
      const created = instant(p.created, r);
      st.person.run(
        p.id,
        p.name,
        fold(p.name),
        p.met ?? null,
        p.company?.[0] ?? null,
        p.title ?? null,
        JSON.stringify(p.emails),
        p.linkedin ?? null,
        p.birthday ?? null,
        p.notes ?? null,
        p.source,
        p.circle,
        p.cadenceDays ?? null,
        searchText(
          p,
          tags,
          own.map((i) => i.text),
        ),
        lastReal.get(p.id) ?? null,
        lastContact.get(p.id) ?? null,
        created,
        created,
      );
      for (const t of tags) st.tag.run(p.id, t);
      if (p.source === 'linkedin' || p.source === 'google' || p.source === 'vcard')
        for (const k of dedupeKeys({
          name: p.name,
          ...(p.company ? { company: p.company[0] } : {}),
          emails: p.emails.map((e) => e.toLowerCase()),
          ...(p.linkedin ? { linkedin: p.linkedin } : {}),
        }))
          st.key.run(k, p.id);
    }
    for (const i of net.items) {
      const at = instant(i.created, r);
      st.item.run(i.id, i.personId, i.side, i.text, i.status, at, at);
    }
    for (const e of net.events) {
      const at = `${e.date}T20:00:00.000Z`;
      st.event.run(e.id, e.name, e.date, e.place, at, at);
      for (const m of e.met) st.met.run(e.id, m.personId, m.line, m.followUp ? 1 : 0, at);
    }
    for (const x of net.intros)
      st.intro.run(
        x.id,
        x.a,
        x.b,
        x.reason,
        x.needId,
        x.offerId,
        x.state,
        x.declinedBy,
        x.outcome,
        x.since,
        x.created,
        x.since,
      );
    for (const i of net.interactions) {
      st.interaction.run(
        i.id,
        i.date,
        i.channel,
        i.nature,
        i.kind ?? null,
        i.note ?? null,
        i.unearned ? 1 : 0,
        i.introId ?? null,
        instant(i.date, r),
      );
      for (const p of i.people) st.link.run(i.id, p);
    }
    for (const p of net.promises)
      st.promise.run(
        p.id,
        p.personId,
        p.text,
        p.due,
        p.status,
        p.doneOn ?? null,
        `${addDays(p.due, -14)}T09:00:00.000Z`,
        `${p.doneOn ?? addDays(p.due, -14)}T09:00:00.000Z`,
      );
    for (const o of net.outcomes)
      st.outcome.run(
        o.interactionId,
        o.personId,
        o.kind,
        o.valueCents,
        o.note,
        o.date,
        `${o.date}T12:00:00.000Z`,
      );
    for (const m of net.moves) st.move.run(m.personId, m.from, m.to, m.at);
  })();
}

/**
 * Featurizes texts in child processes, in batches; reports progress. One process by default: on
 * the 2-core bench machine two encoders ran slower in total (33 ms a text) than one (25 ms).
 */
async function featurizeParallel(
  texts: readonly string[],
  procs: number,
  log: (s: string) => void,
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = new Array<Uint8Array>(texts.length);
  const batch = 64;
  let next = 0;
  let done = 0;
  const t0 = performance.now();
  const workerFile = path.join(here, 'lib', 'featurize-worker.ts');
  const work = async (): Promise<void> => {
    const child = fork(workerFile, [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    type Reply = { features?: Uint8Array[]; error?: string; ready?: string };
    let pending: { resolve: (m: Reply) => void; reject: (e: Error) => void } | undefined;
    child.on('message', (m) => {
      const p = pending;
      pending = undefined;
      p?.resolve(m as Reply);
    });
    child.on('exit', (code) => pending?.reject(new Error(`featurize worker exited with ${String(code)}`)));
    const ask = (msg?: { texts: string[] }): Promise<Reply> =>
      new Promise((resolve, reject) => {
        pending = { resolve, reject };
        if (msg) child.send(msg);
      });
    await ask(undefined);
    try {
      while (next < texts.length) {
        const start = next;
        next += batch;
        const reply = await ask({ texts: texts.slice(start, start + batch) });
        if (!reply.features) throw new Error(reply.error ?? 'featurize worker failed');
        reply.features.forEach((f, k) => (out[start + k] = new Uint8Array(f)));
        done += reply.features.length;
        if (Math.floor(done / 2000) !== Math.floor((done - reply.features.length) / 2000)) {
          const rate = done / ((performance.now() - t0) / 1000);
          log(
            `  featurized ${done}/${texts.length} (${rate.toFixed(0)} texts/s, ~${((texts.length - done) / rate / 60).toFixed(1)} min left)`,
          );
        }
      }
    } finally {
      pending = undefined;
      child.kill();
    }
  };
  await Promise.all(Array.from({ length: procs }, work));
  return out;
}

/** Generates the network into `file` (which must not exist), builds the matcher index, returns what it did. */
export async function generate(opts: GenerateOptions): Promise<NetworkInfo> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const scale = opts.scale ?? 1;
  const log = opts.log ?? ((s: string) => void process.stderr.write(`${s}\n`));
  if (fs.existsSync(opts.file))
    throw new Error(`${opts.file} exists; the generator only fills a fresh database`);

  let t = performance.now();
  const net = buildNetwork(opts.today, seed, scale);
  const generateMs = performance.now() - t;
  log(
    `generated ${net.people.length} people, ${net.items.length} items, ${net.interactions.length} interactions in ${(generateMs / 1000).toFixed(1)} s`,
  );

  // The product's own openStore creates the schema through its migrations.
  const store = await openStore(opts.file);
  await store.close();
  const sqlite = new SQLite(opts.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  t = performance.now();
  insertNetwork(sqlite, net, mulberry32(seed ^ 0x5eed));
  const insertMs = performance.now() - t;
  log(`inserted in ${(insertMs / 1000).toFixed(1)} s`);

  // The one-time index build: the product's matcher, stored with its version.
  const matcher = createMatcher();
  const featureFile = path.join(cacheDir, `features-${hash(matcher.version)}.bin`);
  const known = readFeatureCache(featureFile);
  const distinct = [...new Set(net.items.map((i) => i.text))];
  const missing = distinct.filter((x) => !known.has(x));
  const procs = Number(process.env.BENCH_FEATURIZE_PROCS ?? '') || 1;
  log(`features: ${distinct.length} distinct texts, ${missing.length} to featurize (${procs} processes)`);
  t = performance.now();
  if (missing.length > 0) {
    const feats = await featurizeParallel(missing, procs, log);
    missing.forEach((x, i) => known.set(x, feats[i] ?? new Uint8Array()));
    fs.mkdirSync(cacheDir, { recursive: true });
    writeFeatureCache(featureFile, known);
  }
  const indexBuildMs = performance.now() - t;
  const put = sqlite.prepare('INSERT INTO match_features (item_id, version, data) VALUES (?, ?, ?)');
  sqlite.transaction(() => {
    for (const i of net.items) put.run(i.id, matcher.version, known.get(i.text) ?? new Uint8Array());
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const counts: Record<string, number> = {};
  for (const table of [
    'people',
    'person_tags',
    'person_keys',
    'items',
    'match_features',
    'interactions',
    'interaction_people',
    'promises',
    'events',
    'event_people',
    'intros',
    'outcomes',
    'circle_moves',
  ])
    counts[table] = (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  sqlite.close();
  log(`index build ${(indexBuildMs / 1000).toFixed(1)} s`);
  return {
    file: opts.file,
    today: opts.today,
    seed,
    scale,
    generatorVersion: GENERATOR_VERSION,
    matcherVersion: matcher.version,
    counts,
    generateMs,
    insertMs,
    indexBuildMs,
    textsDistinct: distinct.length,
    textsFeaturized: missing.length,
    msPerText: missing.length > 0 ? indexBuildMs / missing.length : 0,
    featurizeProcesses: procs,
    bytes: fs.statSync(opts.file).size,
  };
}

const hash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 10);

/**
 * The cached network for (generator version, seed, scale, today, matcher version), generating it
 * when missing. Older cached databases of the same seed and scale are removed.
 */
export async function ensureNetwork(
  opts: Omit<GenerateOptions, 'file'>,
): Promise<NetworkInfo & { cached: boolean }> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const scale = opts.scale ?? 1;
  const matcherVersion = createMatcher().version;
  const stem = `network-g${GENERATOR_VERSION}-s${seed}-x${scale}`;
  const key = `${stem}-${opts.today}-m${hash(matcherVersion)}`;
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `${key}.db`);
  const infoFile = path.join(cacheDir, `${key}.json`);
  if (fs.existsSync(file) && fs.existsSync(infoFile))
    return { ...(JSON.parse(fs.readFileSync(infoFile, 'utf8')) as NetworkInfo), file, cached: true };
  for (const f of fs.readdirSync(cacheDir))
    if (f.startsWith(`${stem}-`)) fs.rmSync(path.join(cacheDir, f), { force: true });
  const tmp = path.join(cacheDir, `${key}.tmp.db`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${tmp}${suffix}`, { force: true });
  const info = await generate({ ...opts, seed, scale, file: tmp });
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${tmp}${suffix}`, { force: true });
  fs.renameSync(tmp, file);
  const final = { ...info, file };
  fs.writeFileSync(infoFile, JSON.stringify(final, null, 2));
  return { ...final, cached: false };
}

async function main(argv: readonly string[]): Promise<void> {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const today = arg('--today') ?? dayOf(new Date());
  const seed = Number(arg('--seed') ?? DEFAULT_SEED);
  const scale = Number(arg('--scale') ?? 1);
  const out = arg('--out');
  const info = out
    ? await generate({ file: out, today, seed, scale })
    : await ensureNetwork({ today, seed, scale });
  process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.env.TZ = 'UTC';
  await main(process.argv.slice(2));
}
