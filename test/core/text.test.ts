import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import { DomainError } from '../../src/core/errors.js';
import {
  cleanName,
  cleanText,
  echo,
  fold,
  limits,
  optionalText,
  stripInvisible,
} from '../../src/core/text.js';

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

describe('stripInvisible and cleanName: names that display as something else', () => {
  it('zero-width characters inside a name go: "Jonas\\u200B Weber" is "Jonas Weber"', () => {
    for (const raw of [
      'Jonas\u200B Weber',
      'Jonas \u2060Weber',
      '\uFEFFJonas Weber',
      'Jonas\u200D Weber\u200C',
    ])
      assert.deepEqual(cleanName(raw), { ok: true, name: 'Jonas Weber' }, JSON.stringify(raw));
  });
  it('bidi embeddings, overrides and isolates go (U+202A–202E, U+2066–2069)', () => {
    for (const c of [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ])
      assert.deepEqual(
        cleanName(`Anna${c} Berg`),
        { ok: true, name: 'Anna Berg' },
        c.codePointAt(0)?.toString(16),
      );
    assert.equal(stripInvisible('\u202Egreb annA'), 'greb annA');
  });
  it('joiners inside a word or an emoji sequence stay (Persian names, family emoji)', () => {
    assert.equal(stripInvisible('می\u200Cخواهم'), 'می\u200Cخواهم');
    assert.equal(stripInvisible('👩\u200D👩\u200D👧'), '👩\u200D👩\u200D👧');
  });
  it('a name of only invisible characters is refused as empty', () => {
    for (const raw of ['\u200B\u200B', '\u200C\u200D', '\u202E\u2066', ' \uFEFF '])
      assert.deepEqual(cleanName(raw), { ok: false, problem: 'must not be empty (nothing visible is left)' });
  });
  it('line breaks and tabs inside a name are refused, not guessed at', () => {
    for (const raw of ['Anna\nBerg', 'Anna\r\nBerg', 'Anna\tBerg', 'Anna\u2028Berg'])
      assert.deepEqual(cleanName(raw), {
        ok: false,
        problem: 'must be on one line (no line breaks or tabs)',
      });
  });
  it('invalid UTF-8 (decoded as U+FFFD) is refused', () => {
    assert.deepEqual(cleanName('Jos\uFFFD'), { ok: false, problem: 'contains invalid UTF-8 (U+FFFD)' });
    rejects(() => cleanText('caf\uFFFD', 'note', 100), /note contains invalid UTF-8/, 'note');
  });
  it('spaces collapse and NFC applies', () => {
    assert.deepEqual(cleanName('  Jose\u0301   Álvarez '), { ok: true, name: 'José Álvarez' });
  });
});

describe('echo: user input quoted in a message', () => {
  it('is cut to its first 60 characters', () => {
    assert.equal(echo('k'.repeat(100_000)), `${'k'.repeat(60)}…`);
    assert.equal(echo('short'), 'short');
    assert.equal(echo('😀'.repeat(61)), `${'😀'.repeat(60)}…`);
  });
});
