import { nameForms, nameRegexes } from './names.js';
import { lowerFirst, shorten, upperFirst } from './text.js';
import {
  adverbs,
  common,
  determiners,
  headEnds,
  ingNouns,
  nounyVerbs,
  irregularThird,
  massNouns,
  nounAfterIng,
  objectStarts,
  roles,
  strongVerbs,
  verbs,
} from './words.js';

/**
 * What a short typed text is, read from its first words:
 * - `clause`: it has a subject ("I'm hiring", "we need a bank", "Priya is hiring");
 * - `gerund`: a verb in progress without one ("hiring two engineers", "looking for a job");
 * - `need`: "need a sponsor bank", "wants an intro", "would like to meet …";
 * - `verb`: another verb ("find investors", "review my deck", "works at N26");
 * - `role`: a person described ("experienced data engineer", "Postgres consultant");
 * - `thing`: anything else, a noun phrase ("SQL tuning", "intro to a sponsor bank");
 * - `question`: it asks something ("Anyone know a good lawyer?").
 */
export type Form = 'clause' | 'gerund' | 'need' | 'verb' | 'role' | 'thing' | 'question';

export interface Phrase {
  form: Form;
  /** The text, shortened, with persons shifted, without its closing punctuation. */
  text: string;
}

/** Who the text's person ("I", or its subject by name) becomes in the draft. */
export type Target = 'you' | 'they' | 'keep';

