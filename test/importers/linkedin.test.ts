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
      nameParts: { given: 'Anna', family: 'Müller' },
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
      nameParts: { given: 'Ayşe', family: 'Yilmaz' },
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

  test('six columns without URL (LinkedIn for years), Notes preamble: records without a profile', () => {
    const r = ok(parseImport('linkedin', fixture('linkedin/Connections-6col-no-url.csv')));
    assert.equal(r.encoding, 'utf-8-bom');
    assert.equal(r.total, 4);
    assert.deepEqual(byName(r, 'Anna Müller'), {
      source: 'linkedin',
      ref: 'line 5',
      name: 'Anna Müller',
      nameParts: { given: 'Anna', family: 'Müller' },
      company: 'Siemens AG',
      title: 'Senior Product Manager',
      emails: [],
      phones: [],
      urls: [],
      tags: [],
      addresses: [],
      connectedOn: '2023-01-03',
    });
    const jose = byName(r, 'José García López');
    assert.deepEqual(jose.emails, ['jose.garcia@example.com']);
    assert.equal(jose.company, 'Acme, Inc.');
    assert.deepEqual(jose.nameParts, { given: 'José', family: 'García López' });
    assert.ok(r.records.every((p) => p.linkedin === undefined));
    assert.deepEqual(codes(r), ['line 7 error hidden_profile', 'line 8 warning invalid_date']);
    assert.equal(byName(r, 'Priya Raman').title, 'Advisor, Board Member');
  });

  test('the older nine-column layout: address, websites and instant messengers kept', () => {
    const r = ok(parseImport('linkedin', fixture('linkedin/Connections-9col.csv')));
    assert.deepEqual(codes(r), []);
    assert.deepEqual(
      r.records.map((p) => [p.ref, p.name, p.company, p.connectedOn]),
      [
        ['line 2', 'Ben Okafor', 'Globex', '2018-04-23'],
        ['line 3', 'Cara Ngata', 'Initech', '2018-01-05'],
        ['line 4', 'Dev Patel', undefined, '2017-12-24'],
      ],
    );
    const ben = byName(r, 'Ben Okafor');
    assert.deepEqual(ben.emails, ['ben@okafor.example']);
    assert.equal(ben.title, 'CFO');
    assert.deepEqual(ben.addresses, ['12 Harbour Road, Lagos']);
    assert.deepEqual(ben.urls, ['http://www.globex.example/']);
    assert.equal(ben.notes, 'Instant Messengers: Skype:ben.okafor');
    assert.deepEqual(byName(r, 'Dev Patel').urls, [
      'https://dev.example/blog',
      'https://www.devwrites.example/',
    ]);
  });

  test('re-saved by a spreadsheet: semicolons, Windows-1252, "FirstName" headers, 5-Jan-26 dates', () => {
    const r = ok(parseImport('linkedin', fixture('linkedin/Connections-resaved-semicolon-1252.csv')));
    assert.equal(r.encoding, 'windows-1252');
    assert.deepEqual(
      r.records.map((p) => [p.ref, p.name, p.company, p.title, p.connectedOn]),
      [
        ['line 2', 'Renée Dubois', 'Café Müller GmbH', 'Geschäftsführerin', '2026-01-05'],
        ['line 3', 'Jürgen Weiß', 'Weiß & Partner', 'Berater', '2021-03-14'],
        ['line 4', 'Zoë Brontë', 'Brontë; Söhne', 'CTO', undefined],
      ],
    );
    assert.deepEqual(byName(r, 'Jürgen Weiß').nameParts, { given: 'Jürgen', family: 'Weiß' });
    assert.equal(byName(r, 'Renée Dubois').linkedin, 'https://www.linkedin.com/in/renee-dubois');
    assert.deepEqual(byName(r, 'Renée Dubois').emails, ['renee@dubois.example']);
    assert.deepEqual(codes(r), ['line 4 warning invalid_date']);
    assert.match(r.problems[0]?.message ?? '', /"not a date"/);
  });

  test('tab-separated, three-line quoted preamble, loose header spelling, month-first numeric dates', () => {
    const r = ok(parseImport('linkedin', fixture('linkedin/Connections-tab.csv')));
    assert.deepEqual(
      r.records.map((p) => [p.ref, p.name, p.emails, p.company, p.connectedOn]),
      [
        ['line 6', 'Ayşe Yılmaz', ['ayse@globex.example'], 'Globex', '2026-01-05'],
        ['line 7', 'Chen Jun', [], 'Umbrella, Corp', '2025-12-24'],
        ['line 8', 'Sam Lee', [], undefined, undefined],
      ],
    );
    assert.equal(byName(r, 'Ayşe Yılmaz').linkedin, 'https://www.linkedin.com/in/ayse-yilmaz');
    assert.deepEqual(codes(r), ['line 8 warning invalid_date']);
    assert.equal(r.problems[0]?.field, 'Connected On');
  });

  test('finds the header after a preamble of any length: none, one line, several with blanks', () => {
    const body =
      'First Name,Last Name,Email Address,Company,Position,Connected On\nAnna,Müller,,Siemens AG,PM,03 Jan 2023\n';
    const preambles = [
      '',
      'Notes:\n',
      '"Notes:"\n"When exporting your connection data, some addresses are missing."\n\n\n"A second, quoted note."\n\nNotes: more\n\n',
      'Notes:\n'.repeat(40),
    ];
    for (const pre of preambles) {
      const r = ok(parseImport('linkedin', utf8(pre + body)));
      const lines = pre.split('\n').length;
      assert.deepEqual(
        r.records.map((p) => [p.ref, p.name, p.company, p.connectedOn]),
        [[`line ${lines + 1}`, 'Anna Müller', 'Siemens AG', '2023-01-03']],
        JSON.stringify(pre),
      );
      assert.deepEqual(r.problems, []);
    }
  });

  test('numeric dates: the file decides day- or month-first; without evidence, semicolons mean day-first', () => {
    const h = (sep: string): string =>
      ['First Name', 'Last Name', 'Company', 'Connected On'].join(sep) + '\n';
    const dates = (sep: string, ...ds: string[]): string =>
      h(sep) + ds.map((d, i) => ['P', `Q${i}`, 'Acme', d].join(sep)).join('\n') + '\n';
    const on = (csv: string): (string | undefined)[] =>
      ok(parseImport('linkedin', utf8(csv))).records.map((p) => p.connectedOn);
    // 13/01 can only be day-first: so 05/01 is 5 January.
    assert.deepEqual(on(dates(',', '05/01/2026', '13/01/2026')), ['2026-01-05', '2026-01-13']);
    // 01/13 can only be month-first: so 05/01 is 1 May.
    assert.deepEqual(on(dates(',', '05/01/2026', '01/13/2026')), ['2026-05-01', '2026-01-13']);
    // No evidence: comma and English header → month-first; semicolons → day-first.
    assert.deepEqual(on(dates(',', '1/5/26')), ['2026-01-05']);
    assert.deepEqual(on(dates(';', '1/5/26')), ['2026-05-01']);
    // German header → day-first.
    assert.deepEqual(on('Vorname,Nachname,Unternehmen,Verbunden am\nA,B,C,02/03/2024\n'), ['2024-03-02']);
    // Dotted and year-first forms are never ambiguous.
    assert.deepEqual(on(dates(',', '05.01.2026', '2026-01-05', '2026/01/05')), [
      '2026-01-05',
      '2026-01-05',
      '2026-01-05',
    ]);
    // A value impossible in the file's order is a warning with its row, the record is kept.
    const r = ok(parseImport('linkedin', utf8(dates(',', '13/01/2026', '01/13/2026', '14/02/2026'))));
    assert.deepEqual(
      r.records.map((p) => p.connectedOn),
      ['2026-01-13', undefined, '2026-02-14'],
    );
    assert.deepEqual(codes(r), ['line 3 warning invalid_date']);
  });

  test('refuses headers that are not LinkedIn: names alone, a name/phone list, Google, Outlook', () => {
    for (const csv of [
      'First Name,Last Name\nAnna,Müller\n',
      'First Name;Last Name;Phone\nAnna;Müller;123\n',
      'First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,Organization Name\nA,,B,,,a@b.example,Acme\n',
      // Outlook's contacts CSV shares LinkedIn's name, email and company headings.
      '"First Name","Middle Name","Last Name","Title","Suffix","Initials","Web Page","Gender","Birthday","Anniversary","Location","Language","Internet Free Busy","Notes","E-mail Address","E-mail 2 Address","E-mail 3 Address","Primary Phone","Home Phone","Home Phone 2","Mobile Phone","Pager","Home Fax","Home Address","Home Street","Company","Job Title","Department"\r\n"Anna","","Müller","","","A.M.","","Unspecified","0/0/00","0/0/00","","","","","anna@example.com","","","","","","+49 170 1","","","","","Siemens AG","PM",""\r\n',
    ]) {
      const m = mismatch(parseImport('linkedin', utf8(csv)));
      assert.equal(m.code, 'wrong_format');
      assert.ok(m.message.includes(HEADER), m.message);
      assert.match(m.message, /the first line is ""?First Name/);
    }
  });

  test('unknown extra columns are kept in the notes, never mapped onto a field', () => {
    const csv =
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On,Met At,\n' +
      'Anna,Müller,https://www.linkedin.com/in/anna,,Siemens AG,PM,03 Jan 2023,Web Summit,\n';
    const r = ok(parseImport('linkedin', utf8(csv)));
    assert.equal(r.records[0]?.notes, 'Met At: Web Summit');
    assert.equal(r.records[0].company, 'Siemens AG');
    assert.deepEqual(r.problems, []);
  });
});
