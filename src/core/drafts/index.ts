import { daysBetween } from '../dates.js';
import type { Day } from '../types.js';
import { displayName, firstName } from './names.js';
import { baseOfThird, phrase, tidy, upperFirst, withArticle, type Phrase } from './phrasing.js';

/**
 * Drafts: the messages Tend suggests the user send, written as a thoughtful person would —
 * a greeting by first name, why I am writing, the concrete offer or question, an easy way to
 * say no, a sign-off — from the facts only (names, need and offer texts, where and when we met,
 * a promise and its due date). Pure: the same facts give the same words.
 */

export { displayName, firstName } from './names.js';

const SIGN_OFF = 'All the best.';

/** Greeting, one paragraph of sentences, sign-off; tidied. */
function letter(to: string, sentences: readonly (string | undefined)[]): string {
  const body = sentences.filter((s): s is string => s !== undefined && s !== '').join(' ');
  return tidy(`Hi ${firstName(to)},\n\n${body}\n\n${SIGN_OFF}`);
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
function weekday(day: Day): string {
  return weekdays[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? '';
}
/** "Friday 13 March"; "today". */
function onDay(day: Day, today: Day | undefined): string {
  if (today !== undefined && day === today) return 'today';
  const [, m = '1', d = '1'] = day.split('-');
  return `${weekday(day)} ${Number(d)} ${months[Number(m) - 1] ?? ''}`;
}
/** When something happened, as a person would say it a few days later. */
function ago(day: Day | undefined, today: Day | undefined): string | undefined {
  if (day === undefined || today === undefined) return undefined;
  const n = daysBetween(day, today);
  if (n < 0) return undefined;
  if (n === 0) return 'today';
  if (n === 1) return 'yesterday';
  if (n < 7) return `on ${weekday(day)}`;
  if (n < 14) return 'last week';
  return undefined;
}

/** The first word of a phrase in the base form ("needs a bank" → "need a bank"). */
function rebase(text: string): string {
  const [w = '', ...rest] = text.split(' ');
  const base = w === 'would' ? 'would' : baseOfThird(w);
  return [base ?? w, ...rest].join(' ');
}
const startsThird = (text: string): boolean => baseOfThird(text.split(' ')[0] ?? '') !== undefined;

/** A need as a clause about "you" or "they": "you're hiring …", "they are looking for a …". */
function needClause(p: Phrase, who: 'you' | 'they'): string {
  const are = who === 'you' ? "you're" : 'they are';
  switch (p.form) {
    case 'clause':
      return p.text;
    case 'gerund':
      return `${are} ${p.text}`;
    case 'need':
      return p.text.startsWith('would like')
        ? `${who === 'you' ? "you'd" : 'they would'} ${p.text.slice('would '.length)}`
        : `${who} ${rebase(p.text)}`;
    case 'verb':
      return startsThird(p.text)
        ? `${who} ${rebase(p.text)}`
        : `${who === 'you' ? "you'd" : 'they would'} like to ${p.text}`;
    case 'role':
    case 'thing':
    case 'question':
      return `${are} looking for ${withArticle(p.text)}`;
  }
}

/** A question as it was asked, shortened, ending with one question mark. */
function question(text: string, recipient: string | undefined): string {
  return `${upperFirst(phrase(text, { to: 'keep', recipient }).text.replace(/[?\s]+$/, ''))}?`;
}

/** "You mentioned you're hiring …." — or, for a question, the question itself. */
function needSentenceToThem(need: string, to: string, other?: string): string {
  const p = phrase(need, { subject: to, recipient: to, to: 'you' });
  if (p.form === 'question') return `You asked, “${question(need, other)}”`;
  return `You mentioned ${needClause(p, 'you')}.`;
}

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
    myOffer(d.offer, d.to),
    'Would a short call this week or next be useful?',
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
  if (d.line) {
    const p = phrase(d.line, { subject: d.to, recipient: d.to, to: 'you', max: 90 });
    if (p.form === 'role') about = `I enjoyed hearing about your work as ${withArticle(p.text)}.`;
    else if (p.form === 'thing') about = `I enjoyed our chat about ${p.text}.`;
    else if (p.form !== 'question')
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

/** Keep a promise I made: what I promised, by when, and a way to let me off if it is no longer useful. */
export function promiseDraft(d: { to: string; text: string; due: Day; today: Day }): string {
  const p = phrase(d.text, { subject: d.to, recipient: d.to, to: 'you', firstPerson: 'keep' });
  // "I'll send …", "I will send …": the promise without its "I will".
  const text = p.text.replace(/^(I'll|I will|I['’]m going to|I am going to)\s+/i, '');
  const late = daysBetween(d.due, d.today);
  const by = d.due === d.today ? 'by today' : `by ${onDay(d.due, d.today)}`;
  const [w0 = '', w1 = ''] = text.toLowerCase().split(' ');
  const verbal =
    p.form === 'verb' ||
    p.form === 'gerund' ||
    (p.form === 'thing' && /^(you|them|it|back|over)$/.test(w1)) ||
    (p.form === 'clause' && w0 !== 'i');
  const what =
    p.form === 'clause' && w0 === 'i'
      ? `I said ${text} ${by}.`
      : verbal
        ? `I promised to ${text} ${by}.`
        : `I promised you ${withArticle(text)} ${by}.`;
  return letter(d.to, [
    what,
    late > 0
      ? "Sorry it's taking longer than I said: I haven't forgotten, and I'll get it done this week."
      : "I haven't forgotten, and I'm on it.",
    "If it's no longer useful, just say so and I'll let it go.",
  ]);
}

export interface IntroFacts {
  /** The person the draft is written to. */
  to: string;
  /** The person they would be introduced to. */
  other: string;
  /** The need of the one who needs, in their words. */
  need?: string | undefined;
  /** The offer of the one who gives, in their words. */
  offer?: string | undefined;
  /** Why they should meet, in the user's words (used when there is no need text). */
  reason?: string | undefined;
}

/** The reason in the user's words, with the recipient as "you". */
function reasonSentence(f: IntroFacts): string {
  const r = phrase(f.reason ?? '', { subject: f.to, recipient: f.to, to: 'you', max: 160 }).text;
  return `I think you and ${displayName(f.other)} should meet, and here's why: ${r}.`;
}

/** To the one with the need: "You mentioned …; I know X, who …; would you like an introduction?" */
export function introToNeederDraft(f: IntroFacts): string {
  const other = displayName(f.other);
  let who = other;
  if (f.offer) {
    const p = phrase(f.offer, { subject: f.other, recipient: f.to, to: 'they' });
    const raw = phrase(f.offer, { subject: f.other, recipient: f.to, to: 'keep' });
    who =
      p.form === 'role'
        ? `${other}, ${withArticle(p.text)},`
        : p.form === 'gerund'
          ? `${other}, who is ${p.text},`
          : p.form === 'verb'
            ? startsThird(raw.text)
              ? `${other}, who ${raw.text},`
              : `${other}, who can ${p.text},`
            : p.form === 'clause'
              ? `${other}, who mentioned ${p.text},`
              : `${other}, who can help with ${p.text},`;
  }
  const opening = f.need
    ? [needSentenceToThem(f.need, f.to, f.other), `I know ${who} and I think you two should talk.`]
    : f.reason
      ? [reasonSentence(f)]
      : [`I think you and ${who} should meet.`];
  return letter(f.to, [
    ...opening,
    'Would you like an introduction?',
    `If so, I'll check with ${firstName(f.other)} too and then connect you both.`,
    "If the timing isn't right, no problem at all; just let me know.",
  ]);
}

/** To the one who could help: "I know X, who mentioned they …; I thought of you since …". */
export function introToGiverDraft(f: IntroFacts): string {
  const other = displayName(f.other);
  let why = 'I thought of you.';
  if (f.offer) {
    const p = phrase(f.offer, { subject: f.to, recipient: f.to, to: 'you' });
    const mine =
      p.form === 'role'
        ? `you're ${withArticle(p.text)}`
        : p.form === 'gerund'
          ? `you're ${p.text}`
          : p.form === 'verb'
            ? startsThird(p.text)
              ? `you ${rebase(p.text)}`
              : `you can ${p.text}`
            : p.form === 'clause'
              ? p.text
              : `you mentioned you could help with ${p.text}`;
    why = `I thought of you, since ${mine}.`;
  }
  let opening: string[];
  if (f.need) {
    const p = phrase(f.need, { subject: f.other, recipient: f.to, to: 'they' });
    opening =
      p.form === 'question'
        ? [`${other} asked me, “${question(f.need, f.to)}”`, why]
        : [`I know ${other}, who mentioned ${needClause(p, 'they')}.`, why];
  } else opening = f.reason ? [reasonSentence(f)] : [`I think you and ${other} should meet.`];
  return letter(f.to, [
    ...opening,
    'Would you be open to an introduction?',
    `If so, I'll check with ${firstName(f.other)} too and then connect you both.`,
    "And if it's not for you, that's completely fine; just say so.",
  ]);
}

/** A nudge on an introduction I asked about and have not heard back on. */
export function introNudgeDraft(d: { to: string; other: string }): string {
  return letter(d.to, [
    `A quick follow-up on my note about meeting ${displayName(d.other)}.`,
    'Would you like me to introduce you?',
    `Either answer is fine; I'd just like to let ${firstName(d.other)} know.`,
  ]);
}

/**
 * Ask someone for a referral (an ask: only after giving first). `ask` is what I ask for in my
 * words ("a referral to her CFO"); `why` what I am trying to do ("I'm looking for fintech clients").
 */
export function referralAskDraft(d: { to: string; ask: string; why?: string | undefined }): string {
  const p = phrase(d.ask, { subject: d.to, recipient: d.to, to: 'you', firstPerson: 'keep' });
  const request =
    p.form === 'verb'
      ? `Would you be willing to ${p.text}?`
      : p.form === 'clause' || p.form === 'question'
        ? `${upperFirst(p.text)}?`
        : `Would you be willing to give me ${withArticle(p.text)}?`;
  const why = d.why
    ? `${upperFirst(phrase(d.why, { recipient: d.to, to: 'keep' }).text)}, and I thought you might be able to help.`
    : undefined;
  return letter(d.to, [
    'I have a favour to ask, and please feel free to say no.',
    why,
    request,
    "If it doesn't feel right, just say so; no hard feelings, and it changes nothing between us.",
  ]);
}

/** Pass a referral: a prospect who agreed to be introduced, and what they need. */
export function referralNoteDraft(d: { to: string; prospect: string; need?: string | undefined }): string {
  const prospect = displayName(d.prospect);
  const need = d.need
    ? `${firstName(d.prospect)} mentioned ${needClause(phrase(d.need, { subject: d.prospect, recipient: d.to, to: 'they' }), 'they')}, and I thought of you.`
    : 'I thought of you.';
  return letter(d.to, [
    `I'd like to refer ${prospect} to you.`,
    need,
    `${firstName(d.prospect)} is happy for me to connect you: shall I introduce you both by email?`,
    "If it's not a fit, or you're at capacity, no problem; just let me know.",
  ]);
}

/** A birthday note: a small give. */
export function birthdayDraft(d: { to: string; on?: Day | undefined; today?: Day | undefined }): string {
  const early = d.on !== undefined && d.today !== undefined && d.on !== d.today;
  return letter(d.to, [
    early ? `Happy birthday for ${weekday(d.on ?? '')}!` : 'Happy birthday!',
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
