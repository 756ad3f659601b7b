/**
 * What the API answers, as the web app reads it. Domain types come from src/core (type-only);
 * the shapes the use cases add around them are described here, because web imports no code
 * from src/app.
 */
import type { Circle, Interaction, Item, Person, Promise_, TendEvent } from '../../src/core/types.js';

export type { Channel, Circle, Interaction, Item, Person, Promise_ } from '../../src/core/types.js';
export { channels, circles, giveKinds, askKinds } from './constants.js';

export interface ApiErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

export interface Warning {
  code: string;
  message: string;
}

export interface Fit {
  helpOut: number;
  helpIn: number;
  fit: number;
  reach: boolean;
  needsUnknown: boolean;
}

export interface PersonSummary {
  person: Person;
  strength: number;
  toolOnly: boolean;
  balance: number;
  lastRealOn?: string;
}

export interface Ledger {
  gave: number;
  asked: number;
  received: number;
  balance: number;
  gaveCount: number;
  askedCount: number;
  receivedCount: number;
}

export interface Give {
  kind: 'offer' | 'intro' | 'ask_needs' | 'general';
  text: string;
  score?: number;
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
  keepInTouchOverdue?: number;
  introducedBy?: { id: number; name: string };
}

export interface FocusEntry extends PersonSummary {
  fit: Fit;
}

export interface Action {
  tier: 'promise' | 'follow_up' | 'give' | 'reconnect' | 'learn';
  kind:
    | 'keep_promise'
    | 'event_follow_up'
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
  detail?: string;
  ref?: {
    promiseId?: number;
    eventId?: number;
    introId?: number;
    needId?: number;
    offerId?: number;
    otherPersonId?: number;
  };
}

export interface TodayView {
  date: string;
  actions: Action[];
  signals: { kind: string; message: string }[];
}

export type EventOutcome = 'succeeded' | 'pending' | 'missed' | 'no_pick';
export interface EventView extends Omit<TendEvent, 'met'> {
  outcome: EventOutcome;
  people: { id: number; name: string; line?: string; followUp: boolean; followedUp: boolean }[];
}

export interface ReviewWeek {
  week: string;
  gave: number;
  asked: number;
  real: number;
  digital: number;
  focusStrength: number;
  promisesKept: number;
  promisesBroken: number;
  promisesKeptLate: number;
}

export interface Review {
  from: string;
  to: string;
  gave: number;
  asked: number;
  received: number;
  unearnedAsks: number;
  giveAskRatio: number | null;
  real: number;
  digital: number;
  realDigitalRatio: number | null;
  focus: { size: number; cap: number };
  promises: { due: number; kept: number; broken: number; late: number };
  events: { total: number; succeeded: number; names: string[] };
  introsMade: number;
  focusStrength: { start: number; end: number; change: number };
}

export interface Intro {
  id: number;
  state: string;
  reason: string;
  a: { id: number; name: string };
  b: { id: number; name: string };
  next?: string[];
}

export interface ImportSummary {
  format: string;
  dryRun: boolean;
  total: number;
  created: number;
  merged: number;
  unchanged: number;
  rejected: number;
  skipped: number;
  imported: number;
  withRealContact: number;
  problems: { ref?: string; field?: string; message: string; severity?: string }[];
}

export interface MyItems {
  offers: Item[];
  needs: Item[];
  goals: Item[];
}

export type { Circle as CircleName };
