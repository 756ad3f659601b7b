import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { removalRefusal, roleChangeRefusal, canManage, roles, type Role } from '../../core/community.js';
import { DomainError } from '../../core/errors.js';
import type { Db } from '../../storage/db.js';
import { accountById } from '../../storage/team/accounts.js';
import * as repo from '../../storage/team/communities.js';
import { inviteId } from '../../storage/team/invites.js';
import { currentTenant } from '../../storage/team/tenant.js';
import { nowIso, type AppContext } from '../context.js';
import { parse } from '../validate.js';

/** The signed-in account of this flow (the HTTP layer runs each handler in `withTenant`). */
export function currentAccountId(): number {
  const id = currentTenant()?.accountId;
  if (id === undefined)
    throw new DomainError('unauthenticated', 'sign in first: communities belong to accounts (team mode)');
  return id;
}

export const communityNameSchema = z.object({
  name: z.string().trim().min(1, { error: 'is required' }).max(200, { error: 'at most 200 characters' }),
});
export const inviteSchema = z.object({
  expiresInDays: z.number().int().min(1).max(90).optional(),
});
export const roleSchema = z.object({ role: z.enum(roles) });

const notFound = (id: string) =>
  new DomainError('unknown_community', `no community ${id} among yours`, {
    problems: [{ path: 'id', message: 'not a community you belong to' }],
  });

/** The community and my membership, or 404 — also for a community I do not belong to. */
export async function requireCommunity(db: Db, accountId: number, id: string) {
  const c = await repo.communityOf(db, accountId, id);
  if (!c) throw notFound(id);
  return c;
}

/** A refusal for want of a role: "…; you are a member", "…; you are an admin". */
const roleRequired = (refusal: string, role: Role): DomainError =>
  new DomainError('role_required', `${refusal}; you are ${article[role]} ${role}`, { role });
const article: Record<Role, string> = { owner: 'an', admin: 'an', member: 'a' };

/** Owners and admins only: invite, see and revoke invitations. */
export const requireRole = (role: Role, what: string): void => {
  if (!canManage(role)) throw roleRequired(`only owners and admins ${what}`, role);
};

export const memberView = (m: repo.MemberRow) => ({
  id: m.publicId,
  name: m.name,
  role: m.role,
  joinedAt: m.joinedAt,
});

export async function createCommunity(ctx: AppContext, input: unknown) {
  const { name } = parse(communityNameSchema, input, 'body');
  const me = currentAccountId();
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const account = await accountById(tx, me);
    if (!account) throw new DomainError('unauthenticated', 'the signed-in account no longer exists');
    const c = await repo.insertCommunity(tx, name, me, now);
    const m = await repo.upsertMembership(tx, {
      communityId: c.id,
      accountId: me,
      role: 'owner',
      name: account.name,
      email: account.email,
      now,
    });
    return {
      id: c.publicId,
      name: c.name,
      role: m.role,
      memberId: m.publicId,
      members: 1,
      createdAt: c.createdAt,
    };
  });
}

export const listCommunities = (ctx: AppContext) => repo.communitiesOf(ctx.db, currentAccountId());

export async function showCommunity(ctx: AppContext, id: string) {
  const me = currentAccountId();
  return ctx.db.transaction().execute(async (tx) => {
    const { community, me: mine } = await requireCommunity(tx, me, id);
    const members = await repo.membersOf(tx, community.id);
    return {
      id: community.publicId,
      name: community.name,
      createdAt: community.createdAt,
      role: mine.role,
      memberId: mine.publicId,
      members: members.map(memberView),
    };
  });
}

