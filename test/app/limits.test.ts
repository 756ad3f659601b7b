import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from '../core/harness.js';

import { personInput, refText as refSchema } from '../../src/app/validate.js';
import { contactLimits, refText } from '../../src/core/text.js';
import { cleanEmail, cleanPhone } from '../../src/importers/normalise.js';

// A contact detail Tend keeps when typed, it keeps when imported, and the other way round.
const email = (n: number): string => `${'a'.repeat(n - '@example.com'.length)}@example.com`;
const phone = (n: number): string => `+${'1'.repeat(n - 1)}`;
const typed = (field: 'emails' | 'phones', value: string): boolean =>
  personInput.safeParse({ name: 'Anna', [field]: [value] }).success;

describe('contact limits are the same typed and imported', () => {
  it('an email of the longest deliverable length is kept both ways; one more character is refused both ways', () => {
    assert.equal(email(contactLimits.email).length, 254);
    assert.equal(typed('emails', email(254)), true);
    assert.equal(cleanEmail(email(254)), email(254));
    assert.equal(typed('emails', email(255)), false);
    assert.equal(cleanEmail(email(255)), undefined);
  });
  it('a phone number up to the limit is kept both ways; longer is refused both ways', () => {
    assert.equal(typed('phones', phone(contactLimits.phone)), true);
    assert.equal(cleanPhone(phone(contactLimits.phone)), phone(contactLimits.phone));
    assert.equal(typed('phones', phone(contactLimits.phone + 1)), false);
    assert.equal(cleanPhone(phone(contactLimits.phone + 1)), undefined);
  });
});

// A lookup checks a person reference or a search term without the schema library; the API checks
// the same fields with the schema. Both must accept and refuse alike, with the same words.
describe('a reference is bounded the same with and without the schema', () => {
  const verdict = (raw: string, max: number): { ok: boolean; value?: string; problem?: string } => {
    const r = refSchema(max).safeParse(raw);
    return r.success ? { ok: true, value: r.data } : { ok: false, problem: r.error.issues[0]?.message ?? '' };
  };
  const plain = (raw: string, max: number): { ok: boolean; value?: string; problem?: string } => {
    const r = refText(raw, max);
    return r.ok ? { ok: true, value: r.value } : { ok: false, problem: r.problem };
  };
  it('the edge cases: empty, blank, U+FFFD, at and over the limit, characters outside the BMP', () => {
    for (const raw of [
      '',
      '   ',
      'Ana',
      ' Ana ',
      'a\uFFFDb',
      'a'.repeat(5),
      'a'.repeat(6),
      '😀'.repeat(5),
      '😀'.repeat(6),
      ' \t x \n',
    ])
      assert.deepEqual(plain(raw, 5), verdict(raw, 5), JSON.stringify(raw));
  });
  it('any string, any limit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', '\t', '😀', '\uFFFD', 'é', '\u200b') }),
        fc.integer({ min: 1, max: 12 }),
        (raw, max) => {
          assert.deepEqual(plain(raw, max), verdict(raw, max));
        },
      ),
    );
  });
});
