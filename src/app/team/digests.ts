import fs from 'node:fs';
import { sql } from 'kysely';
import { dayOf } from '../../core/dates.js';
import { digestDue, digestOf } from '../../core/digest.js';
import { DomainError, invalid, type Problem } from '../../core/errors.js';
import { defaultSettings } from '../../core/settings.js';
import { deletePrivate, readPrivate, writePrivate } from '../../storage/repos/settings.js';
import { accountById } from '../../storage/team/accounts.js';
import { withTenant } from '../../storage/team/tenant.js';
import { loadSettings, type AppContext } from '../context.js';
import { deliver, type MailConfig } from '../digest.js';
import { today } from '../today.js';

/**
 * Daily digests in team mode (docs/decisions/0019-teams.md, "Background work"). The mail server
 * is the operator's, from the environment; each account chooses only whether (`digest.daily`),
 * from when (`digest.hour`) and where to (`digest.to`, else the account's sign-in email).
 */
export type TeamMail = Omit<MailConfig, 'to'>;

const securities = ['starttls', 'tls', 'none'] as const;
const emailLike = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * The team server's mail server, read and checked when it starts (every problem named, exit 2):
 * `TEND_SMTP_HOST` (unset: no digests), `TEND_SMTP_PORT` (587), `TEND_SMTP_SECURITY` (starttls,
 * tls, none), `TEND_SMTP_USER` with `TEND_SMTP_PASSWORD` or `TEND_SMTP_PASSWORD_FILE`, and
 * `TEND_DIGEST_FROM`, the sender. The accounts' own `smtp.*` settings are not used in team mode:
 * they would let any member make the server read its files and environment (`smtp.passwordFile`,
 * `smtp.passwordEnv`) and hand them to a host of their choosing.
 */
export function teamMailFromEnv(env: NodeJS.ProcessEnv): TeamMail | undefined {
  const get = (k: string): string | undefined => {
    const v = env[k]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const host = get('TEND_SMTP_HOST');
  const others = [
    'TEND_SMTP_PORT',
    'TEND_SMTP_SECURITY',
    'TEND_SMTP_USER',
    'TEND_SMTP_PASSWORD_FILE',
    'TEND_DIGEST_FROM',
  ].filter((k) => get(k) !== undefined);
  const problems: Problem[] = [];
  if (host === undefined) {
    if (others.length === 0) return undefined;
    problems.push({ path: 'TEND_SMTP_HOST', message: `is not set, but ${others.join(', ')} is` });
  } else if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(host))
    problems.push({ path: 'TEND_SMTP_HOST', message: 'is not a host name or address' });
  const portText = get('TEND_SMTP_PORT') ?? '587';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535))
    problems.push({ path: 'TEND_SMTP_PORT', message: 'must be a port number from 1 to 65535' });
  const security = (get('TEND_SMTP_SECURITY') ?? 'starttls') as TeamMail['security'];
  if (!securities.includes(security))
    problems.push({ path: 'TEND_SMTP_SECURITY', message: 'must be starttls, tls or none' });
  const from = get('TEND_DIGEST_FROM');
  if (from === undefined)
    problems.push({ path: 'TEND_DIGEST_FROM', message: 'is not set (the sender address)' });
  else if (!emailLike.test(from))
    problems.push({ path: 'TEND_DIGEST_FROM', message: 'must be an email address' });
  let auth: TeamMail['auth'];
  const user = get('TEND_SMTP_USER');
  if (user !== undefined) {
    let pass = env.TEND_SMTP_PASSWORD;
    const file = get('TEND_SMTP_PASSWORD_FILE');
    if ((pass === undefined || pass === '') && file !== undefined) {
      try {
        pass = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
      } catch (e) {
        problems.push({
          path: 'TEND_SMTP_PASSWORD_FILE',
          message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
        });
      }
    }
    if ((pass === undefined || pass === '') && !problems.some((p) => p.path === 'TEND_SMTP_PASSWORD_FILE'))
      problems.push({
        path: 'TEND_SMTP_PASSWORD',
        message: 'no password for TEND_SMTP_USER: set it, or TEND_SMTP_PASSWORD_FILE to a file holding it',
      });
    else if (pass !== undefined && pass !== '') auth = { user, pass };
  }
  if (problems.length > 0)
    throw invalid(
      `the team server's mail settings are wrong: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      problems,
    );
  return { host: host ?? '', port, security, auth, from: from ?? '' };
}

export interface TeamDigestOptions {
  mail: TeamMail;
  log: (m: string) => void;
  appUrl?: string | undefined;
  /** Due accounts asked for at a time (one page of `tend_digest_due`). */
  batch?: number;
  /** Accounts handled at once (each holds a pooled connection and an SMTP one). */
  concurrency?: number;
  /** A check stops starting accounts after this long; the next minute's check goes on. */
  budgetMs?: number;
  /** …or after this many accounts. */
  maxPerCheck?: number;
  /** True once the server is stopping: no further account is started, the ones in hand finish. */
  stopping?: () => boolean;
}

const LAST = 'digest.lastDone';
const RETRY = 'digest.retryAfter';
const BACKOFF_MS = 30 * 60_000;

/** The ids of the accounts whose digest is due, in id order after `after` (no tenant needed). */
export async function dueAccounts(
  ctx: AppContext,
  at: { day: string; hour: number; now: Date },
  after: number,
  limit: number,
): Promise<number[]> {
  const r = await sql<{ id: string | number }>`SELECT tend_digest_due(${at.day}, ${at.hour},
    ${at.now.toISOString()}::timestamptz, ${defaultSettings.digest.hour}, ${after}, ${limit}) AS id`.execute(
    ctx.db,
  );
  return r.rows.map((row) => Number(row.id));
}

type Outcome = 'sent' | 'empty' | 'skipped' | 'failed' | 'mail_down';

/** Why a send failed, in words that hold none of the account's data (no address, no name). */
function reason(e: unknown): { text: string; serverWide: boolean } {
  if (e instanceof DomainError && e.code === 'mail_failed') {
    const d = e.details as { smtpCode?: string; responseCode?: number };
    const serverWide = ['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EAUTH', 'EDNS'].includes(d.smtpCode ?? '');
    // A server-wide failure's message is about the mail server only; others may echo a recipient.
    if (serverWide) return { text: e.message, serverWide };
    const code = [d.smtpCode, d.responseCode].filter((x) => x !== undefined).join(' ');
    return { text: `the mail server refused it${code ? ` (${code})` : ''}`, serverWide };
  }
  if (e instanceof DomainError) return { text: e.code, serverWide: false };
  return { text: 'internal error', serverWide: false };
}

/** One account's digest, inside `withTenant(id)`: every read and write is that account's. */
async function oneAccount(
  base: AppContext,
  id: number,
  at: { day: string; hour: number; now: Date },
  o: TeamDigestOptions,
): Promise<Outcome> {
  let who = `account #${id}`;
  try {
    const settings = await loadSettings(base.db);
    const last = (await readPrivate(base.db, LAST)) as string | undefined;
    if (!digestDue({ day: at.day, hour: at.hour }, settings.digest, last)) return 'skipped';
    const account = await accountById(base.db, id);
    if (account === undefined) return 'skipped';
    who = `account ${account.publicId}`;
    const ctx: AppContext = { ...base, settings };
    const digest = digestOf(await today(ctx), { appUrl: o.appUrl });
    if (digest) await deliver({ ...o.mail, to: settings.digest.to || account.email }, digest);
    await base.db.transaction().execute(async (trx) => {
      await writePrivate(trx, LAST, at.day);
      await deletePrivate(trx, RETRY);
    });
    o.log(
      digest
        ? `digest for ${at.day} sent for ${who}`
        : `digest for ${at.day}: nothing to do for ${who}, no mail`,
    );
    return digest ? 'sent' : 'empty';
  } catch (e) {
    const why = reason(e);
    const retry = new Date(at.now.getTime() + BACKOFF_MS).toISOString();
    await base.db
      .transaction()
      .execute((trx) => writePrivate(trx, RETRY, retry))
      .catch(() => undefined);
    o.log(`digest for ${at.day} not sent for ${who}: ${why.text}; trying again in 30 minutes`);
    return why.serverWide ? 'mail_down' : 'failed';
  }
}

