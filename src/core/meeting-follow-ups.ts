import { addDays } from './dates.js';
import type { CaptureKind, Channel, Day } from './types.js';

/** A meeting read from a calendar, with one person in Tend who was there. */
export interface CapturedMeeting {
  personId: number;
  personName: string;
  /** The capture's key (UID|occurrence): the same meeting for everyone who was there. */
  key: string;
  day: Day;
  channel: Channel;
  title?: string | undefined;
  /** Everyone who was there whom Tend saw: people in Tend and people in the review list. */
  people: number;
}

/** Any interaction with the person, captured (`source`) or typed. */
export interface LaterContact {
  date: Day;
  source?: CaptureKind | undefined;
}

export interface MeetingFollowUpSettings {
  /** How many days after a meeting its follow-up is still suggested. */
  followUpDays: number;
  /** A meeting with more people than this (those Tend saw, me not counted) is not a conversation to follow up. */
  followUpMaxPeople: number;
}

export interface MeetingFollowUp {
  personId: number;
  personName: string;
  day: Day;
  channel: Channel;
  title?: string | undefined;
  promises: { id: number; text: string; due: Day }[];
  needs: { id: number; text: string; give?: { offerText: string; via?: string | undefined } | undefined }[];
}

/**
 * Whether something already followed the meeting: anything with them after its day, or on its
 * day anything I typed (a give, a note). Captured mail on the day is the meeting's scheduling,
 * and another calendar entry on the day is the meeting itself (or its twin in a second calendar).
 * @example followedUpMeeting('2026-11-24', [{ date: '2026-11-25', source: 'mail' }]) === true
 */
export function followedUpMeeting(day: Day, contacts: readonly LaterContact[]): boolean {
  return contacts.some((c) => c.date > day || (c.date === day && c.source === undefined));
}

/**
 * After a captured meeting, the follow-up worth suggesting (DESIGN.md "Capture without typing"):
 * a real meeting (read from a calendar, so not cancelled, not declined, not a broadcast), small
 * (at most `followUpMaxPeople` others Tend saw there), recent (within `followUpDays`, not in the
 * future), not already followed up, and with something to say: a promise I made them that is
 * still open, or a need of theirs. One per person, their latest meeting.
 * @example meetingFollowUps({ today: '2026-11-26', meetings: [jonasOnTuesday], contacts, promises: [deck], needs: [] }, s)
 *   // → [{ personId: jonas, day: '2026-11-24', promises: [deck], needs: [] }]
 */
export function meetingFollowUps(
  input: {
    today: Day;
    meetings: readonly CapturedMeeting[];
    contacts: ReadonlyMap<number, readonly LaterContact[]>;
    promises: readonly { id: number; personId: number; text: string; due: Day }[];
    /** Their open needs, each with the best give I could make for it, when there is one. */
    needs: readonly (MeetingFollowUp['needs'][number] & { personId: number })[];
  },
  s: MeetingFollowUpSettings,
): MeetingFollowUp[] {
  const from = addDays(input.today, -s.followUpDays);
  const latest = new Map<number, CapturedMeeting>();
  for (const m of input.meetings) {
    if (m.day < from || m.day > input.today || m.people > s.followUpMaxPeople) continue;
    const had = latest.get(m.personId);
    if (had === undefined || m.day > had.day) latest.set(m.personId, m);
  }
  const out: MeetingFollowUp[] = [];
  for (const m of latest.values()) {
    if (followedUpMeeting(m.day, input.contacts.get(m.personId) ?? [])) continue;
    const promises = input.promises
      .filter((p) => p.personId === m.personId)
      .sort((a, b) => a.due.localeCompare(b.due) || a.id - b.id)
      .map(({ personId: _p, ...p }) => p);
    // A need I can give for first: that is the follow-up worth writing.
    const needs = input.needs
      .filter((n) => n.personId === m.personId)
      .sort((a, b) => Number(b.give !== undefined) - Number(a.give !== undefined) || a.id - b.id)
      .map(({ personId: _p, ...n }) => n);
    if (promises.length + needs.length === 0) continue;
    out.push({
      personId: m.personId,
      personName: m.personName,
      day: m.day,
      channel: m.channel,
      title: m.title,
      promises,
      needs,
    });
  }
  return out.sort((a, b) => b.day.localeCompare(a.day) || a.personName.localeCompare(b.personName));
}
