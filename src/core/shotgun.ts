import { addDays } from './dates.js';
import type { Settings } from './settings.js';
import type { Channel, Day, Nature } from './types.js';
import { isReal } from './strength.js';
import { fold } from './text.js';

export interface ShotgunInteraction {
  date: Day;
  personIds: readonly number[];
  channel: Channel;
  nature: Nature;
  note?: string | undefined;
}

export type ShotgunCode = 'same_note' | 'ask_burst' | 'social_burst' | 'focus_burst';
export interface ShotgunSignal {
  code: ShotgunCode;
  count: number;
  message: string;
}

/**
 * Shotgun signals over a rolling window (default 7 days, today included): the same note logged
 * to ≥ 5 people, asks to ≥ 5 people, ≥ 20 social touches with no real interaction in the window,
 * ≥ 10 people moved into focus.
 */
export function shotgunSignals(
  interactions: readonly ShotgunInteraction[],
  focusMovesOn: readonly Day[],
  today: Day,
  s: Pick<Settings, 'shotgun'>,
): ShotgunSignal[] {
  const g = s.shotgun;
  const from = addDays(today, -(g.windowDays - 1));
  const inWindow = interactions.filter((i) => i.date >= from && i.date <= today);
  const signals: ShotgunSignal[] = [];

  const byNote = new Map<string, Set<number>>();
  for (const i of inWindow) {
    if (i.note === undefined || fold(i.note) === '') continue;
    const key = fold(i.note);
    const set = byNote.get(key) ?? new Set<number>();
    for (const p of i.personIds) set.add(p);
    byNote.set(key, set);
  }
  const sameNote = Math.max(0, ...[...byNote.values()].map((s2) => s2.size));
  if (sameNote >= g.sameNote)
    signals.push({
      code: 'same_note',
      count: sameNote,
      message: `the same note went to ${sameNote} people this week: write to each one as a person`,
    });

  const askedPeople = new Set(inWindow.filter((i) => i.nature === 'asked').flatMap((i) => i.personIds));
  if (askedPeople.size >= g.asks)
    signals.push({
      code: 'ask_burst',
      count: askedPeople.size,
      message: `you asked ${askedPeople.size} people this week: give before you ask`,
    });

  const social = inWindow.filter((i) => i.channel === 'social').length;
  const anyReal = inWindow.some((i) => isReal(i.channel));
  if (social >= g.socialTouches && !anyReal)
    signals.push({
      code: 'social_burst',
      count: social,
      message: `${social} social clicks and not one real conversation this week: call or meet someone`,
    });

  const moves = focusMovesOn.filter((d) => d >= from && d <= today).length;
  if (moves >= g.focusMoves)
    signals.push({
      code: 'focus_burst',
      count: moves,
      message: `${moves} people moved into focus this week: a focus list is a few people you can really help`,
    });
  return signals;
}
