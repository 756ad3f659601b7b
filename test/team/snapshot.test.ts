import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import pg from 'pg';
import type { AppContext } from '../../src/app/context.js';
import { accountContext, migrateTeamDatabase, openTeamApp } from '../../src/app/team/context.js';
import { buildServer } from '../../src/http/server.js';
import { pgbouncerBin, startPgBouncer, type PgBouncer } from '../helpers/pgbouncer.js';
import { freshTeam, ownerClient, teamBackend, noTeamBackend } from './helpers.js';
import { caller, signUp, type TeamServer, type User } from './server.js';

/**
 * Today and a person page in team mode read in one REPEATABLE READ READ ONLY transaction: a write
 * committed by someone else in the middle of the request is not seen at all (one snapshot), and
 * the request costs one BEGIN and one COMMIT for its reads, not a transaction per statement.
 */

/** Holds the request after its first statement of the use case while `during` runs. */
class PauseAfterFirst implements KyselyPlugin {
  during: (() => Promise<void>) | undefined;
  transformQuery(args: PluginTransformQueryArgs): ReturnType<KyselyPlugin['transformQuery']> {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): ReturnType<KyselyPlugin['transformResult']> {
    const run = this.during;
    this.during = undefined;
    if (run) await run();
    return args.result;
  }
}

describe('team mode: Today and a person page read one snapshot', { skip: noTeamBackend }, () => {
  let s: TeamServer;
  let owner: pg.Client;
  let ada: User;
  let accountId = '';
  let bo = 0;
  let day = '';
  let statements = 0;
  const pause = new PauseAfterFirst();
  /** The use case's context, once the sign-in gate and the settings are done: pausing starts there. */
  let armed: (() => Promise<void>) | undefined;

  before(async () => {
    const { ctx, schema } = await freshTeam(() => {
      statements++;
    });
    const app: FastifyInstance = await buildServer(
      async (): Promise<AppContext> => {
        const c = await accountContext(ctx);
        if (armed === undefined || c.snapshotReads !== true) return c;
        pause.during = armed;
        armed = undefined;
        return { ...c, db: c.db.withPlugin(pause) };
      },
      { webRoot: null, team: true, allowedHosts: 'any', trustProxy: '127.0.0.1' },
    );
    await app.ready();
    s = {
      app,
      ctx,
      schema,
      close: async () => {
        await app.close();
        await ctx.store.close();
      },
    };
    owner = await ownerClient(schema);
    ada = await signUp(s, 'ada');
    accountId =
      (
        await owner.query<{ id: string }>('SELECT id::text AS id FROM accounts WHERE public_id = $1', [
          ada.id,
        ])
      ).rows[0]?.id ?? '';
    const made = await ada.call('POST', '/api/people', { name: 'Bo Lind', circle: 'focus' });
    assert.equal(made.statusCode, 201, made.body);
    bo = made.json<{ person: { id: number } }>().person.id;
    day = (await ada.call('GET', '/api/today')).json<{ date: string }>().date;
  });
  after(async () => {
    await owner.end();
    await s.close();
  });

  /** A promise to Bo due today, written by another connection and committed at once. */
  const promiseToBo = (text: string) => async (): Promise<void> => {
    await owner.query(
      `INSERT INTO promises (account_id, person_id, text, due, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'open', $5, $5)`,
      [accountId, bo, text, day, `${day}T08:00:00.000Z`],
    );
  };

  test('Today: a promise committed mid-request is not half seen; the next request sees it', async () => {
    armed = promiseToBo('send Bo the slides');
    const during = await ada.call('GET', '/api/today');
    assert.equal(during.statusCode, 200, during.body);
    assert.equal(armed, undefined, 'the request was paused');
    assert.doesNotMatch(during.body, /send Bo the slides/, 'the snapshot predates the write');
    const next = await ada.call('GET', '/api/today');
    assert.match(next.body, /send Bo the slides/);
  });

  test('a person page: the same', async () => {
    armed = promiseToBo('introduce Bo to Cy');
    const during = await ada.call('GET', `/api/people/${bo}`);
    assert.equal(during.statusCode, 200, during.body);
    const promises = (r: typeof during) =>
      r.json<{ promises: { text: string }[] }>().promises.map((p) => p.text);
    assert.deepEqual(promises(during), ['send Bo the slides']);
    assert.deepEqual(promises(await ada.call('GET', `/api/people/${bo}`)).sort(), [
      'introduce Bo to Cy',
      'send Bo the slides',
    ]);
  });

  test('one transaction for the reads: round trips to PostgreSQL are the statements and three BEGIN/COMMIT pairs', async () => {
    // Every round trip goes through pg's Client#query (a BEGIN with its scope settings is one).
    const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const query = proto.query;
    let trips = 0;
    proto.query = function (this: unknown, ...args: unknown[]) {
      trips++;
      return query.apply(this, args);
    };
    try {
      for (const url of ['/api/today', `/api/people/${bo}`]) {
        trips = 0;
        statements = 0;
        const r = await ada.call('GET', url);
        assert.equal(r.statusCode, 200, r.body);
        assert.ok(statements >= 10, `${url}: ${statements} statements`);
        // The sign-in check (one transaction), the account's settings (one statement on its own)
        // and the use case's snapshot: three BEGIN…COMMIT pairs, whatever the use case reads.
        assert.equal(trips - statements, 6, `${url}: ${trips} round trips for ${statements} statements`);
      }
    } finally {
      proto.query = query;
    }
  });

  test('features the matcher encodes while reading (a note without them) are stored after the snapshot', async () => {
    // A need of Bo's that arrived without features (an import, or notes from before a matcher
    // update): the read-only snapshot cannot write them; they are stored once it is over.
    const item = await owner.query<{ id: number }>(
      `INSERT INTO items (account_id, person_id, side, text, status, created_at, updated_at)
       VALUES ($1, $2, 'need', 'a designer for the new website', 'open', $3, $3) RETURNING id`,
      [accountId, bo, `${day}T08:00:00.000Z`],
    );
    const id = item.rows[0]?.id;
    const stored = async () =>
      (
        await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM match_features WHERE item_id = $1', [
          id,
        ])
      ).rows[0]?.n;
    assert.equal(await stored(), 0);
    const r = await ada.call('GET', '/api/today');
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(await stored(), 1, 'encoded in the snapshot, stored after it');
    const page = await ada.call('GET', `/api/people/${bo}`);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /a designer for the new website/);
  });

  test('the snapshot reads only: a person that is not there is 404, nothing left open', async () => {
    const missing = await ada.call('GET', '/api/people/nobody-by-this-name');
    assert.equal(missing.statusCode, 404, missing.body);
    const other = await signUp(s, 'cy');
    const theirs = await caller(s, () => other.cookie)('GET', `/api/people/${bo}`);
    assert.equal(theirs.statusCode, 404, "another account's person is not found");
    assert.equal((await ada.call('GET', '/api/today')).statusCode, 200);
  });
});

