/**
 * The rules of communities and referrals (pure): who may change whose role, who may move a
 * referral where, and when a thank-you may be sent.
 */

import { referralMoves, referralStates, roles } from './vocabulary.js';

export { referralStates, roles };
export type Role = (typeof roles)[number];
export type ReferralState = (typeof referralStates)[number];

/** Owners and admins run the community: invite, remove members, change roles. */
export const canManage = (role: Role): boolean => role === 'owner' || role === 'admin';

/**
 * Why `actor` may not give `target` the role `to` (undefined: allowed). Owners change anyone;
 * admins manage members and admins but never touch an owner nor make one. The last owner keeps
 * the role (checked by the caller, which counts owners).
 */
export function roleChangeRefusal(actor: Role, target: Role, to: Role): string | undefined {
  if (!canManage(actor)) return 'only owners and admins change roles';
  if (actor === 'admin' && (target === 'owner' || to === 'owner'))
    return 'only an owner can make or unmake an owner';
  return undefined;
}

/** Why `actor` may not remove `target` (self: leaving, always allowed but for the last owner). */
export function removalRefusal(actor: Role, target: Role, self: boolean): string | undefined {
  if (self) return undefined;
  if (!canManage(actor)) return 'only owners and admins remove members (a member may leave)';
  if (actor === 'admin' && target === 'owner') return 'only an owner can remove an owner';
  return undefined;
}

/** The referral's moves and who may make each (the table is in ./vocabulary.ts, shared with web). */
const moves: Record<ReferralState, readonly { to: ReferralState; by: 'receiver' | 'either' }[]> =
  referralMoves;

/** Why the move is refused (undefined: allowed). */
export function moveRefusal(
  from: ReferralState,
  to: ReferralState,
  actor: 'giver' | 'receiver',
): string | undefined {
  const legal = moves[from];
  const move = legal.find((m) => m.to === to);
  if (!move)
    return legal.length === 0
      ? `the referral is ${from}: it does not move any more`
      : `a ${from} referral moves to ${legal.map((m) => m.to).join(' or ')}, not ${to}`;
  if (move.by === 'receiver' && actor !== 'receiver')
    return `only the member who received the referral moves it to ${to}`;
  return undefined;
}

/** Thanks come from the receiver, once the referral was accepted, and never for a declined one. */
export function thanksRefusal(state: ReferralState, actor: 'giver' | 'receiver'): string | undefined {
  if (actor !== 'receiver') return 'the member who received the referral sends the thanks';
  if (state === 'proposed' || state === 'declined')
    return `a ${state} referral cannot be thanked: accept it first`;
  return undefined;
}
