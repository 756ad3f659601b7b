import assert from 'node:assert/strict';

import fc from 'fast-check';

import { decodeText } from '../../src/importers/decode.js';
import { parseImport } from '../../src/importers/index.js';
import { assertClean, byName, fixture, mismatch, ok, suite, test } from './helpers.js';

const EXPECTED = 'a test file';

function latin1(s: string): Uint8Array {
  return Uint8Array.from(Array.from({ length: s.length }, (_, i) => s.charCodeAt(i)));
}

suite('decode', () => {
  const cases = [
    ['linkedin-utf8.csv', 'utf-8'],
    ['linkedin-utf8-bom.csv', 'utf-8-bom'],
    ['linkedin-utf16le-bom.csv', 'utf-16le'],
    ['linkedin-utf16be-bom.csv', 'utf-16be'],
  ] as const;
  for (const [file, encoding] of cases) {
    test(`reads ${file} as ${encoding} with Müller, José and Łukasz intact`, () => {
      const r = ok(parseImport('linkedin', fixture(`encodings/${file}`)));
      assert.equal(r.encoding, encoding);
      assert.deepEqual(
        r.records.map((p) => p.name),
        ['Anna Müller', 'José Núñez', 'Łukasz Żółć'],
      );
      assert.equal(byName(r, 'Łukasz Żółć').company, 'Łódź Software');
      for (const p of r.records) assertClean(`${p.name} ${p.company ?? ''}`);
    });
  }

  test('reads a CSV re-saved as Windows-1252 (Müller, José; Œ, € and curly quotes from the 0x80 block)', () => {
    // Łukasz cannot be written in Windows-1252 at all, so this file has Françoise Œuvray instead.
    const r = ok(parseImport('linkedin', fixture('encodings/linkedin-windows1252.csv')));
    assert.equal(r.encoding, 'windows-1252');
    assert.deepEqual(
      r.records.map((p) => p.name),
      ['Anna Müller', 'José Núñez', 'Françoise Œuvray'],
    );
    assert.equal(byName(r, 'Françoise Œuvray').company, '“Smart” Quotes €');
    assert.equal(byName(r, 'José Núñez').company, 'Café Olé');
    for (const p of r.records) assertClean(p.name);
  });

  test('decodes UTF-16 without a BOM by its NUL pattern', () => {
    const text = 'First Name,Last Name,URL\r\nJosé,Müller,https://www.linkedin.com/in/jm\r\n';
    const le = new Uint8Array(Buffer.from(text, 'utf16le'));
    const d = decodeText(le, EXPECTED);
    assert.ok(d.ok);
    assert.equal(d.encoding, 'utf-16le');
    assert.equal(d.text, text);
  });

  for (const [file, code] of [
    ['empty.csv', 'empty_file'],
    ['bom-only.csv', 'empty_file'],
    ['whitespace-only.csv', 'empty_file'],
    ['bom-and-whitespace.csv', 'empty_file'],
    ['not-a-csv.png.csv', 'binary_file'],
    ['Basic_LinkedInDataExport_01-15-2025.zip', 'binary_file'],
    ['nul-bytes.csv', 'binary_file'],
    ['random.bin', 'binary_file'],
  ] as const) {
    test(`refuses ${file} as ${code} for every format`, () => {
      for (const format of ['linkedin', 'google', 'vcard'] as const) {
        const m = mismatch(parseImport(format, fixture(`hostile/${file}`)));
        assert.equal(m.code, code, `${format}: ${m.message}`);
        assert.match(m.message, /Expected/);
      }
    });
  }

  test('says a ZIP is probably the LinkedIn archive itself', () => {
    const m = mismatch(parseImport('linkedin', fixture('hostile/Basic_LinkedInDataExport_01-15-2025.zip')));
    assert.match(m.message, /ZIP archive/);
    assert.match(m.message, /LinkedIn Connections\.csv/);
  });

  test('property: Latin-1 text round-trips through decode (unless its bytes are also valid UTF-8)', () => {
    const latin1Char = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }));
    fc.assert(
      fc.property(fc.array(latin1Char, { minLength: 1, maxLength: 60 }), (codes) => {
        const s = String.fromCharCode(...codes);
        fc.pre(s.trim() !== '');
        const bytes = latin1(s);
        // Bytes valid as UTF-8 are read as UTF-8 by design (e.g. "Ã¼" is also "ü"); such
        // strings are not plausible Latin-1 names, so the property excludes them.
        let validUtf8 = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          validUtf8 = false;
        }
        fc.pre(!validUtf8 || codes.every((c) => c < 0x80));
        const d = decodeText(bytes, EXPECTED);
        assert.ok(d.ok);
        assert.equal(d.text, s);
      }),
    );
  });

  test('property: any text round-trips through UTF-8, UTF-8+BOM and UTF-16 LE/BE', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (s) => {
        fc.pre(s.trim() !== '' && !/\p{Cc}/u.test(s) && !s.startsWith('\ufeff'));
        const u8 = new TextEncoder().encode(s);
        const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
        const be = Buffer.from(le).swap16();
        const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(u8)]);
        for (const bytes of [u8, withBom, le, be]) {
          const d = decodeText(new Uint8Array(bytes), EXPECTED);
          assert.ok(d.ok, JSON.stringify(d));
          assert.equal(d.text, s);
        }
      }),
    );
  });
});
