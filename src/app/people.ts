import { DomainError, invalid } from '../core/errors.js';
import { fitOf, type Fit } from '../core/fit.js';
import { judgeFocusAdd } from '../core/focus.js';
import { givesFromMatches } from '../core/gives.js';
import { ledgerOf, type Ledger } from '../core/ledger.js';
import { resolvePerson, type NamedRef } from '../core/resolve.js';
import { isToolOnly, keepInTouchDue, lastRealContact, strengthOf } from '../core/strength.js';
import { dayOf } from '../core/dates.js';
import { namePartsFit } from '../core/names.js';
import { fold, limits } from '../core/text.js';
import type { Circle, Interaction, Item, Person, Promise_, Source } from '../core/types.js';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../storage/db.js';
import * as peopleRepo from '../storage/repos/people.js';
import {
  contactsByPerson,
  insertInteraction,
  interactionsOf,
  reassignInteractions,
} from '../storage/repos/interactions.js';
import { itemsOf, reassignItems } from '../storage/repos/items.js';
import { promisesWhere, reassignPromises } from '../storage/repos/promises.js';
import { reassignEventPeople } from '../storage/repos/events.js';
import { reassignIntros } from '../storage/repos/intros.js';
import { reassignOutcomes } from '../storage/repos/outcomes.js';
import { nowIso, type AppContext } from './context.js';
import {
  encodeStale,
  loadMatchWorld,
  matchNeeds,
  matchTheirOffers,
  withFeatures,
  type MatchWorld,
} from './matching.js';
import { parse, refText, type PersonInput } from './validate.js';

export async function resolve(db: Db, query: string): Promise<NamedRef> {
  checkRef(query, 'person');
  return resolvePerson(query, await peopleRepo.nameCandidates(db, query));
}

export async function requirePerson(db: Db, query: string): Promise<Person> {
  const ref = await resolve(db, query);
  const p = await peopleRepo.getPerson(db, ref.id);
  if (!p) throw new DomainError('unknown_person', `no person matches "${query}"`, { query });
  return p;
}

/** Characters that change nothing a reader sees: zero-width spaces and joiners, soft hyphens, BOMs. */
const invisible = ['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'] as const;

/** The form two names are "the same name" in: folded (case, accents, spaces), invisibles dropped. */
export function nameKey(name: string): string {
  return fold(invisible.reduce((s, ch) => s.split(ch).join(''), name));
}

export interface SameName {
  id: number;
  name: string;
  met?: string | undefined;
  company?: string | undefined;
  circle: Circle;
}

/** People (not deleted) whose name is the same as `name` once folded, invisibles ignored. */
export async function peopleNamed(db: Db, name: string): Promise<SameName[]> {
  // Rows written before names were cleaned may hold invisibles in name_fold: drop them there too.
  const stored = invisible.reduce<RawBuilder<string>>(
    (expr, ch) => sql<string>`replace(${expr}, ${ch}, '')`,
    sql<string>`name_fold`,
  );
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name', 'met', 'company', 'circle'])
    .where(stored, '=', nameKey(name))
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    met: r.met ?? undefined,
    company: r.company ?? undefined,
    circle: r.circle as Circle,
  }));
}

const describeSame = (p: SameName): string => {
  const where = [p.met ? `met ${p.met}` : '', p.company ? `at ${p.company}` : ''].filter(Boolean).join(', ');
  return `${p.name} #${p.id}${where ? ` (${where})` : ''}`;
};

/**
 * Adds a person. A name you already have (case, accents and invisible characters aside) is
 * refused with the person it matches — the web's first run and the CLI must not make two Jonases
 * — unless `opts.new` says it is someone else with the same name.
 */
