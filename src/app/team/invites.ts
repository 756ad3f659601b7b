import { DomainError } from '../../core/errors.js';
import * as repo from '../../storage/team/invites.js';
import { nowIso, type AppContext } from '../context.js';
import { currentAccountId, requireCommunity, requireRole } from './communities.js';

const view = (i: repo.InviteRow, now: string) => ({
  id: i.publicId,
  createdAt: i.createdAt,
  createdBy: i.createdBy ?? '(former member)',
  expiresAt: i.expiresAt,
  status:
    i.usedAt !== null ? ('used' as const) : i.expiresAt <= now ? ('expired' as const) : ('open' as const),
  usedAt: i.usedAt,
  usedBy: i.usedAt === null ? null : (i.usedBy ?? '(former member)'),
});

/** The community's invitations (owners and admins): never their tokens, which are not kept. */
export async function listInvites(ctx: AppContext, id: string) {
  const me = currentAccountId();
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const { community, me: mine } = await requireCommunity(tx, me, id);
    requireRole(mine.role, 'see the invitations');
    return { invites: (await repo.invitesOf(tx, community.id)).map((i) => view(i, now)) };
  });
}

/** Revokes an unused invitation (owners and admins): its link then admits no one. */
export async function revokeInvite(ctx: AppContext, id: string, inviteId: string) {
  const me = currentAccountId();
  return ctx.db.transaction().execute(async (tx) => {
    const { community, me: mine } = await requireCommunity(tx, me, id);
    requireRole(mine.role, 'revoke invitations');
    const invite = await repo.inviteOf(tx, community.id, inviteId);
    if (!invite)
      throw new DomainError('unknown_invite', `no invitation ${inviteId} in ${community.name}`, {
        problems: [{ path: 'inviteId', message: 'not an invitation of this community' }],
      });
    if (invite.usedAt !== null)
      throw new DomainError(
        'invite_used',
        `this invitation was already used by ${invite.usedBy ?? 'a former member'} (${invite.usedAt.slice(0, 10)}): remove the member instead`,
        { problems: [{ path: 'inviteId', message: 'already used' }] },
      );
    await repo.deleteInvite(tx, invite.id);
    return { revoked: invite.publicId };
  });
}
