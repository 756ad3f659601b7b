import { isIP } from 'node:net';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import type { Db } from '../../storage/db.js';
import { accountById, type AccountRow } from '../../storage/team/accounts.js';
import * as repo from '../../storage/team/passkeys.js';
import { withAuth } from '../../storage/team/tenant.js';
import { lineText, parse } from '../validate.js';
import { newSession, type Client, type Principal } from './auth.js';
import { admitLogin, admitPasskey, countFailedLogin } from './limits.js';
import { checkPassword } from './passwords.js';
import { hashSecret } from './secrets.js';

/**
 * Passkeys (WebAuthn) as a second way into an account (docs/decisions/0019-teams.md). The server
 * keeps no state between the options and the answer: each challenge is stored in PostgreSQL
 * (its SHA-256), lives five minutes and is taken by the first answer that names it.
 */

/** Who the passkeys belong to: the site's host name (WebAuthn's RP ID) and its origin. */
export interface RelyingParty {
  id: string;
  origin: string;
}

const challengeMs = 5 * 60_000;
/** EdDSA, ES256, RS256: what authenticators offer (the library's post-quantum default warns on Node 24). */
const algorithms = [-8, -7, -257];

const unavailable = (why: string): DomainError =>
  new DomainError('passkeys_unavailable', `passkeys cannot be used here: ${why}`, {});

/**
 * The relying party `TEND_PASSKEY_ORIGIN` names (`https://tend.example.org`), checked when the
 * server starts: an http(s) origin with a host name, nothing after it.
 */
export function relyingPartyOf(setting: string): RelyingParty {
  let u: URL | undefined;
  try {
    u = new URL(setting);
  } catch {
    u = undefined;
  }
  const problem =
    u === undefined || (u.protocol !== 'https:' && u.protocol !== 'http:')
      ? 'is not an http(s) URL'
      : u.pathname !== '/' || u.search !== '' || u.hash !== '' || u.username !== ''
        ? 'must be an origin only (scheme, host and port), with no path'
        : isIP(u.hostname.replace(/^\[|\]$/g, '')) !== 0
          ? 'must name a host, not an IP address (browsers refuse passkeys for addresses)'
          : undefined;
  if (problem !== undefined || u === undefined)
    throw new DomainError(
      'invalid_input',
      `TEND_PASSKEY_ORIGIN "${setting.slice(0, 200)}" ${problem ?? ''}`,
      {
        problems: [{ path: 'TEND_PASSKEY_ORIGIN', message: problem ?? 'is invalid' }],
      },
    );
  return { id: u.hostname, origin: u.origin };
}

/** The relying party of a request (its scheme and Host), when no setting names one. */
export function relyingPartyFromRequest(protocol: string, host: string): RelyingParty {
  const origin = `${protocol}://${host}`;
  let hostname = '';
  try {
    hostname = new URL(origin).hostname;
  } catch {
    throw unavailable(`the request's host "${host.slice(0, 100)}" is not a host name`);
  }
  if (isIP(hostname.replace(/^\[|\]$/g, '')) !== 0)
    throw unavailable(
      `browsers refuse passkeys for an IP address (${hostname}): open Tend by its host name (http://localhost:… on this machine), or set TEND_PASSKEY_ORIGIN`,
    );
  return { id: hostname, origin };
}

const b64url = z
  .string()
  .max(65_536)
  .regex(/^[A-Za-z0-9_-]*={0,2}$/, { error: 'is not base64url' });
const transports = z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);
const credentialBase = {
  id: b64url.min(1, { error: 'is required' }),
  rawId: b64url.min(1, { error: 'is required' }),
  type: z.literal('public-key'),
  clientExtensionResults: z.object({}).loose().default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};
const registerInput = z.object({
  name: lineText(100).optional(),
  response: z.object({
    ...credentialBase,
    response: z
      .object({
        clientDataJSON: b64url,
        attestationObject: b64url,
        transports: z.array(transports).max(10).optional(),
      })
      .loose(),
  }),
});
const loginInput = z.object({
  response: z.object({
    ...credentialBase,
    response: z
      .object({
        clientDataJSON: b64url,
        authenticatorData: b64url,
        signature: b64url,
        userHandle: b64url.optional(),
      })
      .loose(),
  }),
});
const renameInput = z.object({ name: lineText(100) });

