import { dayOf } from '../core/dates.js';
import { DomainError, invalid } from '../core/errors.js';
import { eventOutcome, followedUp, type EventOutcome } from '../core/events.js';
import { resolvePerson } from '../core/resolve.js';
import { isReal } from '../core/strength.js';
import { fold, limits } from '../core/text.js';
import type { TendEvent } from '../core/types.js';
import type { Db } from '../storage/db.js';
import { addMet, eventsWhere, findEventsByName, insertEvent, setFollowUp } from '../storage/repos/events.js';
import { contactsByPerson, insertInteraction } from '../storage/repos/interactions.js';
import { getPeople, getPerson, insertPerson, refreshContactDays } from '../storage/repos/people.js';
import { nowIso, type AppContext } from './context.js';
import { peopleNamed, resolve } from './person-lookup.js';
import { optText, parse, text, toDay } from './validate.js';

export interface EventView extends TendEvent {
  outcome: EventOutcome;
  people: { id: number; name: string; line?: string | undefined; followUp: boolean; followedUp: boolean }[];
}

export async function addEvent(
  ctx: AppContext,
  input: { name: string; date?: string | undefined; place?: string | undefined },
): Promise<EventView> {
  const name = parse(text(limits.shortText), input.name, 'name');
  const place = parse(optText(limits.shortText), input.place, 'place');
  const date = toDay(input.date, ctx.clock(), 'date', dayOf(ctx.clock()));
  return ctx.db.transaction().execute(async (trx) => {
    const id = await insertEvent(trx, { name, date, place }, nowIso(ctx));
    return (await viewEvents(ctx, trx, [id]))[0] ?? fail(id);
  });
}

function fail(id: number): never {
  throw new DomainError('unknown_event', `no event #${id}`, { id });
}

