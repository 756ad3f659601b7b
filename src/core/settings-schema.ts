import { z } from 'zod';
import { settingDefaults as d } from './settings.js';
import { allKinds, type Kind } from './types.js';

/**
 * The validation of every engine number (`tend config set`, stored overrides). Kept apart from
 * `settings.ts` so that a command that changes no setting never loads zod: start-up time is part
 * of every command's latency. The defaults are `settings.ts`'s, the one place they are written.
 */
const kindWeights = z
  .record(z.enum(allKinds as [Kind, ...Kind[]]), z.number().min(0).max(100))
  .describe('weight of each kind of give or ask in the ledger');

export const settingsSchema = z.object({
  focusCap: z.number().int().min(5).max(50).default(d.focusCap),
  weights: kindWeights.default(d.weights),
  /** Weight of an interaction with no kind (a plain "gave" or "asked"). */
  defaultWeight: z.number().min(0).max(100).default(d.defaultWeight),
  realness: z
    .object({
      in_person: z.number().min(0).max(1).default(d.realness.in_person),
      call: z.number().min(0).max(1).default(d.realness.call),
      letter: z.number().min(0).max(1).default(d.realness.letter),
      message: z.number().min(0).max(1).default(d.realness.message),
      social: z.number().min(0).max(1).default(d.realness.social),
    })
    .default(d.realness),
  strengthHalfLifeDays: z.number().positive().max(3650).default(d.strengthHalfLifeDays),
  reconnectBelowStrength: z.number().min(0).max(100).default(d.reconnectBelowStrength),
  reconnectAfterDays: z.number().int().min(1).max(3650).default(d.reconnectAfterDays),
  agendaSize: z.number().int().min(1).max(50).default(d.agendaSize),
  /** Network offers count for less than mine when judging how well I can help. */
  networkDiscount: z.number().min(0).max(1).default(d.networkDiscount),
  reachHelpIn: z.number().min(0).max(1).default(d.reachHelpIn),
  reachHelpOut: z.number().min(0).max(1).default(d.reachHelpOut),
  /** Score at which a need and an offer count as a match (the matcher's calibrated threshold). */
  matchThreshold: z.number().min(0).max(1).default(d.matchThreshold),
  shotgun: z
    .object({
      windowDays: z.number().int().min(1).max(90).default(d.shotgun.windowDays),
      sameNote: z.number().int().min(2).default(d.shotgun.sameNote),
      asks: z.number().int().min(2).default(d.shotgun.asks),
      socialTouches: z.number().int().min(2).default(d.shotgun.socialTouches),
      focusMoves: z.number().int().min(2).default(d.shotgun.focusMoves),
    })
    .default(d.shotgun),
  eventFollowUpDays: z.number().int().min(1).max(90).default(d.eventFollowUpDays),
  birthdayLookaheadDays: z.number().int().min(0).max(60).default(d.birthdayLookaheadDays),
  introWaitDays: z.number().int().min(1).max(365).default(d.introWaitDays),
  reviewDays: z.number().int().min(1).max(366).default(d.reviewDays),
  /**
   * How far in the future an interaction may be dated (days after today). A date far ahead would
   * pin a person's last contact there for good; promises' due dates are not interactions.
   */
  maxFutureDays: z.number().int().min(0).max(365).default(d.maxFutureDays),
  /**
   * Capture from calendars and mailboxes: a meeting with more attendees (me included) than this
   * is a broadcast, not a conversation; so is a message I sent to more recipients.
   */
  capture: z
    .object({
      maxAttendees: z.number().int().min(2).max(1000).default(d.capture.maxAttendees),
      maxRecipients: z.number().int().min(1).max(1000).default(d.capture.maxRecipients),
      /** Today suggests following up a captured meeting for this many days after it. */
      followUpDays: z.number().int().min(1).max(30).default(d.capture.followUpDays),
      /** …when at most this many other people (that Tend saw) were there. */
      followUpMaxPeople: z.number().int().min(1).max(1000).default(d.capture.followUpMaxPeople),
    })
    .default(d.capture),
  smtp: z
    .object({
      host: z
        .string()
        .trim()
        .max(253)
        .regex(/^[A-Za-z0-9.:[\]-]*$/, 'must be a host name or an IP address')
        .default(d.smtp.host),
      port: z.number().int().min(1).max(65535).default(d.smtp.port),
      /** `tls`: TLS from the first byte (port 465); `starttls`: upgrade required (587); `none`: plain. */
      security: z
        .enum(['starttls', 'tls', 'none'], { error: () => 'must be starttls, tls or none' })
        .default(d.smtp.security),
      user: z.coerce.string().max(320).default(d.smtp.user),
      passwordEnv: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable')
        .max(100)
        .default(d.smtp.passwordEnv),
      passwordFile: z.string().max(4096).default(d.smtp.passwordFile),
    })
    .default(d.smtp),
  digest: z
    .object({
      from: z.union([z.literal(''), z.email('must be an email address')]).default(d.digest.from),
      to: z.union([z.literal(''), z.email('must be an email address')]).default(d.digest.to),
      daily: z.boolean().default(d.digest.daily),
      /** Local hour of the day from which `tend serve` sends the day's digest. */
      hour: z.number().int().min(0).max(23).default(d.digest.hour),
    })
    .default(d.digest),
});

export type Settings = z.infer<typeof settingsSchema>;
