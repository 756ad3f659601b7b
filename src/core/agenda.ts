import { daysBetween, nextAnniversary } from './dates.js';
import {
  askNeedsDraft,
  birthdayDraft,
  followUpDraft,
  giveDraft,
  introNudgeDraft,
  meetingFollowUpDraft,
  introToGiverDraft,
  introToNeederDraft,
  promiseDraft,
  reconnectDraft,
} from './drafts/index.js';
import { followedUp } from './events.js';
import type { Settings } from './settings.js';
import type { Contact } from './strength.js';
import { giveKindOf } from './give-kind.js';
import type { MeetingFollowUp } from './meeting-follow-ups.js';
import type { Day, GiveKind } from './types.js';

export type ActionTier = 'promise' | 'follow_up' | 'give' | 'reconnect' | 'learn';
export const tierOrder: readonly ActionTier[] = ['promise', 'follow_up', 'give', 'reconnect', 'learn'];

export interface Action {
  tier: ActionTier;
  /** What kind of action within the tier, for the UI's one-click button. */
  kind:
    | 'keep_promise'
    | 'event_follow_up'
    | 'meeting_follow_up'
    | 'intro_waiting'
    | 'offer_help'
    | 'make_intro'
    | 'birthday'
    | 'reconnect'
    | 'keep_in_touch'
    | 'ask_needs';
  personId: number;
  personName: string;
  title: string;
  detail?: string | undefined;
  /** A message the user could send for this action, written from its facts (`drafts/`). */
  draft: string;
  /** The kind of give the action's one click logs (an introduction offer gives an intro). */
  giveKind?: GiveKind | undefined;
  /** A give from a match the user confirmed, or only a possible one (under the threshold). */
  match?: 'confirmed' | 'possible' | undefined;
  ref?: {
    promiseId?: number;
    eventId?: number;
    introId?: number;
    needId?: number;
    offerId?: number;
    otherPersonId?: number;
  };
}

/** How a give from a match the user answered, or a possible one, is worded under its title. */
const matchDetail = {
  confirmed: 'you said this would help',
  possible: 'a possible match: under the threshold, one of the best candidates',
} as const;

export interface AgendaInput {
  today: Day;
  promises: readonly { id: number; personId: number; personName: string; text: string; due: Day }[];
  followUps: readonly {
    eventId: number;
    eventName: string;
    eventDate: Day;
    personId: number;
    personName: string;
    line?: string | undefined;
    /** Interactions with them; once a real one follows the event, they are followed up. */
    contacts?: readonly Contact[] | undefined;
  }[];
  /** After captured meetings: what I promised them, what they need (core/meeting-follow-ups.ts). */
  meetingFollowUps?: readonly MeetingFollowUp[] | undefined;
  waitingIntros: readonly {
    introId: number;
    personId: number;
    personName: string;
    otherName: string;
    state: string;
    since: Day;
    /** Why they should meet, in the user's words. */
    reason?: string | undefined;
    /** The need and the offer it meets, when the introduction names them. */
    need?: { text: string; personId: number } | undefined;
    offer?: { text: string; personId: number } | undefined;
  }[];
  /** Needs I can meet with my own offers, best first or not: the agenda sorts. */
  offers: readonly {
    personId: number;
    personName: string;
    needId: number;
    needText: string;
    offerId: number;
    offerText: string;
    score: number;
    match?: 'confirmed' | 'possible' | undefined;
  }[];
  /** Needs someone in my network can meet: an introduction I can make. */
  intros: readonly {
    personId: number;
    personName: string;
    needId: number;
    needText: string;
    otherId: number;
    otherName: string;
    offerId: number;
    offerText: string;
    score: number;
    match?: 'confirmed' | 'possible' | undefined;
  }[];
  /**
   * Birthdays as recorded (`YYYY-MM-DD`, or `--MM-DD` without a year): the agenda shows those
   * whose next anniversary falls within the lookahead.
   */
  birthdays: readonly { personId: number; personName: string; on: string }[];
  focus: readonly {
    personId: number;
    personName: string;
    strength: number;
    lastReal?: Day | undefined;
    openNeeds: number;
    cadenceOverdue?: number | undefined;
  }[];
}

/**
 * `tend today`: at most 5 actions, tiers in order — overdue (or due today) promises → event
 * follow-ups and introductions waiting on me → a give I can make now → reconnect by a real channel
 * → learn what could help a focus person. One action per person, so the day is spread across
 * people. Asks are never suggested: no branch here produces one.
 */