// Placeholders for the names found in a text: the person it is about, and the recipient.
const SUBJ = '\uE000';
const YOU = '\uE001';
const WORD = /[\p{L}\p{M}\uE000\uE001][\p{L}\p{M}\p{N}'’-]*|[^\p{L}\p{M}\uE000\uE001]+/gu;

const norm = (w: string): string => w.toLowerCase().replace(/’/g, "'");
const isWord = (t: string): boolean => /^[\p{L}\p{M}\uE000\uE001]/u.test(t);

/** "works" → "work", "teaches" → "teach", "is" → "are"; undefined when it is not a verb in -s. */
export function baseOfThird(word: string): string | undefined {
  const w = norm(word);
  const irregular = irregularThird[w];
  if (irregular !== undefined) return irregular;
  if (w.length < 3 || !w.endsWith('s') || w.endsWith('ss')) return undefined;
  const tries = [
    w.endsWith('ies') ? `${w.slice(0, -3)}y` : undefined,
    /(ch|sh|x|zz|o)es$/.test(w) ? w.slice(0, -2) : undefined,
    w.slice(0, -1),
  ];
  return tries.find((b) => b !== undefined && verbs.has(b));
}

function words(text: string): string[] {
  return (text.match(WORD) ?? []).filter(isWord).map(norm);
}

/** The head word of a noun phrase: the last word before a preposition, a relative or a comma. */
function head(text: string): string {
  const ws = text.split(/[\s,;:()]+/).filter((w) => w !== '');
  let last = ws[0] ?? '';
  for (const [i, w] of ws.entries()) {
    // "engineer looking for …" ends at "looking"; "SQL tuning" and "angel investing" do not.
    const participle = norm(w).endsWith('ing') && !ingNouns.has(norm(w)) && roles.has(norm(last));
    if (i > 0 && (headEnds.has(norm(w)) || participle)) break;
    last = w;
  }
  return last;
}

/** "a"/"an" before a noun phrase that needs one; nothing before plurals, mass nouns, names. */
export function withArticle(np: string): string {
  if (np.trim() === '') return np;
  const ws = np.split(' ');
  const firstWord = norm(ws[0] ?? '');
  if (determiners.has(firstWord) || /^\d/.test(firstWord) || firstWord.endsWith("'s")) return np;
  const h = head(np);
  const hn = norm(h);
  const plural = hn.endsWith('s') && !/(ss|us|is)$/.test(hn);
  const acronym = h.length > 1 && h === h.toUpperCase() && /\p{L}/u.test(h) && !roles.has(hn);
  const properAlone = ws.length === 1 && /^\p{Lu}/u.test(ws[0] ?? '') && !common.has(firstWord);
  if (plural || hn.endsWith('ing') || massNouns.has(hn) || acronym || properAlone) return np;
  const lead = ws[0] ?? '';
  const an =
    /^(hour|honest|honou?r|heir)/i.test(lead) ||
    (/^[aeio]/i.test(lead) && !/^(one|once)/i.test(lead)) ||
    /^u(n[^i]|[^n]|ni[nm])/i.test(lead) ||
    (lead.length > 1 && lead === lead.toUpperCase() && /^[AEFHILMNORSX]/.test(lead));
  return `${an ? 'an' : 'a'} ${np}`;
}

/** Classifies a text with its names already replaced by placeholders. */
function formOf(marked: string, asked: boolean): Form {
  if (asked) return 'question';
  const ws = words(marked);
  const [w0 = '', w1 = ''] = ws;
  const subjects = ['i', "i'm", "i've", "i'd", "i'll", 'we', "we're", "we've", "we'd", "we'll"];
  if (subjects.includes(w0) || ['he', 'she', 'they', "he's", "she's", "they're"].includes(w0))
    return 'clause';
  if (w0 === SUBJ || w0 === YOU) return baseOfThird(w1) !== undefined || adverbs.has(w1) ? 'clause' : 'thing';
  if (w0 === `${SUBJ}'s` || w0 === `${YOU}'s`) return w1.endsWith('ing') ? 'clause' : 'thing';
  if (['my', 'our', 'his', 'her', 'their'].includes(w0))
    return ws.slice(1, 4).some((w) => baseOfThird(w) !== undefined || ['are', 'need', 'want'].includes(w))
      ? 'clause'
      : 'thing';
  if (['need', 'needs', 'want', 'wants'].includes(w0) || (w0 === 'would' && w1 === 'like')) return 'need';
  if (w0.endsWith('ing') && w0.length > 4 && !ingNouns.has(w0) && !nounAfterIng.has(w1)) return 'gerund';
  if (strongVerbs.has(w0) || (verbs.has(w0) && objectStarts.has(w1))) return 'verb';
  if (verbs.has(w0) && w1 !== '' && !headEnds.has(w1)) {
    const rest = norm(head(marked.slice(marked.indexOf(' ') + 1)));
    const pluralHead = rest.endsWith('s') && !/(ss|us|is)$/.test(rest);
    if (!nounyVerbs.has(w0) || pluralHead) return 'verb';
  }
  if (baseOfThird(w0) !== undefined && w0 !== 'is' && w0 !== 'has') return 'verb';
  if (w0 === 'is' || w0 === 'has') return 'verb';
  return roles.has(norm(head(marked))) ? 'role' : 'thing';
}

interface ShiftOptions {
  /** What "I", "we", "my", "our" become. */
  firstPerson: Target;
  /** What the text's subject (found by name, or "he"/"she") becomes. */
  subject: Target;
  /** Whether "he", "she", "him", "her" stand for the subject (a text typed about them). */
  pronouns: boolean;
}

const firstPersonWords: Record<'you' | 'they', Record<string, string>> = {
  you: {
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    me: 'you',
    my: 'your',
    mine: 'yours',
    myself: 'yourself',
    we: 'you',
    "we're": "you're",
    "we've": "you've",
    "we'd": "you'd",
    "we'll": "you'll",
    us: 'you',
    our: 'your',
    ours: 'yours',
    ourselves: 'yourselves',
  },
  they: {
    "i'm": 'they are',
    "i've": "they've",
    "i'd": "they'd",
    "i'll": "they'll",
    me: 'them',
    my: 'their',
    mine: 'theirs',
    myself: 'themselves',
    we: 'they',
    "we're": 'they are',
    "we've": "they've",
    "we'd": "they'd",
    "we'll": "they'll",
    us: 'them',
    our: 'their',
    ours: 'theirs',
    ourselves: 'themselves',
  },
};
const thirdPersonWords: Record<'you' | 'they', Record<string, string>> = {
  you: { him: 'you', his: 'your', hers: 'yours', himself: 'yourself', herself: 'yourself' },
  they: { him: 'them', his: 'their', hers: 'theirs', himself: 'themselves', herself: 'themselves' },
};

/**
 * Shifts the persons of a text: "I'm hiring" → "you're hiring", "Priya needs" → "you need",
 * "send Jonas the deck" → "send you the deck"; verbs after a shifted subject agree.
 */
function shift(marked: string, o: ShiftOptions): string {
  const tokens = marked.match(WORD) ?? [];
  const out: string[] = [];
  const nextWord = (i: number): number => {
    let j = i + 1;
    while (j < tokens.length && !isWord(tokens[j] ?? '')) {
      if (/[^\s]/.test(tokens[j] ?? '')) return -1; // punctuation between: not a verb of this subject
      j++;
    }
    return j < tokens.length ? j : -1;
  };
  /** Makes the verb after a subject at i agree with "you"/"they". */
  const agree = (i: number): void => {
    let j = nextWord(i);
    if (j >= 0 && adverbs.has(norm(tokens[j] ?? ''))) j = nextWord(j);
    if (j < 0) return;
    const w = norm(tokens[j] ?? '');
    const base = w === 'am' ? 'are' : baseOfThird(w);
    if (base !== undefined) tokens[j] = base;
  };
  const sentenceStart = (): boolean => out.join('').trim() === '' || /[.!?]\s*$/.test(out.join(''));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    const w = norm(t);
    let r: string | undefined;
    const subjectTo = o.subject === 'keep' ? undefined : o.subject;
    if (w === YOU || w === `${YOU}'s`) {
      r = w === YOU ? 'you' : 'your';
      if (w === YOU) agree(i);
    } else if (w === SUBJ || w === `${SUBJ}'s`) {
      if (subjectTo === undefined) r = undefined;
      else if (w === SUBJ) {
        r = subjectTo;
        agree(i);
      } else {
        const j = nextWord(i);
        const progressive = j >= 0 && norm(tokens[j] ?? '').endsWith('ing');
        r = progressive
          ? subjectTo === 'you'
            ? "you're"
            : 'they are'
          : subjectTo === 'you'
            ? 'your'
            : 'their';
      }
    } else if (o.firstPerson !== 'keep' && (t === 'I' || firstPersonWords[o.firstPerson][w] !== undefined)) {
      if (t === 'I') {
        r = o.firstPerson;
        agree(i);
      } else if (w !== 'us' || t === 'us') r = firstPersonWords[o.firstPerson][w];
      if (w === 'we') agree(i);
    } else if (o.pronouns && subjectTo !== undefined) {
      if (w === 'he' || w === 'she') {
        r = subjectTo;
        agree(i);
      } else if (w === "he's" || w === "she's") r = subjectTo === 'you' ? "you're" : 'they are';
      else if (w === 'her') {
        const j = nextWord(i);
        const n = j >= 0 ? norm(tokens[j] ?? '') : '';
        r =
          j < 0 || headEnds.has(n) || determiners.has(n)
            ? subjectTo === 'you'
              ? 'you'
              : 'them'
            : subjectTo === 'you'
              ? 'your'
              : 'their';
      } else r = thirdPersonWords[subjectTo][w];
    }
    if (r === undefined) out.push(t);
    else out.push(/^\p{Lu}/u.test(t) && t !== 'I' && sentenceStart() ? upperFirst(r) : r);
  }
  return out.join('');
}

