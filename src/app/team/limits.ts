import { createHash } from 'node:crypto';
import { DomainError } from '../../core/errors.js';
import type { Db } from '../../storage/db.js';
import { attemptCounts, countAttempt, pruneAttempts } from '../../storage/team/sessions.js';
import { withAuth } from '../../storage/team/tenant.js';

/**
 * Sign-in rate limits (docs/decisions/0019-teams.md), counted in PostgreSQL so that every server
 * behind the load balancer shares them: fixed 15-minute windows.
 * - per client address, every login and signup attempt;
 * - per account (by the email asked for, known or not, so that the limit says nothing about
 *   whether it exists) and address, failed logins;
 * - per account from anywhere, failed logins: past it, only addresses that have not failed for
 *   this account may try — the owner at a fresh address is not locked out by someone else's
 *   guessing, while each guessing address is.
 */
export const windowMs = 15 * 60_000;
export const limits = {
  address: 30,
  signupAddress: 10,
  accountAddress: 5,
  account: 50,
  // A passkey sign-in is two requests (options, then the answer): 30 sign-ins per address.
  passkeyAddress: 60,
} as const;

const emailKey = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);

function windowOf(now: Date): { start: Date; retryAfter: number } {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return {
    start: new Date(start),
    retryAfter: Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000)),
  };
}

function tooMany(what: string, retryAfter: number): DomainError {
  return new DomainError('rate_limited', `too many ${what}: try again in ${retryAfter} s`, {
    retryAfterSeconds: retryAfter,
  });
}

/** Refuses (429) a login past a limit; otherwise counts the attempt against the address. */
export async function admitLogin(db: Db, email: string, ip: string, now: Date): Promise<void> {
  const w = windowOf(now);
  const k = {
    address: `login:${ip}`,
    pair: `fail:${emailKey(email)}:${ip}`,
    account: `fail:${emailKey(email)}`,
  };
  await withAuth(async () => {
    const c = await attemptCounts(db, [k.address, k.pair, k.account], w.start);
    const n = (key: string): number => c.get(key) ?? 0;
    if (n(k.address) >= limits.address) throw tooMany('sign-in attempts from this address', w.retryAfter);
    if (n(k.pair) >= limits.accountAddress || (n(k.account) >= limits.account && n(k.pair) > 0))
      throw tooMany('failed sign-ins for this account', w.retryAfter);
    await countAttempt(db, [k.address], w.start);
    // The table holds the current windows only.
    if (Math.random() < 0.01) await pruneAttempts(db, new Date(w.start.getTime() - windowMs));
  });
}

export async function countFailedLogin(db: Db, email: string, ip: string, now: Date): Promise<void> {
  const w = windowOf(now);
  await withAuth(() =>
    countAttempt(db, [`fail:${emailKey(email)}:${ip}`, `fail:${emailKey(email)}`], w.start),
  );
}

export async function admitSignup(db: Db, ip: string, now: Date): Promise<void> {
  const w = windowOf(now);
  await withAuth(async () => {
    const [n = 0] = await countAttempt(db, [`signup:${ip}`], w.start);
    if (n > limits.signupAddress) throw tooMany('sign-ups from this address', w.retryAfter);
  });
}

/**
 * Refuses (429) a passkey sign-in request past the per-address limit; otherwise counts it. There
 * is no per-account count: the request names no account, and a signature cannot be guessed.
 */
export async function admitPasskey(db: Db, ip: string, now: Date): Promise<void> {
  const w = windowOf(now);
  await withAuth(async () => {
    const [n = 0] = await countAttempt(db, [`passkey:${ip}`], w.start);
    if (n > limits.passkeyAddress) throw tooMany('passkey sign-ins from this address', w.retryAfter);
  });
}
