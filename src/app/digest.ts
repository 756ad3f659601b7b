import fs from 'node:fs';
import { dayOf } from '../core/dates.js';
import { digestDue, digestOf, type Digest } from '../core/digest.js';
import { DomainError, invalid, type Problem } from '../core/errors.js';
import type { Settings } from '../core/settings.js';
import { readPrivate, writePrivate } from '../storage/repos/settings.js';
import { loadSettings, type AppContext } from './context.js';
import { today } from './today.js';

export interface DigestResult {
  date: string;
  /** Whether a message went to the mail server. */
  sent: boolean;
  /** Why nothing was sent: nothing to do today, or a dry run. */
  reason?: 'nothing_to_do' | 'dry_run' | undefined;
  to?: string | undefined;
  messageId?: string | undefined;
  digest?: Digest | undefined;
}

export interface MailConfig {
  host: string;
  port: number;
  security: Settings['smtp']['security'];
  auth?: { user: string; pass: string } | undefined;
  from: string;
  to: string;
}

/**
 * The SMTP settings, checked before anything is sent; every missing one is named. The password
 * comes from the environment variable `smtp.passwordEnv` names, else the file `smtp.passwordFile`
 * names: it is never stored in the database, and never printed.
 */
export function mailConfig(s: Settings, env: NodeJS.ProcessEnv): MailConfig {
  const problems: Problem[] = [];
  const need = (key: string, value: string): void => {
    if (value === '') problems.push({ path: key, message: 'is not set' });
  };
  need('smtp.host', s.smtp.host);
  need('digest.from', s.digest.from);
  need('digest.to', s.digest.to);
  let auth: MailConfig['auth'];
  if (s.smtp.user !== '') {
    let pass = env[s.smtp.passwordEnv];
    if ((pass === undefined || pass === '') && s.smtp.passwordFile !== '') {
      try {
        pass = fs.readFileSync(s.smtp.passwordFile, 'utf8').replace(/\r?\n$/, '');
      } catch (e) {
        problems.push({
          path: 'smtp.passwordFile',
          message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
        });
      }
    }
    if (pass === undefined || pass === '') {
      if (!problems.some((p) => p.path === 'smtp.passwordFile'))
        problems.push({
          path: 'smtp.passwordEnv',
          message: `no password: set $${s.smtp.passwordEnv}, or smtp.passwordFile to a file holding it`,
        });
    } else auth = { user: s.smtp.user, pass };
  }
  if (problems.length > 0)
    throw invalid(
      `the digest cannot be sent: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')} (tend config set KEY VALUE)`,
      problems,
    );
  return {
    host: s.smtp.host,
    port: s.smtp.port,
    security: s.smtp.security,
    auth,
    from: s.digest.from,
    to: s.digest.to,
  };
}

/**
 * `tend digest send [--dry-run]`: today's agenda by email, only when there is something to do.
 * A dry run checks nothing about the mail server and returns the message instead.
 */
export async function sendDigest(
  ctx: AppContext,
  opts: { env: NodeJS.ProcessEnv; dryRun?: boolean; appUrl?: string | undefined },
): Promise<DigestResult> {
  const config = opts.dryRun ? undefined : mailConfig(ctx.settings, opts.env);
  const t = await today(ctx);
  const digest = digestOf(t, { appUrl: opts.appUrl });
  if (!digest) return { date: t.date, sent: false, reason: 'nothing_to_do' };
  if (!config) return { date: t.date, sent: false, reason: 'dry_run', to: ctx.settings.digest.to, digest };
  const messageId = await deliver(config, digest);
  return { date: t.date, sent: true, to: config.to, messageId, digest };
}

/** Sends one digest through the mail server `c` names; `mail_failed` (exit 4) when it cannot. */
export async function deliver(c: MailConfig, d: Digest): Promise<string> {
  const { createTransport } = await import('nodemailer');
  const transport = createTransport({
    host: c.host,
    port: c.port,
    secure: c.security === 'tls',
    requireTLS: c.security === 'starttls',
    ignoreTLS: c.security === 'none',
    ...(c.auth ? { auth: c.auth } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail({
      from: c.from,
      to: c.to,
      subject: d.subject,
      text: d.text,
      html: d.html,
    });
    return info.messageId;
  } catch (e) {
    const err = e as { code?: string; message?: string; responseCode?: number };
    // The server's words help; the password never appears in them (nodemailer does not echo it).
    const why =
      err.code === 'ECONNECTION' || err.code === 'ESOCKET' || err.code === 'ETIMEDOUT'
        ? `cannot reach ${c.host}:${c.port} (${err.message ?? err.code})`
        : err.code === 'EAUTH'
          ? `${c.host} refused the user name or password`
          : `${c.host}:${c.port} refused the message (${err.message ?? err.code ?? 'unknown error'})`;
    throw new DomainError('mail_failed', `the digest was not sent: ${why}`, {
      host: c.host,
      port: c.port,
      ...(err.code ? { smtpCode: err.code } : {}),
      ...(err.responseCode ? { responseCode: err.responseCode } : {}),
    });
  } finally {
    transport.close();
  }
}

const LAST = 'digest.lastDone';

export interface DigestCheckOptions {
  env: NodeJS.ProcessEnv;
  log: (m: string) => void;
  appUrl?: string | undefined;
}

/**
 * The daily digest's check: sends the day's digest once, from the hour `digest.hour` (local
 * time) when `digest.daily` is true, with the settings read again each time (a `tend config set`
 * in a terminal counts); the day it was sent, or found empty, is stored, so a restart does not
 * send it twice. A failure is logged and not tried again for half an hour (by this process).
 * Callers make sure two checks never overlap: a timer in one server (`scheduleDigest`), or a
 * queue that runs one job at a time across servers (`startBackgroundWork`).
 */
export function digestCheck(ctx: AppContext, opts: DigestCheckOptions): () => Promise<void> {
  let retryAfter = 0;
  return async () => {
    if (Date.now() < retryAfter) return;
    try {
      const s = await loadSettings(ctx.db);
      const now = ctx.clock();
      const day = dayOf(now);
      const last = (await readPrivate(ctx.db, LAST)) as string | undefined;
      if (!digestDue({ day, hour: now.getHours() }, s.digest, last)) return;
      const r = await sendDigest({ ...ctx, settings: s }, { env: opts.env, appUrl: opts.appUrl });
      await ctx.db.transaction().execute((trx) => writePrivate(trx, LAST, day));
      opts.log(
        r.sent ? `digest for ${day} sent to ${r.to ?? ''}` : `digest for ${day}: nothing to do, no mail`,
      );
    } catch (e) {
      retryAfter = Date.now() + 30 * 60_000;
      opts.log(`${(e as Error).message}; trying again in 30 minutes`);
    }
  };
}

/**
 * One server's daily digest: `digestCheck` every minute on a timer in this process (SQLite, where
 * one server owns the file). Returns the function that stops it.
 */
export function scheduleDigest(
  ctx: AppContext,
  opts: DigestCheckOptions & { everyMs?: number },
): () => Promise<void> {
  const check = digestCheck(ctx, opts);
  let running: Promise<void> | undefined;
  const tick = (): void => {
    if (running) return;
    running = check().finally(() => (running = undefined));
  };
  tick();
  const timer = setInterval(tick, opts.everyMs ?? 60_000);
  timer.unref();
  // Stopping waits for a digest being sent, so the database is not closed under it.
  return async () => {
    clearInterval(timer);
    await running;
  };
}
