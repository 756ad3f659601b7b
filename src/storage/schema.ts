import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Row types: snake_case, 0/1 booleans, JSON text and ISO text dates. They never leave
 * src/storage; repositories map them to the domain types of src/core/types.ts.
 */
export interface PeopleTable {
  id: Generated<number>;
  /** Stable UUID (vCard UID); filled by the database when an insert gives none (migration person_uid). */
  uid: Generated<string>;
  name: string;
  name_fold: string;
  /** JSON object of NameParts (only the parts given), or null. */
  name_parts: string | null;
  met: string | null;
  company: string | null;
  title: string | null;
  emails: string; // JSON array
  phones: string; // JSON array
  linkedin: string | null;
  urls: string; // JSON array
  birthday: string | null;
  notes: string | null;
  source: string;
  circle: string;
  cadence_days: number | null;
  introduced_by: number | null;
  merged_into: number | null;
  /** Folded name, company, title, met, notes, emails, tags, needs and offers: what `--search` reads. */
  search_text: string;
  /** Day of the last real interaction (null: tool-only), kept with every write to interactions. */
  last_real_on: string | null;
  last_contact_on: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PersonKeysTable {
  key: string;
  person_id: number;
}

export interface PersonTagsTable {
  person_id: number;
  tag: string;
}

export interface ItemsTable {
  id: Generated<number>;
  person_id: number | null;
  side: string;
  text: string;
  status: string;
  goal_id: number | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface MatchFeaturesTable {
  item_id: number;
  version: string;
  data: Uint8Array;
}

/** The user's answer to a shown match: one row per need–offer pair (see repos/feedback.ts). */
export interface MatchFeedbackTable {
  need_id: number;
  offer_id: number;
  /** 'confirmed' (this would help) or 'dismissed' (not relevant). */
  verdict: string;
  created_at: string;
}

export interface InteractionsTable {
  id: Generated<number>;
  date: string;
  channel: string;
  nature: string;
  kind: string | null;
  note: string | null;
  unearned: number;
  intro_id: number | null;
  created_at: string;
  deleted_at: string | null;
  /** Which capture wrote it (`calendar`, `mail`); null when it was typed. */
  source: string | null;
}

export interface InteractionPeopleTable {
  interaction_id: number;
  person_id: number;
}

export interface PromisesTable {
  id: Generated<number>;
  person_id: number;
  text: string;
  due: string;
  status: string;
  done_on: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface OutcomesTable {
  id: Generated<number>;
  interaction_id: number | null;
  intro_id: number | null;
  person_id: number | null;
  kind: string;
  value_cents: number | null;
  note: string | null;
  date: string;
  created_at: string;
}

export interface EventsTable {
  id: Generated<number>;
  name: string;
  date: string;
  place: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface EventPeopleTable {
  event_id: number;
  person_id: number;
  line: string | null;
  follow_up: number;
  created_at: string;
}

export interface IntrosTable {
  id: Generated<number>;
  a_id: number;
  b_id: number;
  reason: string;
  need_id: number | null;
  offer_id: number | null;
  state: string;
  declined_by: string | null;
  outcome: string | null;
  state_since: string;
  created_at: string;
  updated_at: string;
}

export interface CircleMovesTable {
  id: Generated<number>;
  person_id: number;
  from_circle: string;
  to_circle: string;
  at: string;
}

export interface SettingsTable {
  key: string;
  value: string; // JSON
}

export interface MyEmailsTable {
  address: string;
  created_at: string;
}

export interface CaptureRunsTable {
  id: Generated<number>;
  kind: string;
  source: string;
  started_at: string;
  finished_at: string | null;
  counts: string; // JSON
  undone_at: string | null;
  /** The live source it read (migration live_sources); null for a file. */
  source_id: number | null;
  /** That source's cursor before the run (JSON), restored when the run is undone. */
  cursor_before: string | null;
}

export interface LiveSourcesTable {
  id: Generated<number>;
  name: string;
  kind: string; // 'caldav' | 'imap'
  config: string; // JSON, never a secret
  secret: string; // AES-256-GCM: 'v1.' + base64url(iv).base64url(tag).base64url(ciphertext)
  cursor: string; // JSON
  last_run_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CapturesTable {
  id: Generated<number>;
  kind: string;
  /** Calendar: `UID|occurrence` (the original start, UTC); mail: thread and day. */
  key: string;
  /** The event's UID or the thread: a re-read of the same series removes occurrences that went. */
  series: string;
  person_id: number;
  interaction_id: number;
  date: string;
  channel: string;
  /** The event's SEQUENCE: an older copy never overwrites a newer one. */
  version: number;
  title: string | null;
  removed: number;
  /** The run that last changed it. */
  run_id: number;
  /** The run that added it: undoing that run takes it away. */
  created_run_id: number;
  created_at: string;
  updated_at: string;
}

export interface CaptureChangesTable {
  id: Generated<number>;
  run_id: number;
  capture_id: number;
  action: string;
  before: string | null; // JSON
}

export interface CaptureStrangersTable {
  kind: string;
  key: string;
  email: string;
  name: string | null;
  date: string;
  channel: string;
  run_id: number;
}

export interface CaptureIgnoredTable {
  email: string;
  created_at: string;
}

/**
 * A write request's `Idempotency-Key` and the answer it got (status and body; null while the
 * first request is still running), so that a replay is answered without writing again. Not part
 * of a backup: keys expire after a week (docs/decisions/0017-offline-pwa.md).
 */
export interface IdempotencyKeysTable {
  key: string;
  fingerprint: string;
  status: number | null;
  body: string | null;
  created_at: string;
}

export interface Database {
  people: PeopleTable;
  person_keys: PersonKeysTable;
  person_tags: PersonTagsTable;
  items: ItemsTable;
  match_features: MatchFeaturesTable;
  match_feedback: MatchFeedbackTable;
  interactions: InteractionsTable;
  interaction_people: InteractionPeopleTable;
  promises: PromisesTable;
  outcomes: OutcomesTable;
  events: EventsTable;
  event_people: EventPeopleTable;
  intros: IntrosTable;
  circle_moves: CircleMovesTable;
  settings: SettingsTable;
  my_emails: MyEmailsTable;
  capture_runs: CaptureRunsTable;
  captures: CapturesTable;
  capture_changes: CaptureChangesTable;
  capture_strangers: CaptureStrangersTable;
  capture_ignored: CaptureIgnoredTable;
  idempotency_keys: IdempotencyKeysTable;
  live_sources: LiveSourcesTable;
}

export type PersonRow = Selectable<PeopleTable>;
export type NewPersonRow = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type ItemRow = Selectable<ItemsTable>;
export type InteractionRow = Selectable<InteractionsTable>;
export type PromiseRow = Selectable<PromisesTable>;
export type EventRow = Selectable<EventsTable>;
export type IntroRow = Selectable<IntrosTable>;

/** The tables in dependency order: parents before children (backup, restore, wipe). */
export const tableOrder = [
  'settings',
  'people',
  'person_keys',
  'person_tags',
  'items',
  'match_features',
  'match_feedback',
  'events',
  'event_people',
  'intros',
  'interactions',
  'interaction_people',
  'promises',
  'outcomes',
  'circle_moves',
  'my_emails',
  'capture_runs',
  'captures',
  'capture_changes',
  'capture_strangers',
  'capture_ignored',
  'live_sources',
] as const satisfies readonly (keyof Database)[];
