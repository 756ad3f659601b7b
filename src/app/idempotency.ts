import { invalid } from '../core/errors.js';
import {
  deleteKey,
  deleteKeysBefore,
  finishKey,
  getKey,
  insertKey,
  retakeKey,
} from '../storage/repos/idempotency.js';
import type { AppContext } from './context.js';

/**
 * Idempotency keys for write requests (`Idempotency-Key`, as the offline queue of the web app
 * sends them): the first request with a key runs and its answer is kept; a replay of the same
 * request gets that answer and writes nothing; the same key on another request is refused.
 * Keys are kept for a week. See docs/decisions/0017-offline-pwa.md.
 */
export const KEY_DAYS = 7;
/** A key whose first request has not finished after this long is taken to be abandoned. */
export const ABANDONED_MS = 5 * 60_000;

export type Claim =
  /** The first request with this key: run it, then `finishIdempotent` or `releaseIdempotent`. */
  | { kind: 'first' }
  /** A replay: answer with what the first request got. */
  | { kind: 'replay'; status: number; body: string; firstAt: string }
  /** The key was used for a different request. */
  | { kind: 'mismatch'; firstAt: string }
  /** The first request with this key is still running. */
  | { kind: 'running' };

/** 1 to 200 visible ASCII characters: a UUID fits, and nothing else needs escaping in a message. */
export function checkIdempotencyKey(key: string): string {
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw invalid('the Idempotency-Key header must be 1 to 200 visible ASCII characters (a UUID, say)', [
      { path: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' },
    ]);
  return key;
}

export async function claimIdempotent(ctx: AppContext, key: string, fingerprint: string): Promise<Claim> {
  checkIdempotencyKey(key);
  const now = ctx.clock();
  const db = ctx.db;
  await deleteKeysBefore(db, new Date(now.getTime() - KEY_DAYS * 86_400_000).toISOString());
  if (await insertKey(db, key, fingerprint, now.toISOString())) return { kind: 'first' };
  const row = await getKey(db, key);
  if (!row)
    return (await insertKey(db, key, fingerprint, now.toISOString()))
      ? { kind: 'first' }
      : { kind: 'running' };
  if (row.status === null) {
    const since = new Date(now.getTime() - ABANDONED_MS).toISOString();
    return (await retakeKey(db, key, fingerprint, since, now.toISOString()))
      ? { kind: 'first' }
      : { kind: 'running' };
  }
  if (row.fingerprint !== fingerprint) return { kind: 'mismatch', firstAt: row.createdAt };
  return { kind: 'replay', status: row.status, body: row.body ?? '', firstAt: row.createdAt };
}

/** Keeps the answer the first request got, for its replays. */
export async function finishIdempotent(
  ctx: AppContext,
  key: string,
  status: number,
  body: string,
): Promise<void> {
  await finishKey(ctx.db, key, status, body);
}

/** Forgets a key whose request was refused or failed (nothing written): a retry runs again. */
export async function releaseIdempotent(ctx: AppContext, key: string): Promise<void> {
  await deleteKey(ctx.db, key);
}
