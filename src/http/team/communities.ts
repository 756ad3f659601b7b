import { z } from 'zod';
import {
  acceptInvite,
  changeRole,
  communityNameSchema,
  createCommunity,
  createInvite,
  inviteSchema,
  listCommunities,
  removeMember,
  roleSchema,
  showCommunity,
} from '../../app/team/communities.js';
import { accountContext } from '../../app/team/context.js';
import { listInvites, revokeInvite } from '../../app/team/invites.js';
import {
  communityReview,
  listReferrals,
  moveReferral,
  moveSchema,
  refer,
  referralSchema,
  showReferral,
  thankReferral,
  thanksSchema,
} from '../../app/team/referrals.js';
import { communityMatches, directory } from '../../app/team/sharing.js';
import { failures } from '../routes/schemas.js';
import type { RouteModule } from '../routes/types.js';

/** A public id in a path: never an internal serial number. */
const publicIdText = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(64, { error: 'at most 64 characters' });
const communityParam = z.object({ id: publicIdText.describe('community id (com_…)') });
const memberParams = z.object({
  id: publicIdText.describe('community id (com_…)'),
  memberId: publicIdText.describe('member id (mem_…)'),
});
const inviteParams = z.object({
  id: publicIdText.describe('community id (com_…)'),
  inviteId: publicIdText.describe('invitation id (inv_…)'),
});
const referralParam = z.object({ id: publicIdText.describe('referral id (ref_…)') });
const tokenParam = z.object({ token: z.string().min(1).max(200).describe('the invitation token') });

/**
 * Communities (team mode; DESIGN.md "Teams and communities"): every route runs for the
 * signed-in account; a community it does not belong to, or another account's referral, is 404.
 */
export const communityRoutes: RouteModule = (app, { ctx }) => {
  const tags = ['communities'];
  app.post(
    '/communities',
    {
      schema: {
        tags,
        summary: 'create a community (you are its owner)',
        body: communityNameSchema,
        errors: failures(400, 401),
      },
    },
    async (req, reply) => reply.code(201).send(await createCommunity(await ctx(), req.body)),
  );
  app.get(
    '/communities',
    { schema: { tags, summary: 'the communities you belong to', errors: failures(401) } },
    async () => ({
      communities: await listCommunities(await ctx()),
    }),
  );
  app.get(
    '/communities/:id',
    {
      schema: {
        tags,
        summary: 'one community and its members',
        params: communityParam,
        errors: failures(401, 404),
      },
    },
    async (req) => showCommunity(await ctx(), req.params.id),
  );
  app.post(
    '/communities/:id/invites',
    {
      schema: {
        tags,
        summary: 'invite someone: a single-use token that expires (default 14 days); owners and admins',
        params: communityParam,
        body: inviteSchema.optional(),
        errors: failures(400, 401, 403, 404),
      },
    },
    async (req, reply) => reply.code(201).send(await createInvite(await ctx(), req.params.id, req.body)),
  );
  app.get(
    '/communities/:id/invites',
    {
      schema: {
        tags,
        summary:
          'the invitations of a community, open, used or expired (never their tokens); owners and admins',
        params: communityParam,
        errors: failures(401, 403, 404),
      },
    },
    async (req) => listInvites(await ctx(), req.params.id),
  );
  app.delete(
    '/communities/:id/invites/:inviteId',
    {
      schema: {
        tags,
        summary: 'revoke an unused invitation: its link admits no one; owners and admins',
        params: inviteParams,
        errors: failures(401, 403, 404, 409),
      },
    },
    async (req) => revokeInvite(await ctx(), req.params.id, req.params.inviteId),
  );
  app.post(
    '/invites/:token/accept',
    {
      schema: {
        tags,
        summary: 'join the community of an invitation (each token admits one person, once)',
        params: tokenParam,
        errors: failures(401, 404, 409),
      },
    },
    async (req) => acceptInvite(await ctx(), req.params.token),
  );
  app.get(
    '/communities/:id/directory',
    {
      schema: {
        tags,
        summary: 'members and the offers and needs they share',
        params: communityParam,
        errors: failures(401, 404),
      },
    },
    async (req) => directory(await ctx(), req.params.id),
  );
  app.get(
    '/communities/:id/matches',
    {
      schema: {
        tags,
        summary: 'who in the community could meet my needs, and whose needs my offers could meet',
        params: communityParam,
        errors: failures(401, 404),
      },
    },
    async (req) => communityMatches(await accountContext(await ctx()), req.params.id),
  );
  app.patch(
    '/communities/:id/members/:memberId',
    {
      schema: {
        tags,
        summary: "change a member's role (owners and admins; the last owner stays owner)",
        params: memberParams,
        body: roleSchema,
        errors: failures(400, 401, 403, 404, 409),
      },
    },
    async (req) => changeRole(await ctx(), req.params.id, req.params.memberId, req.body),
  );
  app.delete(
    '/communities/:id/members/:memberId',
    {
      schema: {
        tags,
        summary:
          'remove a member (owners and admins) or leave (your own member id); the last owner cannot leave',
        params: memberParams,
        errors: failures(401, 403, 404, 409),
      },
    },
    async (req) => removeMember(await ctx(), req.params.id, req.params.memberId),
  );
  app.get(
    '/communities/:id/review',
    {
      schema: {
        tags,
        summary: 'gives and referrals per member per week (by week and name, never a ranking)',
        params: communityParam,
        errors: failures(401, 404),
      },
    },
    async (req) => communityReview(await ctx(), req.params.id),
  );

  const rtags = ['referrals'];
  app.post(
    '/communities/:id/referrals',
    {
      schema: {
        tags: rtags,
        summary: 'refer a prospect who consented to another member',
        params: communityParam,
        body: referralSchema,
        errors: failures(400, 401, 404),
      },
    },
    async (req, reply) => reply.code(201).send(await refer(await ctx(), req.params.id, req.body)),
  );
  app.get(
    '/referrals',
    {
      schema: {
        tags: rtags,
        summary: 'referrals you gave and received, with their thanks',
        errors: failures(401),
      },
    },
    async () => listReferrals(await ctx()),
  );
  app.get(
    '/referrals/:id',
    {
      schema: {
        tags: rtags,
        summary: 'one referral you gave or received',
        params: referralParam,
        errors: failures(401, 404),
      },
    },
    async (req) => showReferral(await ctx(), req.params.id),
  );
  app.patch(
    '/referrals/:id',
    {
      schema: {
        tags: rtags,
        summary: 'move a referral: proposed → accepted → contacted → closed_won | closed_lost, or declined',
        params: referralParam,
        body: moveSchema,
        errors: failures(400, 401, 403, 404, 409),
      },
    },
    async (req) => moveReferral(await ctx(), req.params.id, req.body),
  );
  app.post(
    '/referrals/:id/thanks',
    {
      schema: {
        tags: rtags,
        summary: 'thank the member who gave you the referral: in both ledgers',
        params: referralParam,
        body: thanksSchema,
        errors: failures(400, 401, 403, 404, 409),
      },
    },
    async (req, reply) => reply.code(201).send(await thankReferral(await ctx(), req.params.id, req.body)),
  );
};
