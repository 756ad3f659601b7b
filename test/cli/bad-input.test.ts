import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openStore, type Store } from '../../src/storage/db.js';
import { backends, sqliteBackend } from '../helpers/db.js';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tend, tendBin } from '../helpers/cli.js';
import { snapshot } from '../helpers/snapshot.js';

const long = 'x'.repeat(2001);
const longName = 'n'.repeat(201);

/** [what is wrong, the command line, a fragment the one-line message must contain] */
const cases: [string, string[], RegExp][] = [
  ['missing person (show)', ['show', 'Nobody Here'], /no person matches "Nobody Here"/],
  ['missing person (give)', ['give', 'Nobody', 'a thing'], /no person matches/],
  ['missing person (need)', ['need', 'Nobody', 'a thing'], /no person matches/],
  ['missing person (log)', ['log', 'Nobody', '--via', 'call', '--nature', 'touch'], /no person matches/],
  ['missing person (promise)', ['promise', 'Nobody', 'x', '--due', 'friday'], /no person matches/],
  ['missing person (focus add)', ['focus', 'add', 'Nobody'], /no person matches/],
  ['missing person (tag)', ['tag', 'Nobody', 'vip'], /no person matches/],
  ['missing person (merge)', ['merge', 'anna', 'Nobody'], /no person matches/],
  ['ambiguous name (show)', ['show', 'an'], /"an" matches 2 people: Anna Berg \(#\d+\), Anouk Smit \(#\d+\)/],
  ['ambiguous name (give)', ['give', 'an', 'a book'], /matches 2 people/],
  ['ambiguous name (ask)', ['ask', 'an', 'a favor', '--anyway'], /matches 2 people/],
  ['ambiguous name (log)', ['log', 'an', '--via', 'call', '--nature', 'touch'], /matches 2 people/],
  ['empty name (add)', ['add', '   '], /NAME must not be empty/],
  ['empty text (need)', ['need', 'anna', ''], /TEXT must not be empty/],
  ['empty text (offer)', ['offer', 'anna', '  '], /TEXT must not be empty/],
  ['empty text (give)', ['give', 'anna', ''], /TEXT must not be empty/],
  ['empty text (ask)', ['ask', 'anna', '', '--anyway'], /TEXT must not be empty/],
  ['empty text (promise)', ['promise', 'anna', '', '--due', 'friday'], /TEXT must not be empty/],
  ['empty text (me offer)', ['me', 'offer', ''], /TEXT must not be empty/],
  ['empty person', ['show', ''], /person is empty/],
  [
    'unknown channel',
    ['log', 'anna', '--via', 'fax', '--nature', 'touch'],
    /--via .*'fax' is invalid.*in_person, call, letter, message, social/,
  ],
  ['unknown nature', ['log', 'anna', '--via', 'call', '--nature', 'stole'], /--nature .*'stole' is invalid/],
  ['unknown kind', ['give', 'anna', 'x', '--kind', 'bribe'], /--kind .*'bribe' is invalid/],
  [
    'kind that does not go with the nature',
    ['log', 'anna', '--via', 'call', '--nature', 'asked', '--kind', 'gift'],
    /kind "gift" does not go with asked/,
  ],
  [
    'malformed date (log)',
    ['log', 'anna', '--via', 'call', '--nature', 'touch', '--date', 'frobday'],
    /date "frobday" is not a date/,
  ],
  [
    'impossible date (promise)',
    ['promise', 'anna', 'x', '--due', '2026-02-30'],
    /due "2026-02-30" is not a date/,
  ],
  [
    'malformed date (event)',
    ['event', 'add', 'Meetup', '--date', 'someday soon'],
    /date "someday soon" is not a date/,
  ],
  [
    'malformed birthday',
    ['add', 'Zed', '--birthday', '14/03/1980'],
    /--birthday must be YYYY-MM-DD or --MM-DD/,
  ],
  ['malformed email', ['add', 'Zed', '--email', 'not-an-email'], /--email.*is not an email address/],
  [
    'malformed LinkedIn URL',
    ['add', 'Zed', '--linkedin', 'https://example.com/zed'],
    /--linkedin is not a LinkedIn profile URL/,
  ],
  ['text over the limit (need)', ['need', 'anna', long], /TEXT at most 2000 characters/],
  ['text over the limit (give)', ['give', 'anna', long], /TEXT at most 2000 characters/],
  ['name over the limit', ['add', longName], /NAME at most 200 characters/],
  ['missing --due', ['promise', 'anna', 'x'], /required option '--due <date>' not specified/],
  ['not a number', ['done', 'seven'], /PROMISE must be a whole number/],
  ['unknown promise', ['done', '999'], /no promise #999/],
  ['unknown item', ['item', '999', '--status', 'met'], /no need, offer or goal #999/],
  ['focus cap out of range', ['config', 'set', 'focusCap', '51'], /focusCap: .*50/],
  ['unknown setting', ['config', 'set', 'speed', '3'], /no setting "speed"/],
  ['move without filter', ['move', '--circle', 'archived'], /give at least one filter/],
  ['unknown circle', ['move', '--circle', 'inner', '--tag', 'x'], /--circle .*'inner' is invalid/],
  ['merge with self', ['merge', 'anna', 'anna b'], /cannot merge a person with themself/],
  ['unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
  // Use cases name fields; the CLI words them as its own flags.
  [
    'intro without a reason',
    ['intro', 'propose', 'anna', 'anouk'],
    /^tend: --reason is required: I found nothing/,
  ],
  ['intro outcome without one', ['intro', 'update', '1', 'outcome'], /^tend: --outcome is required/],
  [
    'move without filter names the flags',
    ['move', '--circle', 'archived'],
    /\(--tag, --from, --source, --search, --tool-only or people\)/,
  ],
  ['unknown interaction', ['outcome', '999', '--kind', 'thanks'], /no interaction #999/],
  // Every argument is bounded before any query; what was typed is not echoed back whole.
  [
    '100 KB person',
    ['show', 'x'.repeat(100_000)],
    /^tend: PERSON is too long \(100000 characters; no argument takes more than 10000\): "x{60}…"$/,
  ],
  ['long person reference', ['give', 'y'.repeat(5_000), 'a book'], /PERSON at most 200 characters/],
  ['long search term', ['people', '--search', 'z'.repeat(5_000)], /--search at most 2000 characters/],
  ['100 KB config key', ['config', 'set', 'k'.repeat(100_000), '3'], /^tend: KEY is too long .*"k{60}…"$/],
  [
    'long unknown config key',
    ['config', 'set', 'k'.repeat(5_000), '3'],
    /^tend: no setting "k{60}…" \(see `tend config get`\)$/,
  ],
  ['long unknown command', ['q'.repeat(5_000)], /^tend: unknown command 'q{60}…'$/],
  // A list shows at least one row (0 listed nothing, -1 dropped the last person) and at most a network.
  ['no people to list', ['match', '--limit', '0'], /--limit must be a whole number from 1 to 1000000, not 0/],
  [
    'a negative list',
    ['people', '--limit', '-1'],
    /--limit must be a whole number from 1 to 1000000, not -1/,
  ],
  ['a huge list', ['fading', '--limit', '99999999'], /--limit must be a whole number from 1 to 1000000/],
  ['a negative offset', ['people', '--offset', '-5'], /--offset must be a whole number from 0 to 1000000/],
  // Names that display wrongly, and invalid UTF-8 (decoded as U+FFFD).
  ['name of zero-width characters', ['add', '\u200B\u200D\u2060'], /NAME must not be empty/],
  ['newline in a name', ['add', 'Anna\nBerg'], /NAME must be on one line/],
  ['tab in a name', ['add', 'Anna\tBerg'], /NAME must be on one line/],
  ['invalid UTF-8 in a name', ['add', 'Jos\uFFFD'], /NAME contains invalid UTF-8 \(U\+FFFD\)/],
  [
    'invalid UTF-8 in an option',
    ['add', 'Zed', '--company', 'Ac\uFFFDme'],
    /--company contains invalid UTF-8/,
  ],
  // Interactions dated far ahead would pin the last contact there.
  [
    'give dated in the far future',
    ['give', 'anna', 'a book', '--date', '9999-12-31'],
    /--date 9999-12-31 is in the future/,
  ],
  [
    'log dated in the far future',
    ['log', 'anna', '--via', 'call', '--nature', 'touch', '--date', '2099-01-01'],
    /--date 2099-01-01 is in the future: .*maxFutureDays/,
  ],
];

for (const backend of backends) {
  describe(`bad input to the tend binary on ${backend.name}: exit 2, one clear line, nothing written`, () => {
    const db = backend.fresh();
    let store: Store;
    before(async () => {
      for (const args of [
        ['init', '--offer', 'SQL tuning'],
        ['add', 'Anna Berg'],
        ['add', 'Anouk Smit'],
        ['need', 'anna', 'a designer'],
      ])
        assert.equal(tend(db, args).code, 0);
      store = await openStore(db);
    });
    after(async () => {
      await store.close();
    });

    for (const [what, args, message] of cases) {
      test(what, async () => {
        const before = await snapshot(store.db);
        const r = tend(db, args);
        assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr}`);
        assert.equal(r.stdout, '');
        const lines = r.stderr.trimEnd().split('\n');
        assert.equal(lines.length, 1, `one line expected:\n${r.stderr}`);
        assert.match(lines[0] ?? '', message);
        assert.equal(await snapshot(store.db), before, 'the database changed');
        const j = tend(db, [...args, '--json']);
        assert.equal(j.code, 2);
        const err = (j.json() as { error?: { code: string; message: string } }).error;
        assert.ok(err && err.code.length > 0 && err.message.length > 0, j.stdout);
        assert.equal(await snapshot(store.db), before, 'the database changed (--json)');
      });
    }
  });
}

describe('a command that needs a subcommand, typed alone', () => {
  const db = backends[0]?.fresh() ?? '';
  for (const group of ['event', 'intro', 'sync', 'config', 'daemon', 'admin'])
    test(`tend ${group} shows its subcommands on stderr and exits 2`, () => {
      const r = tend(db, [group]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^Usage: tend ${group} \\[options\\] \\[command\\]`));
      assert.match(r.stderr, /^Commands:$/m);
      const j = tend(db, [group, '--json']);
      assert.equal(j.code, 2);
      const err = (j.json() as { error: { code: string; message: string } }).error;
      assert.equal(err.code, 'invalid_input');
      assert.match(err.message, new RegExp(`a command is missing: tend ${group}`));
    });
});

describe('bad database locations', () => {
  for (const [what, path, message] of [
    ['a missing folder', '/nonexistent/folder/tend.db', /the folder \/nonexistent\/folder does not exist/],
    ['a read-only file system', '/proc/tend.db', /cannot open the database \/proc\/tend.db/],
  ] as const) {
    test(what, () => {
      const r = tend(path, ['people']);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1);
      assert.match(r.stderr, message);
      const j = tend(path, ['people', '--json']);
      assert.equal((j.json() as { error: { code: string } }).error.code, 'database_unavailable');
    });
  }
  test('an unreachable PostgreSQL', () => {
    const r = tend('postgres://nobody@127.0.0.1:1/none', ['people']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /cannot reach PostgreSQL at postgres:\/\/127.0.0.1:1\/none/);
  });
});

describe('the default database location', () => {
  test('is created on first use in the user data folder (XDG_DATA_HOME), with no --db and no TEND_DB', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-xdg-'));
    const r = spawnSync(process.execPath, [tendBin, 'add', 'First Person', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, TEND_DB: '', XDG_DATA_HOME: home, NO_COLOR: '1' },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(home, 'tend', 'tend.db')));
  });
});

describe('the CLI words fields as flags; warnings and codes it shows', () => {
  const db = sqliteBackend.fresh();
  before(() => {
    for (const args of [
      ['add', 'Anna Berg'],
      ['give', 'anna', 'a first book'],
    ])
      assert.equal(tend(db, args).code, 0);
  });
  test('an unknown interaction has its own code, exit 2', () => {
    const r = tend(db, ['outcome', '999', '--kind', 'thanks', '--json']);
    assert.equal(r.code, 2);
    assert.equal((r.json() as { error: { code: string } }).error.code, 'unknown_interaction');
  });
  test('problems in --json name the flag the user typed', () => {
    const r = tend(db, ['intro', 'propose', 'anna', 'anna', '--json']);
    assert.equal(r.code, 2);
    const j = tend(db, ['intro', 'update', '1', 'outcome', '--json']);
    const e = (j.json() as { error: { message: string; details: { problems: { path: string }[] } } }).error;
    assert.match(e.message, /^--outcome is required/);
    assert.deepEqual(
      e.details.problems.map((p) => p.path),
      ['--outcome'],
    );
  });
  test('a refused ask points at --anyway', () => {
    assert.equal(tend(db, ['add', 'Zoe Quinn']).code, 0);
    const r = tend(db, ['ask', 'zoe', 'a favour']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /give first \(or ask --anyway\)/);
  });
  test('an interaction more than a hundred years ago is kept, with a warning', () => {
    const r = tend(db, ['give', 'anna', 'an heirloom', '--date', '1850-06-01', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      (r.json() as { warnings: { code: string }[] }).warnings.map((w) => w.code),
      ['distant_past'],
    );
    const human = tend(db, ['give', 'anna', 'another heirloom', '--date', '1899-01-01']);
    assert.equal(human.code, 0);
    assert.match(human.stderr, /warning: date 1899-01-01 is more than a hundred years ago/);
  });
  test('maxFutureDays is a setting with bounds', () => {
    assert.equal(tend(db, ['config', 'set', 'maxFutureDays', '30']).code, 0);
    const later = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    assert.equal(tend(db, ['give', 'anna', 'a ticket', '--date', later]).code, 0);
    const r = tend(db, ['config', 'set', 'maxFutureDays', '9999']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /maxFutureDays/);
  });
  test('a name with zero-width characters is stored clean', () => {
    const r = tend(db, ['add', 'Jonas\u200B Weber\u202E', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((r.json() as { person: { name: string } }).person.name, 'Jonas Weber');
  });
  test('a LinkedIn URL typed percent-encoded is stored in the one canonical form', () => {
    const r = tend(db, [
      'add',
      'José Álvarez',
      '--linkedin',
      'https://www.linkedin.com/in/JOS%C3%89-%C3%81lvarez/',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      (r.json() as { person: { linkedin: string } }).person.linkedin,
      'https://www.linkedin.com/in/josé-álvarez',
    );
  });
});
