import { Readable } from 'node:stream';
import { ImapFlow } from 'imapflow';
import type { Settings } from '../core/settings.js';
import { DomainError } from '../core/errors.js';
import type { ImapConfig, MailboxCursor } from '../core/live-sources.js';
import { readMbox } from '../formats/mbox/read.js';
import { noMailSkips, touchesOfMessage, type MailCaptureSummary, type Touch } from './capture-mail.js';

/**
 * Reads IMAP mailboxes with ImapFlow (docs/decisions/0018-live-sources.md): headers only
 * (`BODY.PEEK[HEADER]`: nothing is marked read, no body crosses the network), only the messages
 * past the last UID read in each mailbox; when a mailbox's UIDVALIDITY changed, all of it again
 * (the captures are keyed by thread and day, so nothing is counted twice). Each header block goes
 * through the mbox reader's header parser and the same mail rules as `tend import mail`.
 * Network only: nothing here writes.
 */

export interface ImapRead {
  mailboxes: string[];
  messages: number;
  personal: number;
  skipped: MailCaptureSummary['skipped'];
  touches: Touch[];
  cursor: Record<string, MailboxCursor>;
  /** Mailboxes read from the start because their UIDVALIDITY changed. */
  resynced: string[];
  problems: { line: number; message: string }[];
}

async function headersOf(raw: Buffer): Promise<Map<string, string[]> | undefined> {
  // The mbox reader's parser (unfolding, 8-bit names) over one message made of its header block.
  const one = Readable.from([Buffer.from('From imap\n'), raw, Buffer.from('\n\n')]);
  for await (const item of readMbox(one as AsyncIterable<Uint8Array>))
    if (item.kind === 'message') return item.message.headers;
  return undefined;
}

export async function readImap(
  source: string,
  config: ImapConfig,
  password: string,
  before: Record<string, MailboxCursor>,
  me: ReadonlySet<string>,
  settings: Settings,
  withSubjects: boolean,
  onProgress?: (done: number, total: number) => void,
): Promise<ImapRead> {
  const client = new ImapFlow({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    doSTARTTLS: config.security === 'starttls' ? true : config.security === 'tls' ? undefined : false,
    auth: { user: config.user, pass: password },
    logger: false,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  // ImapFlow reports a lost connection as an event too; the awaited calls below get the error.
  client.on('error', () => undefined);
  const server = `${config.host}:${config.port}`;
  const fail = (e: unknown): DomainError => {
    if (e instanceof DomainError) return e;
    const err = e as {
      authenticationFailed?: boolean;
      code?: string;
      message: string;
      responseText?: string;
    };
    if (err.authenticationFailed === true || err.code === 'AUTHENTICATIONFAILED')
      return new DomainError(
        'source_auth_failed',
        `source "${source}": the IMAP server ${server} refused the login of ${config.user} (wrong user or password); nothing was written`,
        { source, server },
      );
    // TLS spoken to a port that answers in plain text (143, a local test server).
    const plain = /WRONG_VERSION_NUMBER|wrong version number|packet length too long/i.test(
      `${err.code ?? ''} ${err.message}`,
    );
    return new DomainError(
      'source_unreachable',
      `source "${source}": cannot read the IMAP server ${server} (${err.code ?? err.responseText ?? err.message})${plain ? ': it does not speak TLS on this port; remove the source and add it again with STARTTLS (usually port 143) or, for a server on this machine only, without TLS' : ''}; nothing was written`,
      { source, server },
    );
  };
  const out: ImapRead = {
    mailboxes: config.mailboxes,
    messages: 0,
    personal: 0,
    skipped: noMailSkips(),
    touches: [],
    cursor: {},
    resynced: [],
    problems: [],
  };
  const seen = new Set<string>();
  try {
    await client.connect();
  } catch (e) {
    throw fail(e);
  }
  try {
    for (const box of config.mailboxes) {
      let lock;
      try {
        lock = await client.getMailboxLock(box, { readOnly: true });
      } catch (e) {
        const err = e as { responseText?: string; message: string };
        throw new DomainError(
          'invalid_input',
          `source "${source}": no mailbox "${box}" on ${server} (${err.responseText ?? err.message}); nothing was written`,
          { source, mailbox: box },
        );
      }
      try {
        const mb = client.mailbox;
        if (mb === false) throw new Error(`mailbox ${box} did not open`);
        const validity = mb.uidValidity.toString();
        const had = before[box];
        const same = had !== undefined && had.uidValidity === validity;
        if (had !== undefined && !same) out.resynced.push(box);
        const from = same ? had.lastUid + 1 : 1;
        let last = same ? had.lastUid : 0;
        // At most this many new messages (UIDs may have gaps): the progress bar's total.
        const total = Math.max(0, mb.uidNext - from);
        let done = 0;
        if (mb.exists > 0 && mb.uidNext > from)
          for await (const msg of client.fetch(`${from}:*`, { uid: true, headers: true }, { uid: true })) {
            // `N:*` always returns the last message, even when its UID is below N.
            if (msg.uid < from) continue;
            last = Math.max(last, msg.uid);
            out.messages++;
            if (++done % 200 === 0) onProgress?.(done, total);
            const headers = msg.headers === undefined ? undefined : await headersOf(msg.headers);
            if (headers === undefined) {
              out.problems.push({ line: 0, message: `${box} UID ${msg.uid}: no header block; left out` });
              continue;
            }
            const date = headers.get('date')?.[0] ?? '';
            const fromHeader = headers.get('from')?.[0] ?? '';
            const r = touchesOfMessage(
              { headers },
              `nomsgid:${date}|${fromHeader}`,
              me,
              settings,
              withSubjects,
            );
            if (!r.ok) {
              out.skipped[r.reason]++;
              if (r.reason === 'no_date')
                out.problems.push({
                  line: 0,
                  message: `${box} UID ${msg.uid}: no readable Date header; left out`,
                });
              continue;
            }
            out.personal++;
            for (const t of r.touches) {
              const id = `${t.key}\u0000${t.email}`;
              if (seen.has(id)) continue;
              seen.add(id);
              out.touches.push(t);
            }
          }
        out.cursor[box] = { uidValidity: validity, lastUid: last };
      } finally {
        lock.release();
      }
    }
  } catch (e) {
    throw fail(e);
  } finally {
    await client.logout().catch(() => undefined);
  }
  return out;
}
