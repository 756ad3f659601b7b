import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageFactor, languagesOf, OTHER_LANGUAGE } from '../../src/matching/engine/languages.js';

const factor = (need: string, offer: string): number => languageFactor(languagesOf(need), languagesOf(offer));

test('a language used as a language is read, in English and in the language itself', () => {
  const named = [
    'French tutor needed for my son, GCSE next summer',
    'moving to Paris and my French is at bonjour level',
    'want to learn some Italian before our honeymoon',
    'need our app and help center in Japanese by Q3',
    'native Japanese speaker, JA<>EN localization',
    'Spanish-speaking therapist for my mother',
    "je cherche quelqu'un pour préparer mon entretien en anglais",
    'ASL interpreter for medical appointments',
    'hablo español e inglés, clases de inglés',
  ];
  for (const text of named) assert.notEqual(languagesOf(text), 0, text);
  // "Spanish to English" names both; "German/English" too.
  assert.equal(languagesOf('Spanish to English translator'), languagesOf('English/Spanish translation'));
});

test('a nationality, a verb and a language exchange name no language for the rule', () => {
  for (const text of [
    'our Chinese supplier keeps missing ship dates',
    'Italian restaurant needs a sommelier',
    'a French company hiring its first US sales rep',
    'Brazilian engineer here, need a visa',
    'can someone polish my CV before Friday',
    'Japanese restaurant owner, happy to advise on food costs',
    'native speaker from Bogotá, happy to do a language exchange for English practice',
  ])
    assert.equal(languagesOf(text), 0, text);
});

test('two notes that name languages and share none are far apart; one that names none binds nothing', () => {
  assert.equal(
    factor('French tutor needed for my son, GCSE next summer', 'Spanish tutor, GCSE and A-level'),
    OTHER_LANGUAGE,
  );
  assert.equal(
    factor(
      'need a Spanish to English translator for some legal docs',
      'ASL interpreter, medical and educational settings',
    ),
    OTHER_LANGUAGE,
  );
  assert.equal(
    factor(
      'want to learn some Italian before our honeymoon',
      'Italian, just arrived here, looking for someone to help me learn English',
    ),
    OTHER_LANGUAGE,
  );
  // Shared: the French speaker who wants interview practice in English, and the English teacher.
  assert.equal(
    factor(
      "je cherche quelqu'un pour préparer mon entretien d'embauche en anglais",
      'English teacher, job interview prep for French speakers, je parle français',
    ),
    1,
  );
  assert.equal(factor('need our help center in Japanese', 'localization into Japanese and Korean'), 1);
  // The language besides English decides: Polish to English is no Spanish-English translator's.
  assert.equal(
    factor('birth certificate translated from Polish to English', 'certified Spanish-English translator'),
    OTHER_LANGUAGE,
  );
  assert.equal(factor('want to improve my English', 'English teacher for Spanish speakers'), 1);
  // In a note about translating or teaching, a bare name is a language; the speakers served are not taught.
  assert.equal(
    factor(
      'birth certificate translated from Ukrainian to English',
      'certified translator for Spanish and Portuguese documents',
    ),
    OTHER_LANGUAGE,
  );
  assert.equal(
    factor('German teacher for the Goethe B2 exam', 'native English teacher for German speakers, IELTS prep'),
    OTHER_LANGUAGE,
  );
  assert.equal(factor('therapist who speaks Spanish', 'therapist for Spanish speakers'), 1);
  assert.equal(factor('need a tutor for my son, GCSE next summer', 'Spanish tutor, GCSE and A-level'), 1);
  assert.equal(factor('French tutor for my son', 'tutor, all GCSE subjects'), 1);
});

test('review cases: nationalities in teaching notes, "in" before a noun, look-alike names, Unicode words', () => {
  assert.equal(
    factor('English tutor for my son, he speaks Spanish at home', 'English teacher, CELTA, fluent in French'),
    1,
  );
  assert.equal(factor('Puppy classes for my German shepherd', 'Dog trainer, I speak English'), 1);
  assert.equal(
    factor(
      'experienced in French employment law, need a Paris lawyer',
      'Paris employment lawyer, English spoken',
    ),
    1,
  );
  assert.equal(factor('need a lab tech for our BSL-2 lab', 'native English speaker, lab manager'), 1);
  assert.equal(languagesOf('Frances is our new teacher'), 0);
  assert.equal(languagesOf('we live in Chino Hills'), 0);
  // Words with letters outside ASCII are whole words too.
  assert.equal(
    languagesOf('Übersetzerin gesucht, Spanisch und Italienisch'),
    languagesOf('translator, Spanish and Italian'),
  );
  assert.equal(languagesOf('échange linguistique, je parle français'), 0);
  // "exchange" of another kind does not turn the rule off.
  assert.notEqual(languagesOf('Spanish-English translator for our crypto exchange docs'), 0);
  assert.equal(factor('sessions in Spanish please', 'therapist, sessions in English'), OTHER_LANGUAGE);
});
