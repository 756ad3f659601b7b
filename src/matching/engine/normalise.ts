/**
 * Text normalisation shared by every layer of the matcher, so that the taxonomy's terms and the
 * users' notes go through exactly the same pipeline (a term written "Series A" matches "series-a").
 */

/** Function words and filler typical of contact notes; they carry no kind of help. */
const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from into onto about as is are was were be been being ' +
    'am do does did doing have has had having i me my mine we us our ours you your yours he him his she her ' +
    'they them their it its this that these those there here what which who whom whose when where why how ' +
    'can could would should will shall may might must not no nor so than too very just also any some such ' +
    'all each every both either neither more most other another own same again further then once only ' +
    'up down out over under off now still even really quite get got getting looking look need needs needed ' +
    'want wants wanting help helping helps happy glad someone somebody anyone anybody something anything ' +
    'thing things lot lots bit way ways like etc im ive id dont cant wont re ve ll s t d m ' +
    // the odd non-English note: the commonest Spanish / German / French function words
    'el la los las un una unos unas de del y o en con por para que se su sus al es lo mi mis ' +
    'der die das den dem des ein eine einen einem einer und oder mit fur von zu im ist wir ich sie bei auf ' +
    'le les une et ou avec pour dans du au aux est nous je vous sur ce'
  ).split(' '),
);

/** Lowercase, strip accents (Straße → strasse, crédito → credito), keep letters, digits, + and #. */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}

/** Raw word tokens: letters/digits runs; "c++", "c#", ".net" and "k8s" survive as single tokens. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of normalize(text).matchAll(/[a-z0-9]+(?:[+#]+)?/g)) out.push(m[0]);
  return out;
}

const SUFFIXES = [
  'ational',
  'izations',
  'ization',
  'isations',
  'isation',
  'ements',
  'ement',
  'ments',
  'ment',
  'ings',
  'ing',
  'ions',
  'ion',
  'ers',
  'er',
  'ors',
  'or',
  'ists',
  'ist',
  'ants',
  'ant',
  'ies',
  'ed',
  'ly',
  'es',
  's',
];

/**
 * A deliberately light stemmer: it only has to make "investor / investing / investment" and
 * "recruiter / recruiting" meet; over-stemming is harmless because both sides use it.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  for (const suf of SUFFIXES) {
    if (w.endsWith(suf) && w.length - suf.length >= 3) {
      if (suf === 's' && (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is'))) break;
      w = suf === 'ies' ? w.slice(0, -3) + 'y' : w.slice(0, -suf.length);
      break;
    }
  }
  if (w.length >= 4 && w.endsWith('e')) w = w.slice(0, -1);
  // "planning" → "plann" → "plan": collapse a doubled final consonant left by -ing/-ed/-er.
  if (w.length > 4 && w[w.length - 1] === w[w.length - 2] && !/[aeiouls]/.test(w[w.length - 1] ?? '')) {
    w = w.slice(0, -1);
  }
  return w;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Content stems of a text, in order (duplicates kept: phrase matching needs positions). */
export function contentStems(text: string): string[] {
  return words(text)
    .filter((w) => !isStopword(w))
    .map(stem);
}

/** All stems in order including stopwords, for phrase matching of taxonomy terms ("go to market"). */
export function allStems(text: string): string[] {
  return words(text).map(stem);
}

/** 32-bit FNV-1a: stable across runs and platforms, so stored features stay valid. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Words every networking note uses whatever the kind of help; shared by a distractor and a
 * match alike, so they are left out of the word-overlap signal (the model still sees them).
 */
const GENERIC = new Set(
  [
    'startup',
    'startups',
    'founder',
    'founders',
    'company',
    'companies',
    'business',
    'team',
    'teams',
    'experience',
    'experienced',
    'year',
    'years',
    'work',
    'working',
    'worked',
    'people',
    'intro',
    'intros',
    'introduction',
    'introductions',
    'connect',
    'network',
    'free',
    'time',
    'call',
    'calls',
    'chat',
    'advice',
    'happy',
    'love',
    'early',
    'stage',
    'first',
    'new',
    'good',
    'great',
    'best',
    'right',
    'find',
    'finding',
    'know',
    'knows',
    'someone',
    'small',
    'big',
    'local',
    'based',
    'offer',
    'offering',
    'give',
    'share',
    'willing',
  ].map(stem),
);

export function isGeneric(s: string): boolean {
  return GENERIC.has(s);
}
