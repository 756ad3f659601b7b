import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import { canonicalLinkedIn } from '../../src/core/linkedin.js';
import { LIMITS, canonicalLinkedIn as importerCanonical } from '../../src/importers/normalise.js';
import { limits } from '../../src/core/text.js';

describe('canonicalLinkedIn: one form for typed and imported profile URLs', () => {
  it('typed with accents and imported percent-encoded are the same profile', () => {
    const want = 'https://www.linkedin.com/in/josé-álvarez';
    for (const u of [
      'https://www.linkedin.com/in/josé-álvarez',
      'https://www.linkedin.com/in/jos%C3%A9-%C3%A1lvarez',
      'https://www.linkedin.com/in/JOS%C3%89-%C3%81LVAREZ/',
      'linkedin.com/in/Jose\u0301-a\u0301lvarez?trk=x',
      'http://de.linkedin.com/in/jos%c3%a9-%c3%a1lvarez/details/skills/',
      ' https://www.linkedin.com/in/josé-álvarez\u200B ',
    ])
      assert.equal(canonicalLinkedIn(u), want, u);
  });
  it('the importers use this very function', () => {
    assert.equal(importerCanonical, canonicalLinkedIn);
  });
  it('ASCII slugs lower-cased, no trailing slash, query or sub-page', () => {
    assert.equal(
      canonicalLinkedIn('HTTPS://WWW.LINKEDIN.COM/in/Anna-M/?trk=x'),
      'https://www.linkedin.com/in/anna-m',
    );
    assert.equal(
      canonicalLinkedIn('https://www.linkedin.com/mwlite/in/anna-m'),
      'https://www.linkedin.com/in/anna-m',
    );
  });
  it('characters that cannot stand in a path stay encoded', () => {
    assert.equal(
      canonicalLinkedIn('https://www.linkedin.com/in/a%2Fb%3Fc'),
      'https://www.linkedin.com/in/a%2Fb%3Fc',
    );
  });
  it('not a profile: undefined', () => {
    for (const u of [
      'https://www.linkedin.com/company/acme',
      'https://evil-linkedin.com/in/anna-m',
      'https://linkedin.com.evil.example/in/anna-m',
      'javascript:alert(1)//linkedin.com/in/x',
      'https://www.linkedin.com/in/%E0%A4%A',
      'https://www.linkedin.com/in/',
      'anna m',
    ])
      assert.equal(canonicalLinkedIn(u), undefined, u);
  });
});

describe('one set of field limits', () => {
  it("importers' text limits are core's (the README's Limits)", () => {
    assert.equal(LIMITS.name, limits.name);
    assert.equal(LIMITS.company, limits.shortText);
    assert.equal(LIMITS.title, limits.shortText);
    assert.equal(LIMITS.tag, limits.shortText);
    assert.equal(LIMITS.notes, limits.notes);
    assert.equal(limits.shortText, 200);
  });
});
