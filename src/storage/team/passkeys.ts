import type { Db } from '../db.js';
import { publicId, teamDb } from './accounts.js';

/** Passkeys and their challenges (migration `2026-12-03T1400_passkeys`). */
interface PasskeyTables {
  passkeys: {
    id: string;
    public_id: string;
    account_id: string | number;
    credential_id: string;
    public_key: Buffer;
    counter: string | number;
    transports: string[];
    device_type: string;
    backed_up: boolean;
    name: string;
    created_at: Date;
    last_used_at: Date | null;
  };
  passkey_challenges: {
    id: string;
    challenge_hash: Buffer;
    purpose: 'register' | 'login';
    account_id: string | number | null;
    expires_at: Date;
  };
}

const t = (db: Db) => teamDb<PasskeyTables>(db);

export interface PasskeyRow {
  publicId: string;
  accountId: number;
  credentialId: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[];
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const toRow = (r: PasskeyTables['passkeys']): PasskeyRow => ({
  publicId: r.public_id,
  accountId: Number(r.account_id),
  credentialId: r.credential_id,
  publicKey: new Uint8Array(r.public_key),
  counter: Number(r.counter),
  transports: r.transports,
  deviceType: r.device_type === 'multiDevice' ? 'multiDevice' : 'singleDevice',
  backedUp: r.backed_up,
  name: r.name,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at ? r.last_used_at.toISOString() : null,
});

export type NewPasskey = Omit<PasskeyRow, 'publicId' | 'createdAt' | 'lastUsedAt'> & { now: Date };

/** Stores a credential; undefined when its credential id is registered already (to anyone). */
export async function insertPasskey(db: Db, p: NewPasskey): Promise<PasskeyRow | undefined> {
  const r = await t(db)
    .insertInto('passkeys')
    .values({
      public_id: publicId('pky'),
      account_id: p.accountId,
      credential_id: p.credentialId,
      public_key: Buffer.from(p.publicKey),
      counter: p.counter,
      transports: p.transports,
      device_type: p.deviceType,
      backed_up: p.backedUp,
      name: p.name,
      created_at: p.now,
    } as never)
    .onConflict((oc) => oc.column('credential_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  return r ? toRow(r) : undefined;
}

/** The credential a sign-in names, whoever's it is (the sign-in code does not know yet). */
export async function passkeyByCredential(db: Db, credentialId: string): Promise<PasskeyRow | undefined> {
  const r = await t(db)
    .selectFrom('passkeys')
    .selectAll()
    .where('credential_id', '=', credentialId)
    .executeTakeFirst();
  return r ? toRow(r) : undefined;
}

export async function accountPasskeys(db: Db, accountId: number): Promise<PasskeyRow[]> {
  const rows = await t(db)
    .selectFrom('passkeys')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toRow);
}

/** Records a sign-in: the authenticator's new signature counter and the time. */
export async function markPasskeyUsed(db: Db, publicIdOf: string, counter: number, now: Date): Promise<void> {
  await t(db)
    .updateTable('passkeys')
    .set({ counter, last_used_at: now })
    .where('public_id', '=', publicIdOf)
    .execute();
}

export async function renamePasskey(
  db: Db,
  accountId: number,
  id: string,
  name: string,
): Promise<PasskeyRow | undefined> {
  const r = await t(db)
    .updateTable('passkeys')
    .set({ name })
    .where('account_id', '=', accountId)
    .where('public_id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return r ? toRow(r) : undefined;
}

export async function deletePasskey(db: Db, accountId: number, id: string): Promise<boolean> {
  const r = await t(db)
    .deleteFrom('passkeys')
    .where('account_id', '=', accountId)
    .where('public_id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Removes every passkey of the account (a password change that asks for it); how many. */
export async function deleteAccountPasskeys(db: Db, accountId: number): Promise<number> {
  const r = await t(db).deleteFrom('passkeys').where('account_id', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export interface Challenge {
  hash: Buffer;
  purpose: 'register' | 'login';
  accountId: number | null;
  expiresAt: Date;
}

/**
 * Stores a new challenge, first dropping the expired ones (an index on the expiry keeps that
 * cheap) and, for a registration, the account's earlier pending one: one ceremony at a time.
 */
export async function insertChallenge(db: Db, c: Challenge, now: Date): Promise<void> {
  await t(db).deleteFrom('passkey_challenges').where('expires_at', '<=', now).execute();
  if (c.accountId !== null)
    await t(db)
      .deleteFrom('passkey_challenges')
      .where('purpose', '=', 'register')
      .where('account_id', '=', c.accountId)
      .execute();
  await t(db)
    .insertInto('passkey_challenges')
    .values({
      challenge_hash: c.hash,
      purpose: c.purpose,
      account_id: c.accountId,
      expires_at: c.expiresAt,
    } as never)
    .execute();
}

/**
 * Takes a live challenge for `purpose` (and, for a registration, the account): one DELETE, so
 * that of two answers carrying the same challenge, on any servers, exactly one gets it.
 */
export async function takeChallenge(
  db: Db,
  hash: Buffer,
  purpose: 'register' | 'login',
  accountId: number | null,
  now: Date,
): Promise<boolean> {
  const r = await t(db)
    .deleteFrom('passkey_challenges')
    .where('challenge_hash', '=', hash)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', now)
    .where('account_id', 'is not distinct from', accountId)
    .returning('id')
    .execute();
  return r.length === 1;
}
