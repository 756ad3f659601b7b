import type { Settings } from './settings.js';

/**
 * Which messages of a mailbox are personal (DESIGN.md "Capture without typing"), pure: headers in,
 * a decision out. Newsletters, notifications, auto-replies and messages to many never count.
 */

export interface MailAddress {
  email: string;
  name?: string | undefined;
}

export interface MailHeaders {
  from?: MailAddress | undefined;
  to: readonly MailAddress[];
  cc: readonly MailAddress[];
  listId?: string | undefined;
  listUnsubscribe?: string | undefined;
  precedence?: string | undefined;
  autoSubmitted?: string | undefined;
  /** X-Autoreply, X-Autorespond, X-Auto-Response-Suppress: All (Exchange's out-of-office). */
  autoReply?: boolean | undefined;
}

export type MailSkipReason =
  'bulk' | 'automatic' | 'no_reply' | 'too_many_recipients' | 'not_to_me' | 'no_sender';

export type MailVerdict =
  { personal: true; sentByMe: boolean; with: MailAddress[] } | { personal: false; reason: MailSkipReason };

/**
 * Senders nobody answers: no-reply addresses and mail robots, the word standing alone or as one
 * part of the address (`drive-shares-dm-noreply@google.com`, `calendar-notification@google.com`),
 * not inside another word (`ernotify@`); words a person's address may also hold (newsletter,
 * notify, bounce) only at its start (`newsletter@`, but not `newsletter.editor@`).
 */
const noReply =
  /^(?:(?:[^@]*[-+._])?(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|mailer-daemon|postmaster|bounces|notifications?)(?:[-+._][^@]*)?|(?:bounce|notify|newsletters?)(?:\+[^@]*)?)@/i;

/**
 * A message is personal when it is not bulk (List-Id, List-Unsubscribe, Precedence bulk/list/junk)
 * nor automatic (Auto-Submitted other than "no", an auto-reply, a no-reply sender), and either I
 * sent it to at most `capture.maxRecipients` people, or someone sent it to me directly (To or Cc)
 * with no more recipients than that. Sent by me: each recipient; sent to me: the sender.
 * @example judgeMessage({ from: { email: 'jonas@example.org' }, to: [{ email: 'me@example.com' }], cc: [] }, me, s)
 */
export function judgeMessage(
  m: MailHeaders,
  me: ReadonlySet<string>,
  s: Pick<Settings, 'capture'>,
): MailVerdict {
  if (m.from === undefined) return { personal: false, reason: 'no_sender' };
  if (m.listId !== undefined || m.listUnsubscribe !== undefined) return { personal: false, reason: 'bulk' };
  if (m.precedence !== undefined && /^(bulk|list|junk)$/i.test(m.precedence.trim()))
    return { personal: false, reason: 'bulk' };
  if (
    (m.autoSubmitted !== undefined && m.autoSubmitted.trim().toLowerCase() !== 'no') ||
    m.autoReply === true
  )
    return { personal: false, reason: 'automatic' };
  const sentByMe = me.has(m.from.email);
  if (!sentByMe && noReply.test(m.from.email)) return { personal: false, reason: 'no_reply' };
  const recipients = new Map<string, MailAddress>();
  for (const a of [...m.to, ...m.cc]) if (!recipients.has(a.email)) recipients.set(a.email, a);
  const others = [...recipients.values()].filter((a) => !me.has(a.email));
  if (others.length > s.capture.maxRecipients) return { personal: false, reason: 'too_many_recipients' };
  if (sentByMe) {
    const to = others.filter((a) => !noReply.test(a.email));
    return to.length === 0
      ? { personal: false, reason: 'not_to_me' }
      : { personal: true, sentByMe, with: to };
  }
  if (![...recipients.keys()].some((e) => me.has(e))) return { personal: false, reason: 'not_to_me' };
  return { personal: true, sentByMe, with: [m.from] };
}
