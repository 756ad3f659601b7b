import { sql } from 'kysely';
import type { Db } from '../db.js';
import { publicId, teamDb } from './accounts.js';

/** The community tables (src/storage/team/community-schema.ts) as Kysely sees them. */
export interface CommunityTables {
  communities: { id: string; public_id: string; name: string; created_by: string; created_at: Date };
  memberships: {
    id: string;
    public_id: string;
    community_id: string;
    account_id: string;
    role: string;
    name: string;
    email: string;
    joined_at: Date;
    left_at: Date | null;
  };
  invites: {
    id: string;
    community_id: string;
    token_hash: Buffer;
    created_by: string;
    created_at: Date;
    expires_at: Date;
    used_at: Date | null;
    used_by: string | null;
  };
  shared_items: { item_id: number; community_id: string; account_id: string; shared_at: Date };
}

const cdb = (db: Db) => teamDb<CommunityTables>(db);

export type Role = 'owner' | 'admin' | 'member';

export interface CommunityRow {
  id: number;
  publicId: string;
  name: string;
  createdAt: string;
}

export interface MemberRow {
  id: number;
  publicId: string;
  communityId: number;
  accountId: number;
  role: Role;
  name: string;
  email: string;
  joinedAt: string;
  leftAt: string | null;
}

const iso = (d: Date | string): string => new Date(d).toISOString();

const toMember = (r: CommunityTables['memberships']): MemberRow => ({
  id: Number(r.id),
  publicId: r.public_id,
  communityId: Number(r.community_id),
  accountId: Number(r.account_id),
  role: r.role as Role,
  name: r.name,
  email: r.email,
  joinedAt: iso(r.joined_at),
  leftAt: r.left_at === null ? null : iso(r.left_at),
});

export async function insertCommunity(db: Db, name: string, accountId: number, now: string) {
  const r = await cdb(db)
    .insertInto('communities')
    .values({
      public_id: publicId('com'),
      name,
      created_by: String(accountId),
      created_at: new Date(now),
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { id: Number(r.id), publicId: r.public_id, name: r.name, createdAt: iso(r.created_at) };
}

/** A community the account belongs to now (left or unknown: undefined), with its membership. */
export async function communityOf(
  db: Db,
  accountId: number,
  communityPublicId: string,
): Promise<{ community: CommunityRow; me: MemberRow } | undefined> {
  const r = await cdb(db)
    .selectFrom('communities as c')
    .innerJoin('memberships as m', 'm.community_id', 'c.id')
    .selectAll('m')
    .select(['c.public_id as c_public_id', 'c.name as c_name', 'c.created_at as c_created_at'])
    .where('c.public_id', '=', communityPublicId)
    .where('m.account_id', '=', String(accountId))
    .where('m.left_at', 'is', null)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    community: {
      id: Number(r.community_id),
      publicId: r.c_public_id,
      name: r.c_name,
      createdAt: iso(r.c_created_at),
    },
    me: toMember(r),
  };
}

export async function communitiesOf(db: Db, accountId: number) {
  const rows = await cdb(db)
    .selectFrom('communities as c')
    .innerJoin('memberships as m', 'm.community_id', 'c.id')
    .select(['c.public_id', 'c.name', 'c.created_at', 'm.role', 'm.public_id as member_id'])
    .select((eb) =>
      eb
        .selectFrom('memberships as o')
        .whereRef('o.community_id', '=', 'c.id')
        .where('o.left_at', 'is', null)
        .select(sql<number>`count(*)::int`.as('n'))
        .as('members'),
    )
    .where('m.account_id', '=', String(accountId))
    .where('m.left_at', 'is', null)
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.public_id,
    name: r.name,
    role: r.role as Role,
    memberId: r.member_id,
    members: r.members ?? 0,
    createdAt: iso(r.created_at),
  }));
}

/** The current members of a community, in the order they joined. */
export async function membersOf(db: Db, communityId: number): Promise<MemberRow[]> {
  const rows = await cdb(db)
    .selectFrom('memberships')
    .selectAll()
    .where('community_id', '=', String(communityId))
    .where('left_at', 'is', null)
    .orderBy('joined_at')
    .orderBy('id')
    .execute();
  return rows.map(toMember);
}