describe(
  'team mode behind PgBouncer in transaction mode: the snapshot',
  { skip: noTeamBackend || (pgbouncerBin ? false : 'pgbouncer is not installed') },
  () => {
    let bouncer: PgBouncer;
    let s: TeamServer;

    before(async () => {
      const url = teamBackend?.fresh() ?? '';
      const schema = new URL(url).searchParams.get('schema') ?? '';
      await migrateTeamDatabase({ url, env: process.env });
      bouncer = await startPgBouncer(process.env.TEND_TEST_POSTGRES_URL ?? '', { schema, poolSize: 2 });
      const ctx = await openTeamApp({ url, appUrl: bouncer.url, migrate: false, env: process.env });
      const app = await buildServer(() => accountContext(ctx), {
        webRoot: null,
        team: true,
        allowedHosts: 'any',
        trustProxy: '127.0.0.1',
      });
      await app.ready();
      s = {
        app,
        ctx,
        schema,
        close: async () => {
          await app.close();
          await ctx.store.close();
        },
      };
    });
    after(async () => {
      await s.close();
      await bouncer.stop();
    });

    test('Today and a person page answer through it, and concurrent requests of two accounts stay apart', async () => {
      const [ada, bob] = [await signUp(s, 'ada'), await signUp(s, 'bob')];
      const made = await ada.call('POST', '/api/people', { name: 'Bo Lind', circle: 'focus' });
      assert.equal(made.statusCode, 201, `${made.body}\n${bouncer.log()}`);
      const id = made.json<{ person: { id: number } }>().person.id;
      const runs = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          i % 2 === 0
            ? Promise.all([ada.call('GET', '/api/today'), ada.call('GET', `/api/people/${id}`)])
            : Promise.all([bob.call('GET', '/api/today'), bob.call('GET', `/api/people/${id}`)]),
        ),
      );
      runs.forEach(([today, page], i) => {
        assert.equal(today.statusCode, 200, today.body);
        assert.equal(page.statusCode, i % 2 === 0 ? 200 : 404, `${i}: ${page.body}`);
      });
    });
  },
);
