import { buildAgenda, type Action, type AgendaInput } from '../core/agenda.js';
import { addDays, dayOf } from '../core/dates.js';
import { givesFromMatches, possibleGives } from '../core/gives.js';
import { shotgunSignals, type ShotgunSignal } from '../core/shotgun.js';
import { keepInTouchDue, lastRealContact, strengthOf } from '../core/strength.js';
import { activityBetween, contactsByPerson } from '../storage/repos/interactions.js';
import { introsWhere } from '../storage/repos/intros.js';
import { getItem, itemsOf } from '../storage/repos/items.js';
import { focusMovesSince } from '../storage/repos/circles.js';
import { briefPeople, idsMatching } from '../storage/repos/people.js';
import { promisesWhere } from '../storage/repos/promises.js';
import { eventsWhere } from '../storage/repos/events.js';
import type { AppContext } from './context.js';
import { followUpCandidates } from './follow-ups.js';
import { loadMatchWorld, matchNeeds, withFeatures } from './matching.js';
import { meetingFollowUpsFor } from './meeting-follow-ups.js';
import { readSnapshot } from './snapshot.js';
import { warmFor } from './warm.js';

export interface Today {
  date: string;
  actions: Action[];
  signals: ShotgunSignal[];
  /** Time spent in the pure engine (agenda and signals), for the benchmark. */
  engineMs: number;
}

/**
 * `tend today`: reads what the agenda needs — open promises, event follow-ups, waiting intros,
 * focus and network needs against my and my network's offers, birthdays, focus strength — then
 * lets the core decide.
 */
export function today(ctx: AppContext): Promise<Today> {
  return readSnapshot(ctx, todayIn);
}

