import { allKinds } from './types.js';
import type { Settings } from './settings-schema.js';

export type { Settings } from './settings-schema.js';

/**
 * Every number of the engine, with its default from DESIGN.md. The database stores overrides
 * (`tend config set`), validated by `settings-schema.ts`; the core receives the merged object.
 * The schema takes its defaults from here; a test pins the two together.
 *
 * Written untyped, then checked against `Settings` below: the schema (which `Settings` is
 * inferred from) reads these values, and a typed object would be a circular type.
 */
export const settingDefaults = {
  focusCap: 20,
  weights: {
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
  },
  defaultWeight: 1,
  realness: { in_person: 1, call: 0.7, letter: 0.6, message: 0.3, social: 0.05 },
  strengthHalfLifeDays: 90,
  reconnectBelowStrength: 30,
  reconnectAfterDays: 60,
  agendaSize: 5,
  networkDiscount: 0.5,
  reachHelpIn: 0.5,
  reachHelpOut: 0.2,
  matchThreshold: 0.5,
  shotgun: { windowDays: 7, sameNote: 5, asks: 5, socialTouches: 20, focusMoves: 10 },
  eventFollowUpDays: 7,
  birthdayLookaheadDays: 3,
  introWaitDays: 7,
  reviewDays: 7,
  maxFutureDays: 1,
  capture: { maxAttendees: 8, maxRecipients: 5, followUpDays: 3, followUpMaxPeople: 3 },
  /**
   * The mail server the daily digest goes through. The password is never stored: it is read
   * from the environment variable `passwordEnv` names, or from the file `passwordFile` names.
   */
  smtp: {
    host: '',
    port: 587,
    security: 'starttls' as 'starttls' | 'tls' | 'none',
    user: '',
    passwordEnv: 'TEND_SMTP_PASSWORD',
    passwordFile: '',
  },
  /** The daily agenda by email: `tend digest send`, and `tend serve` each day at `hour` when `daily`. */
  digest: { from: '', to: '', daily: false, hour: 7 },
};

export const defaultSettings: Settings = settingDefaults;

/** Dotted keys that `tend config get|set` accepts, e.g. `focusCap`, `weights.intro`, `shotgun.asks`. */
export function settingKeys(s: Settings = defaultSettings): string[] {
  const keys: string[] = [];
  const walk = (prefix: string, value: unknown): void => {
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
    } else keys.push(prefix);
  };
  walk('', s);
  if (!keys.includes('weights.intro')) keys.push(...allKinds.map((k) => `weights.${k}`));
  return [...new Set(keys)].sort();
}
