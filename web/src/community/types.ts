/**
 * What the community routes answer (team mode; docs/decisions/0021-communities.md), as the web
 * app reads them. The role and referral states, a referral and a review row are the server's own
 * types (type-only imports); the referral moves are the core's table (src/core/vocabulary.ts).
 */
import type { ReferralView, ReviewRow } from '../../../src/app/team/referrals.js';
import type { ReferralState, Role } from '../../../src/core/community.js';
import { referralMoves } from '../../../src/core/vocabulary.js';

export type { ReferralState, ReviewRow, Role };
export type Referral = ReferralView;

export interface CommunitySummary {
  id: string;
  name: string;
  role: Role;
  memberId: string;
  members: number;
  createdAt: string;
}

export interface Member {
  id: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export interface CommunityDetail {
  id: string;
  name: string;
  createdAt: string;
  role: Role;
  memberId: string;
  members: Member[];
}

export interface SharedItem {
  id: number;
  text: string;
}

export interface Directory {
  community: { id: string; name: string };
  memberId: string;
  members: (Member & { offers: SharedItem[]; needs: SharedItem[] })[];
}

export interface MatchedMember {
  memberId: string;
  name: string;
  itemId: number;
  text: string;
  score: number;
}

export interface Matches {
  community: { id: string; name: string };
  threshold: number;
  forMyNeeds: { item: SharedItem; members: MatchedMember[] }[];
  forMyOffers: { item: SharedItem; members: MatchedMember[] }[];
}

export const canManage = (role: Role): boolean => role === 'owner' || role === 'admin';

export const stateLabel: Record<ReferralState, string> = {
  proposed: 'proposed',
  accepted: 'accepted',
  contacted: 'contacted',
  closed_won: 'closed: won',
  closed_lost: 'closed: lost',
  declined: 'declined',
};

/**
 * The moves a member is offered on a referral (the API decides; it refuses any other with the
 * legal ones named): the receiver all of them, the giver those either side may make (withdrawing
 * a proposed referral).
 */
export const movesFor = (state: ReferralState, received: boolean): ReferralState[] =>
  referralMoves[state].filter((m) => received || m.by === 'either').map((m) => m.to);

export const communityPath = (id: string, tab?: string): string =>
  `/communities/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`;
