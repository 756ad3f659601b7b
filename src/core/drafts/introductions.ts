import { displayName, firstName } from './names.js';
import { letter, needClause, needSentenceToThem, question, rebase, startsThird } from './letter.js';
import { given, phrase, upperFirst, withArticle } from './phrasing.js';

/** Drafts between people: an introduction to each side, a nudge, a referral asked for or passed on. */

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

/** The facts with blank texts left out, so no sentence is built around nothing. */
function readable(f: IntroFacts): IntroFacts {
  // A reason made of the need and offer ("“a” ↔ “b”", as a proposal without one stores it) is not
  // the user's words: the texts say it better.
  const auto = /^["“].*["”] ↔ ["“].*["”]$/u.test(f.reason?.trim() ?? '');
  return { ...f, need: given(f.need), offer: given(f.offer), reason: auto ? undefined : given(f.reason) };
}

/** The reason in the user's words, with the recipient as "you". */
function reasonSentence(f: IntroFacts): string {
  const r = phrase(f.reason ?? '', { subject: f.to, recipient: f.to, to: 'you', max: 160 }).text;
  return `I think you and ${displayName(f.other)} should meet, and here's why: ${r}.`;
}

/** To the one with the need: "You mentioned …; I know X, who …; would you like an introduction?" */
export function introToNeederDraft(facts: IntroFacts): string {
  const f = readable(facts);
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
export function introToGiverDraft(facts: IntroFacts): string {
  const f = readable(facts);
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

/** What I am after, in the first person: "I'm looking for a steady pipeline of clients". */
function myAim(text: string, to: string): string {
  const p = phrase(text, { recipient: to, to: 'keep' });
  switch (p.form) {
    case 'clause':
      return p.text;
    case 'gerund':
      return `I'm ${p.text}`;
    case 'need':
      return `I ${rebase(p.text)}`;
    case 'verb':
      return `I'd like to ${p.text}`;
    default:
      return `I'm looking for ${withArticle(p.text)}`;
  }
}

/**
 * Ask someone for a referral (an ask: only after giving first). `ask` is what I ask for in my
 * words ("a referral to her CFO"); `why` what I am trying to do ("I'm looking for fintech clients").
 */
export function referralAskDraft(d: { to: string; ask: string; why?: string | undefined }): string {
  const p = phrase(d.ask, { subject: d.to, recipient: d.to, to: 'you', firstPerson: 'keep' });
  const request =
    given(d.ask) === undefined
      ? 'Would you be willing to refer me to someone you think I could help?'
      : p.form === 'verb'
        ? `Would you be willing to ${rebase(p.text)}?`
        : p.form === 'clause' || p.form === 'question'
          ? `${upperFirst(p.text)}?`
          : `Would you be willing to give me ${withArticle(p.text)}?`;
  const aim = given(d.why);
  const why = aim ? `${upperFirst(myAim(aim, d.to))}, and I thought you might be able to help.` : undefined;
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
  const needText = given(d.need);
  const need = needText
    ? `${firstName(d.prospect)} mentioned ${needClause(phrase(needText, { subject: d.prospect, recipient: d.to, to: 'they' }), 'they')}, and I thought of you.`
    : 'I thought of you.';
  return letter(d.to, [
    `I'd like to refer ${prospect} to you.`,
    need,
    `${firstName(d.prospect)} is happy for me to connect you: shall I introduce you both by email?`,
    "If it's not a fit, or you're at capacity, no problem; just let me know.",
  ]);
}
