import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../db.js';

/** The team-mode tables (src/storage/team/migrations.ts), beside the single-user ones. */
export interface TeamTables {
  accounts: {
    id: bigint | number | string;
    public_id: string;
    email: string;
    name: string;
    password_hash: string | null;
    is_admin: boolean;
    created_at: Date | string;
  };
}

export interface AccountRow {
  id: number;
  publicId: string;
  email: string;
  name: string;
  passwordHash: string | null;
  isAdmin: boolean;
  createdAt: string;
}

export const teamDb = <T>(db: Db): Kysely<T> => db as unknown as Kysely<T>;

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random public id: `prefix` and 22 base62 characters (about 131 bits). */
export function publicId(prefix: string): string {
  let out = '';
  // Rejection sampling keeps every character equally likely (248 = 4 × 62).
  while (out.length < 22)
    for (const b of randomBytes(32)) if (b < 248 && out.length < 22) out += base62[b % 62] ?? '';
  return `${prefix}_${out}`;
}

const toRow = (r: TeamTables['accounts']): AccountRow => ({
  id: Number(r.id),
  publicId: r.public_id,
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  isAdmin: r.is_admin,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function insertAccount(
  db: Db,
  a: { email: string; name: string; passwordHash: string; isAdmin: boolean },
): Promise<AccountRow | undefined> {
  const row = await teamDb<TeamTables>(db)
    .insertInto('accounts')
    .values({
      public_id: publicId('acc'),
      email: a.email,
      name: a.name,
      password_hash: a.passwordHash,
      is_admin: a.isAdmin,
    } as never)
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function accountByEmail(db: Db, email: string): Promise<AccountRow | undefined> {
  const row = await teamDb<TeamTables>(db)
    .selectFrom('accounts')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function accountById(db: Db, id: number): Promise<AccountRow | undefined> {
  const row = await teamDb<TeamTables>(db)
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function setPasswordHash(db: Db, id: number, hash: string): Promise<void> {
  await teamDb<TeamTables>(db)
    .updateTable('accounts')
    .set({ password_hash: hash })
    .where('id', '=', id)
    .execute();
}
