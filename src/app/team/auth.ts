import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import type { Db } from '../../storage/db.js';
import { accountById, setPasswordHash, type AccountRow } from '../../storage/team/accounts.js';
import { deleteAccountPasskeys } from '../../storage/team/passkeys.js';
import * as repo from '../../storage/team/sessions.js';
import { withAuth } from '../../storage/team/tenant.js';
import { parse } from '../validate.js';
import { createAccount, findAccountByEmail, newAccountSchema } from './accounts.js';
import { admitLogin, admitSignup, countFailedLogin } from './limits.js';
import { checkPassword, hashPassword } from './passwords.js';
import { hashSecret, newSecret } from './secrets.js';

export const sessionDays = 30;

/** Who a request is: the account, and the session or token that proved it. */
export interface Principal {
  account: AccountRow;
  sessionId?: string | undefined;
  tokenId?: string | undefined;
}

export interface Client {
  ip: string;
  userAgent: string | null;
  now: Date;
}

const wrong = (): DomainError => new DomainError('unauthenticated', 'the email or the password is wrong', {});

/** A new session for `account`: a fresh secret every time, so a planted cookie is never adopted. */
export async function newSession(
  db: Db,
  account: AccountRow,
  c: Client,
): Promise<{ token: string; sessionId: string }> {
  const token = newSecret();
  const sessionId = await withAuth(
    () =>
      repo.insertSession(db, {
        accountId: account.id,
        tokenHash: hashSecret(token),
        userAgent: c.userAgent?.slice(0, 300) ?? null,
        now: c.now,
        expiresAt: new Date(c.now.getTime() + sessionDays * 86_400_000),
      }),
    account.id,
  );
  return { token, sessionId };
}

const loginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, { error: 'is required' }).max(254),
  password: z.string().min(1, { error: 'is required' }).max(1024),
});

/**
 * Signs in with email and password: a new session (never one the client brought: no fixation).
 * An unknown email and a wrong password get the same answer after the same work.
 */
export async function login(db: Db, input: unknown, c: Client) {
  const { email, password } = parse(loginSchema, input, 'body');
  await admitLogin(db, email, c.ip, c.now);
  const account = await findAccountByEmail(db, email);
  if (!(await checkPassword(account?.passwordHash, password)) || !account) {
    await countFailedLogin(db, email, c.ip, c.now);
    throw wrong();
  }
  return { account, ...(await newSession(db, account, c)) };
}

/**
 * Creates an account and signs it in. An email that has an account is refused with a message
 * that does not say whether that is why (docs/decisions/0019-teams.md), after the same work.
 */
export async function signup(db: Db, input: unknown, c: Client) {
  parse(newAccountSchema, input, 'body');
  await admitSignup(db, c.ip, c.now);
  let account: AccountRow;
  try {
    account = await createAccount(db, input);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'account_exists')
      throw new DomainError(
        'signup_refused',
        'cannot create an account with this email: if it is yours, sign in (or ask your administrator)',
        {},
      );
    throw e;
  }
  return { account, ...(await newSession(db, account, c)) };
}

/** The account a session cookie or an API token opens, or undefined. */
export async function authenticate(
  db: Db,
  creds: { session?: string | undefined; bearer?: string | undefined },
  now: Date,
): Promise<Principal | undefined> {
  const { bearer, session } = creds;
  if ((bearer === undefined || bearer === '') && (session === undefined || session === '')) return undefined;
  // Every request comes through here: its statements share one transaction (each statement on
  // its own would be a transaction of three round trips to PostgreSQL), and the session is marked
  // seen only when it was last seen over a minute ago, which the update checks again.
  return withAuth(() =>
    db.transaction().execute(async (trx) => {
      if (bearer !== undefined && bearer !== '') {
        const tk = await repo.tokenByHash(trx, hashSecret(bearer));
        if (!tk) return undefined;
        const account = await accountById(trx, tk.accountId);
        return account ? { account, tokenId: tk.publicId } : undefined;
      }
      const s = await repo.sessionByHash(trx, hashSecret(session ?? ''), now);
      if (!s) return undefined;
      const account = await accountById(trx, s.accountId);
      if (!account) return undefined;
      if (now.getTime() - Date.parse(s.lastSeenAt) >= 60_000) await repo.touchSession(trx, s.publicId, now);
      return { account, sessionId: s.publicId };
    }),
  );
}