export async function addPerson(
  ctx: AppContext,
  input: PersonInput,
  opts: { new?: boolean | undefined } = {},
): Promise<{ person: Person; warnings: Warning[] }> {
  if (input.circle === 'focus') await prepareFocusGuard(ctx, 1);
  return ctx.db.transaction().execute(async (trx) => {
    const warnings: Warning[] = [];
    const circle: Circle = input.circle ?? 'network';
    const same = await peopleNamed(trx, input.name);
    if (same.length > 0 && opts.new !== true)
      throw new DomainError(
        'person_exists',
        `you already have ${same.map(describeSame).join(' and ')}; if "${input.name}" is someone else with the same name, set new to add them`,
        { existing: same, fields: ['new'] },
      );
    if (circle === 'focus') await guardFocus(ctx, trx, 1);
    const introducedBy =
      input.introducedBy !== undefined ? (await resolve(trx, input.introducedBy)).id : undefined;
    const now = nowIso(ctx);
    const id = await peopleRepo.insertPerson(
      trx,
      {
        uid: ctx.newUid(),
        name: input.name,
        met: input.met,
        company: input.company,
        title: input.title,
        emails: input.emails,
        phones: input.phones,
        linkedin: input.linkedin,
        urls: [],
        birthday: input.birthday,
        notes: input.notes,
        source: input.source ?? 'manual',
        circle,
        cadenceDays: input.cadenceDays,
        introducedBy,
      },
      input.tags,
      now,
    );
    if (circle === 'focus')
      await trx
        .insertInto('circle_moves')
        .values({ person_id: id, from_circle: 'pool', to_circle: 'focus', at: now })
        .execute();
    if (introducedBy !== undefined) await introductionReceived(ctx, trx, introducedBy, input.name);
    const person = await peopleRepo.getPerson(trx, id);
    if (!person) throw new DomainError('internal', 'person vanished after insert');
    return { person, warnings };
  });
}

export interface Warning {
  code: string;
  message: string;
}

export async function editPerson(
  ctx: AppContext,
  query: string,
  patch: Partial<PersonInput>,
): Promise<Person> {
  return ctx.db.transaction().execute(async (trx) => {
    const p = await requirePerson(trx, query);
    const introducedBy =
      patch.introducedBy !== undefined ? (await resolve(trx, patch.introducedBy)).id : undefined;
    if (introducedBy === p.id)
      throw invalid('a person cannot introduce themself', [
        { path: 'introducedBy', message: 'is the same person' },
      ]);
    const { tags, circle, introducedBy: _ib, ...fields } = patch;
    if (circle !== undefined)
      throw invalid('circle cannot be edited here: change it with focus or move', [
        { path: 'circle', message: 'change it with focus or move' },
      ]);
    // A rename the source's structured name no longer describes drops it: an export would
    // otherwise write the old name's parts beside the new display name.
    const staleParts =
      fields.name !== undefined &&
      fields.name !== p.name &&
      p.nameParts !== undefined &&
      !namePartsFit(p.nameParts, fields.name);
    await peopleRepo.updatePerson(
      trx,
      p.id,
      {
        ...fields,
        ...(introducedBy !== undefined ? { introducedBy } : {}),
        ...(staleParts ? { nameParts: undefined } : {}),
      },
      nowIso(ctx),
    );
    if (tags && tags.length > 0) await peopleRepo.addTags(trx, p.id, tags);
    if (introducedBy !== undefined && introducedBy !== p.introducedBy)
      await introductionReceived(ctx, trx, introducedBy, p.name);
    await peopleRepo.refreshSearchText(trx, p.id);
    return (await peopleRepo.getPerson(trx, p.id)) ?? p;
  });
}

/** "Introduced by": an introduction received is a give received, in the introducer's ledger. */
async function introductionReceived(
  ctx: AppContext,
  db: Db,
  introducerId: number,
  name: string,
): Promise<void> {
  await insertInteraction(
    db,
    {
      date: dayOf(ctx.clock()),
      personIds: [introducerId],
      channel: 'message',
      nature: 'received',
      kind: 'intro',
      note: `introduced you to ${name}`,
      unearned: false,
    },
    nowIso(ctx),
  );
  await peopleRepo.refreshContactDays(db, [introducerId]);
}

export interface Fading extends PersonSummary {
  keepInTouchOverdue?: number | undefined;
}

/**
 * Who is fading: focus and network people you once had real contact with whose strength fell
 * below the reconnect threshold, or whose keep-in-touch cadence has passed; weakest first.
 */
