import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import { DomainError, type ErrorCode } from '../../src/core/errors.js';
import { resolvePerson, type NamedRef } from '../../src/core/resolve.js';

const people: NamedRef[] = [
  { id: 1, name: 'Anna Schmidt' },
  { id: 2, name: 'Andreas Weber' },
  { id: 3, name: 'José Núñez' },
  { id: 4, name: 'Jonas Müller' },
  { id: 5, name: 'Ann' },
  { id: 7, name: 'Ben Okafor' },
  { id: 42, name: 'Carla Jobs' },
  { id: 8, name: '1999 Studio' },
];

const failure = (query: string, list: readonly NamedRef[] = people): DomainError => {
  try {
    resolvePerson(query, list);
  } catch (e) {
    assert.ok(e instanceof DomainError);
    return e;
  }
  return assert.fail(`"${query}" resolved`);
};
const code = (query: string): ErrorCode => failure(query).code;

describe('resolvePerson', () => {
  it('by id', () => {
    assert.equal(resolvePerson('7', people).name, 'Ben Okafor');
    assert.equal(resolvePerson(' 42 ', people).name, 'Carla Jobs');
  });
  it('a number that is no id is read as a name', () => {
    assert.equal(resolvePerson('1999', people).id, 8);
  });
  it('an exact full name wins over longer names it is a prefix of', () => {
    assert.equal(resolvePerson('Ann', people).id, 5);
    assert.equal(resolvePerson('ann', people).id, 5);
  });
  it('an unambiguous prefix', () => {
    assert.equal(resolvePerson('anna', people).id, 1);
    assert.equal(resolvePerson('Be', people).id, 7);
  });
  it('accent-insensitive: "jose" finds José, and so does "JOSÉ"', () => {
    assert.equal(resolvePerson('jose', people).id, 3);
    assert.equal(resolvePerson('JOSÉ', people).id, 3);
    assert.equal(resolvePerson('jose nunez', people).id, 3);
  });
  it('a prefix of another word: "müller" and "muller" find Jonas Müller', () => {
    assert.equal(resolvePerson('müller', people).id, 4);
    assert.equal(resolvePerson('Muller', people).id, 4);
  });
  it('a prefix of the full name wins over a prefix of a later word', () => {
    // "jo" starts José and Jonas, and a word of Carla Jobs: the full-name prefixes are the candidates.
    const e = failure('jo');
    assert.equal(e.code, 'ambiguous_person');
    assert.deepEqual(
      (e.details.candidates as NamedRef[]).map((c) => c.id),
      [3, 4],
    );
    assert.equal(resolvePerson('jon', people).id, 4);
  });
  it('ambiguous → ambiguous_person listing the candidates', () => {
    const e = failure('an');
    assert.equal(e.code, 'ambiguous_person');
    assert.equal(e.errorClass, 'bad_input');
    assert.deepEqual(e.details.candidates, [
      { id: 1, name: 'Anna Schmidt' },
      { id: 2, name: 'Andreas Weber' },
      { id: 5, name: 'Ann' },
    ]);
    assert.match(e.message, /Anna Schmidt \(#1\)/);
  });
  it('two people with the same name are ambiguous even when typed in full', () => {
    const twins = [...people, { id: 9, name: 'Ben Okafor' }];
    assert.equal(failure('Ben Okafor', twins).code, 'ambiguous_person');
    assert.equal(resolvePerson('9', twins).id, 9);
  });
  it('lists at most 10 candidates', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ id: 100 + i, name: `Sam ${i}` }));
    const e = failure('sam', many);
    assert.equal((e.details.candidates as NamedRef[]).length, 10);
    assert.match(e.message, /matches 12 people.*, …$/);
  });
  it('unknown → unknown_person (not found)', () => {
    assert.equal(code('zed'), 'unknown_person');
    assert.equal(failure('zed').errorClass, 'not_found');
  });
  it('empty → invalid_input', () => {
    assert.equal(code('   '), 'invalid_input');
  });
});
