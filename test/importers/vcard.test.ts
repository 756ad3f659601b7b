import assert from 'node:assert/strict';

import fc from 'fast-check';

import { parseImport } from '../../src/importers/index.js';
import type { ImportResult } from '../../src/importers/index.js';
import { cleanAppleLabel } from '../../src/formats/vcard/read.js';
import { assertClean, byName, codes, fixture, mismatch, ok, suite, test, utf8 } from './helpers.js';

const card = (...lines: string[]): string =>
  ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD', ''].join('\r\n');
const parse = (text: string): ImportResult => ok(parseImport('vcard', utf8(text)));

suite('vCard', () => {
  test('Apple 3.0: grouped items, pref, escaped URL colon, omitted year, photo, organisation and group cards', () => {
    const r = ok(parseImport('vcard', fixture('vcard/apple-3.0.vcf')));
    assert.equal(r.total, 3);
    const anna = byName(r, 'Dr. Anna Maria Müller');
    assert.equal(anna.ref, 'card 1 (line 1)');
    assert.equal(anna.company, 'Siemens AG');
    assert.equal(anna.title, 'Head of Partnerships');
    // type=pref puts the work address first although the grouped item1.EMAIL comes first.
    assert.deepEqual(anna.emails, ['anna.mueller@siemens.example', 'anna.m@gmail.example']);
    assert.deepEqual(anna.phones, ['+49 170 1234567', '+49 89 636 00']);
    assert.deepEqual(anna.addresses, ['Werner-von-Siemens-Straße 1, München, 80333, Deutschland']);
    assert.equal(anna.linkedin, 'https://www.linkedin.com/in/anna-mueller');
    assert.deepEqual(anna.urls, ['https://anna.example/blog', 'https://siemens.example/team/anna']);
    assert.equal(anna.birthday, '--04-14');
    assert.equal(anna.notes, 'Met at Web Summit, Lisbon.\nLikes espresso; hates meetings.');
    assert.deepEqual(anna.tags, ['Conference 2024', 'Friends']);
    assert.equal(anna.photo?.mediaType, 'image/jpeg');
    assert.ok(anna.photo.base64.startsWith('/9j/') && !/\s/.test(anna.photo.base64));
    assert.equal(Buffer.from(anna.photo.base64, 'base64').length, 713);

    assert.equal(byName(r, 'Initech').company, 'Initech');
    assert.deepEqual(codes(r), [
      'card 2 (line 42) warning organisation_card',
      'card 3 (line 50) error not_a_person',
    ]);
  });

  test('Google 3.0: every URL kept, remote photo dropped with a warning, myContacts not a tag', () => {
    const r = ok(parseImport('vcard', fixture('vcard/google-3.0.vcf')));
    const jose = byName(r, 'José García');
    assert.deepEqual(jose.urls, [
      'https://acme.example/',
      'https://jose.example/',
      'https://github.com/jose',
    ]);
    assert.equal(jose.linkedin, 'https://www.linkedin.com/in/josegarcia');
    assert.equal(jose.birthday, '1980-04-14');
    assert.deepEqual(jose.tags, ['starred']);
    assert.equal(jose.photo, undefined);
    assert.deepEqual(codes(r), ['card 1 (line 1) warning photo_remote']);
  });

  test('Outlook 2.1: CHARSET, quoted-printable with soft breaks, bare params, indented base64 photo', () => {
    const r = ok(parseImport('vcard', fixture('vcard/outlook-2.1.vcf')));
    assert.equal(r.encoding, 'windows-1252');
    const j = byName(r, 'Jürgen Weiß');
    assert.equal(j.company, 'Weiß & Partner GbR');
    assert.equal(j.title, 'Geschäftsführer');
    assert.deepEqual(j.phones, ['+49 30 1234567', '+49 171 7654321']);
    assert.deepEqual(j.emails, ['juergen@weiss.example', 'j.weiss@web.example']);
    assert.deepEqual(j.addresses, ['Kurfürstendamm 21, 2. OG, Berlin, 10719, Deutschland']);
    assert.equal(
      j.notes,
      'Erstes Treffen: München, Frühjahr 2023.\nZweite Zeile, lang genug, um weich umbrochen zu werden, und sie geht weiter.',
    );
    assert.equal(j.birthday, '1975-03-02');
    assert.equal(j.photo?.mediaType, 'image/jpeg');
    // No FN: the name is built from N (given first), decoded from QP UTF-8.
    const l = byName(r, 'Łukasz Nowak');
    assert.deepEqual(l.emails, ['lukasz@nowak.example']);
    assert.deepEqual(codes(r), ['card 2 (line 37) warning unknown_charset']);
    for (const p of r.records) assertClean(`${p.name} ${p.company ?? ''} ${p.notes ?? ''}`);
  });

  test('4.0: PREF=n, tel: URIs with ext, quoted params, data: photo, VALUE=text birthday, KIND group/org', () => {
    const r = ok(parseImport('vcard', fixture('vcard/carddav-4.0.vcf')));
    assert.equal(r.total, 7);
    assert.deepEqual(byName(r, 'Priya Raman'), {
      source: 'vcard',
      ref: 'card 1 (line 1)',
      sourceId: 'urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1',
      name: 'Priya Raman',
      nameParts: { family: 'Raman', given: 'Priya' },
      emails: ['priya.home@example.org', 'priya@raman.example'],
      phones: ['+1-555-555-5555 ext. 5555', '+33-01-23-45-67'],
      urls: ['https://priya.example/'],
      tags: ['Investors', 'Board,Advisors'],
      addresses: ['123 Main Street, Any Town, CA, 91921-1234, U.S.A.'],
      notes: 'Birthday: circa 1800\n\nLine one\nLine two, with comma',
      photo: {
        mediaType: 'image/png',
        base64:
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      },
    });
    assert.equal(byName(r, 'ABC, Inc.').company, 'ABC, Inc.');
    assert.deepEqual(byName(r, 'only.email@example.net').emails, ['only.email@example.net']);
    assert.equal(byName(r, 'Only Org GmbH').company, 'Only Org GmbH');
    assert.deepEqual(codes(r), [
      'card 1 (line 1) warning birthday_text',
      'card 2 (line 20) error not_a_person',
      'card 3 (line 26) warning organisation_card',
      'card 4 (line 33) warning name_fallback',
      'card 5 (line 37) warning name_fallback',
      'card 6 (line 41) warning name_fallback',
      'card 7 (line 46) warning photo_remote',
    ]);
    // Only a phone number: named by it, as Google and Apple show such a contact.
    const phoneOnly = byName(r, '+1 555 0000');
    assert.equal(phoneOnly.nameFromFallback, true);
    assert.deepEqual(phoneOnly.phones, ['+1 555 0000']);
    assert.equal(phoneOnly.notes, 'no name at all');
  });

  test('a truncated card is an error with its line; the cards around it are kept', () => {
    const r = ok(parseImport('vcard', fixture('vcard/truncated.vcf')));
    assert.deepEqual(
      r.records.map((p) => p.name),
      ['First Complete', 'Third Complete'],
    );
    assert.deepEqual(codes(r), [
      'card 2 (line 5) error truncated_card',
      'card 4 (line 14) error truncated_card',
    ]);
    assert.match(r.problems[0]?.message ?? '', /line 5/);
    assert.equal(r.total, 4);
  });

  test('unfolds bytes before decoding: folds inside multi-byte UTF-8 characters', () => {
    const r = ok(parseImport('vcard', fixture('vcard/folded-multibyte.vcf')));
    const p = byName(r, 'Łukasz Żółć-Müller');
    assert.equal(p.company, 'Łódź Śródmieście Sp. z o.o.');
    assert.equal(p.notes, 'Zażółć gęślą jaźń — 日本語のメモ 🎉 ok');
    assertClean(`${p.name} ${p.company} ${p.notes}`);
  });

  for (const [file, encoding, name] of [
    ['latin1-3.0.vcf', 'windows-1252', 'José Müller'],
    ['utf16le-3.0.vcf', 'utf-16le', 'Łukasz Müller'],
    ['utf16be-3.0.vcf', 'utf-16be', 'Łukasz Müller'],
    ['utf8-bom-3.0.vcf', 'utf-8-bom', 'Łukasz Müller'],
  ] as const) {
    test(`reads ${file} as ${encoding}`, () => {
      const r = ok(parseImport('vcard', fixture(`vcard/${file}`)));
      assert.equal(r.encoding, encoding);
      assert.equal(r.records[0]?.name, name);
      assertClean(r.records[0].name);
    });
  }

  test('Windows-1252 card keeps €, Œ and curly quotes', () => {
    const r = ok(parseImport('vcard', fixture('vcard/latin1-3.0.vcf')));
    assert.equal(r.records[0]?.notes, 'Œuvre – “quoted” €');
    assert.equal(r.records[0].company, 'Café Olé');
  });

  test('birthday forms', () => {
    const cases: [string, string | undefined][] = [
      ['BDAY:1980-04-14', '1980-04-14'],
      ['BDAY:19800414', '1980-04-14'],
      ['BDAY:--0414', '--04-14'],
      ['BDAY:--04-14', '--04-14'],
      ['BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-14', '--04-14'],
      ['BDAY;VALUE=date:1604-02-29', '--02-29'],
      ['BDAY:1980-04-14T00:00:00Z', '1980-04-14'],
      ['BDAY;VALUE=date-and-or-time:19531015T231000Z', '1953-10-15'],
      ['BDAY:1981-02-29', undefined],
      ['BDAY:--1301', undefined],
      ['BDAY;VALUE=text:circa 1800', undefined],
      ['BDAY:', undefined],
    ];
    for (const [line, expected] of cases) {
      const r = parse(card('FN:B', line));
      assert.equal(r.records[0]?.birthday, expected, line);
    }
    const bad = parse(card('FN:B', 'BDAY:1981-02-29'));
    assert.deepEqual(codes(bad), ['card 1 (line 1) warning invalid_date']);
    assert.equal(bad.records[0]?.notes, 'Birthday: 1981-02-29');
  });

  test('name rules: FN, else N, else ORG, else EMAIL, else TEL (warned, flagged), else rejected', () => {
    const r = parse(
      card('FN:Full Name', 'N:Family;Given;;;') +
        card('N:Tanaka;Hiro;;Mr.;Jr.') +
        card('N:;;;;', 'ORG:Only Co\\; Ltd;Dept') +
        card('EMAIL;TYPE=INTERNET:MAILTO:X@Y.example') +
        card('TEL:+1 555 0100', 'NOTE:nothing else') +
        card('NOTE:nothing at all'),
    );
    assert.deepEqual(
      r.records.map((p) => [p.name, p.nameFromFallback]),
      [
        ['Full Name', undefined],
        ['Mr. Hiro Tanaka Jr.', undefined],
        ['Only Co; Ltd', true],
        ['x@y.example', true],
        ['+1 555 0100', true],
      ],
    );
    assert.deepEqual(codes(r), [
      'card 3 (line 10) warning name_fallback',
      'card 4 (line 15) warning name_fallback',
      'card 5 (line 19) warning name_fallback',
      'card 6 (line 24) error no_name',
    ]);
    assert.match(r.problems[2]?.message ?? '', /phone number "\+1 555 0100"/);
    // N as the card gives it, never re-split from the display name.
    assert.deepEqual(r.records[0]?.nameParts, { family: 'Family', given: 'Given' });
    assert.deepEqual(r.records[1]?.nameParts, {
      family: 'Tanaka',
      given: 'Hiro',
      prefix: 'Mr.',
      suffix: 'Jr.',
    });
    assert.equal(r.records[2]?.nameParts, undefined);
  });

  test('escapes, quoted parameter values with colons and semicolons, RFC 6868 carets', () => {
    const r = parse(
      card(
        'FN:Semi\\; Colon\\, Back\\\\slash',
        'NOTE;X-TAG="a:b;c":one\\ntwo\\Nthree',
        'EMAIL;TYPE="internet,pref":a@b.example',
        'ADR;LABEL="^\'Quoted^\' label^nline 2":;;Street 1\\nFloor 2;City;;;',
      ),
    );
    const p = r.records[0];
    assert.equal(p?.name, 'Semi; Colon, Back\\slash');
    assert.equal(p.notes, 'one\ntwo\nthree');
    assert.deepEqual(p.emails, ['a@b.example']);
    assert.deepEqual(p.addresses, ['Street 1, Floor 2, City']);
  });

  test('X-SOCIALPROFILE and labelled URLs to LinkedIn; other social profiles stay URLs', () => {
    const r = parse(
      card(
        'FN:Social',
        'X-SOCIALPROFILE;type=twitter:https://twitter.com/social',
        'X-SOCIALPROFILE;type=linkedin;x-user=social-person:x-apple:social-person',
        'item1.URL:Other-Handle',
        'item1.X-ABLabel:LinkedIn',
      ),
    );
    assert.equal(r.records[0]?.linkedin, 'https://www.linkedin.com/in/social-person');
    assert.deepEqual(r.records[0].urls, [
      'https://twitter.com/social',
      'https://www.linkedin.com/in/other-handle',
    ]);
  });

  test('cleans Apple labels', () => {
    assert.equal(cleanAppleLabel('_$!<Other>!$_'), 'Other');
    assert.equal(cleanAppleLabel('_$!<HomePage>!$_'), 'HomePage');
    assert.equal(cleanAppleLabel('Custom'), 'Custom');
  });

  test('PHOTO never breaks the card: bad base64, non-base64 data: URI, too large', () => {
    const r = parse(
      card('FN:Bad B64', 'PHOTO;ENCODING=b;TYPE=JPEG:!!!not base64!!!') +
        card('FN:Bad Data', 'PHOTO:data:image/svg+xml,%3Csvg%3E') +
        card('FN:Large', `PHOTO;ENCODING=b;TYPE=PNG:${'A'.repeat(400_000)}`),
    );
    assert.deepEqual(
      r.records.map((p) => [p.name, p.photo]),
      [
        ['Bad B64', undefined],
        ['Bad Data', undefined],
        ['Large', undefined],
      ],
    );
    assert.deepEqual(
      r.problems.map((p) => p.code),
      ['photo_invalid', 'photo_invalid', 'photo_too_large'],
    );
  });

  test('lines outside cards and malformed lines inside are reported, not fatal', () => {
    const r = parse(
      `From: someone\r\n${card('FN:Kept', 'this line has no colon', 'EMAIL:k@kept.example')}trailing junk\r\n`,
    );
    assert.equal(r.records[0]?.name, 'Kept');
    assert.deepEqual(codes(r), ['card 1 (line 2) warning malformed_line', 'line 1 warning outside_card']);
  });

  test('refuses a CSV or an empty file as not a vCard', () => {
    const m = mismatch(parseImport('vcard', fixture('linkedin/Connections.csv')));
    assert.equal(m.code, 'wrong_format');
    assert.match(m.message, /BEGIN:VCARD/);
    assert.match(m.message, /"Notes:"/);
    assert.equal(mismatch(parseImport('vcard', utf8('\r\n  \r\n'))).code, 'empty_file');
  });

  test('5,000 cards plus one with a 5 MB photo and one with a 5 MB note parse quickly and correctly', () => {
    const parts: string[] = [];
    for (let i = 0; i < 5_000; i++)
      parts.push(
        card(`FN:Person ${i}`, `N:${i};Person;;;`, `EMAIL:p${i}@example.com`, `TEL:+1 555 ${i}`, 'ORG:Co'),
      );
    // 5 MB of base64, folded at 75 octets like Apple writes it.
    const big = 'A'.repeat(5 * 1024 * 1024).replace(/.{74}/g, '$&\r\n ');
    parts.push(card('FN:Huge Photo', `PHOTO;ENCODING=b;TYPE=JPEG:${big}`));
    parts.push(card('FN:Huge Note', `NOTE:${'long note '.repeat(500_000)}`));
    const bytes = utf8(parts.join(''));
    assert.ok(bytes.length > 10_000_000);
    const progress: number[] = [];
    const r = ok(parseImport('vcard', bytes, { onProgress: (d) => progress.push(d) }));
    assert.equal(r.total, 5_002);
    assert.equal(r.records.length, 5_002);
    assert.deepEqual(progress, [1_000, 2_000, 3_000, 4_000, 5_000, 5_002]);
    assert.equal(byName(r, 'Huge Photo').photo, undefined);
    const note = byName(r, 'Huge Note').notes ?? '';
    assert.ok(note.length <= 10_000 && note.length > 9_990, String(note.length));
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.field]),
      [
        ['photo_too_large', 'PHOTO'],
        ['field_truncated', 'notes'],
      ],
    );
  });

  test('property: any bytes give a result or a mismatch, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        for (const format of ['vcard', 'linkedin', 'google'] as const) parseImport(format, bytes);
      }),
    );
  });

  test('property: vCard-shaped noise never throws and every card is accounted for', () => {
    const line = fc.oneof(
      fc.constantFrom(
        'BEGIN:VCARD',
        'END:VCARD',
        'FN:A',
        'N:;;;;',
        'EMAIL:x@y.z',
        ' folded',
        '=',
        'NOTE;ENCODING=QUOTED-PRINTABLE:a=',
      ),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const r = parseImport('vcard', utf8(lines.join('\r\n')));
        if ('ok' in r) return;
        const rejected = r.problems.filter((p) => p.severity === 'error').length;
        assert.equal(r.records.length + rejected, r.total);
        for (const p of r.records) assert.ok(p.name.trim() !== '');
      }),
    );
  });

  test('2.1 quoted-printable: a soft break before an empty line ends the value; the next property decodes on its own', () => {
    const r = ok(parseImport('vcard', fixture('vcard/qp-soft-break-before-blank-line.vcf')));
    assert.deepEqual(codes(r), []);
    assert.equal(r.total, 2);
    const j = byName(r, 'Jürgen Müller');
    assert.equal(j.notes, 'Erste Zeile\nZweite Zeile mit ä');
    // ISO-8859-1 after the blank line: its own CHARSET, not glued onto the UTF-8 note.
    assert.deepEqual(j.addresses, ['Kurfürstendamm 21, Berlin, 10719, Deutschland']);
    assert.equal(j.title, 'Geschäftsführer');
    assert.deepEqual(j.phones, ['+49 171 1234567']);
    assert.deepEqual(j.nameParts, { family: 'Müller', given: 'Jürgen' });
    assert.deepEqual(byName(r, 'Anna Weiß').nameParts, { family: 'Weiß', given: 'Anna' });
    for (const p of r.records)
      assertClean(`${p.name} ${p.title ?? ''} ${p.notes ?? ''} ${p.addresses.join()}`);
  });

  test('a grouped BEGIN/END line (item1.BEGIN:VCARD) is a card boundary', () => {
    const r = ok(parseImport('vcard', fixture('vcard/grouped-begin-end.vcf')));
    assert.equal(r.total, 3);
    assert.deepEqual(codes(r), []);
    assert.deepEqual(
      r.records.map((p) => [p.ref, p.name, p.emails, p.phones]),
      [
        ['card 1 (line 1)', 'Ben Okafor', ['ben@okafor.example'], []],
        ['card 2 (line 7)', 'Cara Ngata', [], ['+64 21 555 0199']],
        ['card 3 (line 13)', 'Dev Patel', [], []],
      ],
    );
    assert.deepEqual(r.records[0]?.nameParts, { family: 'Okafor', given: 'Ben' });
  });

  test('phone-only cards are named by their primary number, warned and flagged; a card with nothing is rejected', () => {
    const r = ok(parseImport('vcard', fixture('vcard/phone-only.vcf')));
    assert.equal(r.total, 4);
    assert.deepEqual(
      r.records.map((p) => [p.ref, p.name, p.nameFromFallback, p.phones, p.nameParts]),
      [
        ['card 1 (line 1)', '+49 170 5550123', true, ['+49 170 5550123'], undefined],
        ['card 2 (line 7)', '+1 (555) 010-0042', true, ['+1 (555) 010-0042', '+1 555 010 0043'], undefined],
        ['card 3 (line 15)', '0171 5550199', true, ['0171 5550199'], undefined],
      ],
    );
    assert.deepEqual(codes(r), [
      'card 1 (line 1) warning name_fallback',
      'card 2 (line 7) warning name_fallback',
      'card 3 (line 15) warning name_fallback',
      'card 4 (line 19) error no_name',
    ]);
    assert.equal(r.problems[0]?.field, 'name');
    assert.match(r.problems[0].message, /phone number "\+49 170 5550123"/);
  });

  test('2.1 CHARSET=SHIFT_JIS in quoted-printable, base64 and raw values decodes', () => {
    const r = ok(parseImport('vcard', fixture('vcard/shift-jis-2.1.vcf')));
    assert.deepEqual(codes(r), []);
    const taro = byName(r, '山田 太郎');
    assert.deepEqual(taro.nameParts, { family: '山田', given: '太郎' });
    assert.equal(taro.company, '株式会社サンプル');
    assert.equal(taro.notes, '打ち合わせ：東京駅');
    assert.deepEqual(taro.emails, ['taro@yamada.example']);
    assert.deepEqual(taro.phones, ['090-1234-5678']);
    assert.equal(taro.nameFromFallback, undefined);
  });

  test('nameParts: N unescaped and trimmed, multi-values joined, empty parts left out', () => {
    const r = parse(
      card('FN:Mr. Michael Angstadt Jr.', 'N:Angstadt;Michael;;Mr.;Jr.') +
        card('FN:X', 'N: de la Cruz ;María\\, José;Ana,Lucía;;') +
        card('FN:Only FN') +
        card('FN:Empty N', 'N:; ;;;'),
    );
    assert.deepEqual(
      r.records.map((p) => p.nameParts),
      [
        { family: 'Angstadt', given: 'Michael', prefix: 'Mr.', suffix: 'Jr.' },
        { family: 'de la Cruz', given: 'María, José', additional: 'Ana Lucía' },
        undefined,
        undefined,
      ],
    );
  });
});