/** The names of people in a text, marked so the shift can find them. */
function mark(text: string, subject: string | undefined, recipient: string | undefined): string {
  let s = text;
  const people = [subject, recipient].filter((n): n is string => n !== undefined);
  const replace = (name: string, by: string): void => {
    const forms = nameForms(
      name,
      people.filter((n) => n !== name),
    );
    for (const re of nameRegexes(forms)) s = s.replace(re, by);
  };
  if (recipient !== undefined && recipient !== subject) replace(recipient, YOU);
  if (subject !== undefined) replace(subject, SUBJ);
  return s;
}

/**
 * Reads a typed text about `subject` (a need, an offer, a line) for a draft to `recipient`:
 * shortened, classified, and with its persons shifted.
 */
export function phrase(
  text: string,
  opts: {
    subject?: string | undefined;
    recipient?: string | undefined;
    /** What the subject becomes; also "I"/"we" unless `firstPerson` says otherwise. */
    to: Target;
    firstPerson?: Target;
    max?: number;
  },
): Phrase {
  const short = shorten(text, opts.max ?? 120);
  const marked = mark(short, opts.subject, opts.recipient);
  const form = formOf(marked, /\?["”'’\s]*$/u.test(text) && short !== '');
  const subjectIsRecipient = opts.subject !== undefined && opts.subject === opts.recipient;
  const shifted = shift(marked, {
    firstPerson: opts.firstPerson ?? opts.to,
    subject: opts.to,
    pronouns: subjectIsRecipient || opts.to !== 'keep',
  });
  // Names the shift left alone (a subject kept in the third person) come back as written.
  const restored = shifted.replace(/\uE000/g, opts.subject ?? '').replace(/\uE001/g, opts.recipient ?? '');
  // "Priya is hiring" → "you are hiring" → "you're hiring", as one would write it.
  const natural = restored.replace(/\b([Yy])ou are (?=\p{L})/gu, "$1ou're ");
  return { form, text: lowerFirst(natural.replace(/\s+/g, ' ').trim()) };
}

export { given, lowerFirst, shorten, tidy, upperFirst } from './text.js';