/** What the client says it signed: the challenge in its client data (checked again when verified). */
function challengeOf(clientDataJSON: string): string {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    const c = (data as { challenge?: unknown } | null)?.challenge;
    if (typeof c === 'string' && c !== '') return c;
  } catch {
    // reported below
  }
  throw new DomainError('invalid_input', 'response.response.clientDataJSON is not WebAuthn client data', {
    problems: [{ path: 'response.response.clientDataJSON', message: 'is not client data with a challenge' }],
  });
}

const challengeRefused = (): DomainError =>
  new DomainError(
    'passkey_challenge_invalid',
    'this passkey answer is for a challenge that is unknown, expired or already used: start again',
    {},
  );

/** Takes the challenge the answer names, or refuses it (nothing else is read or written first). */
async function take(db: Db, clientDataJSON: string, accountId: number | null, now: Date): Promise<string> {
  const challenge = challengeOf(clientDataJSON);
  const purpose = accountId === null ? 'login' : 'register';
  const ok = await withAuth(() => repo.takeChallenge(db, hashSecret(challenge), purpose, accountId, now));
  if (!ok) throw challengeRefused();
  return challenge;
}

async function issue(db: Db, challenge: string, accountId: number | null, now: Date): Promise<void> {
  const expiresAt = new Date(now.getTime() + challengeMs);
  const purpose = accountId === null ? 'login' : 'register';
  await withAuth(() =>
    repo.insertChallenge(db, { hash: hashSecret(challenge), purpose, accountId, expiresAt }, now),
  );
}

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Synced between the owner's devices (a passkey manager), rather than bound to one. */
  synced: boolean;
}

const view = (p: repo.PasskeyRow): PasskeyView => ({
  id: p.publicId,
  name: p.name,
  createdAt: p.createdAt,
  lastUsedAt: p.lastUsedAt,
  synced: p.backedUp,
});

/**
 * Adding a passkey needs a browser's session: with an API token it would turn a script's secret
 * into a sign-in that outlives the token's revocation.
 */
function needSession(p: Principal): void {
  if (p.sessionId === undefined)
    throw new DomainError(
      'session_required',
      'adding a passkey needs a signed-in browser session, not an API token',
      {},
    );
}

const reauthInput = z.object({ password: z.string().min(1, { error: 'is required' }).max(1024) });

/**
 * The account's password, asked again before a passkey is added: a stolen session cookie alone
 * must not make a sign-in that outlives a password change. Counted and limited like a login
 * (the same counters), so the question is no way to guess the password.
 */
async function recheckPassword(db: Db, p: Principal, input: unknown, c: Client): Promise<void> {
  const { password } = parse(reauthInput, input ?? {}, 'body');
  await admitLogin(db, p.account.email, c.ip, c.now);
  if (!(await checkPassword(p.account.passwordHash, password))) {
    await countFailedLogin(db, p.account.email, c.ip, c.now);
    throw new DomainError('password_wrong', 'the password is wrong: no passkey was added', {
      problems: [{ path: 'password', message: 'is wrong' }],
    });
  }
}

/**
 * Options for adding a passkey to the signed-in account, once its password is given again: a
 * discoverable credential (so that signing in needs no email), user verification required, the
 * account's passkeys excluded. Only the challenge issued here lets the answer in, so the answer
 * needs no password of its own.
 */
