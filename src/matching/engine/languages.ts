/**
 * The languages a note names as a language: the one to learn, teach, translate, or be served in.
 * "A French tutor for my son" is not met by "Spanish tutor, GCSE and A-level", nor "Spanish to
 * English legal translation" by "ASL interpreter", however alike the encoder reads two tutors or
 * two translators. Like a place (place-table.ts), languages only bind when both notes name one: a
 * note that names none serves, or asks for, any.
 *
 * A language word counts only where it is used as a language ("native French speaker", "learn some
 * Italian", "into English", "en anglais", "French tutor"), never as a nationality: "a French
 * company", "our Chinese supplier", "Italian restaurant" and "Brazilian engineer" name no language.
 * "Polish" counts only with a language's words around it ("polish my CV" is no language).
 */

/** Each language with the names it is written under, in English and in the languages themselves. */
const NAMES: readonly (readonly string[])[] = [
  ['english', 'inglés', 'ingles', 'inglês', 'anglais', 'englisch', 'inglese'],
  ['spanish', 'español', 'espanol', 'castellano', 'espagnol', 'spanisch', 'espanhol', 'spagnolo'],
  ['french', 'français', 'francais', 'francés', 'französisch', 'franzosisch', 'francês', 'francese'],
  ['german', 'deutsch', 'alemán', 'aleman', 'allemand', 'alemão', 'alemao', 'tedesco'],
  ['italian', 'italiano', 'italien', 'italienisch'],
  ['portuguese', 'português', 'portugues', 'portugais', 'portugiesisch', 'portoghese'],
  ['dutch', 'nederlands', 'flemish'],
  ['chinese', 'mandarin', 'cantonese', 'chinois', 'chinesisch', 'putonghua'],
  ['japanese', 'japonés', 'japones', 'japonais', 'japanisch', 'nihongo'],
  ['korean', 'coreano', 'coréen', 'koreanisch'],
  ['arabic', 'árabe', 'arabe', 'arabisch'],
  // Hindi and Urdu are one spoken language (Hindustani) in two scripts.
  ['hindi', 'urdu', 'hindustani'],
  ['russian', 'ruso', 'russe', 'russisch'],
  ['polish', 'polski', 'polaco', 'polonais', 'polnisch'],
  ['ukrainian'],
  ['turkish', 'türkisch', 'turco', 'turc'],
  ['greek', 'griego', 'grec', 'griechisch'],
  ['hebrew', 'hebreo', 'hébreu', 'hebräisch'],
  ['swedish', 'svenska', 'sueco'],
  ['norwegian', 'norsk'],
  ['danish', 'dansk'],
  ['finnish', 'suomi'],
  ['vietnamese'],
  ['thai'],
  ['indonesian', 'bahasa'],
  ['tagalog', 'filipino'],
  ['persian', 'farsi'],
  ['romanian', 'română'],
  ['czech', 'čeština'],
  ['asl', 'bsl', 'auslan', 'sign language'],
  ['bengali', 'bangla'],
];

/** The bit set when a note names a pair of languages to translate between ("Polish to English"). */
const PAIR = 1 << 31;
if (NAMES.length > 31) throw new Error('languages: at most 31 fit beside the pair bit');

const INDEX = new Map<string, number>();
NAMES.forEach((names, i) => {
  for (const n of names) INDEX.set(n, i);
});
const NAME = [...INDEX.keys()].sort((a, b) => b.length - a.length).join('|');
/** Names that are a language in every use: sign languages and names written in the language itself. */
const ALWAYS = new Set([
  'asl',
  'auslan',
  'sign language',
  'nihongo',
  'putonghua',
  'polski',
  'svenska',
  'norsk',
  'dansk',
  'suomi',
]);

const L = String.raw`(?<![\p{L}])`;
const R = String.raw`(?![\p{L}])`;
/** Words before a name that make it a language ("speak French", "into English", "en anglais", "my Spanish"). */
const BEFORE = String.raw`(?:speak|speaks|speaking|spoken|learn|learning|learnt|learned|study|studying|teach|teaching|taught|practi[cs]e|practi[cs]ing|improve|improving|brush up(?: on)?|native|fluent|fluency in|conversational|basic|beginner|intermediate|advanced|business|written|spoken|translate|translated|translating|translation|interpret|interpreting|in|into|en|em|auf|ins|hablo|habla|falo|fala|parle|parles|parlo|spreche|sprichst|aprender|apprendre|lernen|imparare|aprender)`;
/** Words after a name that make it a language ("French tutor", "Spanish-speaking", "English to German"). */
const AFTER = String.raw`(?:speakers?|speaking|speaks|spoken|language|languages|translation|translations|translator|translators|interpreter|interpreters|interpreting|tutor|tutors|tutoring|teacher|teachers|lessons?|classes|class|course|courses|conversation|exchange|practice|grammar|exam|exams|level|version|subtitles|localization|localisation|copywriter|copywriting|proofreading|proofreader|editor|writing|skills|native|fluent|immersion|is|isn't|is not|sucks|needs)`;

const LANGUAGE = new RegExp(
  String.raw`(?:${L}${BEFORE}\s+(?:(?:a\s+)?(?:little|bit|some|more|better|basic|good|decent|proper|of)\s+){0,2})?${L}(${NAME})${R}(\s*(?:-\s*|\s)${AFTER}${R}|\s*(?:<>|<->|->|→|\/|-|to|into)\s*(?:${NAME})${R})?`,
  'gu',
);

