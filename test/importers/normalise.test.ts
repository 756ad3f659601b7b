import assert from 'node:assert/strict';

import fc from 'fast-check';

import { dedupeKeys, normaliseName, parseImport } from '../../src/importers/index.js';
import type { ImportedPerson } from '../../src/importers/index.js';
import {
  nameFromParts,
  canonicalLinkedIn,
  cleanEmail,
  cleanLine,
  cleanPhone,
  cleanUrl,
  parseBirthday,
  numericDateOrder,
  parseConnectedOn,
} from '../../src/importers/normalise.js';
import { ok, suite, test, utf8 } from './helpers.js';

const person = (over: Partial<ImportedPerson>): ImportedPerson => ({
  source: 'linkedin',
  ref: 'line 2',
  name: 'Anna Müller',
  emails: [],
  phones: [],
  urls: [],
  tags: [],
  addresses: [],
  ...over,
});

suite('normalise', () => {
  test('normaliseName: lower-case, accents stripped, whitespace collapsed', () => {
    assert.equal(normaliseName('  José   MÜLLER\t'), 'jose muller');
    assert.equal(normaliseName('Ångström'), 'angstrom');
    // NFD input (macOS file names and some exports) meets NFC input.
    assert.equal(normaliseName('Mu\u0308ller'), normaliseName('Müller'));
    // Ł has no decomposition: it stays, lower-cased.
    assert.equal(normaliseName('Łukasz'), 'łukasz');
  });

  test('cleanLine: NFC, controls and bidi overrides stripped, whitespace collapsed, capped', () => {
    assert.equal(cleanLine('  Mu\u0308ller\u0007 \u202eevil\u202c\r\n  Jr. ', 200).value, 'Müller evil Jr.');
    assert.equal(cleanLine('\ufeffAnna\u200b', 200).value, 'Anna');
    assert.equal(cleanLine('a\ud800b', 200).value, 'ab');
    // Emoji ZWJ sequences survive.
    assert.equal(cleanLine('👩‍💻 Dev', 200).value, '👩‍💻 Dev');
    assert.deepEqual(cleanLine('x'.repeat(250), 200), { value: 'x'.repeat(200), truncated: true });
    // Never splits a surrogate pair.
    assert.equal(cleanLine(`${'x'.repeat(199)}😀`, 200).value, 'x'.repeat(199));
    const huge = cleanLine('y'.repeat(5_000_000), 200);
    assert.equal(huge.value.length, 200);
    assert.ok(huge.truncated);
  });

  test('cleanEmail', () => {
    assert.equal(cleanEmail(' Anna.Mueller@Siemens.COM '), 'anna.mueller@siemens.com');
    assert.equal(cleanEmail('mailto:X@Y.example'), 'x@y.example');
    assert.equal(cleanEmail('<a@b.example>'), 'a@b.example');
    for (const bad of [
      '',
      'anna',
      'anna@',
      '@x.com',
      'a b@c.com',
      'a@b',
      'a@b..com',
      `${'a'.repeat(250)}@b.com`,
    ])
      assert.equal(cleanEmail(bad), undefined, bad);
  });

  test('cleanPhone', () => {
    assert.equal(cleanPhone('tel:+1-555-555-5555;ext=5555'), '+1-555-555-5555 ext. 5555');
    assert.equal(cleanPhone('TEL:+49%2030%20123'), '+49 30 123');
    assert.equal(cleanPhone(' +49  170\t1234567 '), '+49 170 1234567');
    assert.equal(cleanPhone('n/a'), undefined);
  });

  test('cleanUrl and canonicalLinkedIn', () => {
    assert.equal(cleanUrl('www.example.com'), 'https://www.example.com/');
    assert.equal(cleanUrl('javascript:alert(1)'), undefined);
    assert.equal(cleanUrl('not a url'), undefined);
    for (const u of [
      'https://www.linkedin.com/in/anna-m',
      'https://www.linkedin.com/in/Anna-M/',
      'http://linkedin.com/in/anna-m',
      'de.linkedin.com/in/anna-m?trk=x',
      'https://www.linkedin.com/in/anna-m/details/skills/',
      'https://www.linkedin.com/mwlite/in/anna-m',
    ])
      assert.equal(canonicalLinkedIn(u), 'https://www.linkedin.com/in/anna-m', u);
    for (const u of [
      'https://www.linkedin.com/company/acme',
      'https://evil-linkedin.com/in/anna-m',
      'https://linkedin.com.evil.example/in/anna-m',
      'https://example.com/in/anna-m',
    ])
      assert.equal(canonicalLinkedIn(u), undefined, u);
  });

  test('parseConnectedOn: LinkedIn English, German variants, bad dates', () => {
    assert.equal(parseConnectedOn('03 Jan 2023'), '2023-01-03');
    assert.equal(parseConnectedOn('3 Jan 2023'), '2023-01-03');
    assert.equal(parseConnectedOn('14 Mär 2021'), '2021-03-14');
    assert.equal(parseConnectedOn('5. Okt. 2020'), '2020-10-05');
    assert.equal(parseConnectedOn('03.01.2023'), '2023-01-03');
    assert.equal(parseConnectedOn('2023-01-03'), '2023-01-03');
    for (const bad of ['31 Feb 2020', '03 Foo 2023', 'yesterday', '', '29 Feb 2023'])
      assert.equal(parseConnectedOn(bad), undefined, bad);
    assert.equal(parseConnectedOn('29 Feb 2024'), '2024-02-29');
  });

  test('parseConnectedOn: every form spreadsheets write, numeric ones in the order given', () => {
    const jan5: [string, ('day-first' | 'month-first')?][] = [
      ['5-Jan-26'],
      ['05-Jan-2026'],
      ['05 Jan 2026'],
      ['Jan 5, 2026'],
      ['January 5, 2026'],
      ['5 January 2026'],
      ['5. Januar 2026'],
      ['2026-01-05'],
      ['2026-01-05 00:00:00'],
      ['2026/01/05'],
      ['05.01.2026'],
      ['5.1.26'],
      ['05/01/2026', 'day-first'],
      ['05/01/2026 00:00', 'day-first'],
      ['1/5/26', 'month-first'],
      ['01/05/2026', 'month-first'],
      ['1/5/26, 9:03 AM', 'month-first'],
      ['05-01-2026', 'day-first'],
    ];
    for (const [s, order] of jan5) assert.equal(parseConnectedOn(s, order), '2026-01-05', s);
    assert.equal(parseConnectedOn('14 März 2021'), '2021-03-14');
    assert.equal(parseConnectedOn('Sept 9, 2019'), '2019-09-09');
    for (const bad of ['13/13/2026', '2/30/2024', 'Foo 5, 2026', '5-Jan', '1/5', '32.01.2026', '2026-13-01'])
      assert.equal(parseConnectedOn(bad, 'month-first'), undefined, bad);
    assert.equal(numericDateOrder(['05/01/2026', '13/01/2026']), 'day-first');
    assert.equal(numericDateOrder(['05/01/2026', '1/13/26']), 'month-first');
    assert.equal(numericDateOrder(['05/01/2026', '03 Jan 2023', '']), undefined);
  });

  test('parseBirthday', () => {
    assert.equal(parseBirthday('0000-04-14'), '--04-14');
    assert.equal(parseBirthday('--02-29'), '--02-29');
    assert.equal(parseBirthday('1900-02-29'), undefined);
    assert.equal(parseBirthday('2000-02-29'), '2000-02-29');
  });
});

