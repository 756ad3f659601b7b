import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import type { Db } from '../../storage/db.js';
import { accountByEmail, insertAccount, type AccountRow } from '../../storage/team/accounts.js';
import { withAuth } from '../../storage/team/tenant.js';
import { parse } from '../validate.js';
import { hashPassword } from './passwords.js';

/** What a sign-up or a new owner gives; the email is compared trimmed and lower-cased. */
export const newAccountSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ error: 'is not an email address' })),
  password: z
    .string()
    .min(10, { error: 'must be at least 10 characters' })
    .max(1024, { error: 'must be at most 1024 characters' }),
  name: z.string().trim().min(1, { error: 'is required' }).max(200),
});
export type NewAccount = z.infer<typeof newAccountSchema>;

/** An account as the API shows it: the public id only, never the internal one. */
export interface AccountView {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  createdAt: string;
}

export const accountView = (a: AccountRow): AccountView => ({
  id: a.publicId,
  email: a.email,
  name: a.name,
  isAdmin: a.isAdmin,
  createdAt: a.createdAt,
});

/**
 * Creates an account (the first owner from the CLI: `isAdmin`). An email already in use is a
 * conflict here; the sign-up route words it so that it does not tell whether the email exists.
 */
export async function createAccount(db: Db, input: unknown, isAdmin = false): Promise<AccountRow> {
  const a = parse(newAccountSchema, input, 'input');
  const passwordHash = await hashPassword(a.password);
  const row = await withAuth(() => insertAccount(db, { ...a, passwordHash, isAdmin }));
  if (!row)
    throw new DomainError('account_exists', `there is already an account for ${a.email}`, {
      problems: [{ path: 'email', message: 'already has an account' }],
    });
  return row;
}

export const findAccountByEmail = (db: Db, email: string): Promise<AccountRow | undefined> =>
  withAuth(() => accountByEmail(db, email.trim().toLowerCase()));
