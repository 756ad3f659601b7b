import assert from 'node:assert/strict';

import { parseImport } from '../../src/importers/index.js';
import { byName, codes, fixture, mismatch, ok, suite, test, utf8 } from './helpers.js';

suite('Google Contacts CSV', () => {
  test('current generation: groups, ::: values, primary marker, labels, multi-line cells', () => {
    const r = ok(parseImport('google', fixture('google/contacts-current.csv')));
    assert.equal(r.format, 'google');
    assert.equal(r.encoding, 'utf-8');
    assert.equal(r.total, 7);
    assert.deepEqual(byName(r, 'Anna Müller'), {
      source: 'google',
      ref: 'line 2',
      name: 'Anna Müller',
      nameParts: { given: 'Anna', family: 'Müller' },
      company: 'Siemens AG',
      title: 'Head of Partnerships, EMEA',
      // "* Work" marks the group; with two values in it, its first value is the primary.
      emails: ['anna.mueller@siemens.example', 'a.mueller@siemens.example', 'anna.m@gmail.example'],
      // '+49-170-1234567' in Phone 2 is the same number as the first: kept once.
      phones: ['+49 170 1234567', '+49 170 7654321'],
      linkedin: 'https://www.linkedin.com/in/anna-mueller',
      // Every website, including both values of one ::: cell.
      urls: ['https://anna.example/blog', 'https://www.anna-photos.example/'],
      birthday: '1985-07-23',
      notes: 'Met at Web Summit 2023.\nIntroduced by José.\n\nLikes "Kaffee".',
      tags: ['Friends', 'Conference 2024'],
      addresses: ['Werner-von-Siemens-Straße 1, 80333 München, Deutschland'],
    });
  });

  test('primary email first even when it is in group 2; year-less birthday; remote photo dropped', () => {
    const r = ok(parseImport('google', fixture('google/contacts-current.csv')));
    const jose = byName(r, 'Dr. José Luis García');
    assert.equal(jose.ref, 'line 10'); // Anna's quoted newlines span lines 2–9
    assert.deepEqual(jose.emails, ['jose.garcia@acme.example', 'jose@home.example']);
    assert.equal(jose.birthday, '--04-14');
    // Name Prefix + First + Middle + Last, as Google's columns give them.
    assert.deepEqual(jose.nameParts, { prefix: 'Dr.', given: 'José', additional: 'Luis', family: 'García' });
    assert.equal(jose.photo, undefined);
    assert.deepEqual(jose.tags, []);
    assert.ok(
      r.problems.some((p) => p.ref === 'line 10' && p.code === 'photo_remote' && p.field === 'Photo'),
    );
  });

  test('name-less contacts: organisation, else email, else phone, warned and flagged; empty rows rejected', () => {
    const r = ok(parseImport('google', fixture('google/contacts-current.csv')));
    assert.equal(byName(r, 'Globex Corporation').company, 'Globex Corporation');
    assert.deepEqual(byName(r, 'mystery@example.org').emails, ['mystery@example.org']);
    assert.deepEqual(codes(r), [
      'line 10 warning photo_remote',
      'line 11 warning name_fallback',
      'line 12 warning name_fallback',
      'line 13 error empty_row',
      'line 14 warning name_fallback',
      'line 15 warning invalid_email',
      'line 15 warning invalid_date',
    ]);
    assert.equal(r.records.length + r.problems.filter((p) => p.severity === 'error').length, r.total);
    // A row with only a phone number is named by it, as Google Contacts shows it.
    const phoneOnly = byName(r, '+1 555 0100');
    assert.equal(phoneOnly.ref, 'line 14');
    assert.deepEqual(phoneOnly.phones, ['+1 555 0100']);
    assert.deepEqual(
      r.records.filter((p) => p.nameFromFallback).map((p) => p.name),
      ['Globex Corporation', 'mystery@example.org', '+1 555 0100'],
    );
    assert.equal(byName(r, 'Anna Müller').nameFromFallback, undefined);
    assert.equal(phoneOnly.nameParts, undefined);
    const lukasz = byName(r, 'Łukasz Żółć');
    assert.deepEqual(lukasz.emails, ['lukasz@zolc.example']);
    assert.equal(lukasz.birthday, undefined);
    assert.equal(lukasz.notes, 'Birthday: 14/04/1980');
  });

  test('legacy generation: Name, Group Membership, E-mail n - Type, Organization n, address parts', () => {
    const r = ok(parseImport('google', fixture('google/contacts-legacy.csv')));
    assert.deepEqual(byName(r, 'Łukasz Nowak'), {
      source: 'google',
      ref: 'line 2',
      name: 'Łukasz Nowak',
      nameParts: { given: 'Łukasz', family: 'Nowak' },
      company: 'Nowak Software sp. z o.o.',
      title: 'CEO',
      emails: ['lukasz@nowak.example', 'l.nowak@nowak.example', 'lukasz.home@example.pl'],
      phones: ['+48 600 100 200'],
      linkedin: 'https://www.linkedin.com/in/lukasz-nowak',
      urls: ['https://nowak.example/'],
      birthday: '1990-02-28',
      notes: 'Kraków meetup, "Rust" talk',
      tags: ['starred', 'Kraków'],
      addresses: ['ul. Floriańska 3, Kraków, 31-019, Polska'],
    });
    // No "Name" cell: built from the parts. Two organisations in one cell: the first.
    const zoe = byName(r, 'Zoë Ångström');
    assert.equal(zoe.company, 'Ångström Labs');
    assert.deepEqual(zoe.tags, []);
    assert.deepEqual(byName(r, 'Initech').phones, ['+1 555 0199']);
    assert.deepEqual(codes(r), ['line 4 warning name_fallback']);
  });

  test('columns in any order, any number of groups, BOM, CRLF inside a quoted cell', () => {
    const r = ok(parseImport('google', fixture('google/contacts-reordered-many-groups.csv')));
    assert.equal(r.encoding, 'utf-8-bom');
    assert.deepEqual(r.records[0]?.emails, [
      'fourth@x.example',
      'first@x.example',
      'second@x.example',
      'third@x.example',
    ]);
    assert.equal(r.records[0].name, 'Ben Okafor');
    assert.equal(r.records[0].notes, 'line one\nline two, with comma');
  });

  test('refuses a LinkedIn file and a plain CSV, saying what was expected and found', () => {
    const li = mismatch(parseImport('google', fixture('linkedin/Connections-lf-unquoted-notes.csv')));
    assert.equal(li.code, 'wrong_format');
    assert.match(li.message, /Google Contacts CSV/);
    assert.match(li.message, /LinkedIn Connections\.csv/);
    const other = mismatch(parseImport('google', fixture('hostile/some-other.csv')));
    assert.match(other.message, /the first line is "Name,Phone"/);
  });

  test('a Windows-1252 re-save keeps José and Müller', () => {
    const header = 'First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,Labels\r\n';
    const body = 'José,Müller,* Work,jm@example.com,* myContacts ::: Café\r\n';
    const bytes = Uint8Array.from(Array.from(header + body, (c) => c.charCodeAt(0)));
    const r = ok(parseImport('google', bytes));
    assert.equal(r.encoding, 'windows-1252');
    assert.equal(r.records[0]?.name, 'José Müller');
    assert.deepEqual(r.records[0].tags, ['Café']);
  });

  test('hostile cells: a 5 MB note is truncated with a warning, a 300-character name is rejected', () => {
    const header = 'First Name,Last Name,Notes,E-mail 1 - Value\n';
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const long = 'N'.repeat(300);
    const r = ok(
      parseImport('google', utf8(`${header}Anna,B,"${huge}",a@b.example\n${long},C,,c@d.example\n`)),
    );
    assert.equal(r.records.length, 1);
    assert.equal(r.records[0]?.notes?.length, 10_000);
    assert.deepEqual(codes(r), ['line 2 warning field_truncated', 'line 3 error name_too_long']);
    assert.equal(r.problems[0]?.field, 'notes');
  });
});