export async function fadingPeople(ctx: AppContext, limit = 20): Promise<Fading[]> {
  const db = ctx.db;
  const ids = await peopleRepo.idsMatching(db, { circles: ['focus', 'network'], toolOnly: false });
  const people = await peopleRepo.getPeople(db, ids);
  const contacts = await contactsByPerson(db, ids);
  const today = dayOf(ctx.clock());
  const out: Fading[] = [];
  for (const person of people) {
    const c = contacts.get(person.id) ?? [];
    const strength = strengthOf(c, today, ctx.settings);
    const overdue = keepInTouchDue(person.cadenceDays, c, today);
    if (strength >= ctx.settings.reconnectBelowStrength && overdue === undefined) continue;
    out.push({
      person,
      strength: round1(strength),
      toolOnly: false,
      balance: ledgerOf(c, ctx.settings).balance,
      lastRealOn: lastRealContact(c),
      keepInTouchOverdue: overdue,
    });
  }
  return out
    .sort((a, b) => (b.keepInTouchOverdue ?? -1) - (a.keepInTouchOverdue ?? -1) || a.strength - b.strength)
    .slice(0, limit);
}

export interface PersonSummary {
  person: Person;
  strength: number;
  toolOnly: boolean;
  balance: number;
  lastRealOn?: string | undefined;
}

export async function summarise(
  ctx: AppContext,
  db: Db,
  people: readonly Person[],
): Promise<PersonSummary[]> {
  const contacts = await contactsByPerson(
    db,
    people.map((p) => p.id),
  );
  const today = dayOf(ctx.clock());
  return people.map((person) => {
    const c = contacts.get(person.id) ?? [];
    return {
      person,
      strength: round1(strengthOf(c, today, ctx.settings)),
      toolOnly: isToolOnly(c),
      balance: ledgerOf(c, ctx.settings).balance,
      lastRealOn: lastRealContact(c),
    };
  });
}

export async function listPeople(
  ctx: AppContext,
  filter: peopleRepo.PeopleFilter,
  page: { limit: number; offset: number; order?: 'name' | 'recent' },
): Promise<{ total: number; people: PersonSummary[] }> {
  checkFilter(filter);
  const { total, people } = await peopleRepo.listPeople(ctx.db, filter, page);
  return { total, people: await summarise(ctx, ctx.db, people) };
}

export interface Profile extends PersonSummary {
  ledger: Ledger;
  needs: Item[];
  offers: Item[];
  timeline: Interaction[];
  promises: Promise_[];
  fit: Fit;
  waysToHelp: Give[];
  theyCouldHelp: { need: string; offer: string; score: number }[];
  keepInTouchOverdue?: number | undefined;
  introducedBy?: { id: number; name: string } | undefined;
}

export interface Give {
  kind: 'offer' | 'intro' | 'ask_needs' | 'general';
  text: string;
  score?: number | undefined;
  needId?: number | undefined;
  offerId?: number | undefined;
  viaPersonId?: number | undefined;
}

export async function showPerson(ctx: AppContext, query: string): Promise<Profile> {
  const db = ctx.db;
  const person = await requirePerson(db, query);
  const contacts = (await contactsByPerson(db, [person.id])).get(person.id) ?? [];
  const today = dayOf(ctx.clock());
  const items = await itemsOf(db, [person.id]);
  const world = await loadMatchWorld(ctx, db);
  const { fit, gives, theyCouldHelp } = await fitAndGives(ctx, db, world, person, items);
  const introducedBy =
    person.introducedBy !== undefined ? await peopleRepo.getPerson(db, person.introducedBy) : undefined;
  return {
    person,
    strength: round1(strengthOf(contacts, today, ctx.settings)),
    toolOnly: isToolOnly(contacts),
    balance: ledgerOf(contacts, ctx.settings).balance,
    lastRealOn: lastRealContact(contacts),
    ledger: ledgerOf(contacts, ctx.settings),
    needs: items.filter((i) => i.side === 'need'),
    offers: items.filter((i) => i.side === 'offer'),
    timeline: await interactionsOf(db, [person.id], { limit: 50 }),
    promises: await promisesWhere(db, { personIds: [person.id] }),
    fit,
    waysToHelp: gives,
    theyCouldHelp,
    keepInTouchOverdue: keepInTouchDue(person.cadenceDays, contacts, today),
    introducedBy: introducedBy ? { id: introducedBy.id, name: introducedBy.name } : undefined,
  };
}