/** EVENT is an id or an unambiguous name prefix; an empty query means the latest event. */
async function resolveEvent(db: Db, query: string | undefined): Promise<number> {
  const events = await findEventsByName(db);
  if (query === undefined || query.trim() === '') {
    const latest = events[0];
    if (!latest) throw new DomainError('unknown_event', 'there is no event yet: add one first', {});
    return latest.id;
  }
  if (/^\d+$/.test(query.trim())) {
    const byId = events.find((e) => e.id === Number(query.trim()));
    if (byId) return byId.id;
  }
  const q = fold(query);
  const exact = events.filter((e) => fold(e.name) === q);
  const matches = exact.length > 0 ? exact : events.filter((e) => fold(e.name).startsWith(q));
  if (matches.length === 1 && matches[0]) return matches[0].id;
  if (matches.length === 0) throw new DomainError('unknown_event', `no event matches "${query}"`, { query });
  // The same name on several dates (a monthly meetup): the latest one is meant.
  const names = new Set(matches.map((m) => fold(m.name)));
  if (names.size === 1 && matches[0]) return matches[0].id;
  throw new DomainError(
    'invalid_input',
    `"${query}" matches ${matches.length} events: ${matches.map((m) => `${m.name} (#${m.id})`).join(', ')}`,
    {
      candidates: matches.map((m) => ({ id: m.id, name: m.name, date: m.date })),
    },
  );
}

/**
 * Quick capture at an event: a name and one line. Someone already known is linked; a new name
 * becomes a person in the network circle with source `event` — contact details can come later.
 */
export async function addMetAtEvent(
  ctx: AppContext,
  input: {
    event?: string | undefined;
    name: string;
    line?: string | undefined;
    existing?: boolean;
    /** The id of someone you have: they are linked, whatever the name says. */
    person?: number | undefined;
    /** A new person, even when someone already has this name (the user chose so). */
    new?: boolean;
  },
): Promise<{
  event: EventView;
  person: { id: number; name: string; created: boolean };
  warnings: { code: string; message: string }[];
}> {
  const name = parse(text(limits.name), input.name, 'name');
  const line = parse(optText(limits.text), input.line, 'line');
  return ctx.db.transaction().execute(async (trx) => {
    const eventId = await resolveEvent(trx, input.event);
    const [ev] = await eventsWhere(trx, { ids: [eventId] });
    if (!ev) return fail(eventId);
    let personId: number;
    let personName = name;
    let created = false;
    const warnings: { code: string; message: string }[] = [];
    // Without --known, a name that is exactly one person you have (case, accents aside) is them:
    // capture at an event must not make a second Jonas. Several namesakes: a new person, said so.
    const same =
      input.existing || input.person !== undefined || input.new ? [] : await peopleNamed(trx, name);
    if (same.length > 1)
      warnings.push({
        code: 'same_name',
        message: `${same.length} people already have this name (#${same.map((p) => p.id).join(', #')}): added a new one; to link one of them instead, capture them by their id`,
      });
    const only = same.length === 1 ? same[0] : undefined;
    if (input.person !== undefined) {
      const known = await getPerson(trx, input.person);
      if (!known)
        throw new DomainError('unknown_person', `no person #${input.person}`, {
          query: String(input.person),
        });
      personId = known.id;
      personName = known.name;
    } else if (input.existing) {
      const ref = await resolve(trx, name);
      personId = ref.id;
      personName = ref.name;
    } else if (only) {
      personId = only.id;
      personName = only.name;
    } else {
      personId = await insertPerson(
        trx,
        {
          uid: ctx.newUid(),
          name,
          met: `${ev.name} (${ev.date})${line ? `: ${line}` : ''}`,
          emails: [],
          phones: [],
          urls: [],
          source: 'event',
          circle: 'network',
          notes: undefined,
        },
        [],
        nowIso(ctx),
      );
      created = true;
    }
    await addMet(trx, eventId, personId, line, nowIso(ctx));
    // Meeting someone at an event is a real, in-person conversation.
    await insertInteraction(
      trx,
      {
        date: ev.date,
        personIds: [personId],
        channel: 'in_person',
        nature: 'touch',
        note: `met at ${ev.name}`,
        unearned: false,
      },
      nowIso(ctx),
    );
    await refreshContactDays(trx, [personId]);
    const view = (await viewEvents(ctx, trx, [eventId]))[0] ?? fail(eventId);
    return { event: view, person: { id: personId, name: personName, created }, warnings };
  });
}

/** Picks (or un-picks) people met at an event for follow-up. */
export async function pickFollowUp(
  ctx: AppContext,
  input: { event?: string | undefined; people: string[]; off?: boolean },
): Promise<EventView> {
  if (input.people.length === 0)
    throw invalid('name at least one person met at the event', [{ path: 'people', message: 'empty' }]);
  return ctx.db.transaction().execute(async (trx) => {
    const eventId = await resolveEvent(trx, input.event);
    const [ev] = await eventsWhere(trx, { ids: [eventId] });
    if (!ev) return fail(eventId);
    for (const q of input.people) {
      // Resolve among the people met there first, so "Ben" means the Ben from this event.
      const metPeople = await getPeople(
        trx,
        ev.met.map((m) => m.personId),
      );
      let id: number;
      try {
        id = resolvePerson(q, metPeople).id;
      } catch {
        id = (await resolve(trx, q)).id;
      }
      const changed = await setFollowUp(trx, eventId, id, !input.off);
      if (changed === 0)
        throw invalid(`${q} was not met at ${ev.name}: add them to the event's people first`, [
          { path: 'people', message: `${q} not met there` },
        ]);
    }
    return (await viewEvents(ctx, trx, [eventId]))[0] ?? fail(eventId);
  });
}

export async function listEvents(ctx: AppContext, ids?: number[]): Promise<EventView[]> {
  return viewEvents(ctx, ctx.db, ids);
}

export async function showEvent(ctx: AppContext, query?: string): Promise<EventView> {
  const id = await resolveEvent(ctx.db, query);
  return (await viewEvents(ctx, ctx.db, [id]))[0] ?? fail(id);
}

async function viewEvents(ctx: AppContext, db: Db, ids?: number[]): Promise<EventView[]> {
  const events = await eventsWhere(db, ids ? { ids } : {});
  const personIds = [...new Set(events.flatMap((e) => e.met.map((m) => m.personId)))];
  const people = new Map((await getPeople(db, personIds)).map((p) => [p.id, p.name]));
  const contacts = await contactsByPerson(db, personIds);
  const today = dayOf(ctx.clock());
  return events.map((e) => {
    const picked = e.met.filter((m) => m.followUp);
    const realDays = picked.flatMap((m) =>
      (contacts.get(m.personId) ?? []).filter((c) => isReal(c.channel)).map((c) => c.date),
    );
    return {
      ...e,
      outcome: eventOutcome(e.date, picked.length, realDays, today, ctx.settings),
      people: e.met.map((m) => ({
        id: m.personId,
        name: people.get(m.personId) ?? `#${m.personId}`,
        line: m.line,
        followUp: m.followUp,
        followedUp: m.followUp && followedUp(e.date, contacts.get(m.personId) ?? []),
      })),
    };
  });
}