async function todayIn(ctx: AppContext): Promise<Today> {
  const db = ctx.db;
  const now = ctx.clock();
  const day = dayOf(now);
  const s = ctx.settings;

  const focusIds = await idsMatching(db, { circle: 'focus' });
  const networkIds = await idsMatching(db, { circle: 'network' });
  const close = [...focusIds, ...networkIds];
  const openPromises = await promisesWhere(db, { status: 'open' });

  const events = await eventsWhere(db, { from: addDays(day, -s.eventFollowUpDays) });
  const pickedIds = [
    ...new Set(events.flatMap((e) => e.met.filter((m) => m.followUp).map((m) => m.personId))),
  ];
  const waiting = await introsWhere(db, { states: ['proposed', 'asked_a', 'asked_b'] });
  // The need and offer of introductions nobody is asked about yet: their first message says them.
  const needsAndOffers = new Map<number, { text: string; personId: number }>();
  for (const id of waiting
    .filter((w) => w.state === 'proposed')
    .flatMap((w) => [w.needId, w.offerId])
    .filter((i): i is number => i !== undefined)) {
    const item = await getItem(db, id);
    if (item?.personId !== undefined) needsAndOffers.set(id, { text: item.text, personId: item.personId });
  }

  // Gives: needs of focus people (all) and of network people (birthdays and intros need names only).
  const focusNeeds = await withFeatures(
    ctx,
    db,
    await itemsOf(db, focusIds, { side: 'need', openOnly: true }),
  );
  const world = focusNeeds.length > 0 ? await loadMatchWorld(ctx, db) : undefined;

  // Reads kept while nothing is written (see Warm): the daemon's next Today skips them.
  const warm = warmFor(ctx, db);
  const kept = <T>(key: string, read: () => Promise<T>): Promise<T> =>
    warm ? warm.readAt(key, read) : read();
  const contactIds = [...new Set([...focusIds, ...pickedIds])];
  const contacts = await kept(`contacts ${contactIds.join(',')}`, () => contactsByPerson(db, contactIds));
  const peopleIds = [
    ...new Set([
      ...close,
      ...openPromises.map((p) => p.personId),
      ...pickedIds,
      ...waiting.flatMap((w) => [w.aId, w.bId]),
    ]),
  ];
  // Names, birthdays and cadences only: the agenda needs no more of hundreds of people.
  const people = new Map(
    (await kept(`brief ${peopleIds.join(',')}`, () => briefPeople(db, peopleIds))).map((p) => [p.id, p]),
  );
  const name = (id: number): string => people.get(id)?.name ?? `#${id}`;

  const offers: AgendaInput['offers'][number][] = [];
  const intros: AgendaInput['intros'][number][] = [];
  if (world) {
    const { splitMatches } = await import('../matching/index.js');
    const byPerson = new Map<number, typeof focusNeeds>();
    for (const n of focusNeeds)
      if (n.personId !== undefined) byPerson.set(n.personId, [...(byPerson.get(n.personId) ?? []), n]);
    for (const [personId, needs] of byPerson) {
      // A give logged today to this person closes today's give cards for them.
      if ((contacts.get(personId) ?? []).some((c) => c.nature === 'gave' && c.date === day)) continue;
      const nm = matchNeeds(world, personId, needs);
      for (const g of [
        ...givesFromMatches(nm, world.threshold),
        ...possibleGives(nm, world.threshold, splitMatches),
      ]) {
        const match = g.confirmed ? ('confirmed' as const) : g.possible ? ('possible' as const) : undefined;
        if (g.kind === 'offer')
          offers.push({
            personId,
            personName: name(personId),
            needId: g.need.id,
            needText: g.need.text,
            offerId: g.offer.id,
            offerText: g.offer.text,
            score: g.score,
            match,
          });
        else
          intros.push({
            personId,
            personName: name(personId),
            needId: g.need.id,
            needText: g.need.text,
            otherId: g.viaPersonId,
            otherName:
              people.get(g.viaPersonId)?.name ??
              (await briefPeople(db, [g.viaPersonId]))[0]?.name ??
              `#${g.viaPersonId}`,
            offerId: g.offer.id,
            offerText: g.offer.text,
            score: g.score,
            match,
          });
      }
    }
  }

  // Birthdays as recorded: the agenda works out which fall within the lookahead.
  const birthdays: AgendaInput['birthdays'][number][] = [];
  for (const id of close) {
    const p = people.get(id);
    if (p?.birthday !== undefined) birthdays.push({ personId: id, personName: p.name, on: p.birthday });
  }

  const needCounts = new Map<number, number>();
  for (const n of focusNeeds)
    if (n.personId !== undefined) needCounts.set(n.personId, (needCounts.get(n.personId) ?? 0) + 1);

  const input: AgendaInput = {
    today: day,
    promises: openPromises.map((p) => ({
      id: p.id,
      personId: p.personId,
      personName: name(p.personId),
      text: p.text,
      due: p.due,
    })),
    // Everyone picked: the agenda leaves out those already followed up.
    followUps: followUpCandidates(events, name, contacts),
    meetingFollowUps: await meetingFollowUpsFor(ctx, db, day, openPromises, world),
    waitingIntros: waiting.map((w) => ({
      introId: w.id,
      personId: w.state === 'asked_b' ? w.bId : w.aId,
      personName: name(w.state === 'asked_b' ? w.bId : w.aId),
      otherName: name(w.state === 'asked_b' ? w.aId : w.bId),
      state: w.state,
      since: w.stateSince.slice(0, 10),
      reason: w.reason,
      need: needsAndOffers.get(w.needId ?? -1),
      offer: needsAndOffers.get(w.offerId ?? -1),
    })),
    offers,
    intros,
    birthdays,
    focus: focusIds.map((id) => {
      const c = contacts.get(id) ?? [];
      return {
        personId: id,
        personName: name(id),
        strength: strengthOf(c, day, s),
        lastReal: lastRealContact(c),
        openNeeds: needCounts.get(id) ?? 0,
        cadenceOverdue: keepInTouchDue(people.get(id)?.cadenceDays, c, day),
      };
    }),
  };

  const from = addDays(day, -(s.shotgun.windowDays - 1));
  const recent = await kept(`activity ${from} ${day}`, () => activityBetween(db, from, day));
  const moves = (await focusMovesSince(db, from)).map((at) => at.slice(0, 10));
  const t0 = performance.now();
  const actions = buildAgenda(input, s);
  const signals = shotgunSignals(recent, moves, day, s);
  const engineMs = performance.now() - t0;
  return { date: day, actions, signals, engineMs };
}
