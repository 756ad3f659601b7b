/**
 * The words of Tend's domain, as plain lists: circles, channels, natures, kinds, states. The
 * one place each is written. This module imports nothing and holds only `as const` arrays, so
 * the web app may import it at build time (docs/decisions/0011-one-source-per-fact.md): it is
 * the only runtime code web takes from src/. The types are derived in `types.ts`.
 */

export const circles = ['focus', 'network', 'pool', 'archived'] as const;

export const sources = ['manual', 'linkedin', 'vcard', 'google', 'event'] as const;

export const channels = ['in_person', 'call', 'letter', 'message', 'social'] as const;

export const natures = ['gave', 'asked', 'received', 'touch'] as const;

export const giveKinds = [
  'intro',
  'referral',
  'advice',
  'resource',
  'favor',
  'recommendation',
  'congratulation',
  'gift',
  'opportunity',
] as const;

export const askKinds = ['intro', 'referral', 'favor', 'advice', 'business', 'job'] as const;

export const itemSides = ['need', 'offer', 'goal'] as const;

export const itemStatuses = ['open', 'met', 'stale'] as const;

export const promiseStatuses = ['open', 'kept', 'broken'] as const;

export const outcomeKinds = ['thanks', 'led_somewhere', 'business'] as const;

export const introStates = ['proposed', 'asked_a', 'asked_b', 'made', 'outcome', 'declined'] as const;
