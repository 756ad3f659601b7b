import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { judgeMessage, type MailHeaders, type MailSkipReason } from '../core/capture-mail.js';
import { dayOf } from '../core/dates.js';
import { DomainError } from '../core/errors.js';
import {
  dayAsWritten,
  decodeWords,
  messageIds,
  parseAddressList,
  parseMailDate,
} from '../formats/mbox/headers.js';
import { mboxStart, readMbox } from '../formats/mbox/read.js';
import { sniff } from '../importers/decode.js';
import { withInteractions } from '../storage/repos/capture-bulk.js';
import * as repo from '../storage/repos/capture.js';
import { refreshContactDays } from '../storage/repos/people.js';
import type { Db } from '../storage/db.js';
import { refuseLeftOut } from './capture-strict.js';
import { nowIso, type AppContext } from './context.js';

export interface MailCaptureInput {
  file: string;
  dryRun?: boolean | undefined;
  /** Refuse the mailbox, writing nothing, when a message in it cannot be read. */
  strict?: boolean | undefined;
  /** Keep subjects (as the capture's title); otherwise only who, when and which thread. */
  withSubjects?: boolean | undefined;
  /** What the run is called (`tend sync list`); the file's absolute path when omitted (an upload names its file). */
  source?: string | undefined;
  /** Bytes of the mailbox read so far, of its size. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface MailCaptureSummary {
  kind: 'mail';
  file: string;
  dryRun: boolean;
  run?: number | undefined;
  messages: number;
  personal: number;
  created: number;
  unchanged: number;
  skipped: Record<MailSkipReason | 'no_date', number>;
  /** People (addresses) written with that Tend does not know and the review list did not hold yet. */
  newStrangers: number;
  knowsMe: boolean;
  changedNothing: boolean;
  /** Damaged messages, left out with their line; everything before and after is kept. */
  problems: { line: number; message: string }[];
}

export interface Touch {
  key: string;
  series: string;
  /**
   * The key an earlier version gave a Gmail message (its X-GM-THRID thread): a capture under it
   * stands for this one, so that re-reading a Takeout mailbox read before adds nothing.
   */
  gmail?: { key: string; series: string } | undefined;
  email: string;
  name?: string | undefined;
  date: string;
  title: string | null;
}

class Rollback extends Error {
  constructor(readonly summary: MailCaptureSummary) {
    super('rolled back');
  }
}

type Headers = ReadonlyMap<string, string[]>;

/** Every header the rules below read (the mbox reader keeps only these): no other name type-checks. */
const MAIL_HEADER_NAMES = [
  'from',
  'to',
  'cc',
  'date',
  'subject',
  'message-id',
  'references',
  'in-reply-to',
  'x-gm-thrid',
  'list-id',
  'list-unsubscribe',
  'precedence',
  'auto-submitted',
  'x-autoreply',
  'x-autorespond',
  'x-auto-response-suppress',
] as const;
type MailHeaderName = (typeof MAIL_HEADER_NAMES)[number];
export const MAIL_HEADERS: ReadonlySet<string> = new Set(MAIL_HEADER_NAMES);

const all = (m: { headers: Headers }, name: MailHeaderName): string[] => m.headers.get(name) ?? [];
const first = (m: { headers: Headers }, name: MailHeaderName): string | undefined => m.headers.get(name)?.[0];
const has = (m: { headers: Headers }, name: MailHeaderName): boolean => m.headers.has(name);

function headersOf(m: { headers: Headers }): MailHeaders {
  return {
    from: parseAddressList(first(m, 'from'))[0],
    to: all(m, 'to').flatMap((v) => parseAddressList(v)),
    cc: all(m, 'cc').flatMap((v) => parseAddressList(v)),
    listId: first(m, 'list-id'),
    listUnsubscribe: first(m, 'list-unsubscribe'),
    precedence: first(m, 'precedence'),
    autoSubmitted: first(m, 'auto-submitted'),
    autoReply:
      has(m, 'x-autoreply') ||
      has(m, 'x-autorespond') ||
      /^all$/i.test(first(m, 'x-auto-response-suppress') ?? ''),
  };
}

/**
 * The thread a message belongs to, by its Message-IDs, so that one message read from two places
 * (a Takeout file and Thunderbird, a file and IMAP) is one: the first message it refers to, else
 * itself; Gmail's thread id only when the message has no Message-ID at all.
 */
