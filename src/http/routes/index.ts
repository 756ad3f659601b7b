import { agendaRoutes } from './agenda.js';
import { captureRoutes } from './capture.js';
import { configRoutes } from './config.js';
import { correctionRoutes } from './corrections.js';
import { eventRoutes } from './events.js';
import { feedRoutes } from './feed.js';
import { focusRoutes } from './focus.js';
import { healthRoutes } from './health.js';
import { introRoutes } from './intros.js';
import { transferRoutes } from './transfer.js';
import { matchFeedbackRoutes } from './match-feedback.js';
import { meRoutes } from './me.js';
import { peopleRoutes } from './people.js';
import { personLedgerRoutes } from './person-ledger.js';
import { sourceRoutes } from './sources.js';
import type { RouteModule } from './types.js';

/**
 * Every resource under `/api`, one file each. To add one (import, export, intros): write
 * `routes/<resource>.ts` exporting a RouteModule and append it here — validation, the error
 * shape and the OpenAPI document come with registration.
 */
export const apiRoutes: readonly RouteModule[] = [
  healthRoutes,
  meRoutes,
  peopleRoutes,
  personLedgerRoutes,
  focusRoutes,
  agendaRoutes,
  eventRoutes,
  configRoutes,
  introRoutes,
  transferRoutes,
  matchFeedbackRoutes,
  feedRoutes,
  correctionRoutes,
  captureRoutes,
  sourceRoutes,
];
