import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSenseTable, senseConflict, sensesOf } from '../../src/matching/engine/senses.js';

const t = buildSenseTable();
const clash = (need: string, offer: string): boolean => senseConflict(sensesOf(t, need), sensesOf(t, offer));
/** Each pair clashes (or not) as `want` says. */
const expectClash = (pairs: [string, string][], want: boolean): void => {
  for (const [need, offer] of pairs)
    assert.equal(clash(need, offer), want, `${need} ${want ? '↛' : '→'} ${offer}`);
};

test('a word of two senses meant differently on each side is a coincidence of words', () => {
  expectClash(
    [
      ['pitch coach before our seed round demo day', 'ex-pitcher, runs a baseball academy for teens'],
      ['therapist for my panic attacks', 'physical therapist, knee and shoulder rehab'],
      ['need someone to review a PR on our GitHub repo', 'PR consultant, gets founders into the press'],
      ['need a Java developer for our Spring backend', 'coffee roaster, single-origin Java beans'],
      [
        'our financial model for the Series A is a mess',
        'ML engineer, trains and deploys recommendation models',
      ],
      ['need an editor for my nonfiction manuscript', 'video editor for YouTube channels'],
      ['need a literary agent for my memoir', 'real estate agent for first-time home buyers'],
      ['je cherche un avocat pour un litige commercial', 'je vends des avocats bio en gros'],
      ['vet for my dog, she is limping', 'helps vets find civilian jobs after the army'],
      ['need a trauma therapist for PTSD after a car crash', 'ER trauma surgeon, level 1 trauma center'],
      ['need a wedding photographer for June 14th', 'Newborn photographer, studio baby shoots'],
      ['product photos for our Shopify store', 'wedding photographer, elopements and engagement shoots'],
      [
        'my cat needs her nails trimmed and she hates it',
        'nail technician, manicures and gel nails at my studio',
      ],
      ['need help with my O-1 visa petition', 'I work on card payments at Visa, happy to talk chargebacks'],
      [
        'got a job offer from Amazon, want to negotiate comp',
        'I help Amazon sellers fix their listings and PPC',
      ],
    ],
    true,
  );
});

test('the same sense, or a context that says nothing, is no clash', () => {
  expectClash(
    [
      ['pitch deck review before investor meetings', 'former VC, coaches founders on their pitch'],
      ['therapist for anxiety and burnout', 'psychotherapist, works with founders on stress'],
      ['need a therapist', 'physical therapist, knee rehab'],
      ['need an engineer for our firmware', 'embedded engineer, firmware for BLE devices'],
      ['a designer for our website and logo', 'graphic designer, logos and packaging'],
      ['mortgage broker for a first home', 'mortgage broker, first-time buyers'],
      [
        "need a photographer for my sister's wedding in May",
        'Photographer: portraits, families, weddings, events',
      ],
      ['photos of our new menu dishes', 'wedding and food photographer, restaurants and events'],
      ['trauma therapy after an assault', 'trauma-informed counsellor, EMDR'],
      [
        'need a lawyer, my cofounder is leaving and we never set up vesting',
        'startup lawyer, employment and equity questions',
      ],
      ['need 2 senior frontend devs, React', 'cross-platform mobile dev, React Native and Expo'],
      ['need a lawyer', 'criminal defense lawyer, DUI cases'],
      ['need help with my work visa', 'immigration lawyer, visas and green cards'],
      ['interview prep for Amazon next week', 'ex-Amazon bar raiser, mock interviews'],
    ],
    false,
  );
  // Whole words only: "pitchfork" is not "pitch", "bankruptcy" not "bank".
  assert.deepEqual(sensesOf(t, 'pitchfork repairs, and bankruptcy advice for farms'), []);
});

test('a table of senses names at least two senses per word', () => {
  assert.throws(() => buildSenseTable('pitch | business: investors'), /two to eight senses/);
  assert.throws(() => buildSenseTable('pitch | business investors | sport: baseball'), /without a name/);
});
