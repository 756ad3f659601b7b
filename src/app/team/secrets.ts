import { createHash, randomBytes } from 'node:crypto';

/**
 * The secrets team mode hands out — session cookies, API tokens, passkey challenges, calendar
 * feed addresses — are 256 random bits, and only their SHA-256 is stored and looked up: a copy of
 * the database opens nothing, and a secret this long needs no slow hash (0019-teams.md).
 */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** What is stored for a secret, and what a presented one is looked up by. */
export const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();