/**
 * The team server's digest check, run by the job queue once a minute on one server at a time:
 * pages of due accounts (`batch`, default 100), a few at once (`concurrency`, default 3), each
 * under its own tenant. One account's failure is logged with its public id and backed off for
 * 30 minutes (stored, so every server honours it); the others go on. A failure of the mail
 * server itself (unreachable, refusing our login) ends the check: the next minute tries again.
 * A check stops starting accounts after `budgetMs` (50 s) or `maxPerCheck` (5,000), or as soon as
 * the server is stopping (its graceful stop waits 30 s for the job in hand): what is left is still
 * due, and the next check takes it up.
 */
export function teamDigestCheck(base: AppContext, o: TeamDigestOptions): () => Promise<void> {
  const batch = o.batch ?? 100;
  const concurrency = o.concurrency ?? 3;
  const budgetMs = o.budgetMs ?? 50_000;
  const maxPerCheck = o.maxPerCheck ?? 5000;
  const stopping = o.stopping ?? (() => false);
  return async () => {
    const started = Date.now();
    const now = base.clock();
    const at = { day: dayOf(now), hour: now.getHours(), now };
    let after = 0;
    let handled = 0;
    try {
      for (;;) {
        const ids = await dueAccounts(base, at, after, Math.min(batch, maxPerCheck - handled));
        if (ids.length === 0) return;
        let next = 0;
        const page = { mailDown: false };
        const worker = async (): Promise<void> => {
          while (!page.mailDown && !stopping() && next < ids.length) {
            const id = ids[next++] ?? 0;
            const r = await withTenant(id, () => oneAccount(base, id, at, o));
            if (r === 'mail_down') page.mailDown = true;
          }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
        if (page.mailDown) {
          o.log('digests: the mail server cannot be used; the next check tries again');
          return;
        }
        handled += ids.length;
        after = ids[ids.length - 1] ?? after;
        if (stopping()) return;
        if (handled >= maxPerCheck || Date.now() - started >= budgetMs) {
          o.log(`digests: ${handled} accounts handled in this check; the next one goes on`);
          return;
        }
      }
    } catch (e) {
      o.log(`digests: the check failed (${reason(e).text}); the next one tries again`);
    }
  };
}
