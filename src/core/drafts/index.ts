import { daysBetween } from '../dates.js';
import type { Channel, Day } from '../types.js';
import {
  ago,
  letter,
  needClause,
  needSentenceToThem,
  onDay,
  rebase,
  startsThird,
  weekday,
} from './letter.js';
import { given, phrase, upperFirst, withArticle } from './phrasing.js';

/**
 * Drafts: the messages Tend suggests the user send, written as a thoughtful person would —
 * a greeting by first name, why I am writing, the concrete offer or question, an easy way to
 * say no, a sign-off — from the facts only (names, need and offer texts, where and when we met,
 * a promise and its due date). Pure: the same facts give the same words.
 */

export { displayName, firstName } from './names.js';
export {
  introNudgeDraft,
  introToGiverDraft,
  introToNeederDraft,
  referralAskDraft,
  referralNoteDraft,
  type IntroFacts,
} from './introductions.js';

/** My own offer in the first person: "I could help with SQL tuning." */
function myOffer(offer: string, to: string): string {
  const p = phrase(offer, { recipient: to, to: 'keep' });
  switch (p.form) {
    case 'clause':
      return `${upperFirst(p.text)}.`;
    case 'gerund':
      return /^helping\s/.test(p.text)
        ? `I could ${p.text.replace(/^helping/, 'help')}.`
        : `I could help by ${p.text}.`;
    case 'verb':
      return startsThird(p.text) ? `I could help: I ${rebase(p.text)}.` : `I could ${p.text}.`;
    case 'role':
      return `I'm ${withArticle(p.text)}, so I may be able to help.`;
    default:
      return `I could help with ${withArticle(p.text)}.`;
  }
}

/**
 * Offer help for someone's need.
 * @example giveDraft({ to: 'Jonas Weber', need: 'Postgres expert', offer: 'SQL tuning' })
 *   // "Hi Jonas,\n\nYou mentioned you're looking for a Postgres expert. I could help with SQL tuning. …"
 */
export function giveDraft(d: { to: string; need: string; offer: string }): string {
  return letter(d.to, [
    needSentenceToThem(d.need, d.to),
    given(d.offer) !== undefined ? myOffer(d.offer, d.to) : "I'd be glad to help.",
    // The next step the offer calls for: people to meet, or a conversation.
    /\b(intros?|introductions?|introduce|referrals?|connections?|contacts?|network)\b/i.test(d.offer)
      ? 'Would you like me to put you in touch with one or two people?'
      : 'Would a short call this week or next be useful?',
    "There's no catch, and if you already have it covered, just say so.",
  ]);
}

/** After meeting someone (at an event, or anywhere): a coffee or a call. */
export function followUpDraft(d: {
  to: string;
  event?: string | undefined;
  eventDate?: Day | undefined;
  today?: Day | undefined;
  line?: string | undefined;
}): string {
  const when = ago(d.eventDate, d.today);
  const event = d.event ? ` at ${eventName(d.event)}` : '';
  let about: string | undefined;
  if (given(d.line) !== undefined && d.line !== undefined) {
    const p = phrase(d.line, { subject: d.to, recipient: d.to, to: 'you', max: 90 });
    if (p.form === 'role') about = `I enjoyed hearing about your work as ${withArticle(p.text)}.`;
    else if (p.form === 'thing') {
      // "dbt shop, wants Postgres help": a note jotted down; the doing is what to pick up on.
      const doing = /, (\p{L}+) (.+)$/u.exec(p.text);
      about =
        doing && startsThird(doing[1] ?? '')
          ? `You mentioned you ${rebase(`${doing[1] ?? ''} ${doing[2] ?? ''}`)}, and I'd like to hear more.`
          : `I enjoyed our chat about ${p.text}.`;
    } else if (p.form !== 'question')
      about = `You mentioned ${needClause(p.form === 'verb' && !startsThird(p.text) ? { ...p, text: `you ${p.text}`, form: 'clause' } : p, 'you')}, and I'd like to hear more.`;
  }
  return letter(d.to, [
    `It was good to meet you${event}${when ? ` ${when}` : ''}.`,
    about,
    'Would you be up for a coffee or a short call next week?',
    'If things are busy, no worries; another time is fine.',
  ]);
}

/** "the Founders Dinner", but "PyCon DE": an article only before a common noun. */
function eventName(name: string): string {
  const nouns =
    /\b(meetup|conference|summit|dinner|breakfast|lunch|workshop|hackathon|party|meeting|event|fair|festival|night|drinks|mixer|forum|retreat|gathering|talk|panel|week|day|days|camp|expo)$/i;
  return /^(the|a|an)\s/i.test(name) || !nouns.test(name.trim()) ? name : `the ${name}`;
}

/**
 * A fading tie: get back in touch by a real channel. `lastReal` is the last real conversation
 * (none: we have only ever been in touch through a tool).
 */
export function reconnectDraft(d: {
  to: string;
  lastReal?: Day | undefined;
  today?: Day | undefined;
}): string {
  let opening: string;
  if (d.lastReal === undefined)
    opening = "We've been connected for a while but have never properly talked, and I'd like to change that.";
  else {
    const days = d.today !== undefined ? daysBetween(d.lastReal, d.today) : undefined;
    const span =
      days === undefined
        ? 'a while'
        : days < 45
          ? 'a few weeks'
          : days < 365
            ? 'a few months'
            : 'over a year';
    opening = `It's been ${span} since we last spoke, and I was thinking of you.`;
  }
  return letter(d.to, [
    opening,
    'How are things with you?',
    "I'd love to catch up properly: would a coffee or a call in the next couple of weeks work?",
    "And if now's a busy time, no worries at all.",
  ]);
}

