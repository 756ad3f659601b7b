import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AUDIENCES, audienceFactor, audienceOf, type Audience } from '../../src/matching/engine/audience.js';

const groups = (text: string): Audience[] =>
  (Object.keys(AUDIENCES) as Audience[]).filter((a) => (audienceOf(text) & AUDIENCES[a]) !== 0);

test('a note names whom its help is for: children, teenagers, adults, older people, pets', () => {
  const cases: [string, Audience[]][] = [
    ['need a pediatric dentist for my 4yo', ['child']],
    ['piano lessons for kids ages 6-10', ['child']],
    ['babysitter for Friday nights', ['child']],
    ['SAT prep for high schoolers', ['teen']],
    ['therapist for adults and couples', ['adult']],
    ['think I have adult ADHD', ['adult']],
    ['swim coach for my 70-year-old dad', ['senior']],
    ['my mum is in her 80s and needs help at home', ['senior']],
    ['geriatric care manager, dementia support', ['senior']],
    ['dog walker, weekdays', ['pet']],
    ['tutoring for ages 8-16', ['child', 'teen']],
    ['Aqua aerobics for over-70s, gentle joint-friendly classes', ['senior']],
    ['chair yoga for the over 60s', ['senior']],
    ['Couples therapist, relationship and communication issues', ['adult']],
    ['5 months pregnant and looking for a prenatal yoga teacher', ['adult']],
    ['Je cherche un prof de piano pour moi, adulte débutant', ['adult']],
    ["Cours d'éveil musical pour les enfants de 3 à 6 ans", ['child']],
    ['clases de natación para niños de 4 a 8 años', ['child']],
    ['writing tutor for PhD students finishing their dissertations', ['adult']],
  ];
  for (const [text, want] of cases) assert.deepEqual(groups(text), want, text);
});

test('roles, company ages and years of experience are not an audience', () => {
  for (const text of [
    'senior engineer, 10 years old codebase in Rails',
    'our 12-year-old agency does rebrands',
    '2 to 3 years of experience in B2B sales',
    "I'm 3 months into the job search",
    'I find and vet factories in Vietnam',
    'hiring vets and military spouses',
    'senior product designer, ex-Spotify',
    'free for a couple of hours a week',
    'need a cleaner a couple times a week',
    'page takes over 60s to load',
    '10 a 15 años de experiencia en ventas',
    '5 à 10 ans d’expérience en droit',
    // A son or a daughter may be any age.
    'looking for a maths tutor for my son',
  ])
    assert.deepEqual(groups(text), [], text);
});

test('help for one audience does not meet a need for another; a note that names none meets all', () => {
  const f = (n: string, o: string): number => audienceFactor(audienceOf(n), audienceOf(o));
  assert.ok(f('need a pediatric dentist for my 4yo', 'dentist who makes dentures for seniors') < 0.5);
  assert.ok(f('swim coach for my 70yo dad', 'swim coach for competitive teen squads only') < 0.5);
  assert.ok(f('need a babysitter on Saturdays', 'dog sitter, weekends available') < 0.5);
  assert.ok(
    f('think I have adult ADHD, need an assessment', 'child psychologist, ADHD testing for kids ages 5-12') <
      0.5,
  );
  assert.equal(f('ADHD assessment for my 9yo son', 'child psychologist, ADHD testing for kids ages 5-12'), 1);
  assert.equal(f('need a dentist in Leeds', 'dentist who makes dentures for seniors'), 1);
  assert.equal(f('piano teacher for my daughter', 'piano lessons, all ages'), 1);
  assert.equal(f('tutor for my 15yo in chemistry', 'tutoring for ages 8-16'), 1);
  // Ages at the edge of two groups belong to both.
  assert.equal(f('maths tutor for my 12yo', 'maths tutoring for secondary school students'), 1);
  assert.equal(f('calculus tutoring for my daughter', 'tutoring for GCSE and A-level students'), 1);
});

test('the writer’s own job or family, homonyms and the age of things are not an audience (review cases)', () => {
  for (const text of [
    'high school teacher, want to move into UX',
    'mom of two kids, want to restart my career',
    'need a WordPress developer for our child theme',
    'CAT tools for translators, Trados and memoQ',
    'my pet project is a budgeting app',
    'my 5 year old MacBook keeps crashing',
    'our 8-year-old Rails monolith needs a rewrite',
    'baby boomers are our biggest customer segment',
  ])
    assert.deepEqual(groups(text), [], text);
  // A wide range of ages covers every group between its ends.
  assert.deepEqual(groups('swimming lessons for ages 4-99'), ['child', 'teen', 'adult', 'senior']);
  assert.deepEqual(groups('camps for 3–10-year-olds'), ['child']);
  assert.equal(
    audienceFactor(audienceOf('adult beginner swim lessons'), audienceOf('swimming lessons for ages 4-99')),
    1,
  );
});
