import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import { DomainError } from '../../src/core/errors.js';
import { cleanText, fold, limits, optionalText } from '../../src/core/text.js';

const rejects = (fn: () => unknown, message: RegExp, path: string): void => {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DomainError);
    assert.equal(e.code, 'invalid_input');
    assert.equal(e.errorClass, 'bad_input');
    assert.match(e.message, message);
    assert.deepEqual(
      (e.details.problems as { path: string }[]).map((p) => p.path),
      [path],
    );
    return true;
  });
};

describe('fold', () => {
  it('lower-cases, removes accents, collapses and trims spaces', () => {
    assert.equal(fold('  José  Müller '), 'jose muller');
    assert.equal(fold('ÅNGSTRÖM\tÇA'), 'angstrom ca');
  });
  it('composed and decomposed accents fold alike', () => {
    assert.equal(fold('Jos\u00e9'), fold('Jose\u0301'));
  });
});

describe('cleanText limits', () => {
  it('exactly at the limit is accepted', () => {
    const s = 'a'.repeat(limits.name);
    assert.equal(cleanText(s, 'name', limits.name), s);
  });
  it('one over the limit is rejected, naming the field', () => {
    rejects(
      () => cleanText('a'.repeat(limits.name + 1), 'name', limits.name),
      /name is too long \(201 characters; at most 200\)/,
      'name',
    );
  });
  it('counts characters, not UTF-16 units: 200 emoji fit a 200 limit', () => {
    const s = '😀'.repeat(200);
    assert.equal(cleanText(s, 'name', 200), s);
  });
  it('counts after NFC: 200 decomposed é fit a 200 limit', () => {
    assert.equal(cleanText('e\u0301'.repeat(200), 'name', 200), '\u00e9'.repeat(200));
  });
  it('surrounding spaces do not count', () => {
    assert.equal(cleanText(`  ${'a'.repeat(200)}  `, 'name', 200).length, 200);
  });
  it('limits are the documented sizes', () => {
    assert.deepEqual(limits, { name: 200, shortText: 200, text: 2000, notes: 10_000 });
  });
});

describe('cleanText content', () => {
  it('strips control characters, keeps tab and line breaks inside', () => {
    assert.equal(cleanText('A\u0000B\u0007C\u001bD\u007fE', 'note', 100), 'ABCDE');
    assert.equal(cleanText('line 1\nline 2\r\n\tindented', 'note', 100), 'line 1\nline 2\r\n\tindented');
  });
  it('empty, blank or only control characters → rejected', () => {
    for (const v of ['', '   ', '\u0000\u0001', '\n\t '])
      rejects(() => cleanText(v, 'name', 200), /name is empty/, 'name');
  });
  it('not required → the empty string', () => {
    assert.equal(cleanText('  ', 'note', 100, { required: false }), '');
  });
});

describe('optionalText', () => {
  it('undefined and blank → undefined; text → cleaned', () => {
    assert.equal(optionalText(undefined, 'company', 200), undefined);
    assert.equal(optionalText('  ', 'company', 200), undefined);
    assert.equal(optionalText(' Acme\u0000 ', 'company', 200), 'Acme');
  });
  it('still enforces the limit', () => {
    rejects(() => optionalText('x'.repeat(201), 'company', 200), /too long/, 'company');
  });
});