/** Fit with one person and the concrete gives I could make them, best first. */
export async function fitAndGives(
  ctx: AppContext,
  db: Db,
  world: MatchWorld,
  person: Person,
  items?: readonly Item[],
): Promise<{ fit: Fit; gives: Give[]; theyCouldHelp: { need: string; offer: string; score: number }[] }> {
  const all = items ?? (await itemsOf(db, [person.id], { openOnly: true }));
  const open = await withFeatures(
    ctx,
    db,
    all.filter((i) => i.status === 'open'),
  );
  const needs = open.filter((i) => i.side === 'need');
  const offers = open.filter((i) => i.side === 'offer');
  const nm = matchNeeds(world, person.id, needs);
  const theirs = matchTheirOffers(world, offers);
  const fit = fitOf(
    {
      mine: nm.map((m) => m.mine?.score ?? 0),
      network: nm.map((m) => m.network?.score ?? 0),
      theirs: theirs.map((t) => t.score),
    },
    ctx.settings,
  );
  const gives: Give[] = [];
  const owners = await peopleRepo.getPeople(db, [
    ...new Set(nm.flatMap((m) => (m.network ? [m.network.offer.personId ?? -1] : []))),
  ]);
  const ownerName = new Map(owners.map((o) => [o.id, o.name]));
  for (const g of givesFromMatches(nm, world.threshold))
    gives.push(
      g.kind === 'offer'
        ? {
            kind: 'offer',
            text: `Offer "${g.offer.text}" for their need "${g.need.text}"`,
            score: g.score,
            needId: g.need.id,
            offerId: g.offer.id,
          }
        : {
            kind: 'intro',
            text: `Introduce them to ${ownerName.get(g.viaPersonId) ?? `#${g.viaPersonId}`} ("${g.offer.text}") for "${g.need.text}"`,
            score: g.score * ctx.settings.networkDiscount,
            needId: g.need.id,
            offerId: g.offer.id,
            viaPersonId: g.viaPersonId,
          },
    );
  gives.sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  return {
    fit,
    gives,
    theyCouldHelp: theirs
      .filter((t) => t.score >= world.threshold)
      .map((t) => ({ need: t.need.text, offer: t.offer.text, score: t.score })),
  };
}

/**
 * Up to three concrete gives for a person, for the ask guard: matched gives first, then the
 * always-possible ones (learn their needs, offer what I know, recommend their work).
 */
export async function suggestGives(ctx: AppContext, db: Db, person: Person, count = 3): Promise<Give[]> {
  const world = await loadMatchWorld(ctx, db);
  const { gives } = await fitAndGives(ctx, db, world, person);
  const out = gives.slice(0, count);
  const openNeeds = (await itemsOf(db, [person.id], { side: 'need', openOnly: true })).length;
  const fallbacks: Give[] = [];
  if (openNeeds === 0)
    fallbacks.push({
      kind: 'ask_needs',
      text: `Ask ${person.name} what would help them right now, then note it as their need`,
    });
  const myOffer = world.myOffers[0];
  if (myOffer) fallbacks.push({ kind: 'general', text: `Offer ${person.name} your "${myOffer.text}"` });
  fallbacks.push({
    kind: 'general',
    text: `Write ${person.name} a recommendation or share their work with someone it helps`,
  });
  fallbacks.push({
    kind: 'general',
    text: `Send ${person.name} an article, event or contact that fits what they are working on`,
  });
  for (const f of fallbacks) if (out.length < count) out.push(f);
  return out;
}

/**
 * Before a transaction that may run `guardFocus`: when the focus list is at its cap, the guard
 * will match, so stale features are encoded now, outside the transaction (see `encodeStale`).
 */
export async function prepareFocusGuard(ctx: AppContext, adding: number): Promise<void> {
  const size = (await peopleRepo.idsMatching(ctx.db, { circle: 'focus' })).length;
  if (size + adding > ctx.settings.focusCap) await encodeStale(ctx);
}

