import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openStore } from '../../src/storage/db.js';
import { backends } from '../helpers/db.js';
import { tend } from '../helpers/cli.js';
import { snapshot } from '../helpers/snapshot.js';

const day = (d: string): string => `${d}T09:00:00Z`;

/**
 * Maya's first week, driven through the built binary: the story of DESIGN.md end to end.
 */
for (const backend of backends) {
  describe(`a realistic week with the tend binary on ${backend.name}`, () => {
    const db = backend.fresh();
    const mon = day('2026-11-16');
    const run = (args: string[], now = mon) => tend(db, args, { now });
    const ok = (args: string[], now = mon) => {
      const r = run(args, now);
      assert.equal(r.code, 0, `tend ${args.join(' ')} → ${r.code}\n${r.stderr}${r.stdout}`);
      return r;
    };

    test('set up and add people with only a name and where we met', () => {
      ok([
        'init',
        '--offer',
        'Postgres performance tuning and SQL query reviews',
        '--offer',
        'intros to Berlin data engineers',
        '--need',
        'two new clients in fintech',
      ]);
      ok(['add', 'Jonas Weber', '--met', 'PGConf Berlin']);
      ok(['add', 'Carla Díaz', '--met', 'a friend of Anna']);
      ok(['add', 'Priya Nair', '--met', 'dbt meetup', '--company', 'Lumen Pay']);
      ok(['add', 'Lars Olsen', '--met', 'old colleague']);
      const people = ok(['people', '--json']).json() as { total: number };
      assert.equal(people.total, 4);
    });

    test('log a coffee and a like; the like alone leaves a person tool-only', () => {
      ok(['log', 'jonas', '--via', 'in_person', '--nature', 'touch', '--note', 'coffee at Oslo Kaffebar']);
      ok(['log', 'priya', '--via', 'social', '--nature', 'touch', '--note', 'liked her post']);
      const jonas = ok(['show', 'jonas', '--json']).json() as { toolOnly: boolean; strength: number };
      const priya = ok(['show', 'priya', '--json']).json() as { toolOnly: boolean };
      assert.equal(jonas.toolOnly, false);
      assert.ok(jonas.strength > 60);
      assert.equal(priya.toolOnly, true);
    });

    test('give an intro; it shows in the ledger', () => {
      ok(['need', 'jonas', 'need a Postgres expert to review our slow database queries']);
      ok(['need', 'priya', 'hiring two data engineers in Berlin']);
      ok(['offer', 'lars', 'looking for a data engineering job in Berlin']);
      const r = ok(['give', 'priya', 'introduced her to Lars', '--kind', 'intro', '--json']).json() as {
        ledger: { balance: number };
      };
      assert.equal(r.ledger.balance, 3);
    });

    test('with needs noted but nobody in focus, Today says where its gives come from', () => {
      const r = ok(['today']);
      assert.match(r.stdout, /Nothing pressing\. Gives come from the needs of the people in your focus list/);
      assert.match(r.stdout, /`tend focus add NAME`/);
    });

    test('asking someone never given to is refused with exit 3, three gives, and nothing written', async () => {
      const store = await openStore(db);
      const before = await snapshot(store.db);
      const r = run(['ask', 'carla', 'a referral to her CFO', '--kind', 'referral', '--json']);
      assert.equal(r.code, 3);
      const err = (r.json() as { error: { code: string; details: { gives: unknown[] } } }).error;
      assert.equal(err.code, 'ask_refused');
      assert.equal(err.details.gives.length, 3);
      const human = run(['ask', 'carla', 'a referral to her CFO']);
      assert.equal(human.code, 3);
      assert.match(human.stderr, /never given anything to Carla Díaz/);
      assert.equal((human.stderr.match(/^ {2}• /gm) ?? []).length, 3);
      assert.equal(await snapshot(store.db), before);
      await store.close();
    });

    test('asking with --anyway is recorded as unearned', () => {
      const r = ok(['ask', 'carla', 'a referral to her CFO', '--anyway', '--json']).json() as {
        interaction: { unearned: boolean };
        warnings: { code: string }[];
      };
      assert.equal(r.interaction.unearned, true);
      assert.ok(r.warnings.some((w) => w.code === 'unearned_ask'));
    });

    test('fill the focus list to its cap and be refused the next', () => {
      ok(['config', 'set', 'focusCap', '5']);
      for (const name of ['jonas', 'priya', 'lars', 'carla']) ok(['focus', 'add', name]);
      ok(['add', 'Anna Schmidt', '--birthday', '1990-11-18', '--focus']);
      ok(['add', 'Ben Ortiz']);
      const r = run(['focus', 'add', 'ben', '--json']);
      assert.equal(r.code, 3);
      const err = (r.json() as { error: { code: string; details: { candidates: unknown[]; cap: number } } })
        .error;
      assert.equal(err.code, 'focus_full');
      assert.equal(err.details.cap, 5);
      assert.equal(err.details.candidates.length, 3);
      const focus = ok(['focus', '--json']).json() as { people: unknown[]; cap: number };
      assert.equal(focus.people.length, 5);
    });

    test('attend an event, capture people, pick one follow-up', () => {
      const wed = day('2026-11-18');
      ok(['event', 'add', 'Data Council meetup', '--date', 'today'], wed);
      ok(['event', 'met', 'Tomás Ruiz', '--line', 'runs a payments startup, needs a data lead'], wed);
      ok(['event', 'met', 'Eva Lind', '--line', 'recruiter'], wed);
      const ev = ok(['event', 'followup', 'tomás', '--json'], wed).json() as {
        event: { outcome: string; people: { followUp: boolean }[] };
      };
      assert.equal(ev.event.people.filter((p) => p.followUp).length, 1);
      assert.equal(ev.event.outcome, 'pending');
    });

    test('break a promise', () => {
      const p = ok(['promise', 'jonas', 'send my pgbench notes', '--due', 'wednesday', '--json']).json() as {
        promise: { id: number; due: string };
      };
      assert.equal(p.promise.due, '2026-11-18');
      ok(['promise', 'lars', 'review his CV', '--due', '2026-11-19']);
      const broken = ok(['done', String(p.promise.id), '--broken', '--json'], day('2026-11-20')).json() as {
        promise: { status: string };
      };
      assert.equal(broken.promise.status, 'broken');
    });

    test('today shows the expected actions in tier order', () => {
      const fri = day('2026-11-20');
      const t = ok(['today', '--json'], fri).json() as {
        actions: { tier: string; kind: string; personName: string }[];
      };
      const kinds = t.actions.map((a) => a.kind);
      assert.ok(t.actions.length <= 5);
      const top = t.actions.at(0);
      assert.equal(top?.kind, 'keep_promise', JSON.stringify(t.actions));
      assert.equal(top.personName, 'Lars Olsen');
      assert.ok(kinds.includes('event_follow_up'));
      assert.equal(t.actions.find((a) => a.kind === 'event_follow_up')?.personName, 'Tomás Ruiz');
      assert.ok(
        t.actions.some((a) => a.tier === 'give'),
        JSON.stringify(t.actions),
      );
      const order = ['promise', 'follow_up', 'give', 'reconnect', 'learn'];
      const tiers = t.actions.map((a) => order.indexOf(a.tier));
      assert.deepEqual(
        tiers,
        [...tiers].sort((a, b) => a - b),
      );
      const human = ok(['today'], fri);
      assert.match(human.stdout, /Keep your promise to Lars Olsen/);
      assert.doesNotMatch(human.stdout, /Hi Lars,/, 'drafts only when asked for');
      // --draft: a message under each action, written from the facts (the promise "review his CV").
      const drafts = ok(['today', '--draft'], fri).stdout;
      assert.match(drafts, /\n {5}Hi Lars,\n\n {5}I promised to review your CV by Thursday 19 November\./);
      assert.match(
        drafts,
        /\n {5}Hi Tomás,\n\n {5}It was good to meet you at the Data Council meetup on Wednesday\. You mentioned you run a payments startup and need a data lead,/,
      );
    });

    test('a real follow-up makes the event a success, and review shows the week', () => {
      ok(
        ['log', 'tomás', '--via', 'call', '--nature', 'touch', '--note', 'follow-up call'],
        day('2026-11-21'),
      );
      const sun = day('2026-11-22');
      const events = ok(['event', 'list', '--json'], sun).json() as { events: { outcome: string }[] };
      assert.equal(events.events[0]?.outcome, 'succeeded');
      const r = ok(['review', '--json'], sun).json() as {
        gave: number;
        asked: number;
        unearnedAsks: number;
        real: number;
        digital: number;
        focus: { size: number; cap: number };
        promises: { broken: number; late: number };
        events: { succeeded: number; total: number };
      };
      assert.equal(r.gave, 1);
      assert.equal(r.asked, 1);
      assert.equal(r.unearnedAsks, 1);
      assert.equal(r.real, 4); // coffee, two people met at the meetup, the follow-up call
      assert.equal(r.digital, 3); // the like, the intro, the ask
      assert.deepEqual(r.focus, { size: 5, cap: 5 });
      assert.equal(r.promises.broken, 1);
      assert.equal(r.promises.late, 1);
      assert.deepEqual(r.events, { total: 1, succeeded: 1, names: ['Data Council meetup'] });
      const human = ok(['review'], sun);
      assert.match(human.stdout, /1 give, 1 ask\b/);
    });
  });
}
