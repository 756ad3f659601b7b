import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomainError } from '../core/errors.js';

/**
 * Passwords of live sources, encrypted with AES-256-GCM under a key that never enters the
 * database: a 32-byte random key in a file created with mode 0600 in the user's config dir
 * (`$XDG_CONFIG_HOME/tend/secret.key`, else `~/.config/tend/secret.key`), or the file
 * `TEND_SECRET_KEY_FILE` names. A copy of the database (or a backup) alone reveals nothing.
 * The stored form is `v1.<iv>.<tag>.<ciphertext>`, each base64url; the source's name is the
 * additional authenticated data, so a secret moved to another source does not decrypt.
 */

const VERSION = 'v1';

export function keyFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.TEND_SECRET_KEY_FILE;
  if (explicit !== undefined && explicit.trim() !== '') return explicit;
  const base =
    env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== ''
      ? env.XDG_CONFIG_HOME
      : path.join(os.homedir(), '.config');
  return path.join(base, 'tend', 'secret.key');
}

function readKey(file: string): Buffer | undefined {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DomainError(
      'invalid_input',
      `cannot read the secret key file ${file}: ${(e as Error).message}`,
      {
        file,
      },
    );
  }
  const key = Buffer.from(raw.toString('utf8').trim(), 'base64');
  if (key.length !== 32)
    throw new DomainError(
      'invalid_input',
      `the secret key file ${file} does not hold a 32-byte key (base64); move it away to start a new one`,
      { file },
    );
  return key;
}

/** The key, created (0600, in a 0700 folder) on first use. */
export function loadOrCreateKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const file = keyFilePath(env);
  const existing = readKey(file);
  if (existing !== undefined) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    // 'wx': never overwrite a key another process created meanwhile.
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readKey(file) ?? key;
    throw new DomainError(
      'invalid_input',
      `cannot create the secret key file ${file}: ${(e as Error).message}`,
      {
        file,
      },
    );
  }
  return key;
}

export function encryptSecret(plain: string, context: string, key: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  const b = (x: Buffer): string => x.toString('base64url');
  return [VERSION, b(iv), b(c.getAuthTag()), b(body)].join('.');
}

/** The password, or a clear error when the key is not the one it was encrypted with. */
export function decryptSecret(stored: string, context: string, env: NodeJS.ProcessEnv = process.env): string {
  const file = keyFilePath(env);
  const key = readKey(file);
  const parts = stored.split('.');
  const fail = (why: string): DomainError =>
    new DomainError(
      'source_secret_unreadable',
      `the password of source "${context}" cannot be decrypted: ${why}; connect it again with \`tend sync add\` (after \`tend sync remove ${context}\`)`,
      { source: context, keyFile: file },
    );
  if (key === undefined) throw fail(`the key file ${file} is missing`);
  if (parts.length !== 4 || parts[0] !== VERSION) throw fail('it is not in a form Tend wrote');
  const [, iv, tag, body] = parts as [string, string, string, string];
  try {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    d.setAAD(Buffer.from(context, 'utf8'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
  } catch {
    throw fail(`it was encrypted under another key than ${file}`);
  }
}