suite('dedupeKeys', () => {
  test('email, LinkedIn, and name+company only when there is a company', () => {
    assert.deepEqual(
      dedupeKeys(
        person({
          name: 'José  Müller',
          company: 'Café Olé GmbH',
          emails: ['jose@example.com', 'j@example.com'],
          linkedin: 'https://www.linkedin.com/in/jose',
        }),
      ),
      [
        'email:jose@example.com',
        'email:j@example.com',
        'linkedin:https://www.linkedin.com/in/jose',
        'namecompany:jose muller|cafe ole gmbh',
      ],
    );
    assert.deepEqual(dedupeKeys(person({})), []);
  });

  test('the same person from LinkedIn and from a vCard shares a key', () => {
    const li = ok(
      parseImport(
        'linkedin',
        utf8(
          'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nJosé,Müller,https://www.linkedin.com/in/Jose-Mueller/,,Acme,CTO,01 Jan 2020\n',
        ),
      ),
    );
    const vc = ok(
      parseImport(
        'vcard',
        utf8(
          'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jose Muller\r\nORG:ACME\r\nURL:linkedin.com/in/jose-mueller\r\nEND:VCARD\r\n',
        ),
      ),
    );
    const a = dedupeKeys(li.records[0] ?? assert.fail());
    const b = dedupeKeys(vc.records[0] ?? assert.fail());
    assert.deepEqual(
      a.filter((k) => b.includes(k)),
      ['linkedin:https://www.linkedin.com/in/jose-mueller', 'namecompany:jose muller|acme'],
    );
  });

  test('property: re-importing the same file gives the same records and keys', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 12 })), {
          minLength: 1,
          maxLength: 10,
        }),
        (rows) => {
          const csv = `First Name,Last Name,URL,Email Address,Company,Position,Connected On\n${rows
            .map(
              ([n, c]) =>
                `"${n.replace(/"/g, '""')}",X,https://www.linkedin.com/in/x,,"${c.replace(/"/g, '""')}",,`,
            )
            .join('\n')}\n`;
          const once = parseImport('linkedin', utf8(csv));
          const twice = parseImport('linkedin', utf8(csv));
          assert.deepEqual(once, twice);
          if (!('ok' in once)) for (const p of once.records) assert.ok(dedupeKeys(p).length > 0);
        },
      ),
    );
  });
});

