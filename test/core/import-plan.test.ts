import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import fc from 'fast-check';

import { identityKeysOf } from '../../src/core/identity.js';
import {
  keysOfPerson,
  planImport,
  type ImportPlan,
  type ImportRecord,
  type KeyedRecord,
  type KnownPeople,
  type KnownPerson,
} from '../../src/core/import-plan.js';

type Rec = ImportRecord & { source: string };

const rec = (r: Partial<Rec> & { name: string }): Rec => ({
  source: 'vcard',
  ref: 'line 1',
  emails: [],
  phones: [],
  urls: [],
  tags: [],
  addresses: [],
  ...r,
});

/** Keys as the importers give them; the content itself stands in for the importer's hash. */
const keyed = (records: readonly Rec[]): KeyedRecord[] => {
  const keys = identityKeysOf(records, (r) => JSON.stringify({ ...r, ref: undefined }));
  return records.map((record, i) => ({ record, keys: keys[i] ?? [] }));
};

const nobody = (): KnownPeople => ({ byKey: new Map(), people: new Map(), connected: new Set() });

const person = (id: number, p: Partial<KnownPerson> & { name: string }): KnownPerson => ({
  id,
  emails: [],
  phones: [],
  urls: [],
  tags: [],
  ...p,
});

/** Tend knowing these people under the keys Tend gives people added by hand. */
const knowing = (people: readonly KnownPerson[], connected: readonly number[] = []): KnownPeople => {
  const byKey = new Map<string, number[]>();
  for (const p of people) for (const k of keysOfPerson(p)) byKey.set(k, [...(byKey.get(k) ?? []), p.id]);
  return { byKey, people: new Map(people.map((p) => [p.id, p])), connected: new Set(connected) };
};

/** What the database holds after the app writes the plan, in memory. */
function apply(known: KnownPeople, plan: ImportPlan): KnownPeople {
  const byKey = new Map([...known.byKey].map(([k, ids]) => [k, [...ids]]));
  const people = new Map(known.people);
  const connected = new Set(known.connected);
  const addKey = (key: string, id: number): void => {
    const ids = byKey.get(key) ?? [];
    if (!ids.includes(id)) byKey.set(key, [...ids, id]);
  };
  for (const u of plan.updates) {
    const before = people.get(u.personId);
    assert.ok(before, `update of unknown person ${u.personId}`);
    people.set(u.personId, { ...before, ...u.changes, tags: [...before.tags, ...u.newTags] });
    if (u.connectedOn !== undefined) connected.add(u.personId);
    for (const k of u.keys) addKey(k, u.personId);
  }
  let next = Math.max(0, ...people.keys()) + 1;
  for (const c of plan.creates) {
    const id = next++;
    const { connectedOn, ...fields } = c.person;
    people.set(id, { id, ...fields });
    if (connectedOn !== undefined) connected.add(id);
    for (const k of c.keys) addKey(k, id);
  }
  return { byKey, people, connected };
}

const count = (plan: ImportPlan, o: string): number => plan.records.filter((r) => r.outcome === o).length;

