import assert from 'node:assert/strict';
import { describe, it } from '../core/harness.js';

import { personInput } from '../../src/app/validate.js';
import { contactLimits } from '../../src/core/text.js';
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