export async function registrationOptions(
  db: Db,
  p: Principal,
  rp: RelyingParty,
  input: unknown,
  c: Client,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  needSession(p);
  await recheckPassword(db, p, input, c);
  const now = c.now;
  const { generateRegistrationOptions } = await import('@simplewebauthn/server');
  const mine = await withAuth(() => repo.accountPasskeys(db, p.account.id), p.account.id);
  const options = await generateRegistrationOptions({
    rpName: 'Tend',
    rpID: rp.id,
    userName: p.account.email,
    userDisplayName: p.account.name,
    // The user handle: the account's public id (random, stable), never the internal one.
    userID: new TextEncoder().encode(p.account.publicId),
    attestationType: 'none',
    excludeCredentials: mine.map((k) => ({ id: k.credentialId, transports: k.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: algorithms,
    timeout: 120_000,
  });
  await issue(db, options.challenge, p.account.id, now);
  return options;
}

/** Checks the authenticator's answer and stores the new passkey on the account. */
export async function register(
  db: Db,
  p: Principal,
  rp: RelyingParty,
  input: unknown,
  now: Date,
): Promise<PasskeyView> {
  needSession(p);
  const body = parse(registerInput, input, 'body');
  const challenge = await take(db, body.response.response.clientDataJSON, p.account.id, now);
  const { verifyRegistrationResponse } = await import('@simplewebauthn/server');
  let info;
  try {
    const r = await verifyRegistrationResponse({
      response: body.response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      supportedAlgorithmIDs: algorithms,
    });
    info = r.verified ? r.registrationInfo : undefined;
  } catch (e) {
    throw rejected(e);
  }
  if (!info) throw rejected(undefined);
  const row = await withAuth(
    () =>
      repo.insertPasskey(db, {
        accountId: p.account.id,
        credentialId: info.credential.id,
        publicKey: info.credential.publicKey,
        counter: info.credential.counter,
        transports: info.credential.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        name: body.name ?? `Passkey added ${now.toISOString().slice(0, 10)}`,
        now,
      }),
    p.account.id,
  );
  if (!row)
    throw new DomainError('passkey_exists', 'this passkey is registered already: nothing was added', {});
  return view(row);
}

const rejected = (e: unknown): DomainError =>
  new DomainError(
    'passkey_rejected',
    `the authenticator's answer was not accepted${e instanceof Error ? `: ${e.message.slice(0, 300)}` : ''}`,
    {},
  );

/** Options for signing in with a passkey: no account named (the authenticator offers its own). */
export async function loginOptions(
  db: Db,
  rp: RelyingParty,
  c: Client,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  await admitPasskey(db, c.ip, c.now);
  const { generateAuthenticationOptions } = await import('@simplewebauthn/server');
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: 'required',
    timeout: 120_000,
  });
  await issue(db, options.challenge, null, c.now);
  return options;
}

const notAccepted = (): DomainError =>
  new DomainError(
    'unauthenticated',
    'the passkey was not accepted: it is not registered here, or its signature is wrong',
    {},
  );

/**
 * Signs in with a passkey: the challenge is taken first (single use), then the credential is
 * found by its id and the signature checked; a session is made exactly as a password login makes
 * one (always a new secret).
 */
export async function loginWithPasskey(db: Db, rp: RelyingParty, input: unknown, c: Client) {
  const body = parse(loginInput, input, 'body');
  await admitPasskey(db, c.ip, c.now);
  const challenge = await take(db, body.response.response.clientDataJSON, null, c.now);
  const key = await withAuth(() => repo.passkeyByCredential(db, body.response.id));
  if (!key) throw notAccepted();
  const account: AccountRow | undefined = await withAuth(() => accountById(db, key.accountId));
  const handle = body.response.response.userHandle;
  if (!account || (handle !== undefined && Buffer.from(handle, 'base64url').toString() !== account.publicId))
    throw notAccepted();
  const { verifyAuthenticationResponse } = await import('@simplewebauthn/server');
  let counter: number;
  try {
    const r = await verifyAuthenticationResponse({
      response: body.response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: key.credentialId, publicKey: key.publicKey, counter: key.counter },
      requireUserVerification: true,
    });
    if (!r.verified) throw notAccepted();
    counter = r.authenticationInfo.newCounter;
  } catch {
    throw notAccepted();
  }
  await withAuth(() => repo.markPasskeyUsed(db, key.publicId, counter, c.now), account.id);
  return { account, ...(await newSession(db, account, c)) };
}

export async function passkeys(db: Db, p: Principal): Promise<PasskeyView[]> {
  const rows = await withAuth(() => repo.accountPasskeys(db, p.account.id), p.account.id);
  return rows.map(view);
}

const unknownPasskey = (id: string): DomainError =>
  new DomainError('unknown_passkey', `no passkey ${id.slice(0, 40)}`, { id: id.slice(0, 40) });

export async function renamePasskey(db: Db, p: Principal, id: string, input: unknown): Promise<PasskeyView> {
  const { name } = parse(renameInput, input, 'body');
  const row = await withAuth(() => repo.renamePasskey(db, p.account.id, id, name), p.account.id);
  if (!row) throw unknownPasskey(id);
  return view(row);
}

export async function removePasskey(db: Db, p: Principal, id: string): Promise<void> {
  const ok = await withAuth(() => repo.deletePasskey(db, p.account.id, id), p.account.id);
  if (!ok) throw unknownPasskey(id);
}
