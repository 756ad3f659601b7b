// The vocabularies of the API, repeated here because web imports no runtime code from src/
// (the types in types.ts keep them honest: see the `satisfies` below).
import type { AskKind, Channel, Circle, GiveKind } from '../../src/core/types.js';

export const circles = ['focus', 'network', 'pool', 'archived'] as const satisfies readonly Circle[];
export const channels = [
  'in_person',
  'call',
  'letter',
  'message',
  'social',
] as const satisfies readonly Channel[];
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
] as const satisfies readonly GiveKind[];
export const askKinds = [
  'intro',
  'referral',
  'favor',
  'advice',
  'business',
  'job',
] as const satisfies readonly AskKind[];

export const channelLabel: Record<Channel, string> = {
  in_person: 'In person',
  call: 'Call',
  letter: 'Letter or gift',
  message: 'Personal message',
  social: 'Social click',
};