export async function logout(db: Db, p: Principal, now: Date): Promise<void> {
  if (p.sessionId === undefined) return;
  const id = p.sessionId;
  await withAuth(() => repo.revokeSessions(db, p.account.id, now, { publicId: id }), p.account.id);
}

export async function sessions(db: Db, p: Principal, now: Date) {
  const rows = await withAuth(() => repo.liveSessions(db, p.account.id, now), p.account.id);
  return rows.map((s) => ({
    id: s.publicId,
    userAgent: s.userAgent,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    expiresAt: s.expiresAt,
    current: s.publicId === p.sessionId,
  }));
}

const unknownSession = (id: string): DomainError =>
  new DomainError('unknown_session', `no session ${id.slice(0, 40)}`, { id: id.slice(0, 40) });

export async function revokeSession(db: Db, p: Principal, id: string, now: Date): Promise<void> {
  const n = await withAuth(() => repo.revokeSessions(db, p.account.id, now, { publicId: id }), p.account.id);
  if (n === 0) throw unknownSession(id);
}

const passwordChange = z.object({
  current: z.string().min(1, { error: 'is required' }).max(1024),
  new: newAccountSchema.shape.password,
  removePasskeys: z.boolean().default(false),
});

/**
 * Changes the password after checking the current one; every other session is signed out, in
 * the same transaction. Passkeys stay unless `removePasskeys` asks (adding one needed the
 * password, so a stolen cookie cannot have added one; someone who knew the password might).
 * API tokens stay: each is revoked on its own.
 */
export async function changePassword(
  db: Db,
  p: Principal,
  input: unknown,
  c: Client,
): Promise<{ revoked: number; passkeysRemoved: number }> {
  const body = parse(passwordChange, input, 'body');
  await admitLogin(db, p.account.email, c.ip, c.now);
  if (!(await checkPassword(p.account.passwordHash, body.current))) {
    await countFailedLogin(db, p.account.email, c.ip, c.now);
    throw new DomainError('invalid_input', 'current password is wrong: nothing was changed', {
      problems: [{ path: 'current', message: 'is wrong' }],
    });
  }
  const hash = await hashPassword(body.new);
  return withAuth(
    () =>
      db.transaction().execute(async (trx) => {
        await setPasswordHash(trx, p.account.id, hash);
        const revoked = await repo.revokeSessions(trx, p.account.id, c.now, { except: p.sessionId ?? null });
        const passkeysRemoved = body.removePasskeys ? await deleteAccountPasskeys(trx, p.account.id) : 0;
        return { revoked, passkeysRemoved };
      }),
    p.account.id,
  );
}

const tokenInput = z.object({ name: z.string().trim().min(1, { error: 'is required' }).max(100) });

/** A new API token for scripts: shown once (`tend_…`), only its SHA-256 is kept. */
export async function createToken(db: Db, p: Principal, input: unknown, now: Date) {
  const { name } = parse(tokenInput, input, 'body');
  const token = `tend_${newSecret()}`;
  const row = await withAuth(
    () => repo.insertToken(db, { accountId: p.account.id, name, tokenHash: hashSecret(token), now }),
    p.account.id,
  );
  return { id: row.publicId, name: row.name, createdAt: row.createdAt, token };
}

export async function tokens(db: Db, p: Principal) {
  const rows = await withAuth(() => repo.liveTokens(db, p.account.id), p.account.id);
  return rows.map((r) => ({
    id: r.publicId,
    name: r.name,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
  }));
}

export async function revokeToken(db: Db, p: Principal, id: string, now: Date): Promise<void> {
  const ok = await withAuth(() => repo.revokeToken(db, p.account.id, id, now), p.account.id);
  if (!ok) throw new DomainError('unknown_token', `no token ${id.slice(0, 40)}`, { id: id.slice(0, 40) });
}