suite('nameFromParts', () => {
  test('Western names in given–family order with prefix and suffix', () => {
    assert.equal(
      nameFromParts({ prefix: 'Mr.', given: 'Michael', family: 'Angstadt', suffix: 'Jr.' }),
      'Mr. Michael Angstadt Jr.',
    );
    assert.equal(nameFromParts({ given: 'Zoë', family: 'de la Fontaine' }), 'Zoë de la Fontaine');
    assert.equal(nameFromParts({ family: 'Müller' }), 'Müller');
  });
  test('Chinese and Korean family name first without a space; Japanese with kana keeps one', () => {
    assert.equal(nameFromParts({ given: '伟', family: '王' }), '王伟');
    assert.equal(nameFromParts({ given: '서연', family: '이' }), '이서연');
    assert.equal(nameFromParts({ given: 'さくら', family: '中村' }), '中村 さくら');
    // A Latin given name with a Han family name is not reordered.
    assert.equal(nameFromParts({ given: 'Bruce', family: '李' }), 'Bruce 李');
  });
});

suite('identity keys', () => {
  const rec = (name: string, phones: string[]): ImportedPerson => ({
    source: 'vcard',
    ref: 'card 1',
    name,
    emails: [],
    phones,
    urls: [],
    tags: [],
    addresses: [],
  });
  test('the same number written nationally and internationally meets beside the same name', () => {
    const a = dedupeKeys(rec('Nguyen Van An', ['+84 90 555 1234']));
    const b = dedupeKeys(rec('Nguyen Van An', ['0905551234']));
    assert.ok(a.some((k) => b.includes(k)));
    // …but never beside another name, and a name alone is never a key.
    assert.ok(!dedupeKeys(rec('Tran Thi Binh', ['0905551234'])).some((k) => a.includes(k)));
    assert.deepEqual(dedupeKeys(rec('Nguyen Van An', [])), []);
  });
  test('a contact named by its number is known by the number however it is spaced', () => {
    const a = dedupeKeys(rec('+7 916 555-00-00', ['+7 916 555-00-00']));
    const b = dedupeKeys(rec('+79165550000', ['+79165550000']));
    assert.ok(a.some((k) => b.includes(k)));
  });
});
