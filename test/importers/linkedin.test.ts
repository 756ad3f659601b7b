import assert from 'node:assert/strict';

import fc from 'fast-check';

import { dedupeKeys, parseImport } from '../../src/importers/index.js';
import { byName, codes, fixture, mismatch, ok, utf8, suite, test } from './helpers.js';

const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';

suite('LinkedIn Connections.csv', () => {
  test('reads the real shape: BOM, quoted "Notes:" preamble, CRLF, quoted commas and doubled quotes', () => {
    const r = ok(parseImport('linkedin', fixture('linkedin/Connections.csv')));
    assert.equal(r.format, 'linkedin');
    assert.equal(r.encoding, 'utf-8-bom');
    assert.equal(r.total, 7);
    assert.deepEqual(
      r.records.map((p) => p.name),
      ['Anna Müller', 'José García López', 'Łukasz Nowak', 'Priya Raman', 'Chen "CJ" Jun'],
    );
    assert.deepEqual(byName(r, 'Anna Müller'), {
      source: 'linkedin',
      ref: 'line 5',
      name: 'Anna Müller',
      company: 'Siemens AG',
      title: 'Senior Product Manager',
      emails: [],
      phones: [],
      linkedin: 'https://www.linkedin.com/in/anna-mueller-4b1a2c3',
      urls: [],
      tags: [],
      addresses: [],
      connectedOn: '2023-01-03',
    });
    const jose = byName(r, 'José García López');
    assert.equal(jose.company, 'Acme, Inc.');
    assert.deepEqual(jose.emails, ['jose.garcia@example.com']);
    assert.equal(jose.linkedin, 'https://www.linkedin.com/in/josegarcialopez');
    const lukasz = byName(r, 'Łukasz Nowak');
    assert.equal(lukasz.company, 'The "Good" Company');
    assert.equal(lukasz.linkedin, 'https://www.linkedin.com/in/lukasz-nowak');
    assert.equal(byName(r, 'Priya Raman').title, 'Advisor, Board Member');
    // A quoted newline inside a cell: one line for the company, and the next row's line is right.
    const chen = byName(r, 'Chen "CJ" Jun');
    assert.equal(chen.company, 'Multi Line Corp');
    assert.equal(chen.connectedOn, '2017-07-07');
    assert.equal(chen.ref, 'line 11');
  });

  test('skips hidden profiles, one error each, and keeps a record whose date is bad', () => {
    const r = ok(parseImport('linkedin', fixture('linkedin/Connections.csv')));
    assert.deepEqual(codes(r), [
      'line 8 error hidden_profile',
      'line 9 warning invalid_date',
      'line 10 error hidden_profile',
    ]);
    assert.equal(r.problems.filter((p) => p.code === 'hidden_profile').length, 2);
    const bad = r.problems.find((p) => p.code === 'invalid_date');
    assert.equal(bad?.field, 'Connected On');
    assert.match(bad.message, /31 Feb 2020/);
    assert.equal(byName(r, 'Priya Raman').connectedOn, undefined);
  });

  test('finds the header after an unquoted "Notes:" line with LF endings', () => {
    const r = ok(parseImport('linkedin', fixture('linkedin/Connections-lf-unquoted-notes.csv')));
    assert.equal(r.encoding, 'utf-8');
    assert.equal(r.records.length, 3);
    assert.equal(r.problems.length, 0);
    assert.equal(r.records[0]?.ref, 'line 5');
  });

  test('reads the German header and German month abbreviations', () => {
    const r = ok(parseImport('linkedin', fixture('linkedin/Connections-de.csv')));
    assert.deepEqual(
      r.records.map((p) => [p.name, p.company, p.connectedOn]),
      [
        ['Anna Müller', 'Siemens AG', '2023-01-03'],
        ['Jürgen Weiß', 'Weiß & Partner, GbR', '2021-03-14'],
        ['José García', 'Acme', '2020-10-05'],
      ],
    );
    assert.deepEqual(byName(r, 'Anna Müller').emails, ['anna@mueller.de']);
    assert.equal(byName(r, 'Anna Müller').linkedin, 'https://www.linkedin.com/in/anna-mueller-4b1a2c3');
  });

  test('maps columns by header name, not position', () => {
    const csv =
      'Connected On,URL,Last Name,First Name,Position,Company,Email Address\n02 Mar 2024,https://www.linkedin.com/in/x-y,Yilmaz,Ayşe,COO,Globex,AYSE@GLOBEX.COM\n';
    const r = ok(parseImport('linkedin', utf8(csv)));
    assert.deepEqual(r.records[0], {
      source: 'linkedin',
      ref: 'line 2',
      name: 'Ayşe Yilmaz',
      company: 'Globex',
      title: 'COO',
      emails: ['ayse@globex.com'],
      phones: [],
      linkedin: 'https://www.linkedin.com/in/x-y',
      urls: [],
      tags: [],
      addresses: [],
      connectedOn: '2024-03-02',
    });
  });

  test('refuses a file without the header, naming the expected columns and the first line', () => {
    const m = mismatch(parseImport('linkedin', fixture('hostile/some-other.csv')));
    assert.equal(m.code, 'wrong_format');
    assert.ok(m.message.includes(HEADER), m.message);
    assert.ok(m.message.includes('"Name,Phone"'), m.message);
  });

  test('refuses a Google CSV and a vCard, saying what they look like', () => {
    const g = mismatch(
      parseImport(
        'linkedin',
        utf8('First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\n'),
      ),
    );
    assert.match(g.message, /Google Contacts CSV/);
    const v = mismatch(parseImport('linkedin', utf8('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n')));
    assert.match(v.message, /vCard/);
  });

  test('drops only the row with an unterminated quote', () => {
    const r = ok(parseImport('linkedin', fixture('hostile/linkedin-unterminated-quote.csv')));
    assert.deepEqual(
      r.records.map((p) => p.name),
      ['Ben Okafor'],
    );
    assert.deepEqual(codes(r), ['line 2 error unterminated_quote']);
    assert.equal(r.total, 2);
  });

  test('an unclosed quote does not swallow the rows up to the next quoted cell', () => {
    const r = ok(parseImport('linkedin', fixture('hostile/linkedin-unterminated-quote-then-quotes.csv')));
    assert.deepEqual(
      r.records.map((p) => [p.ref, p.name, p.company]),
      [
        ['line 3', 'Ben Okafor', 'Globex'],
        ['line 4', 'Cara Ngata', 'Initech'],
        ['line 5', 'Dev Patel', 'Umbrella, Corp'],
      ],
    );
    assert.deepEqual(codes(r), ['line 2 error unterminated_quote']);
    assert.equal(r.total, 4);
  });

  test('reports bad cells and keeps the records: bad email, bad date, empty row, extra cells, controls', () => {
    const r = ok(parseImport('linkedin', fixture('hostile/linkedin-bad-cells.csv')));
    assert.deepEqual(codes(r), [
      'line 2 warning invalid_email',
      'line 2 warning invalid_date',
      'line 3 error empty_row',
      'line 4 warning column_count',
      'line 4 warning invalid_url',
      'line 5 warning invalid_url',
    ]);
    assert.equal(r.total, 4);
    const ben = byName(r, 'Ben Okafor');
    assert.equal(ben.linkedin, undefined);
    assert.deepEqual(ben.urls, ['https://example.com/ben']);
    // Bidi override and BEL stripped from stored text.
    const cara = byName(r, 'Cara Ngata');
    assert.equal(cara.company, 'Globex');
    assert.deepEqual(cara.urls, ['https://www.linkedin.com/company/globex']);
  });

  test('canonicalises profile URLs so re-imports share a dedupe key', () => {
    const rows = [
      'https://www.linkedin.com/in/Anna-M/',
      'http://de.linkedin.com/in/anna-m?trk=public_profile_browsemap',
      'linkedin.com/in/anna-m/details/experience/',
      'https://www.linkedin.com/in/ANNA-M#top',
    ];
    const csv = `${HEADER}\n${rows.map((u, i) => `Anna,M${i},${u},,,,01 Jan 2020`).join('\n')}\n`;
    const r = ok(parseImport('linkedin', utf8(csv)));
    assert.deepEqual(
      new Set(r.records.map((p) => p.linkedin)),
      new Set(['https://www.linkedin.com/in/anna-m']),
    );
    assert.ok(
      dedupeKeys(r.records[0] ?? assert.fail()).includes('linkedin:https://www.linkedin.com/in/anna-m'),
    );
  });

  test('percent-encoded and raw non-ASCII slugs meet in one canonical form', () => {
    const csv = `${HEADER}\nJörg,A,https://www.linkedin.com/in/j%C3%B6rg-a,,,,\nJörg,B,https://www.linkedin.com/in/JÖRG-a/,,,,\n`;
    const r = ok(parseImport('linkedin', utf8(csv)));
    assert.equal(r.records[0]?.linkedin, 'https://www.linkedin.com/in/jörg-a');
    assert.equal(r.records[1]?.linkedin, r.records[0].linkedin);
  });

  test('calls onProgress every 1,000 records and at the end', () => {
    const rows = Array.from(
      { length: 2_500 },
      (_, i) => `P${i},Q,https://www.linkedin.com/in/p${i},,,,01 Jan 2020`,
    );
    const calls: [number, number][] = [];
    const r = ok(
      parseImport('linkedin', utf8(`${HEADER}\n${rows.join('\n')}\n`), {
        onProgress: (d, t) => calls.push([d, t]),
      }),
    );
    assert.equal(r.records.length, 2_500);
    assert.deepEqual(calls, [
      [1_000, 2_500],
      [2_000, 2_500],
      [2_500, 2_500],
    ]);
  });

  test('property: any name survives a CSV quoting round trip', () => {
    const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
    const nameArb = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
      .map((s) => s.normalize('NFC'))
      .filter((s) => /^\S(.*\S)?$/su.test(s) && !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]/u.test(s));
    fc.assert(
      fc.property(nameArb, nameArb, fc.constantFrom('\n', '\r\n'), (first, last, eol) => {
        const csv = `${HEADER}${eol}${quote(first)},${quote(last)},https://www.linkedin.com/in/x,,${quote(`${first}, ${last}`)},,${eol}`;
        const r = ok(parseImport('linkedin', utf8(csv)));
        assert.equal(r.records[0]?.name, `${first} ${last}`);
        assert.equal(r.records[0].company, `${first}, ${last}`);
      }),
    );
  });
});