/**
 * A language exchange names the language its writer wants to practise, not the one they give
 * ("native speaker from Bogotá, happy to do a language exchange for English practice").
 */
const EXCHANGE =
  /(?<![\p{L}])(?:language exchange|conversation exchange|exchange partner|tandem|tandempartner|intercambio de idiomas|intercambio|échange linguistique|echange linguistique|sprachaustausch|scambio linguistico)(?![\p{L}])/u;

/**
 * Words of a note about languages themselves (translating, teaching, interpreting): there every
 * language name is a language ("certified translator for Spanish and Portuguese documents").
 */
const ABOUT_LANGUAGES =
  /(?<![\p{L}])(?:translat\p{L}*|interpret(?:er|ers|ing|ation)|bilingual|locali[sz]\p{L}*|subtitl\p{L}*|traduc\p{L}*|tradu[zç]\p{L}*|übersetz\p{L}*|ubersetz\p{L}*|dolmetsch\p{L}*)(?![\p{L}])/u;

/**
 * The language of those a teacher or translator serves, not the one taught: "English teacher for
 * German speakers" teaches English.
 */
const SERVED = new RegExp(
  String.raw`\bfor\s+(?:native\s+)?(?:${NAME})(?:[- ]speak(?:ers|ing)(?:\s+\w+)?)`,
  'gu',
);

/** Everything `languagesOf` reads a note with: part of the features' version. */
export const LANGUAGE_RULES = [LANGUAGE.source, EXCHANGE.source, ABOUT_LANGUAGES.source, SERVED.source].join(
  '\n',
);

/**
 * The languages a note names as a language, as bits (one per language, and PAIR when it names a
 * pair to translate between); 0 when it names none.
 */
export function languagesOf(text: string): number {
  const t = text.normalize('NFC').toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ');
  if (EXCHANGE.test(t)) return 0;
  const served = t.replace(SERVED, ' ');
  // The language taught or translated, when the note names one besides those it serves.
  const taught = served !== t ? namedIn(served) : 0;
  return taught !== 0 ? taught : namedIn(t);
}

function namedIn(t: string): number {
  const about = ABOUT_LANGUAGES.test(t);
  let bits = 0;
  for (const m of t.matchAll(LANGUAGE)) {
    const name = m[1] ?? '';
    // A word before or after says it is a language, or the note is about languages.
    const framed = (m[0].length > name.length && !onlyIn(t, m)) || about;
    if (!framed && !ALWAYS.has(name)) continue;
    if (
      name === 'polish' &&
      !/\b(?:speak|speaks|speaking|in|into|from|native|fluent|learn|learning|teach|teaching)\s+polish\b|\bpolish(?:\s*-\s*|\s)(?:speakers?|speaking|language|translat\w*|interpret\w*|tutor|teacher|lessons?|native)\b|\bpolish\s*(?:<>|\/|to|and)\s*english\b|\benglish\s*(?:<>|\/|to|and|-)\s*polish\b/.test(
        t,
      )
    )
      continue;
    const i = INDEX.get(name);
    if (i !== undefined) bits |= 1 << i;
    // A pair "English to German" names both.
    const second = /(?:<>|<->|->|→|\/|-|to|into)\s*([\p{L} ]+)$/u.exec(m[2] ?? '');
    const j = second ? INDEX.get((second[1] ?? '').trim()) : undefined;
    if (j !== undefined) bits |= (1 << j) | PAIR;
  }
  return bits >>> 0;
}

/**
 * A name framed only by "in" before it ("in French") is a language where a clause or a time
 * follows ("in Japanese by Q3", "sessions in Spanish."), not before a noun ("experienced in
 * French employment law").
 */
function onlyIn(t: string, m: RegExpMatchArray): boolean {
  if ((m[2] ?? '') !== '' || !/^(?:in|en|em|auf|ins)\s/.test(m[0])) return false;
  const rest = t.slice((m.index ?? 0) + m[0].length);
  return !/^\s*(?:$|[.,;:!?)]|(?:by|before|for|and|or|please|asap|too|only|as|at|within|with|from|to|if|so)\b)/.test(
    rest,
  );
}

/** The factor for a pair whose notes name languages and share none (place-table.ts's OTHER_PLACE). */
export const OTHER_LANGUAGE = 0.3;

/** English, the other side of most pairs of languages ("Polish to English", "Spanish-English"). */
const ENGLISH = 1 << 0;

/**
 * 1 when either note names no language or they share one; OTHER_LANGUAGE otherwise. When both
 * name pairs of languages, the language besides English decides: a Polish-to-English translation
 * is not met by a Spanish-English translator for sharing English, while an English tutor meets a
 * need for one whatever else either note speaks.
 */
export function languageFactor(need: number, offer: number): number {
  const n = need & ~PAIR;
  const o = offer & ~PAIR;
  if (n === 0 || o === 0) return 1;
  // Between two pairs of languages ("Polish to English", "Spanish-English"), English is the side
  // most pairs share; the other language decides.
  if ((need & offer & PAIR) !== 0 && (n & ~ENGLISH) !== 0 && (o & ~ENGLISH) !== 0)
    return (n & o & ~ENGLISH) !== 0 ? 1 : OTHER_LANGUAGE;
  return (n & o) !== 0 ? 1 : OTHER_LANGUAGE;
}