function threadOf(m: { headers: Headers }, fallback: string): string {
  const root =
    messageIds(first(m, 'references'))[0] ??
    messageIds(first(m, 'in-reply-to'))[0] ??
    messageIds(first(m, 'message-id'))[0];
  const gm = first(m, 'x-gm-thrid')?.trim();
  return root ?? (gm ? `gm:${gm}` : fallback);
}

export const noMailSkips = (): MailCaptureSummary['skipped'] => ({
  bulk: 0,
  automatic: 0,
  no_reply: 0,
  too_many_recipients: 0,
  not_to_me: 0,
  no_sender: 0,
  no_date: 0,
});

/**
 * `tend import mail FILE.mbox`: headers only, streamed. Each personal message becomes a `message`
 * interaction with each person it was with, at most one per person per thread per day; a
 * re-read changes nothing. Damaged messages are reported with their line and left out.
 */
export async function importMail(ctx: AppContext, input: MailCaptureInput): Promise<MailCaptureSummary> {
  let head: Uint8Array;
  try {
    const fh = await open(input.file, 'r');
    try {
      const buf = new Uint8Array(4096);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new DomainError(
      'invalid_input',
      `cannot read ${input.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      {
        file: input.file,
      },
    );
  }
  const sniffed = sniff(head, 'an mbox mailbox (Gmail Takeout, Thunderbird)');
  if (!sniffed.ok)
    throw new DomainError('import_wrong_format', `${input.file}: ${sniffed.message}; nothing was imported`, {
      file: input.file,
      reason: sniffed.code,
      expected: 'mail',
    });
  // Mail is 8-bit on the wire and in every mbox; UTF-16 means a converter or an editor re-saved it.
  if (sniffed.encoding === 'utf-16le' || sniffed.encoding === 'utf-16be')
    throw new DomainError(
      'import_wrong_format',
      `${input.file}: this file is UTF-16 text, which an mbox mailbox never is (was it re-saved by an editor?): convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8); nothing was imported`,
      { file: input.file, reason: 'utf16', expected: 'mail' },
    );
  const start = mboxStart(head);
  if (!start.ok)
    throw new DomainError(
      'import_wrong_format',
      `${input.file}, line ${start.line}: not an mbox mailbox (expected a "From " line, found ${JSON.stringify(start.found)}); nothing was imported`,
      { file: input.file, line: start.line, reason: 'not_mbox', expected: 'mail' },
    );

  const me = new Set(await repo.myEmails(ctx.db));
  const skipped = noMailSkips();
  const problems: MailCaptureSummary['problems'] = [];
  const touches = new Map<string, Touch>();
  let messages = 0;
  let personal = 0;
  const total = (await stat(input.file)).size;
  const counted = async function* (): AsyncGenerator<Uint8Array> {
    let done = 0;
    for await (const chunk of createReadStream(input.file, { highWaterMark: 1 << 20 })) {
      done += (chunk as Buffer).length;
      input.onProgress?.(done, total);
      yield chunk as Buffer;
    }
  };
  for await (const item of readMbox(counted(), { headers: MAIL_HEADERS })) {
    if (item.kind === 'damaged') {
      messages++;
      problems.push({
        line: item.damage.line,
        message: `message ${item.damage.index}: ${item.damage.message}; left out`,
      });
      continue;
    }
    messages++;
    const m = item.message;
    const r = touchesOfMessage(m, `message:${m.index}`, me, ctx.settings, input.withSubjects === true);
    if (!r.ok) {
      skipped[r.reason]++;
      if (r.reason === 'no_date')
        problems.push({ line: m.line, message: `message ${m.index}: no readable Date header; left out` });
      continue;
    }
    personal++;
    for (const t of r.touches)
      if (!touches.has(`${t.key}\u0000${t.email}`)) touches.set(`${t.key}\u0000${t.email}`, t);
  }

  // Every problem here is a message left out (damaged, or without a readable date).
  if (input.strict) refuseLeftOut(input.file, problems.length, problems, 'message');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const now = nowIso(ctx);
      const runId = await repo.insertRun(trx, 'mail', input.source ?? path.resolve(input.file), now);
      const { created, unchanged, newStrangers, strangerRows } = await writeTouches(
        trx,
        runId,
        me,
        [...touches.values()],
        now,
      );
      const summary: MailCaptureSummary = {
        kind: 'mail',
        file: input.file,
        dryRun: input.dryRun === true,
        messages,
        personal,
        created,
        unchanged,
        skipped,
        newStrangers,
        knowsMe: me.size > 0,
        changedNothing: created + strangerRows === 0,
        problems,
      };
      if (summary.dryRun || summary.changedNothing) throw new Rollback(summary);
      await repo.finishRun(trx, runId, { created, unchanged, messages, personal }, now);
      return { ...summary, run: runId };
    });
  } catch (e) {
    if (e instanceof Rollback) return e.summary;
    throw e;
  }
}

/**
 * The rules for one message's headers (an mbox message or an IMAP fetch alike): who it was a
 * conversation with, keyed by thread and day; or why it does not count.
 */
export function touchesOfMessage(
  m: { headers: Headers },
  fallbackId: string,
  me: ReadonlySet<string>,
  settings: AppContext['settings'],
  withSubjects: boolean,
): { ok: true; touches: Touch[] } | { ok: false; reason: MailSkipReason | 'no_date' } {
  const v = judgeMessage(headersOf(m), me, settings);
  if (!v.personal) return { ok: false, reason: v.reason };
  const sent = parseMailDate(first(m, 'date'));
  if (sent === undefined) return { ok: false, reason: 'no_date' };
  // The day as the writer's clock showed it; a header without an offset, the local day.
  const day = dayAsWritten(first(m, 'date'), sent) ?? dayOf(new Date(sent));
  const thread = threadOf(m, fallbackId);
  const gm = first(m, 'x-gm-thrid')?.trim();
  const gmail = gm && `gm:${gm}` !== thread ? { key: `gm:${gm}|${day}`, series: `gm:${gm}` } : undefined;
  const subject = withSubjects ? decodeWords(first(m, 'subject') ?? '').trim() || null : null;
  const key = `${thread}|${day}`;
  return {
    ok: true,
    touches: v.with.map((a) => ({
      key,
      series: thread,
      gmail,
      email: a.email,
      name: a.name,
      date: day,
      title: subject,
    })),
  };
}

/**
 * Writes conversations under `runId`: one `message` interaction per known person per thread per
 * day, never twice (a re-read, or a mailbox read again after its UIDVALIDITY changed, adds
 * nothing); people not known go to the review list.
 */
export async function writeTouches(
  trx: Db,
  runId: number,
  me: ReadonlySet<string>,
  touches: readonly Touch[],
  now: string,
): Promise<{ created: number; unchanged: number; newStrangers: number; strangerRows: number }> {
  const known = await repo.peopleByEmail(trx);
  const ignored = await repo.ignoredEmails(trx);
  const list = [...touches].sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
  const existing = await repo.capturesOfSeries(trx, 'mail', [
    ...new Set(list.flatMap((t) => (t.gmail ? [t.series, t.gmail.series] : [t.series]))),
  ]);
  const had = new Set(existing.map((c) => `${c.key}\u0000${c.personId}`));
  // People not in Tend seen under a Gmail thread key before threads were keyed by Message-ID.
  const legacy = [...new Set(list.flatMap((t) => (t.gmail ? [t.gmail.key] : [])))];
  const sightedBefore =
    legacy.length > 0 ? await repo.strangerSightings(trx, 'mail', legacy) : new Set<string>();
  const people = new Set<number>();
  let created = 0;
  let unchanged = 0;
  const fresh: Omit<repo.NewCapture, 'interactionId'>[] = [];
  const strangers: repo.Stranger[] = [];
  for (const t of list) {
    const personId = known.get(t.email);
    if (personId === undefined) {
      if (t.gmail && sightedBefore.has(`${t.gmail.key}\u0000${t.email}`)) continue;
      if (!ignored.has(t.email) && !me.has(t.email))
        strangers.push({
          kind: 'mail',
          key: t.key,
          email: t.email,
          name: t.name,
          date: t.date,
          channel: 'message',
        });
      continue;
    }
    if (had.has(`${t.key}\u0000${personId}`) || (t.gmail && had.has(`${t.gmail.key}\u0000${personId}`))) {
      unchanged++;
      continue;
    }
    had.add(`${t.key}\u0000${personId}`);
    fresh.push({
      kind: 'mail',
      key: t.key,
      series: t.series,
      personId,
      date: t.date,
      channel: 'message',
      version: 0,
      title: t.title,
      runId,
    });
    people.add(personId);
    created++;
  }
  await repo.insertCaptures(trx, await withInteractions(trx, fresh, now), now);
  const strangersAdded = await repo.addStrangers(trx, strangers, runId);
  await refreshContactDays(trx, [...people]);
  return { created, unchanged, newStrangers: strangersAdded.people, strangerRows: strangersAdded.rows };
}