export async function memberByPublicId(
  db: Db,
  communityId: number,
  memberPublicId: string,
): Promise<MemberRow | undefined> {
  const r = await cdb(db)
    .selectFrom('memberships')
    .selectAll()
    .where('community_id', '=', String(communityId))
    .where('public_id', '=', memberPublicId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
  return r ? toMember(r) : undefined;
}

/** Joins (or rejoins, after leaving) with the account's current name and email. */
export async function upsertMembership(
  db: Db,
  m: { communityId: number; accountId: number; role: Role; name: string; email: string; now: string },
): Promise<MemberRow> {
  const r = await cdb(db)
    .insertInto('memberships')
    .values({
      public_id: publicId('mem'),
      community_id: String(m.communityId),
      account_id: String(m.accountId),
      role: m.role,
      name: m.name,
      email: m.email,
      joined_at: new Date(m.now),
    } as never)
    .onConflict((oc) =>
      oc.columns(['community_id', 'account_id']).doUpdateSet({
        role: m.role,
        name: m.name,
        email: m.email,
        joined_at: new Date(m.now),
        left_at: null,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMember(r);
}

export async function setRole(db: Db, memberId: number, role: Role): Promise<void> {
  await cdb(db).updateTable('memberships').set({ role }).where('id', '=', String(memberId)).execute();
}

/** Leaving keeps the row (referrals name it) and drops its shares in that community. */
export async function markLeft(db: Db, member: MemberRow, now: string): Promise<void> {
  await cdb(db)
    .updateTable('memberships')
    .set({ left_at: new Date(now) })
    .where('id', '=', String(member.id))
    .execute();
  await cdb(db)
    .deleteFrom('shared_items')
    .where('community_id', '=', String(member.communityId))
    .where('account_id', '=', String(member.accountId))
    .execute();
}

export async function ownerCount(db: Db, communityId: number): Promise<number> {
  const r = await cdb(db)
    .selectFrom('memberships')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('community_id', '=', String(communityId))
    .where('role', '=', 'owner')
    .where('left_at', 'is', null)
    .executeTakeFirst();
  return r?.n ?? 0;
}

export async function insertInvite(
  db: Db,
  i: { communityId: number; tokenHash: Buffer; createdBy: number; now: string; expiresAt: string },
): Promise<void> {
  await cdb(db)
    .insertInto('invites')
    .values({
      community_id: String(i.communityId),
      token_hash: i.tokenHash,
      created_by: String(i.createdBy),
      created_at: new Date(i.now),
      expires_at: new Date(i.expiresAt),
    } as never)
    .execute();
}

/**
 * The invite whose token hashes to `tokenHash`, with its community. The policies admit an
 * invite to a non-member only by its token: `tend.invite` is set for this transaction first.
 */
export async function inviteByHash(db: Db, tokenHash: Buffer) {
  await sql`SELECT set_config('tend.invite', ${tokenHash.toString('hex')}, true)`.execute(db);
  const r = await cdb(db)
    .selectFrom('invites as i')
    .innerJoin('communities as c', 'c.id', 'i.community_id')
    .select(['i.id', 'i.community_id', 'i.expires_at', 'i.used_at', 'c.public_id', 'c.name'])
    .where('i.token_hash', '=', tokenHash)
    .forUpdate('i')
    .executeTakeFirst();
  return r
    ? {
        id: Number(r.id),
        communityId: Number(r.community_id),
        communityPublicId: r.public_id,
        communityName: r.name,
        expiresAt: iso(r.expires_at),
        usedAt: r.used_at === null ? null : iso(r.used_at),
      }
    : undefined;
}

export async function useInvite(db: Db, id: number, accountId: number, now: string): Promise<void> {
  await cdb(db)
    .updateTable('invites')
    .set({ used_at: new Date(now), used_by: String(accountId) })
    .where('id', '=', String(id))
    .execute();
  await sql`SELECT set_config('tend.invite', '', true)`.execute(db);
}

/** Replaces the communities an item is shared with (the account's own item). */
export async function replaceShares(
  db: Db,
  itemId: number,
  accountId: number,
  communityIds: readonly number[],
  now: string,
): Promise<void> {
  await cdb(db)
    .deleteFrom('shared_items')
    .where('item_id', '=', itemId)
    .where('account_id', '=', String(accountId))
    .execute();
  if (communityIds.length > 0)
    await cdb(db)
      .insertInto('shared_items')
      .values(
        communityIds.map((c) => ({
          item_id: itemId,
          community_id: String(c),
          account_id: String(accountId),
          shared_at: new Date(now),
        })),
      )
      .execute();
}

/** The public ids of the communities an item of the account is shared with. */
export async function sharesOf(db: Db, itemId: number, accountId: number): Promise<string[]> {
  const rows = await cdb(db)
    .selectFrom('shared_items as s')
    .innerJoin('communities as c', 'c.id', 's.community_id')
    .select('c.public_id')
    .where('s.item_id', '=', itemId)
    .where('s.account_id', '=', String(accountId))
    .orderBy('c.public_id')
    .execute();
  return rows.map((r) => r.public_id);
}

export interface DirectoryItem {
  memberId: string;
  itemId: number;
  side: 'need' | 'offer';
  text: string;
}

/** Members' shared open offers and needs (tend_directory: the only window on others' items). */
export async function directoryItems(db: Db, communityId: number): Promise<DirectoryItem[]> {
  const r = await sql<{ member_id: string; item_id: number; side: string; text: string }>`
    SELECT member_id, item_id, side, text FROM tend_directory(${communityId})`.execute(db);
  return r.rows.map((x) => ({
    memberId: x.member_id,
    itemId: x.item_id,
    side: x.side as 'need' | 'offer',
    text: x.text,
  }));
}

export async function reviewRows(db: Db, communityId: number) {
  const r = await sql<{
    member_id: string;
    week: Date | string;
    given: number;
    received: number;
    won: number;
    thanked: number;
    amounts: Record<string, string | number>;
  }>`SELECT * FROM tend_community_review(${communityId})`.execute(db);
  return r.rows;
}
