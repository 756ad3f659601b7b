import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import { settingsSchema } from '../../src/core/settings-schema.js';
import { defaultSettings, settingKeys } from '../../src/core/settings.js';

describe('settings: defaults are the numbers of DESIGN.md', () => {
  it('the plain defaults are exactly what the schema fills in for an empty object', () => {
    assert.deepEqual(defaultSettings, settingsSchema.parse({}));
  });

  it('focus cap 20, agenda 5, strength half-life 90 days, reconnect below 30 or after 60 days', () => {
    assert.equal(defaultSettings.focusCap, 20);
    assert.equal(defaultSettings.agendaSize, 5);
    assert.equal(defaultSettings.strengthHalfLifeDays, 90);
    assert.equal(defaultSettings.reconnectBelowStrength, 30);
    assert.equal(defaultSettings.reconnectAfterDays, 60);
    assert.equal(defaultSettings.eventFollowUpDays, 7);
  });

  it('ledger weights: intro 3, referral 3, favor 2, advice 1, resource 1, congratulation 0.5; plain 1', () => {
    const w = defaultSettings.weights;
    assert.deepEqual(
      [w.intro, w.referral, w.favor, w.advice, w.resource, w.congratulation],
      [3, 3, 2, 1, 1, 0.5],
    );
    assert.equal(defaultSettings.defaultWeight, 1);
  });

  it('realness: in person 1, call 0.7, letter 0.6, message 0.3, social 0.05', () => {
    assert.deepEqual(defaultSettings.realness, {
      in_person: 1,
      call: 0.7,
      letter: 0.6,
      message: 0.3,
      social: 0.05,
    });
  });

  it('reach at help_in ≥ 0.5 and help_out < 0.2; shotgun 7 days, 5 notes, 5 asks, 20 social, 10 moves', () => {
    assert.equal(defaultSettings.reachHelpIn, 0.5);
    assert.equal(defaultSettings.reachHelpOut, 0.2);
    assert.deepEqual(defaultSettings.shotgun, {
      windowDays: 7,
      sameNote: 5,
      asks: 5,
      socialTouches: 20,
      focusMoves: 10,
    });
  });
});

describe('settings schema: the focus cap is allowed from 5 to 50', () => {
  for (const cap of [5, 50]) {
    it(`accepts a cap of ${cap}`, () => {
      const r = settingsSchema.safeParse({ focusCap: cap });
      assert.ok(r.success);
      assert.equal(r.data.focusCap, cap);
    });
  }
  for (const cap of [4, 51, 20.5, 0, -20]) {
    it(`rejects a cap of ${cap}`, () => {
      const r = settingsSchema.safeParse({ focusCap: cap });
      assert.equal(r.success, false);
      assert.deepEqual(r.error.issues[0]?.path, ['focusCap']);
    });
  }

  it('rejects a realness above 1 and a negative weight, naming the field', () => {
    const r1 = settingsSchema.safeParse({ realness: { ...defaultSettings.realness, call: 1.5 } });
    assert.equal(r1.success, false);
    assert.deepEqual(r1.error.issues[0]?.path, ['realness', 'call']);
    const r2 = settingsSchema.safeParse({ weights: { ...defaultSettings.weights, intro: -1 } });
    assert.equal(r2.success, false);
    assert.deepEqual(r2.error.issues[0]?.path, ['weights', 'intro']);
  });

  it('rejects a shotgun threshold below 2 (one note to one person is not a shotgun)', () => {
    const r = settingsSchema.safeParse({ shotgun: { ...defaultSettings.shotgun, asks: 1 } });
    assert.equal(r.success, false);
  });
});

describe('settingKeys', () => {
  it('lists dotted leaf keys, sorted and unique, including every kind weight', () => {
    const keys = settingKeys();
    assert.deepEqual(keys, [...keys].sort());
    assert.equal(new Set(keys).size, keys.length);
    for (const k of [
      'focusCap',
      'weights.intro',
      'weights.congratulation',
      'shotgun.asks',
      'realness.social',
    ])
      assert.ok(keys.includes(k), k);
    assert.ok(!keys.includes('weights'));
    assert.ok(!keys.includes('shotgun'));
  });
});