/** Adds people to focus within the cap, or refuses naming the weakest-fit members. */
export async function guardFocus(ctx: AppContext, db: Db, adding: number): Promise<void> {
  const members = await peopleRepo.getPeople(db, await peopleRepo.idsMatching(db, { circle: 'focus' }));
  if (members.length + adding <= ctx.settings.focusCap) return;
  const world = await loadMatchWorld(ctx, db);
  const fits = await Promise.all(
    members.map(async (p) => ({
      personId: p.id,
      name: p.name,
      fit: (await fitAndGives(ctx, db, world, p)).fit.fit,
    })),
  );
  const decision = judgeFocusAdd(fits, adding, ctx.settings);
  if (decision.verdict === 'refuse')
    throw new DomainError(
      'focus_full',
      `your focus list is full (${decision.size} of ${decision.cap}); move someone out first — weakest fit: ${decision.candidates.map((c) => c.name).join(', ')}`,
      {
        size: decision.size,
        cap: decision.cap,
        candidates: decision.candidates.map((c) => ({ id: c.personId, name: c.name, fit: round2(c.fit) })),
      },
    );
}

export async function tagPerson(
  ctx: AppContext,
  query: string,
  tags: readonly string[],
  remove = false,
): Promise<Person> {
  return ctx.db.transaction().execute(async (trx) => {
    const p = await requirePerson(trx, query);
    if (remove) {
      for (const t of tags) {
        if ((await peopleRepo.removeTag(trx, p.id, t)) === 0)
          throw invalid(`${p.name} has no tag "${t}"`, [{ path: 'tag', message: 'not set' }]);
      }
    } else await peopleRepo.addTags(trx, p.id, tags);
    await peopleRepo.updatePerson(trx, p.id, {}, nowIso(ctx));
    return (await peopleRepo.getPerson(trx, p.id)) ?? p;
  });
}

/**
 * Merges B into A, losing nothing: B's interactions, needs, offers, promises, events, intros and
 * outcomes move to A; emails, phones, urls and tags are united; fields A lacks are taken from B;
 * notes are joined. B is soft-deleted with a pointer to A.
 */
export async function mergePeople(ctx: AppContext, keepQuery: string, goneQuery: string): Promise<Person> {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await requirePerson(trx, keepQuery);
    const b = await requirePerson(trx, goneQuery);
    if (a.id === b.id)
      throw invalid('cannot merge a person with themself', [
        { path: 'B', message: 'is the same person as A' },
      ]);
    const now = nowIso(ctx);
    const uniq = (xs: string[]): string[] => [...new Set(xs)];
    const notes = [a.notes, b.notes].filter((n): n is string => n !== undefined && n !== '');
    await peopleRepo.updatePerson(
      trx,
      a.id,
      {
        met: a.met ?? b.met,
        // A's name stays: so do its parts, or B's when they describe A's name.
        nameParts:
          a.nameParts ?? (b.nameParts && namePartsFit(b.nameParts, a.name) ? b.nameParts : undefined),
        company: a.company ?? b.company,
        title: a.title ?? b.title,
        emails: uniq([...a.emails, ...b.emails]),
        phones: uniq([...a.phones, ...b.phones]),
        urls: uniq([...a.urls, ...b.urls]),
        linkedin: a.linkedin ?? b.linkedin,
        birthday: a.birthday ?? b.birthday,
        notes: notes.length > 0 ? uniq(notes).join('\n\n') : undefined,
        cadenceDays: a.cadenceDays ?? b.cadenceDays,
        introducedBy: a.introducedBy ?? (b.introducedBy === a.id ? undefined : b.introducedBy),
        // The closer circle wins: merging never demotes someone out of focus.
        circle:
          (['focus', 'network', 'pool', 'archived'] as const).find((c) => c === a.circle || c === b.circle) ??
          a.circle,
      },
      now,
    );
    await peopleRepo.addTags(trx, a.id, b.tags);
    await reassignInteractions(trx, b.id, a.id);
    await reassignItems(trx, b.id, a.id, now);
    await reassignPromises(trx, b.id, a.id, now);
    await reassignEventPeople(trx, b.id, a.id);
    await reassignIntros(trx, b.id, a.id, now);
    await reassignOutcomes(trx, b.id, a.id);
    await trx.updateTable('people').set({ introduced_by: a.id }).where('introduced_by', '=', b.id).execute();
    const keys = await trx
      .selectFrom('person_keys')
      .select('key')
      .where('person_id', 'in', [a.id, b.id])
      .execute();
    await peopleRepo.setKeys(
      trx,
      a.id,
      keys.map((k) => k.key),
    );
    await trx.deleteFrom('person_keys').where('person_id', '=', b.id).execute();
    await peopleRepo.softDelete(trx, b.id, a.id, now);
    await peopleRepo.refreshContactDays(trx, [a.id]);
    await peopleRepo.refreshSearchText(trx, a.id);
    return (await peopleRepo.getPerson(trx, a.id)) ?? a;
  });
}

