import { sql } from 'kysely';
import type { Db } from '../db.js';
import { teamDb } from './accounts.js';
import type { CommunityTables } from './communities.js';

type InviteTables = Pick<CommunityTables, 'invites' | 'memberships'>;

const idb = (db: Db) => teamDb<InviteTables>(db);

/**
 * An invitation's public id: `inv_` and the first 12 bytes of its token's SHA-256 in hex. The
 * token itself is never kept; a prefix of its hash names the invitation without revealing it,
 * and needs no new column.
 */
const prefixBytes = 12;
export const inviteId = (tokenHash: Buffer): string =>
  `inv_${tokenHash.subarray(0, prefixBytes).toString('hex')}`;
const prefixOf = (id: string): Buffer | undefined => {
  const m = /^inv_([0-9a-f]{24})$/.exec(id);
  return m?.[1] ? Buffer.from(m[1], 'hex') : undefined;
};

export interface InviteRow {
  id: number;
  publicId: string;
  createdAt: string;
  expiresAt: string;
  createdBy: string | null;
  usedAt: string | null;
  usedBy: string | null;
}

const iso = (d: Date | string): string => new Date(d).toISOString();

function invitesQuery(db: Db, communityId: number) {
  return idb(db)
    .selectFrom('invites as i')
    .leftJoin('memberships as c', (j) =>
      j.onRef('c.community_id', '=', 'i.community_id').onRef('c.account_id', '=', 'i.created_by'),
    )
    .leftJoin('memberships as u', (j) =>
      j.onRef('u.community_id', '=', 'i.community_id').onRef('u.account_id', '=', 'i.used_by'),
    )
    .select([
      'i.id',
      'i.token_hash',
      'i.created_at',
      'i.expires_at',
      'i.used_at',
      'c.name as created_by_name',
      'u.name as used_by_name',
    ])
    .where('i.community_id', '=', String(communityId));
}

type Raw = Awaited<ReturnType<ReturnType<typeof invitesQuery>['executeTakeFirstOrThrow']>>;
const toInvite = (r: Raw): InviteRow => ({
  id: Number(r.id),
  publicId: inviteId(r.token_hash),
  createdAt: iso(r.created_at),
  expiresAt: iso(r.expires_at),
  createdBy: r.created_by_name,
  usedAt: r.used_at === null ? null : iso(r.used_at),
  usedBy: r.used_by_name,
});

/** A community's invitations, newest first. */
export async function invitesOf(db: Db, communityId: number): Promise<InviteRow[]> {
  const rows = await invitesQuery(db, communityId)
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .execute();
  return rows.map(toInvite);
}

/** One invitation of the community by its public id (undefined: none, or a malformed id). */
export async function inviteOf(
  db: Db,
  communityId: number,
  publicId: string,
): Promise<InviteRow | undefined> {
  const prefix = prefixOf(publicId);
  if (!prefix) return undefined;
  const r = await invitesQuery(db, communityId)
    .where(sql<Buffer>`substring(i.token_hash from 1 for ${prefixBytes})`, '=', prefix)
    .executeTakeFirst();
  return r ? toInvite(r) : undefined;
}

export async function deleteInvite(db: Db, id: number): Promise<void> {
  await idb(db).deleteFrom('invites').where('id', '=', String(id)).execute();
}