describe('import plan: examples', () => {
  it('a new record creates a person; its keys are planned', () => {
    const plan = planImport(keyed([rec({ name: 'Anna Müller', emails: ['anna@example.com'] })]), nobody());
    assert.equal(plan.creates.length, 1);
    assert.equal(plan.creates[0]?.person.name, 'Anna Müller');
    assert.ok(plan.creates[0].keys.includes('email:anna@example.com'));
    assert.deepEqual(plan.records, [{ outcome: 'created', person: { create: 0 } }]);
  });
  it('a record sharing an email with someone known fills what they lack, never their name', () => {
    const known = knowing([person(7, { name: 'Anna M.', emails: ['anna@example.com'] })]);
    const plan = planImport(
      keyed([
        rec({
          name: 'Anna Müller',
          emails: ['anna@example.com'],
          company: 'Acme',
          phones: ['+49 30 1234567'],
        }),
      ]),
      known,
    );
    assert.equal(plan.creates.length, 0);
    assert.deepEqual(plan.records, [{ outcome: 'merged', person: { id: 7 } }]);
    const u = plan.updates[0];
    assert.ok(u?.changes);
    assert.equal(u.personId, 7);
    assert.equal(u.changes.name, undefined, 'the name Tend has stays');
    assert.equal(u.changes.company, 'Acme');
    assert.deepEqual(u.changes.phones, ['+49 30 1234567']);
    assert.ok(
      u.keys.some((k) => k.startsWith('namecompany:')),
      'keys the merged fields give',
    );
  });
  it('a known person matched with nothing new is unchanged, and learns the record key', () => {
    const known = knowing([person(7, { name: 'Anna', emails: ['anna@example.com'] })]);
    const plan = planImport(keyed([rec({ name: 'Anna', emails: ['anna@example.com'] })]), known);
    assert.deepEqual(plan.records, [{ outcome: 'unchanged', person: { id: 7 } }]);
    assert.equal(plan.updates[0]?.changes, undefined);
    assert.ok(plan.updates[0]?.keys.some((k) => k.startsWith('record:')));
  });
  it('the same person twice in one file is one person, with a duplicate_in_file warning', () => {
    const plan = planImport(
      keyed([
        rec({ name: 'Ben', ref: 'card 1', emails: ['ben@example.com'] }),
        rec({ name: 'Ben', ref: 'card 2', emails: ['ben@example.com'], title: 'CTO' }),
      ]),
      nobody(),
    );
    assert.equal(plan.creates.length, 1);
    assert.equal(plan.creates[0]?.person.title, 'CTO');
    assert.deepEqual(
      plan.records.map((r) => r.outcome),
      ['created', 'duplicate'],
    );
    assert.deepEqual(
      plan.problems.map((p) => [p.ref, p.code]),
      [['card 2', 'duplicate_in_file']],
    );
  });
  it('a record matching two known people merges into one and says so', () => {
    const known = knowing([
      person(1, { name: 'Carla', emails: ['c@work.example'] }),
      person(2, { name: 'Carla', emails: ['c@home.example'] }),
    ]);
    const plan = planImport(
      keyed([rec({ name: 'Carla', emails: ['c@work.example', 'c@home.example'] })]),
      known,
    );
    assert.equal(plan.problems[0]?.code, 'ambiguous_match');
    assert.match(plan.problems[0].message, /#1, #2/);
    assert.equal(plan.updates.length, 1);
  });
  it('a LinkedIn connection is planned once, and not for someone already connected', () => {
    const known = knowing([person(1, { name: 'Dana', emails: ['d@x.example'] })]);
    const r = rec({ name: 'Dana', emails: ['d@x.example'], connectedOn: '2024-01-02' });
    assert.equal(planImport(keyed([r]), known).updates[0]?.connectedOn, '2024-01-02');
    const already = knowing([person(1, { name: 'Dana', emails: ['d@x.example'] })], [1]);
    const plan = planImport(keyed([r]), already);
    assert.equal(plan.updates[0]?.connectedOn, undefined);
    assert.deepEqual(plan.records, [{ outcome: 'unchanged', person: { id: 1 } }]);
  });
  it('same name and company but another LinkedIn profile is another person', () => {
    const known = knowing([
      person(1, { name: 'Eva Berg', company: 'Acme', linkedin: 'https://www.linkedin.com/in/eva-1' }),
    ]);
    const plan = planImport(
      keyed([rec({ name: 'Eva Berg', company: 'Acme', linkedin: 'https://www.linkedin.com/in/eva-2' })]),
      known,
    );
    assert.equal(plan.creates.length, 1);
  });
  it('a stand-in name gives way to a real one', () => {
    const plan = planImport(
      keyed([
        rec({ name: 'fay@example.com', ref: 'card 1', emails: ['fay@example.com'], nameFromFallback: true }),
        rec({ name: 'Fay Lind', ref: 'card 2', emails: ['fay@example.com'] }),
      ]),
      nobody(),
    );
    assert.equal(plan.creates[0]?.person.name, 'Fay Lind');
  });
});

describe('import plan: properties', () => {
  const names = ['Anna Müller', 'Ben Okafor', 'anna muller', 'José', 'fay@x.example'];
  const emails = ['a@x.example', 'b@x.example', 'c@x.example', 'fay@x.example'];
  const record = fc
    .record({
      name: fc.constantFrom(...names),
      emails: fc.uniqueArray(fc.constantFrom(...emails), { maxLength: 2 }),
      phones: fc.uniqueArray(fc.constantFrom('+49 30 1234567', '030 1234567', '+1 555 0100'), {
        maxLength: 1,
      }),
      company: fc.option(fc.constantFrom('Acme', 'ACME ', 'Globex'), { nil: undefined }),
      title: fc.option(fc.constantFrom('CTO', 'Founder'), { nil: undefined }),
      linkedin: fc.option(fc.constantFrom('https://www.linkedin.com/in/a', 'https://www.linkedin.com/in/b'), {
        nil: undefined,
      }),
      birthday: fc.option(fc.constantFrom('1990-04-14', '--04-14'), { nil: undefined }),
      notes: fc.option(fc.constantFrom('met in Lisbon', ''), { nil: undefined }),
      tags: fc.uniqueArray(fc.constantFrom('friends', 'work'), { maxLength: 2 }),
      connectedOn: fc.option(fc.constantFrom('2023-05-01', '2024-02-03'), { nil: undefined }),
      nameFromFallback: fc.option(fc.constant(true as const), { nil: undefined }),
    })
    .map((r) => rec(r));
  const records = fc
    .array(record, { maxLength: 8 })
    .map((rs) => rs.map((r, i) => ({ ...r, ref: `line ${i + 2}` })));
  const existing = fc
    .array(
      fc.record({
        name: fc.constantFrom(...names),
        emails: fc.uniqueArray(fc.constantFrom(...emails), { maxLength: 1 }),
        company: fc.option(fc.constantFrom('Acme', 'Globex'), { nil: undefined }),
        tags: fc.uniqueArray(fc.constantFrom('friends', 'vip'), { maxLength: 1 }),
      }),
      { maxLength: 4 },
    )
    .chain((ps) =>
      fc.subarray(ps.map((_, i) => i + 1)).map((connected) =>
        knowing(
          ps.map((p, i) => person(i + 1, p)),
          connected,
        ),
      ),
    );

  it('planning is deterministic and leaves its inputs as they were', () => {
    fc.assert(
      fc.property(records, existing, (rs, known) => {
        const input = keyed(rs);
        const snapshot = structuredClone({ input, known });
        const a = planImport(input, known);
        assert.deepEqual(planImport(keyed(rs), known), a);
        assert.deepEqual({ input, known }, snapshot);
      }),
    );
  });

  it('every record is accounted for exactly once', () => {
    fc.assert(
      fc.property(records, existing, (rs, known) => {
        const plan = planImport(keyed(rs), known);
        assert.equal(plan.records.length, rs.length);
        assert.equal(
          count(plan, 'unchanged') +
            count(plan, 'merged') +
            count(plan, 'created') +
            count(plan, 'duplicate'),
          rs.length,
        );
        // Each new person is created by exactly one record; every record names a real person.
        assert.equal(count(plan, 'created'), plan.creates.length);
        const creators = plan.records.flatMap((r) =>
          r.outcome === 'created' && 'create' in r.person ? [r.person.create] : [],
        );
        assert.deepEqual(
          [...creators].sort((x, y) => x - y),
          plan.creates.map((_, i) => i),
        );
        for (const r of plan.records)
          if ('id' in r.person) assert.ok(known.people.has(r.person.id));
          else assert.ok(r.person.create < plan.creates.length);
        assert.equal(
          plan.problems.filter((p) => p.code === 'duplicate_in_file').length,
          count(plan, 'duplicate'),
        );
      }),
    );
  });

  it('planning the same records again after applying the plan has nothing to do', () => {
    fc.assert(
      fc.property(records, existing, (rs, known) => {
        const after = apply(known, planImport(keyed(rs), known));
        const again = planImport(keyed(rs), after);
        assert.equal(again.creates.length, 0);
        assert.deepEqual(again.updates, []);
        assert.ok(again.records.every((r) => r.outcome === 'unchanged'));
        assert.deepEqual(again.problems, []);
      }),
    );
  });

  it('two records that only share a name never map to one person', () => {
    const other = fc.record({
      name: fc.constantFrom(...names.slice(0, 4)),
      a: fc.constantFrom('Initech', undefined),
      b: fc.constantFrom('Umbrella', undefined),
      ta: fc.constantFrom('CTO', undefined),
      tb: fc.constantFrom('Founder', undefined),
    });
    fc.assert(
      fc.property(other, existing, ({ name, a, b, ta, tb }, known) => {
        const one = rec({ name, ref: 'line 2', emails: ['one@y.example'], company: a, title: ta });
        const two = rec({ name, ref: 'line 3', emails: ['two@y.example'], company: b, title: tb });
        const plan = planImport(keyed([one, two]), known);
        assert.notDeepEqual(plan.records[0]?.person, plan.records[1]?.person);
        // Nor do they meet someone known who only shares their name.
        for (const r of plan.records) assert.ok(!('id' in r.person));
      }),
    );
  });
});