export function buildAgenda(
  input: AgendaInput,
  s: Pick<
    Settings,
    'agendaSize' | 'reconnectBelowStrength' | 'reconnectAfterDays' | 'introWaitDays' | 'birthdayLookaheadDays'
  >,
): Action[] {
  const { today } = input;
  // Drafts are written once the agenda is chosen (`draftFor`): candidates can be many.
  const candidates: Omit<Action, 'draft'>[] = [];

  for (const p of [...input.promises]
    .filter((p) => p.due <= today)
    .sort((a, b) => a.due.localeCompare(b.due) || a.id - b.id)) {
    const late = daysBetween(p.due, today);
    candidates.push({
      tier: 'promise',
      kind: 'keep_promise',
      personId: p.personId,
      personName: p.personName,
      title: `Keep your promise to ${p.personName}: ${p.text}`,
      detail: late === 0 ? 'due today' : `${late} day${late === 1 ? '' : 's'} late`,
      ref: { promiseId: p.id },
    });
  }

  for (const m of input.meetingFollowUps ?? [])
    candidates.push({
      tier: 'follow_up',
      kind: 'meeting_follow_up',
      personId: m.personId,
      personName: m.personName,
      title: `Follow up with ${m.personName} after your ${m.channel === 'in_person' ? 'meeting' : 'call'} on ${m.day}${m.title ? ` (${m.title})` : ''}`,
      detail: meetingDetail(m),
    });
  for (const f of input.followUps
    .filter((f) => !followedUp(f.eventDate, f.contacts ?? []))
    .sort((a, b) => a.eventDate.localeCompare(b.eventDate) || a.personName.localeCompare(b.personName)))
    candidates.push({
      tier: 'follow_up',
      kind: 'event_follow_up',
      personId: f.personId,
      personName: f.personName,
      title: `Follow up with ${f.personName} from ${f.eventName}: suggest a coffee or a call`,
      detail: f.line,
      ref: { eventId: f.eventId },
    });
  for (const w of input.waitingIntros.filter((w) => daysBetween(w.since, today) >= s.introWaitDays))
    candidates.push({
      tier: 'follow_up',
      kind: 'intro_waiting',
      personId: w.personId,
      personName: w.personName,
      title: `The introduction of ${w.personName} and ${w.otherName} has waited ${daysBetween(w.since, today)} days (${w.state.replace('_', ' ')})`,
      detail: 'move it on or close it',
      ref: { introId: w.introId },
    });

  const gives: (Omit<Action, 'draft'> & { score: number })[] = [];
  for (const o of input.offers)
    gives.push({
      tier: 'give',
      kind: 'offer_help',
      personId: o.personId,
      personName: o.personName,
      title: `${o.personName} needs "${o.needText}": offer "${o.offerText}"`,
      giveKind: giveKindOf(o.offerText),
      ...(o.match ? { match: o.match, detail: matchDetail[o.match] } : {}),
      score: o.score,
      ref: { needId: o.needId, offerId: o.offerId },
    });
  for (const i of input.intros)
    gives.push({
      tier: 'give',
      kind: 'make_intro',
      personId: i.personId,
      personName: i.personName,
      title: `${i.personName} needs "${i.needText}": introduce ${i.otherName} ("${i.offerText}")`,
      giveKind: 'intro',
      ...(i.match ? { match: i.match, detail: matchDetail[i.match] } : {}),
      // An intro is a slightly weaker give than my own help with the same score.
      score: i.score * 0.99,
      ref: { needId: i.needId, offerId: i.offerId, otherPersonId: i.otherId },
    });
  for (const b of input.birthdays) {
    const on = nextAnniversary(b.on, today);
    if (on === undefined || daysBetween(today, on) > s.birthdayLookaheadDays) continue;
    gives.push({
      tier: 'give',
      kind: 'birthday',
      personId: b.personId,
      personName: b.personName,
      title: `${b.personName}'s birthday ${on === today ? 'is today' : `is on ${on}`}: send a note`,
      // A birthday is a sure chance for a small give, ranked among good matches.
      score: 0.75,
    });
  }
  gives.sort((a, b) => b.score - a.score || a.personName.localeCompare(b.personName));
  for (const { score: _score, ...g } of gives) candidates.push(g);

  const fading = input.focus
    .map((f) => {
      const silentDays = f.lastReal === undefined ? Infinity : daysBetween(f.lastReal, today);
      return { f, silentDays };
    })
    .filter(
      ({ f, silentDays }) =>
        f.strength < s.reconnectBelowStrength ||
        silentDays >= s.reconnectAfterDays ||
        f.cadenceOverdue !== undefined,
    )
    .sort((a, b) => a.f.strength - b.f.strength || a.f.personName.localeCompare(b.f.personName));
  for (const { f, silentDays } of fading)
    candidates.push({
      tier: 'reconnect',
      kind: f.cadenceOverdue !== undefined ? 'keep_in_touch' : 'reconnect',
      personId: f.personId,
      personName: f.personName,
      title: `Reconnect with ${f.personName} in person or by phone`,
      detail:
        silentDays === Infinity
          ? 'no real conversation yet'
          : `strength ${Math.round(f.strength)}, last real contact ${silentDays} days ago`,
    });

  for (const f of [...input.focus]
    .filter((f) => f.openNeeds === 0)
    .sort((a, b) => b.strength - a.strength || a.personName.localeCompare(b.personName)))
    candidates.push({
      tier: 'learn',
      kind: 'ask_needs',
      personId: f.personId,
      personName: f.personName,
      title: `Ask ${f.personName} what could help them right now`,
      detail: 'no known needs',
    });

  const seen = new Set<number>();
  const agenda: Action[] = [];
  for (const a of candidates) {
    if (agenda.length >= s.agendaSize) break;
    if (seen.has(a.personId)) continue;
    seen.add(a.personId);
    agenda.push({ ...a, draft: draftFor(a, input) });
  }
  return agenda;
}