/** "I promised to send you the deck by Friday 28 Nov.": a promise as I would say it to them. */
function promiseSentence(d: { to: string; text: string; due: Day; today: Day }): string {
  const p = phrase(d.text, { subject: d.to, recipient: d.to, to: 'you', firstPerson: 'keep' });
  // "I'll send …", "I will send …": the promise without its "I will".
  let text =
    given(d.text) === undefined
      ? 'something'
      : p.text.replace(/^(I'll|I will|I['’]m going to|I am going to)\s+/i, '');
  const by = d.due === d.today ? 'by today' : `by ${onDay(d.due, d.today)}`;
  const [w0 = '', w1 = ''] = text.toLowerCase().split(' ');
  // "send my notes": what I send, I send to you.
  const giving = /^(send|forward|email|lend|bring|pass|mail|show)\s(?!you\b|it\b|them\b|back\b|over\b)/i;
  if (p.form === 'verb' && giving.test(text)) text = text.replace(/^(\S+)\s/, '$1 you ');
  else if (p.form === 'verb' && /^(share|post)\s/i.test(text) && !/\byou\b/.test(text))
    text = `${text} with you`;
  const verbal =
    p.form === 'verb' ||
    p.form === 'gerund' ||
    (p.form === 'thing' && /^(you|them|it|back|over)$/.test(w1)) ||
    (p.form === 'clause' && w0 !== 'i');
  return p.form === 'clause' && w0 === 'i'
    ? `I said ${text} ${by}.`
    : verbal
      ? `I promised to ${text} ${by}.`
      : `I promised you ${withArticle(text)} ${by}.`;
}

/** Keep a promise I made: what I promised, by when, and a way to let me off if it is no longer useful. */
export function promiseDraft(d: { to: string; text: string; due: Day; today: Day }): string {
  const late = daysBetween(d.due, d.today);
  const what = promiseSentence(d);
  return letter(d.to, [
    what,
    late > 0
      ? "Sorry it's taking longer than I said: I haven't forgotten, and I'll get it done this week."
      : "I haven't forgotten, and I'm on it.",
    "If it's no longer useful, just say so and I'll let it go.",
  ]);
}

/** A birthday note: a small give. */
export function birthdayDraft(d: { to: string; on?: Day | undefined; today?: Day | undefined }): string {
  const ahead = d.on !== undefined && d.today !== undefined ? daysBetween(d.today, d.on) : 0;
  // A weekday names the coming one only; further ahead (the lookahead may be weeks) the date does.
  const when = ahead === 1 ? 'tomorrow' : ahead < 7 ? weekday(d.on ?? '') : onDay(d.on ?? '', d.today);
  return letter(d.to, [
    ahead > 0 ? `Happy birthday for ${when}!` : 'Happy birthday!',
    'I hope it is a good one, and that the year ahead treats you well.',
  ]);
}

/** Learn what could help someone: the question, and an easy way to answer. */
export function askNeedsDraft(d: { to: string }): string {
  return letter(d.to, [
    "I'd like to be more useful to the people I know, so I'm asking: what are you working on at the moment, and is there anything I could help with?",
    'An introduction, a second pair of eyes, anything at all.',
    'No need to think hard; a line back is plenty.',
  ]);
}

/**
 * After a meeting the calendar saw: thanks for it, what I promised them, what they need and
 * the help I could give. Only facts Tend holds; the meeting's title is never quoted back.
 * @example meetingFollowUpDraft({ to: 'Jonas Weber', day: '2026-11-24', today: '2026-11-26', channel: 'call',
 *   promises: [{ text: 'send the deck', due: '2026-11-28' }] })
 *   // "Hi Jonas,\n\nThanks for the call on Tuesday. I promised to send you the deck by Friday 28 Nov. …"
 */
export function meetingFollowUpDraft(d: {
  to: string;
  day: Day;
  today: Day;
  channel: Channel;
  promises: readonly { text: string; due: Day }[];
  need?: { text: string; give?: { offerText: string; via?: string | undefined } | undefined } | undefined;
}): string {
  const when = ago(d.day, d.today);
  const [promise] = d.promises;
  let help: string | undefined;
  if (d.need?.give !== undefined)
    help =
      d.need.give.via !== undefined
        ? `I could introduce you to ${d.need.give.via}, who offers ${withArticle(d.need.give.offerText)}.`
        : myOffer(d.need.give.offerText, d.to);
  return letter(d.to, [
    `Thanks for the ${d.channel === 'in_person' ? 'time together' : 'call'}${when ? ` ${when}` : ''}.`,
    promise &&
      `${promiseSentence({ to: d.to, ...promise, today: d.today }).replace(/\.$/, '')}, and I'm on it.`,
    d.promises.length > 1
      ? `The other ${d.promises.length === 2 ? 'thing' : 'things'} I said I'd do ${d.promises.length === 2 ? 'is' : 'are'} on my list too.`
      : undefined,
    d.need && needSentenceToThem(d.need.text, d.to),
    help,
    help ? 'If that would help, say the word; if you have it covered, no worries.' : undefined,
  ]);
}
