/** Domain types: what the rest of the code sees. Rows live in src/storage only. */

import type {
  circles,
  sources,
  channels,
  natures,
  itemSides,
  itemStatuses,
  promiseStatuses,
  outcomeKinds,
  introStates,
} from './vocabulary.js';
import { giveKinds, askKinds } from './vocabulary.js';

export * from './vocabulary.js';

export type Circle = (typeof circles)[number];
export type Source = (typeof sources)[number];
export type Channel = (typeof channels)[number];
export type Nature = (typeof natures)[number];
export type GiveKind = (typeof giveKinds)[number];
export type AskKind = (typeof askKinds)[number];
export type Kind = GiveKind | AskKind;
export const allKinds: readonly Kind[] = [...new Set<Kind>([...giveKinds, ...askKinds])];

export type ItemSide = (typeof itemSides)[number];
export type ItemStatus = (typeof itemStatuses)[number];

/** ISO calendar day, `YYYY-MM-DD`. */
export type Day = string;
/** ISO instant, `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export type Instant = string;

/**
 * A name as its source structured it (vCard `N`, Google's given/family columns, LinkedIn's first and
 * last name). Kept so that an export writes back what the source said instead of guessing by
 * splitting the display name ("Mr. Michael Angstadt Jr." has the family name "Angstadt").
 */
export interface NameParts {
  given?: string | undefined;
  additional?: string | undefined;
  family?: string | undefined;
  prefix?: string | undefined;
  suffix?: string | undefined;
}

export interface Person {
  id: number;
  /**
   * Never changes once given (a random UUID at creation): the vCard UID, so that an address book
   * recognises the same person in every export, and after a backup and restore.
   */
  uid: string;
  name: string;
  /** The structured name the source gave; cleared when a rename makes it no longer fit `name`. */
  nameParts?: NameParts | undefined;
  met?: string | undefined;
  company?: string | undefined;
  title?: string | undefined;
  emails: string[];
  phones: string[];
  linkedin?: string | undefined;
  urls: string[];
  birthday?: string | undefined; // YYYY-MM-DD or --MM-DD
  notes?: string | undefined;
  tags: string[];
  source: Source;
  circle: Circle;
  cadenceDays?: number | undefined;
  introducedBy?: number | undefined;
  createdAt: Instant;
  updatedAt: Instant;
}

/** A need, offer or goal; `personId` undefined means it is mine. */
export interface Item {
  id: number;
  personId?: number | undefined;
  side: ItemSide;
  text: string;
  status: ItemStatus;
  goalId?: number | undefined;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface Interaction {
  id: number;
  date: Day;
  personIds: number[];
  channel: Channel;
  nature: Nature;
  kind?: Kind | undefined;
  note?: string | undefined;
  /** An ask made with --anyway to someone never given to. */
  unearned: boolean;
  introId?: number | undefined;
  /** Captured from a calendar or a mailbox; undefined when typed. */
  source?: CaptureKind | undefined;
  createdAt: Instant;
}

/** Where a captured interaction came from. */
export type CaptureKind = 'calendar' | 'mail';

export type PromiseStatus = (typeof promiseStatuses)[number];
export interface Promise_ {
  id: number;
  personId: number;
  text: string;
  due: Day;
  status: PromiseStatus;
  doneOn?: Day | undefined;
  createdAt: Instant;
}

export type OutcomeKind = (typeof outcomeKinds)[number];
export interface Outcome {
  id: number;
  interactionId?: number | undefined;
  introId?: number | undefined;
  personId?: number | undefined;
  kind: OutcomeKind;
  /** Business closed, in cents, to keep money exact. */
  valueCents?: number | undefined;
  note?: string | undefined;
  date: Day;
}

export interface TendEvent {
  id: number;
  name: string;
  date: Day;
  place?: string | undefined;
  met: EventMet[];
}
export interface EventMet {
  personId: number;
  line?: string | undefined;
  followUp: boolean;
}

export type IntroState = (typeof introStates)[number];
export interface Intro {
  id: number;
  aId: number;
  bId: number;
  reason: string;
  needId?: number | undefined;
  offerId?: number | undefined;
  state: IntroState;
  declinedBy?: 'a' | 'b' | undefined;
  outcome?: string | undefined;
  createdAt: Instant;
  updatedAt: Instant;
}

/** A move between circles, kept so shotgun signals can see bursts of people moved into focus. */
export interface CircleMove {
  personId: number;
  from: Circle;
  to: Circle;
  at: Instant;
}