/**
 * The message for an action, written from the facts it was made of (found again by its ref: the
 * agenda is at most a few actions, the inputs may be thousands of rows).
 */
function draftFor(a: Omit<Action, 'draft'>, input: AgendaInput): string {
  const { today } = input;
  const to = a.personName;
  const r = a.ref ?? {};
  switch (a.kind) {
    case 'keep_promise': {
      const p = input.promises.find((p) => p.id === r.promiseId);
      return promiseDraft({ to, text: p?.text ?? '', due: p?.due ?? today, today });
    }
    case 'event_follow_up': {
      const f = input.followUps.find((f) => f.eventId === r.eventId && f.personId === a.personId);
      return followUpDraft({ to, event: f?.eventName, eventDate: f?.eventDate, today, line: f?.line });
    }
    case 'meeting_follow_up': {
      const m = input.meetingFollowUps?.find((m) => m.personId === a.personId);
      return meetingFollowUpDraft({
        to,
        day: m?.day ?? today,
        today,
        channel: m?.channel ?? 'call',
        promises: m?.promises ?? [],
        need: m?.needs[0],
      });
    }
    case 'intro_waiting': {
      const w = input.waitingIntros.find((w) => w.introId === r.introId);
      if (w?.state !== 'proposed') return introNudgeDraft({ to, other: w?.otherName ?? '' });
      // Nobody is asked yet: the first message is the question itself, to whichever side this is.
      const facts = { to, other: w.otherName, reason: w.reason, need: w.need?.text, offer: w.offer?.text };
      return (w.need?.personId ?? a.personId) === a.personId
        ? introToNeederDraft(facts)
        : introToGiverDraft(facts);
    }
    case 'offer_help': {
      const o = input.offers.find((o) => o.needId === r.needId && o.offerId === r.offerId);
      return giveDraft({ to, need: o?.needText ?? '', offer: o?.offerText ?? '' });
    }
    case 'make_intro': {
      const i = input.intros.find(
        (i) => i.needId === r.needId && i.offerId === r.offerId && i.otherId === r.otherPersonId,
      );
      return introToNeederDraft({ to, other: i?.otherName ?? '', need: i?.needText, offer: i?.offerText });
    }
    case 'birthday': {
      const b = input.birthdays.find((b) => b.personId === a.personId);
      return birthdayDraft({ to, on: b && nextAnniversary(b.on, today), today });
    }
    case 'reconnect':
    case 'keep_in_touch':
      return reconnectDraft({
        to,
        lastReal: input.focus.find((f) => f.personId === a.personId)?.lastReal,
        today,
      });
    case 'ask_needs':
      return askNeedsDraft({ to });
  }
}

/** "you promised: send the deck (due 2026-11-28) · they need: a Berlin DBA, you could offer SQL tuning" */
function meetingDetail(m: MeetingFollowUp): string {
  const parts: string[] = [];
  if (m.promises.length > 0)
    parts.push(`you promised: ${m.promises.map((p) => `${p.text} (due ${p.due})`).join('; ')}`);
  if (m.needs.length > 0)
    parts.push(
      `they need: ${m.needs
        .map((n) =>
          n.give === undefined
            ? n.text
            : `${n.text}, ${n.give.via !== undefined ? `introduce ${n.give.via} ("${n.give.offerText}")` : `you could offer "${n.give.offerText}"`}`,
        )
        .join('; ')}`,
    );
  return parts.join(' · ');
}