export const tokenHash = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** A single-use bearer token (only its SHA-256 is kept), by an owner or admin. */
export async function createInvite(ctx: AppContext, id: string, input: unknown) {
  const { expiresInDays = 14 } = parse(inviteSchema, input ?? {}, 'body');
  const me = currentAccountId();
  const now = ctx.clock();
  const token = `tinv_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + expiresInDays * 86_400_000).toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const { community, me: mine } = await requireCommunity(tx, me, id);
    requireRole(mine.role, 'invite');
    await repo.insertInvite(tx, {
      communityId: community.id,
      tokenHash: tokenHash(token),
      createdBy: me,
      now: now.toISOString(),
      expiresAt,
    });
  });
  return { id: inviteId(tokenHash(token)), token, community: id, expiresAt };
}

export async function acceptInvite(ctx: AppContext, token: string) {
  const me = currentAccountId();
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const invite = await repo.inviteByHash(tx, tokenHash(token));
    if (!invite)
      throw new DomainError('unknown_invite', 'no such invitation: check the link you were sent', {
        problems: [{ path: 'token', message: 'not an invitation' }],
      });
    if (invite.usedAt !== null)
      throw new DomainError(
        'invite_used',
        `this invitation was already used (${invite.usedAt}): each one admits one person; ask for a new one`,
        { problems: [{ path: 'token', message: 'already used' }] },
      );
    if (invite.expiresAt <= now)
      throw new DomainError(
        'invite_expired',
        `this invitation expired on ${invite.expiresAt}: ask an owner or admin for a new one`,
        { problems: [{ path: 'token', message: 'expired' }], expiresAt: invite.expiresAt },
      );
    const already = await repo.communityOf(tx, me, invite.communityPublicId);
    if (already)
      throw new DomainError('already_member', `you already belong to ${invite.communityName}`, {
        community: invite.communityPublicId,
      });
    const account = await accountById(tx, me);
    if (!account) throw new DomainError('unauthenticated', 'the signed-in account no longer exists');
    const m = await repo.upsertMembership(tx, {
      communityId: invite.communityId,
      accountId: me,
      role: 'member',
      name: account.name,
      email: account.email,
      now,
    });
    await repo.useInvite(tx, invite.id, me, now);
    return {
      community: { id: invite.communityPublicId, name: invite.communityName },
      member: memberView(m),
    };
  });
}

const unknownMember = (id: string) =>
  new DomainError('unknown_member', `no member ${id} in this community`, {
    problems: [{ path: 'memberId', message: 'not a member of this community' }],
  });

export async function changeRole(ctx: AppContext, id: string, memberId: string, input: unknown) {
  const { role } = parse(roleSchema, input, 'body');
  const me = currentAccountId();
  return ctx.db.transaction().execute(async (tx) => {
    const { community, me: mine } = await requireCommunity(tx, me, id);
    const target = await repo.memberByPublicId(tx, community.id, memberId);
    if (!target) throw unknownMember(memberId);
    const refusal = roleChangeRefusal(mine.role, target.role, role);
    if (refusal) throw roleRequired(refusal, mine.role);
    if (target.role === 'owner' && role !== 'owner' && (await repo.ownerCount(tx, community.id)) <= 1)
      throw new DomainError(
        'last_owner',
        `${target.name} is the last owner of ${community.name}: make another member owner first`,
        { problems: [{ path: 'role', message: 'the last owner stays owner' }] },
      );
    await repo.setRole(tx, target.id, role);
    return { member: memberView({ ...target, role }) };
  });
}

/** Owners and admins remove members; anyone may leave; the last owner may do neither. */
export async function removeMember(ctx: AppContext, id: string, memberId: string) {
  const me = currentAccountId();
  return ctx.db.transaction().execute(async (tx) => {
    const { community, me: mine } = await requireCommunity(tx, me, id);
    const target = await repo.memberByPublicId(tx, community.id, memberId);
    if (!target) throw unknownMember(memberId);
    const self = target.id === mine.id;
    const refusal = removalRefusal(mine.role, target.role, self);
    if (refusal) throw roleRequired(refusal, mine.role);
    if (target.role === 'owner' && (await repo.ownerCount(tx, community.id)) <= 1)
      throw new DomainError(
        'last_owner',
        `${self ? 'you are' : `${target.name} is`} the last owner of ${community.name}: make another member owner first`,
        { problems: [{ path: 'memberId', message: 'the last owner cannot leave' }] },
      );
    await repo.markLeft(tx, target, nowIso(ctx));
    return { removed: target.publicId, left: self };
  });
}
