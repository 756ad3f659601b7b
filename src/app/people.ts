import { DomainError, invalid } from '../core/errors.js';
import { resolve, requirePerson, peopleNamed, describeSame, checkFilter } from './person-lookup.js';
import { fitAndGives, round1, type Give, type TheyCouldHelp } from './gives.js';
import { prepareFocusGuard, guardFocus } from './focus.js';
import type { Fit } from '../core/fit.js';
import { ledgerOf, type Ledger, type LedgerEntry } from '../core/ledger.js';
import { isToolOnly, keepInTouchDue, lastRealContact, strengthOf, type Contact } from '../core/strength.js';
import { dayOf } from '../core/dates.js';
import { namePartsFit } from '../core/names.js';
import type { Circle, Interaction, Item, Person, Promise_ } from '../core/types.js';
import type { Db } from '../storage/db.js';
import * as peopleRepo from '../storage/repos/people.js';
import { contactsByPerson, insertInteraction, interactionsOf } from '../storage/repos/interactions.js';
import { itemsOf } from '../storage/repos/items.js';
import { promisesWhere } from '../storage/repos/promises.js';
import { nowIso, type AppContext } from './context.js';
import { loadMatchWorld } from './matching.js';
import { readSnapshot } from './snapshot.js';
import type { PersonInput, PersonPatch } from './validate.js';

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

export async function editPerson(ctx: AppContext, query: string, change: PersonPatch): Promise<Person> {
  // A field given as null is emptied: present in the patch, without a value.
  const patch = Object.fromEntries(
    Object.entries(change).map(([k, v]) => [k, v ?? undefined]),
  ) as Partial<PersonInput>;
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
  return people.map((person) => summaryOf(ctx, person, contacts.get(person.id) ?? [], today));
}

/** A person's summary from their ledger entries: the one place its figures are computed. */
function summaryOf(
  ctx: AppContext,
  person: Person,
  contacts: readonly (LedgerEntry & Contact)[],
  today: string,
): PersonSummary {
  return {
    person,
    strength: round1(strengthOf(contacts, today, ctx.settings)),
    toolOnly: isToolOnly(contacts),
    balance: ledgerOf(contacts, ctx.settings).balance,
    lastRealOn: lastRealContact(contacts),
  };
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
  theyCouldHelp: TheyCouldHelp[];
  keepInTouchOverdue?: number | undefined;
  introducedBy?: { id: number; name: string } | undefined;
}

/** A person page: in team mode its reads share one read-only snapshot (./snapshot.ts). */
export function showPerson(ctx: AppContext, query: string): Promise<Profile> {
  return readSnapshot(ctx, (c) => profileOf(c, query));
}

async function profileOf(ctx: AppContext, query: string): Promise<Profile> {
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
    ...summaryOf(ctx, person, contacts, today),
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
