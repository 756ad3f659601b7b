/**
 * What the API answers, as the web app reads it. Domain types come from src/core (type-only);
 * the shapes the use cases add around them are described here, because web imports no code
 * from src/app.
 */
import type { Circle, Item } from '../../src/core/types.js';
import type { Today } from '../../src/app/today.js';

export type { Channel, Circle, Interaction, Item, Person, Promise_ } from '../../src/core/types.js';
export { channels, circles, giveKinds, askKinds } from './constants.js';

export interface ApiErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

export interface Warning {
  code: string;
  message: string;
}

export type { Fit } from '../../src/core/fit.js';
export type { Ledger } from '../../src/core/ledger.js';
export type { Action } from '../../src/core/agenda.js';
export type { EventOutcome } from '../../src/core/events.js';
export type { Review } from '../../src/core/review.js';
export type { PersonSummary, Profile } from '../../src/app/people.js';
export type { Give } from '../../src/app/gives.js';
export type { FocusEntry } from '../../src/app/focus.js';
export type { EventView } from '../../src/app/events.js';
export type { ReviewWeek } from '../../src/app/review-series.js';
export type { IntroView as Intro } from '../../src/app/intros.js';
export type { ImportSummary } from '../../src/app/import.js';

/** `GET /api/today`: the use case's result without its benchmark timing. */
export type TodayView = Omit<Today, 'engineMs'>;

export interface MyItems {
  offers: Item[];
  needs: Item[];
  goals: Item[];
}

export type { Circle as CircleName };
