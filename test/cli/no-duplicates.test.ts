import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backends } from '../helpers/db.js';
import { tend } from '../helpers/cli.js';

/**
 * Running `tend init` twice (or after the web's first run), repeating `tend me offer`, or adding
 * a name you already have must not make duplicates: items come back unchanged, a known name is
 * refused with exit 2 naming the person and the fix (`--new`), and event capture links the one
 * person a name matches.
 */
const now = '2026-03-14T09:00:00Z';

for (const backend of backends)
  describe(`no accidental duplicates with the tend binary on ${backend.name}`, () => {
    const db = backend.fresh();
    const run = (args: string[]) => tend(db, args, { now });
    const ok = (args: string[]) => {
      const r = run(args);
      assert.equal(r.code, 0, `tend ${args.join(' ')} → ${r.code}\n${r.stderr}${r.stdout}`);
      return r;
    };
    const mine = () =>
      ok(['me', '--json']).json() as {
        offers: { text: string }[];
        needs: { text: string }[];
        goals: { text: string }[];
      };
    const people = () =>
      (ok(['people', '--all', '--json']).json() as { people: { person: { id: number; name: string } }[] })
        .people;

    test('init twice: one of each, and --json says which were unchanged', () => {
      const args = [
        'init',
        '--offer',
        'Postgres performance tuning',
        '--offer',
        'intros to Berlin data engineers',
        '--need',
        'two new clients in fintech',
        '--goal',
        'a fintech practice',
      ];
      const first = ok([...args, '--json']).json() as { added: unknown[]; unchanged: unknown[] };
      assert.equal(first.added.length, 4);
      assert.equal(first.unchanged.length, 0);
      const second = ok([...args, '--json']).json() as {
        added: unknown[];
        unchanged: { id: number; text: string }[];
        offers: unknown[];
        needs: unknown[];
      };
      assert.equal(second.added.length, 0);
      assert.deepEqual(
        second.unchanged.map((i) => i.text),
        [
          'Postgres performance tuning',
          'intros to Berlin data engineers',
          'two new clients in fintech',
          'a fintech practice',
        ],
      );
      const human = ok(args);
      assert.match(human.stdout, /Already there, unchanged: #1 "Postgres performance tuning"/);
      const m = mine();
      assert.equal(m.offers.length, 2);
      assert.equal(m.needs.length, 1);
      assert.equal(m.goals.length, 1);
    });

    test('me offer|need|goal: case, accents, spaces and end punctuation do not make a new item', () => {
      for (const text of [
        'postgres PERFORMANCE tuning',
        '  Postgres   performance tuning!',
        'Pöstgres performance tuning.',
      ]) {
        const r = ok(['me', 'offer', text, '--json']).json() as { unchanged: boolean; item: { id: number } };
        assert.equal(r.unchanged, true, text);
        assert.equal(r.item.id, 1);
      }
      assert.match(
        ok(['me', 'need', 'Two new clients in FinTech']).stdout,
        /already have this need open: #3/,
      );
      assert.equal(
        (ok(['me', 'goal', 'a fintech practice', '--json']).json() as { unchanged: boolean }).unchanged,
        true,
      );
      // Different words, or the same words on another side, are new items.
      const other = ok(['me', 'offer', 'Postgres performance tuning for startups', '--json']).json() as {
        unchanged: boolean;
      };
      assert.equal(other.unchanged, false);
      const asNeed = ok(['me', 'need', 'Postgres performance tuning', '--json']).json() as {
        unchanged: boolean;
      };
      assert.equal(asNeed.unchanged, false);
      const m = mine();
      assert.equal(m.offers.length, 3);
      assert.equal(m.needs.length, 2);
      assert.equal(m.goals.length, 1);
    });

    test('an item that is met no longer counts: the same text is a new open item', () => {
      ok(['me', 'done', '3']);
      const r = ok(['me', 'need', 'two new clients in fintech', '--json']).json() as {
        unchanged: boolean;
        item: { id: number; status: string };
      };
      assert.equal(r.unchanged, false);
      assert.notEqual(r.item.id, 3);
      assert.equal(r.item.status, 'open');
    });

    test('a bad --goal on a repeated need is still bad input, not "unchanged"', () => {
      const r = run(['me', 'need', 'two new clients in fintech', '--goal', '999']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /no goal #999/);
    });

    test('adding a name you already have is refused with exit 2, naming the person and --new', () => {
      ok(['add', 'Jonas Weber', '--met', 'PGConf Berlin', '--company', 'Acme']);
      for (const name of [
        'Jonas Weber',
        'jonas weber',
        'JONAS WÉBER',
        'Jonas\u200B Weber',
        '\uFEFFJonas Weber\u200D',
      ]) {
        const r = run(['add', name, '--met', 'the web']);
        assert.equal(r.code, 2, `${JSON.stringify(name)}: ${r.stdout}`);
        assert.match(r.stderr, /you already have Jonas Weber #1 \(met PGConf Berlin, at Acme\)/);
        assert.match(r.stderr, /--new/);
        assert.equal(r.stdout, '');
      }
      const j = run(['add', 'jonas weber', '--json']);
      assert.equal(j.code, 2);
      const e = (j.json() as { error: { code: string; details: { existing: { id: number }[] } } }).error;
      assert.equal(e.code, 'person_exists');
      assert.deepEqual(
        e.details.existing.map((p) => p.id),
        [1],
      );
      assert.equal(people().length, 1, 'nothing written');
      assert.equal(
        run(['add', 'jonas weber', '--focus']).code,
        2,
        'refused before the focus list is touched',
      );
      // A name stored with invisible characters is found by its visible form too.
      ok(['add', 'Anna\u200B Berg', '--new']);
      const anna = run(['add', 'Anna Berg']);
      assert.equal(anna.code, 2, anna.stdout);
      assert.match(anna.stderr, /you already have Anna.? Berg #2/u);
      ok(['add', 'Anna Berg', '--new']);
      // After the refusal the README's next steps still work: no ambiguity.
      ok(['need', 'jonas', 'a Postgres expert']);
      ok(['focus', 'add', 'jonas']);
      ok(['log', 'jonas', '--via', 'in_person', '--nature', 'touch', '--note', 'coffee']);
    });

    test('--new adds someone else with the same name; a different name is not refused', () => {
      const r = ok(['add', 'Jonas Weber', '--new', '--met', 'Fintech Forum', '--json']).json() as {
        person: { id: number; name: string };
      };
      assert.equal(r.person.name, 'Jonas Weber');
      assert.notEqual(r.person.id, 1);
      ok(['add', 'Jonas Webber']);
      ok(['add', 'Jonas']);
      assert.equal(people().length, 6);
    });

    test('event capture links the one person a name matches, and never refuses', () => {
      ok(['add', 'Ben Ortiz', '--met', 'dbt meetup']);
      ok(['event', 'add', 'Data meetup']);
      const ben = ok(['event', 'met', 'ben ortiz', '--line', 'building a dbt shop', '--json']).json() as {
        person: { id: number; name: string; created: boolean };
      };
      assert.equal(ben.person.created, false);
      assert.equal(ben.person.name, 'Ben Ortiz');
      assert.match(
        ok(['event', 'met', 'Ben Ortiz']).stdout,
        /Met Ben Ortiz at Data meetup \(#\d+, already in Tend\)/,
      );
      // Two Jonas Webers: a new one, with a warning naming both.
      const jonas = run(['event', 'met', 'Jonas Weber']);
      assert.equal(jonas.code, 0);
      assert.match(jonas.stdout, /\(new person\)/);
      assert.match(jonas.stderr, /2 people already have this name \(#1, #4\)/);
      const eva = ok(['event', 'met', 'Eva Lind', '--json']).json() as { person: { created: boolean } };
      assert.equal(eva.person.created, true);
      const names = people().map((p) => p.person.name);
      assert.equal(names.filter((n) => n === 'Ben Ortiz').length, 1);
    });
  });