export interface MoveFilter {
  tag?: string | undefined;
  from?: Circle | undefined;
  source?: Source | undefined;
  search?: string | undefined;
  toolOnly?: boolean | undefined;
  people?: string[] | undefined;
}

/** Bulk move by filter; moving into focus respects the cap (all or nothing). */
export async function movePeople(
  ctx: AppContext,
  to: Circle,
  f: MoveFilter,
  dryRun = false,
): Promise<{ moved: number; ids: number[] }> {
  const noFilter =
    f.tag === undefined &&
    f.from === undefined &&
    f.source === undefined &&
    f.search === undefined &&
    f.toolOnly === undefined &&
    (f.people ?? []).length === 0;
  if (noFilter)
    throw invalid(
      'give at least one filter (tag, from, source, search, toolOnly or people) so a move never takes everyone by accident',
      [{ path: 'filters', message: 'none given' }],
      ['tag', 'from', 'source', 'search', 'toolOnly', 'people'],
    );
  checkFilter(f);
  if (to === 'focus') await prepareFocusGuard(ctx, 1);
  return ctx.db.transaction().execute(async (trx) => {
    const ids =
      f.people && f.people.length > 0
        ? await Promise.all(f.people.map(async (q) => (await resolve(trx, q)).id))
        : undefined;
    const matching = await peopleRepo.idsMatching(trx, {
      tag: f.tag,
      circle: f.from,
      source: f.source,
      search: f.search,
      toolOnly: f.toolOnly,
      ids,
      includeArchived: true,
    });
    const current = await peopleRepo.getPeople(trx, matching);
    const moving = current.filter((p) => p.circle !== to).map((p) => p.id);
    if (to === 'focus') await guardFocus(ctx, trx, moving.length);
    if (!dryRun) await peopleRepo.setCircle(trx, moving, to, nowIso(ctx));
    return { moved: moving.length, ids: moving };
  });
}

export async function setFocus(ctx: AppContext, query: string, on: boolean): Promise<Person> {
  if (on) await prepareFocusGuard(ctx, 1);
  return ctx.db.transaction().execute(async (trx) => {
    const p = await requirePerson(trx, query);
    if (on && p.circle === 'focus') return p;
    if (!on && p.circle !== 'focus')
      throw invalid(`${p.name} is not in your focus list`, [{ path: 'person', message: 'not in focus' }]);
    if (on) await guardFocus(ctx, trx, 1);
    await peopleRepo.setCircle(trx, [p.id], on ? 'focus' : 'network', nowIso(ctx));
    return (await peopleRepo.getPerson(trx, p.id)) ?? p;
  });
}

export interface FocusEntry extends PersonSummary {
  fit: Fit;
}

export async function listFocus(ctx: AppContext): Promise<{ cap: number; people: FocusEntry[] }> {
  const db = ctx.db;
  const members = await peopleRepo.getPeople(db, await peopleRepo.idsMatching(db, { circle: 'focus' }));
  const summaries = await summarise(ctx, db, members);
  const world = await loadMatchWorld(ctx, db);
  const people: FocusEntry[] = [];
  for (const s of summaries)
    people.push({ ...s, fit: roundFit((await fitAndGives(ctx, db, world, s.person)).fit) });
  people.sort((a, b) => b.fit.fit - a.fit.fit || a.person.name.localeCompare(b.person.name));
  return { cap: ctx.settings.focusCap, people };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;
const roundFit = (f: Fit): Fit => ({
  ...f,
  helpOut: round2(f.helpOut),
  helpIn: round2(f.helpIn),
  fit: round2(f.fit),
});

/** A person reference (an id or a name prefix) is bounded before it reaches a query. */
function checkRef(query: string, field: string): void {
  if (query.trim() !== '') parse(refText(), query, field);
}

/** Search terms and tags of a filter are bounded before they reach a query. */
function checkFilter(f: { tag?: string | undefined; search?: string | undefined }): void {
  if (f.tag !== undefined) parse(refText(limits.shortText), f.tag, 'tag');
  if (f.search !== undefined && f.search.trim() !== '') parse(refText(limits.text), f.search, 'search');
}
