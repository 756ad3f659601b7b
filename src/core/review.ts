import { addDays, daysBetween } from './dates.js';
import type { EventOutcome } from './events.js';
import type { Settings } from './settings.js';
import { isReal } from './strength.js';
import type { Channel, Day, Nature, OutcomeKind } from './types.js';

export interface ReviewInput {
  from: Day;
  to: Day;
  interactions: readonly { date: Day; channel: Channel; nature: Nature; unearned: boolean }[];
  focusSize: number;
  promises: readonly { due: Day; status: 'open' | 'kept' | 'broken'; doneOn?: Day | undefined }[];
  events: readonly { name: string; date: Day; outcome: EventOutcome }[];
  introsMade: number;
  outcomes: readonly { kind: OutcomeKind; valueCents?: number | undefined; date: Day }[];
  /** Mean strength of today's focus people at the start and the end of the period. */
  focusStrength: { start: number; end: number };
}

export interface WeekBucket {
  week: Day; // first day of the 7-day bucket
  gave: number;
  asked: number;
  real: number;
  digital: number;
}

export interface Review {
  from: Day;
  to: Day;
  gave: number;
  asked: number;
  received: number;
  unearnedAsks: number;
  /** gives per ask; null when there was no ask (a ratio of n:0). */
  giveAskRatio: number | null;
  real: number;
  digital: number;
  realDigitalRatio: number | null;
  focus: { size: number; cap: number };
  promises: { due: number; kept: number; broken: number; late: number };
  events: { total: number; succeeded: number; names: string[] };
  introsMade: number;
  outcomes: { thanks: number; ledSomewhere: number; business: number; businessValueCents: number };
  focusStrength: { start: number; end: number; change: number };
  weeks: WeekBucket[];
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 100) / 100);

/**
 * The weekly review (any period): give:ask, real:digital, focus size against cap, promises kept
 * and late, events that succeeded, introductions made, outcomes of gives, focus strength trend.
 */
export function buildReview(input: ReviewInput, s: Pick<Settings, 'focusCap'>): Review {
  const inPeriod = input.interactions.filter((i) => i.date >= input.from && i.date <= input.to);
  const count = (n: Nature): number => inPeriod.filter((i) => i.nature === n).length;
  const real = inPeriod.filter((i) => isReal(i.channel)).length;
  const digital = inPeriod.length - real;
  const gave = count('gave');
  const asked = count('asked');

  const duePromises = input.promises.filter((p) => p.due >= input.from && p.due <= input.to);
  const kept = duePromises.filter((p) => p.status === 'kept').length;
  const broken = duePromises.filter((p) => p.status === 'broken').length;
  const late = input.promises.filter(
    (p) =>
      (p.status === 'open' && p.due < input.to) ||
      (p.status === 'kept' &&
        p.doneOn !== undefined &&
        p.doneOn > p.due &&
        p.doneOn >= input.from &&
        p.doneOn <= input.to),
  ).length;

  const events = input.events.filter((e) => e.date >= input.from && e.date <= input.to);
  const outcomes = input.outcomes.filter((o) => o.date >= input.from && o.date <= input.to);

  const weeks: WeekBucket[] = [];
  const span = daysBetween(input.from, input.to) + 1;
  for (let start = 0; start < span; start += 7) {
    const wFrom = addDays(input.from, start);
    const wTo = addDays(input.from, Math.min(start + 6, span - 1));
    const w = inPeriod.filter((i) => i.date >= wFrom && i.date <= wTo);
    weeks.push({
      week: wFrom,
      gave: w.filter((i) => i.nature === 'gave').length,
      asked: w.filter((i) => i.nature === 'asked').length,
      real: w.filter((i) => isReal(i.channel)).length,
      digital: w.filter((i) => !isReal(i.channel)).length,
    });
  }

  const round1 = (x: number): number => Math.round(x * 10) / 10;
  return {
    from: input.from,
    to: input.to,
    gave,
    asked,
    received: count('received'),
    unearnedAsks: inPeriod.filter((i) => i.unearned).length,
    giveAskRatio: ratio(gave, asked),
    real,
    digital,
    realDigitalRatio: ratio(real, digital),
    focus: { size: input.focusSize, cap: s.focusCap },
    promises: { due: duePromises.length, kept, broken, late },
    events: {
      total: events.length,
      succeeded: events.filter((e) => e.outcome === 'succeeded').length,
      names: events.filter((e) => e.outcome === 'succeeded').map((e) => e.name),
    },
    introsMade: input.introsMade,
    outcomes: {
      thanks: outcomes.filter((o) => o.kind === 'thanks').length,
      ledSomewhere: outcomes.filter((o) => o.kind === 'led_somewhere').length,
      business: outcomes.filter((o) => o.kind === 'business').length,
      businessValueCents: outcomes.reduce((sum, o) => sum + (o.valueCents ?? 0), 0),
    },
    focusStrength: {
      start: round1(input.focusStrength.start),
      end: round1(input.focusStrength.end),
      change: round1(input.focusStrength.end - input.focusStrength.start),
    },
    weeks,
  };
}
