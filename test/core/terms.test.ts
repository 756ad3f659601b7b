import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitOf } from '../../src/core/fit.js';
import { ledgerOf } from '../../src/core/ledger.js';
import { defaultSettings as s, settingDefaults } from '../../src/core/settings.js';
import { terms } from '../../src/core/vocabulary.js';

test('a balance of −3 beside "gave 1 · asked 1 · received 1" is right: each counts by its weight', () => {
  // Advice given (1), an introduction asked (3), something received (default 1): 1 − 3 − 1.
  const l = ledgerOf(
    [
      { nature: 'gave', kind: 'advice' },
      { nature: 'asked', kind: 'intro' },
      { nature: 'received', kind: undefined },
    ],
    s,
  );
  assert.deepEqual([l.gaveCount, l.askedCount, l.receivedCount], [1, 1, 1]);
  assert.deepEqual([l.gave, l.asked, l.received, l.balance], [1, 3, 1, -3]);
  assert.equal(l.balance, l.gave - l.asked - l.received, 'the web shows each weighted part: they add up');
  // The wording quotes the weights the engine uses.
  const w = settingDefaults.weights;
  assert.match(terms.balance.text, new RegExp(`introduction or referral counts ${w.intro}`));
  assert.equal(w.referral, w.intro);
  assert.match(terms.balance.text, new RegExp(`a favor ${w.favor}, advice ${w.advice}`));
});

test('fit 0% beside "you help 86%" is right when they cannot help you: fit counts both ways', () => {
  const f = fitOf({ mine: [0.86], network: [0], theirs: [0] }, s);
  assert.equal(f.helpOut, 0.86);
  assert.equal(f.fit, 0);
  assert.match(terms.fit.text, /if either side is 0%, fit is 0%/);
  const both = fitOf({ mine: [0.97], network: [0], theirs: [0.24] }, s);
  assert.equal(Math.round(both.fit * 100), 48, '√(0.97 × 0.24)');
});

test('the explanations agree with the engine’s settings and read as plain sentences', () => {
  assert.match(terms.strength.text, new RegExp(`by half every ${settingDefaults.strengthHalfLifeDays} days`));
  assert.match(terms.shotgun.text, new RegExp(`last ${settingDefaults.shotgun.windowDays} days`));
  for (const [key, t] of Object.entries(terms)) {
    assert.ok(t.label.trim() !== '', `${key} has a label`);
    assert.ok(t.text.length >= 40 && t.text.length <= 320, `${key}: one or two sentences`);
    assert.match(t.text, /^[A-Z].*\.$/s, `${key}: a sentence`);
    assert.doesNotMatch(t.text, /∞/);
  }
});
