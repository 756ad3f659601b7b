import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { openApp } from '../../src/app/context.js';
import { run } from '../../src/cli/program.js';
import { createMatcher } from '../../src/matching/index.js';
import { backends } from '../helpers/db.js';

/**
 * Answering a shown match from the command line: `tend match confirm|dismiss NEED OFFER` and
 * `tend match forget`. A dismissed pair never comes back, a confirmed one is kept and marked,
 * bad ids are refused naming the argument with nothing written, and the answers are in the backup.
 */
interface Give {
  text: string;
  needId?: number;
  offerId?: number;
  confirmed?: boolean;
  possible?: boolean;
}

for (const backend of backends)
  describe(`tend match confirm, dismiss and forget on ${backend.name}`, () => {
    const db = backend.fresh();
    const matcher = createMatcher({ modelless: true });
    const tend = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      let err = '';
      stdout.on('data', (b: Buffer) => (out += b.toString()));
      stderr.on('data', (b: Buffer) => (err += b.toString()));
      const code = await run(
        args,
        { stdout, stderr, env: { NO_COLOR: '1' }, clock: () => new Date('2026-11-26T09:00:00Z') },
        (d) =>
          openApp({
            db: d ?? db,
            matcher: () => Promise.resolve(matcher),
            clock: () => new Date('2026-11-26T09:00:00Z'),
          }),
      );
      return { code, out, err };
    };
    const ok = async (args: string[]) => {
      const r = await tend(args);
      assert.equal(r.code, 0, `tend ${args.join(' ')} → ${r.code}\n${r.err}${r.out}`);
      return r;
    };
    const json = async <T>(args: string[]): Promise<T> =>
      JSON.parse((await ok([...args, '--json'])).out) as T;
    const gives = async (): Promise<Give[]> =>
      (await json<{ matches: { gives: Give[] }[] }>(['match', 'jonas'])).matches[0]?.gives ?? [];
    const offerGive = async () =>
      (await gives()).find((g) => g.offerId === ids.offer && g.needId === ids.need);
    const ids = { need: 0, offer: 0 };

    test('set up: my offer matches Jonas’s need', async () => {
      await ok(['init', '--offer', 'Postgres performance tuning and slow SQL query reviews']);
      await ok(['add', 'Jonas Weber']);
      const need = await json<{ item: { id: number } }>([
        'need',
        'jonas',
        'a Postgres expert to review our slow SQL queries',
      ]);
      const me = await json<{ offers: { id: number }[] }>(['me']);
      ids.need = need.item.id;
      ids.offer = me.offers[0]?.id ?? 0;
      const g = await offerGive();
      assert.ok(g, 'the offer is shown for the need');
      assert.equal(g.confirmed, undefined);
      const human = (await ok(['match', 'jonas'])).out;
      assert.match(
        human,
        new RegExp(`need #${ids.need}, offer #${ids.offer}`),
        'the ids to answer with are shown',
      );
    });

    test('confirm: the pair is kept and marked confirmed', async () => {
      const a = await json<{ verdict: string; was: null }>([
        'match',
        'confirm',
        String(ids.need),
        String(ids.offer),
      ]);
      assert.equal(a.verdict, 'confirmed');
      assert.equal(a.was, null);
      assert.equal((await offerGive())?.confirmed, true);
      assert.match((await ok(['match', 'jonas'])).out, /✓ confirmed/);
    });

    test('dismiss: the pair never returns, in match or show', async () => {
      const r = await ok(['match', 'dismiss', `#${ids.need}`, String(ids.offer)]);
      assert.match(r.out, /Dismissed: "Postgres performance tuning/);
      assert.match(r.out, /was confirmed/);
      assert.equal(await offerGive(), undefined);
      const show = await json<{ waysToHelp: Give[] }>(['show', 'jonas']);
      assert.equal(show.waysToHelp.filter((g) => g.offerId === ids.offer).length, 0);
    });

    test('forget: the pair is matched as if never answered', async () => {
      await ok(['match', 'forget', String(ids.need), String(ids.offer)]);
      const g = await offerGive();
      assert.ok(g);
      assert.equal(g.confirmed, undefined);
      assert.match(
        (await ok(['match', 'forget', String(ids.need), String(ids.offer)])).out,
        /Nothing to forget/,
      );
    });

    test('bad ids: exit 2, the message names the argument, nothing written', async () => {
      await ok(['match', 'dismiss', String(ids.need), String(ids.offer)]);
      const cases: [string[], RegExp][] = [
        [['abc', String(ids.offer)], /^tend: NEED must be the id of a need/],
        [[String(ids.need), 'x7'], /^tend: OFFER must be the id of an offer/],
        [[String(ids.offer), String(ids.need)], /^tend: NEED: #\d+ is an offer/],
        [[String(ids.need), String(ids.need)], /^tend: OFFER: #\d+ is a need, not an offer/],
        [['9999', String(ids.offer)], /^tend: NEED: no need #9999/],
        [[String(ids.need), '9999'], /^tend: OFFER: no offer #9999/],
      ];
      for (const [args, message] of cases) {
        const r = await tend(['match', 'confirm', ...args]);
        assert.equal(r.code, 2, `${args.join(' ')} → ${r.code} ${r.err}`);
        assert.match(r.err, message);
        const j = await tend(['match', 'confirm', ...args, '--json']);
        assert.equal(j.code, 2);
        assert.ok((JSON.parse(j.out) as { error: { code: string } }).error.code);
      }
      assert.equal(await offerGive(), undefined, 'still dismissed: nothing was written');
      // My own need and my own offer are never shown together: nothing to answer.
      const mine = await json<{ item: { id: number } }>(['me', 'need', 'a bookkeeper for the quarter']);
      const own = await tend(['match', 'dismiss', String(mine.item.id), String(ids.offer)]);
      assert.equal(own.code, 2, own.err);
      assert.match(
        own.err,
        new RegExp(`^tend: OFFER: #${ids.offer} is your own offer, like need #${mine.item.id}: `),
      );
      await ok(['rm', 'item', String(mine.item.id)]);
    });

    test('the answers are in the backup, and stay with a removed need: restored, it is still dismissed', async () => {
      const backup = (await ok(['export', 'json'])).out;
      const row = new RegExp(
        `"match_feedback":\\[\\n\\{"need_id":${ids.need},"offer_id":${ids.offer},"verdict":"dismissed"`,
      );
      assert.match(backup, row);
      for (const remove of [
        ['rm', 'item', String(ids.need)],
        ['item', String(ids.need), '--status', 'deleted'],
      ]) {
        await ok(remove);
        assert.match((await ok(['export', 'json'])).out, row, 'kept while the need is removed');
        await ok(['undo', 'item', String(ids.need)]);
        assert.equal(await offerGive(), undefined, `still dismissed after ${remove.join(' ')} and undo`);
        // The need itself is back and matched: forgetting the answer shows the pair again.
        await ok(['match', 'forget', String(ids.need), String(ids.offer)]);
        assert.ok(await offerGive(), 'the restored need is matched again');
        await ok(['match', 'dismiss', String(ids.need), String(ids.offer)]);
      }
    });

    test('what they could do for me: answered the same way', async () => {
      const mine = await json<{ item: { id: number } }>(['me', 'need', 'a designer for our landing page']);
      const theirs = await json<{ item: { id: number } }>([
        'offer',
        'jonas',
        'landing page design for startups',
      ]);
      const could = async () =>
        (
          await json<{
            matches: { theyCouldHelp: { needId: number; offerId: number; confirmed?: boolean }[] }[];
          }>(['match', 'jonas'])
        ).matches[0]?.theyCouldHelp.find((t) => t.needId === mine.item.id && t.offerId === theirs.item.id);
      assert.ok(await could(), 'shown with its ids');
      await ok(['match', 'confirm', String(mine.item.id), String(theirs.item.id)]);
      assert.equal((await could())?.confirmed, true);
      await ok(['match', 'dismiss', String(mine.item.id), String(theirs.item.id)]);
      assert.equal(await could(), undefined);
    });

    test('under the threshold, the best candidate shows as possible, marked so', async () => {
      await ok(['add', 'Priya Nair']);
      const n = await json<{ item: { id: number } }>([
        'need',
        'priya',
        'a backend engineer who knows databases',
      ]);
      const g = (await json<{ matches: { gives: Give[] }[] }>(['match', 'priya'])).matches[0]?.gives ?? [];
      const possible = g.find((x) => x.needId === n.item.id && x.offerId === ids.offer);
      assert.ok(possible, JSON.stringify(g));
      assert.equal(possible.possible, true);
      assert.match((await ok(['match', 'priya'])).out, /\(possible\)/);
      assert.match((await ok(['show', 'priya'])).out, /\(possible\)/);
      // Answered, it is confirmed, no longer merely possible.
      await ok(['match', 'confirm', String(n.item.id), String(ids.offer)]);
      const after =
        (await json<{ matches: { gives: Give[] }[] }>(['match', 'priya'])).matches[0]?.gives ?? [];
      assert.deepEqual(
        after.map((x) => [x.offerId, x.confirmed, x.possible]),
        [[ids.offer, true, undefined]],
      );
    });

    test('`tend match PERSON` and `--help` still work', async () => {
      await ok(['match', 'jonas']);
      const help = await ok(['match', 'confirm', '--help']);
      assert.match(help.out, /tend match confirm 12 7/);
    });
  });
