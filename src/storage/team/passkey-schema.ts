import { sql, type Kysely } from 'kysely';
import { authExpr, protect, tenantExpr } from './migrations.js';

/**
 * Passkeys (docs/decisions/0019-teams.md, "Passkeys"): WebAuthn credentials, a second way into an
 * account, and the challenges the server hands out for them.
 *
 * - `passkeys`: one row per registered credential. The credential id is unique across accounts,
 *   because a passkey sign-in names the credential before the account is known; like sessions,
 *   the sign-in code (`tend.auth`) reads the table, and an account its own rows.
 * - `passkey_challenges`: short-lived and single use, in PostgreSQL so that the options and the
 *   answer may reach different servers. A registration challenge belongs to the account that
 *   asked; a sign-in one to nobody yet (`account_id` NULL). Only the SHA-256 of the challenge is
 *   kept; the answer is matched by the challenge its signed client data names.
 */
export async function passkeys(db: Kysely<unknown>): Promise<void> {
  const owner = `account_id bigint NOT NULL DEFAULT ${tenantExpr} REFERENCES accounts(id) ON DELETE CASCADE`;
  await sql
    .raw(
      `CREATE TABLE passkeys (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        public_id text NOT NULL UNIQUE,
        ${owner},
        credential_id text NOT NULL UNIQUE,
        public_key bytea NOT NULL,
        counter bigint NOT NULL DEFAULT 0 CHECK (counter >= 0),
        transports text[] NOT NULL DEFAULT '{}',
        device_type text NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
        backed_up boolean NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL,
        last_used_at timestamptz
      )`,
    )
    .execute(db);
  await sql`CREATE INDEX passkeys_account ON passkeys (account_id)`.execute(db);
  await protect(db, 'passkeys', `account_id = ${tenantExpr} OR ${authExpr}`);
  await sql`CREATE TABLE passkey_challenges (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    challenge_hash bytea NOT NULL UNIQUE,
    purpose text NOT NULL CHECK (purpose IN ('register', 'login')),
    account_id bigint REFERENCES accounts(id) ON DELETE CASCADE,
    CHECK ((purpose = 'register') = (account_id IS NOT NULL)),
    expires_at timestamptz NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX passkey_challenges_account ON passkey_challenges (account_id)`.execute(db);
  await sql`CREATE INDEX passkey_challenges_expiry ON passkey_challenges (expires_at)`.execute(db);
  await protect(db, 'passkey_challenges', authExpr);
}
