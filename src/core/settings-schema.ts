import { z } from 'zod';
import { allKinds, type Kind } from './types.js';

/**
 * The validation of every engine number (`tend config set`, stored overrides). Kept apart from
 * `settings.ts` so that a command that changes no setting never loads zod: start-up time is part
 * of every command's latency.
 */
const kindWeights = z
  .record(z.enum(allKinds as [Kind, ...Kind[]]), z.number().min(0).max(100))
  .describe('weight of each kind of give or ask in the ledger');

export const settingsSchema = z.object({
  focusCap: z.number().int().min(5).max(50).default(20),
  weights: kindWeights.default({
    intro: 3,
    referral: 3,
    opportunity: 3,
    business: 3,
    job: 3,
    favor: 2,
    recommendation: 2,
    advice: 1,
    resource: 1,
    gift: 1,
    congratulation: 0.5,
  }),
  /** Weight of an interaction with no kind (a plain "gave" or "asked"). */
  defaultWeight: z.number().min(0).max(100).default(1),
  realness: z
    .object({
      in_person: z.number().min(0).max(1).default(1),
      call: z.number().min(0).max(1).default(0.7),
      letter: z.number().min(0).max(1).default(0.6),
      message: z.number().min(0).max(1).default(0.3),
      social: z.number().min(0).max(1).default(0.05),
    })
    .default({ in_person: 1, call: 0.7, letter: 0.6, message: 0.3, social: 0.05 }),
  strengthHalfLifeDays: z.number().positive().max(3650).default(90),
  reconnectBelowStrength: z.number().min(0).max(100).default(30),
  reconnectAfterDays: z.number().int().min(1).max(3650).default(60),
  agendaSize: z.number().int().min(1).max(50).default(5),
  /** Network offers count for less than mine when judging how well I can help. */
  networkDiscount: z.number().min(0).max(1).default(0.5),
  reachHelpIn: z.number().min(0).max(1).default(0.5),
  reachHelpOut: z.number().min(0).max(1).default(0.2),
  /** Score at which a need and an offer count as a match (the matcher's calibrated threshold). */
  matchThreshold: z.number().min(0).max(1).default(0.5),
  shotgun: z
    .object({
      windowDays: z.number().int().min(1).max(90).default(7),
      sameNote: z.number().int().min(2).default(5),
      asks: z.number().int().min(2).default(5),
      socialTouches: z.number().int().min(2).default(20),
      focusMoves: z.number().int().min(2).default(10),
    })
    .default({ windowDays: 7, sameNote: 5, asks: 5, socialTouches: 20, focusMoves: 10 }),
  eventFollowUpDays: z.number().int().min(1).max(90).default(7),
  birthdayLookaheadDays: z.number().int().min(0).max(60).default(3),
  introWaitDays: z.number().int().min(1).max(365).default(7),
  reviewDays: z.number().int().min(1).max(366).default(7),
  /**
   * How far in the future an interaction may be dated (days after today). A date far ahead would
   * pin a person's last contact there for good; promises' due dates are not interactions.
   */
  maxFutureDays: z.number().int().min(0).max(365).default(1),
});

export type Settings = z.infer<typeof settingsSchema>;
