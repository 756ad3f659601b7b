/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- response bodies are JSON checked by the assertions */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { withTenant } from '../../src/app/team/context.js';
import { communityServer, type Res, type Who } from './community-server.js';
import { account, accounts, noTeamBackend } from './helpers.js';

type Acc = Awaited<ReturnType<typeof account>>;

describe('referrals: consent, states, thanks in both ledgers, the review', { skip: noTeamBackend }, () => {
  let s: Awaited<ReturnType<typeof communityServer>>;
  let ada: Acc, bob: Acc, cy: Acc;
  let call: (who: Who, method: string, path: string, body?: unknown) => Promise<Res>;
  let com: string;
  const m: Record<string, string> = {};
  let ref: string;

  before(async () => {
    s = await communityServer();
    call = s.call;
    [ada, bob, cy] = await accounts(s.ctx, 'rf', ['ada', 'bob', 'cy']);
    const c = await call(ada, 'POST', '/api/communities', { name: 'Porto chapter' });
    com = c.body.id;
    m.ada = c.body.memberId;
    for (const who of [bob, cy]) {
      const inv = await call(ada, 'POST', `/api/communities/${com}/invites`, {});
      const j = await call(who, 'POST', `/api/invites/${inv.body.token}/accept`);
      m[who.name] = j.body.member.id;
    }
    // Bob already keeps Ada in his private Tend, under her email: the thanks land on that person.
    await call(bob, 'POST', '/api/people', { name: 'Ada (chapter)', emails: ['rf_ada@example.org'] });
  });
  after(async () => {
    await s.app.close();
    await s.ctx.store.close();
  });

  const body = (over: Record<string, unknown> = {}) => ({
    toMemberId: m.rf_bob,
    prospect: { name: 'Pat Prospect', email: 'pat@example.com', phone: '+351 912 345 678' },
    consent: true,
    note: 'needs a new roof before winter',
    ...over,
  });

  test('a referral needs the prospect’s consent and a fellow member', async () => {
    const none = await call(ada, 'POST', `/api/communities/${com}/referrals`, body({ consent: false }));
    assert.equal(none.status, 400);
    assert.match(none.body.error.message, /consent/);
    const missing = await call(
      ada,
      'POST',
      `/api/communities/${com}/referrals`,
      body({ consent: undefined }),
    );
    assert.equal(missing.status, 400);
    const noName = await call(
      ada,
      'POST',
      `/api/communities/${com}/referrals`,
      body({ prospect: { name: '' } }),
    );
    assert.equal(noName.status, 400);
    assert.equal(noName.body.error.details.problems[0].path, 'prospect.name');
    const self = await call(ada, 'POST', `/api/communities/${com}/referrals`, body({ toMemberId: m.ada }));
    assert.equal(self.status, 400);
    const stranger = await call(
      ada,
      'POST',
      `/api/communities/${com}/referrals`,
      body({ toMemberId: 'mem_x' }),
    );
    assert.equal(stranger.status, 404);
    assert.deepEqual((await call(ada, 'GET', '/api/referrals')).body.referrals, [], 'nothing was written');
    const ok = await call(ada, 'POST', `/api/communities/${com}/referrals`, body());
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.match(ok.body.id, /^ref_/);
    assert.equal(ok.body.status, 'proposed');
    assert.equal(ok.body.direction, 'given');
    ref = ok.body.id;
  });

  test('a referral is seen by its two members only', async () => {
    const bobs = await call(bob, 'GET', '/api/referrals');
    assert.equal(bobs.body.referrals.length, 1);
    assert.equal(bobs.body.referrals[0].direction, 'received');
    assert.equal(bobs.body.referrals[0].prospect.name, 'Pat Prospect');
    assert.deepEqual((await call(cy, 'GET', '/api/referrals')).body.referrals, []);
    const peek = await call(cy, 'GET', `/api/referrals/${ref}`);
    assert.equal(peek.status, 404);
    assert.ok(!JSON.stringify(peek.body).includes('Pat'));
    assert.equal((await call(cy, 'PATCH', `/api/referrals/${ref}`, { status: 'accepted' })).status, 404);
  });

  test('the states move only along legal transitions, by the member who may move them', async () => {
    const move = (who: Acc, status: string) => call(who, 'PATCH', `/api/referrals/${ref}`, { status });
    const byGiver = await move(ada, 'accepted');
    assert.equal(byGiver.status, 403);
    const skip = await move(bob, 'contacted');
    assert.equal(skip.status, 409);
    assert.equal(skip.body.error.code, 'invalid_transition');
    assert.match(skip.body.error.message, /proposed referral moves to accepted or declined/);
    assert.equal((await move(bob, 'won')).status, 400);
    assert.equal((await call(bob, 'POST', `/api/referrals/${ref}/thanks`, { note: 'early' })).status, 409);
    for (const st of ['accepted', 'contacted', 'closed_won']) {
      const r = await move(bob, st);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.status, st);
    }
    const back = await move(bob, 'accepted');
    assert.equal(back.status, 409);
    assert.match(back.body.error.message, /closed_won: it does not move any more/);
    assert.equal((await call(ada, 'GET', `/api/referrals/${ref}`)).body.status, 'closed_won');
    // The giver may withdraw a proposed one (declined), not more.
    const second = await call(
      ada,
      'POST',
      `/api/communities/${com}/referrals`,
      body({ toMemberId: m.rf_cy }),
    );
    const withdrawn = await call(ada, 'PATCH', `/api/referrals/${second.body.id}`, { status: 'declined' });
    assert.equal(withdrawn.status, 200);
    assert.equal(
      (await call(cy, 'PATCH', `/api/referrals/${second.body.id}`, { status: 'accepted' })).status,
      409,
    );
  });

  test('the thanks are the receiver’s, once, and land in both members’ ledgers', async () => {
    const thanks = { amount: 1200, currency: 'EUR', note: 'the roof job closed' };
    assert.equal((await call(ada, 'POST', `/api/referrals/${ref}/thanks`, thanks)).status, 403);
    const half = await call(bob, 'POST', `/api/referrals/${ref}/thanks`, { amount: 5, note: '' });
    assert.equal(half.status, 400);
    assert.equal(half.body.error.details.problems[0].path, 'currency');
    const ok = await call(bob, 'POST', `/api/referrals/${ref}/thanks`, thanks);
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.deepEqual(
      { ...ok.body.thanks, createdAt: undefined },
      { amount: 1200, currency: 'EUR', note: 'the roof job closed', createdAt: undefined },
    );
    assert.equal(
      (await call(bob, 'POST', `/api/referrals/${ref}/thanks`, thanks)).body.error.code,
      'thanks_exists',
    );
    for (const who of [ada, bob]) {
      const list = await call(who, 'GET', '/api/referrals');
      const r = list.body.referrals.find((x: { id: string }) => x.id === ref);
      assert.equal(r.thanks.amount, 1200, `${who.name} sees the thanks`);
    }
    const ledger = async (who: Acc) =>
      withTenant(
        who.id,
        async () =>
          (
            await sql<{ name: string; nature: string; kind: string; note: string }>`
          SELECT p.name, i.nature, i.kind, i.note FROM interactions i
          JOIN interaction_people ip ON ip.interaction_id = i.id JOIN people p ON p.id = ip.person_id
          ORDER BY i.id`.execute(s.ctx.db)
          ).rows,
      );
    const adas = await ledger(ada);
    assert.equal(adas.length, 1);
    const [gave] = adas;
    assert.ok(gave);
    assert.equal(gave.name, 'rf_bob', "a person for Bob was made in Ada's Tend");
    assert.equal(gave.nature, 'gave');
    assert.equal(gave.kind, 'referral');
    assert.match(gave.note, /Pat Prospect \(1200\.00 EUR\)/);
    const bobs = await ledger(bob);
    assert.deepEqual(
      bobs.map((x) => [x.name, x.nature]),
      [['Ada (chapter)', 'received']],
      "the thanks land on the person already standing for Ada in Bob's Tend",
    );
    assert.deepEqual(await ledger(cy), []);
    // And the person's timeline in the API shows it.
    const timeline = await call(ada, 'GET', '/api/people/rf_bob');
    assert.equal(timeline.status, 200);
    assert.match(JSON.stringify(timeline.body), /thanked me for the referral of Pat Prospect/);
  });

  test('the review counts gives and referrals per member per week, by name, not by rank', async () => {
    const r = await call(cy, 'GET', `/api/communities/${com}/review`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.weeks.map((w: Record<string, unknown>) => [
        w.week,
        w.name,
        w.referralsGiven,
        w.referralsReceived,
        w.closedWon,
        w.thanksReceived,
        w.thanksValue,
      ]),
      [
        ['2026-11-23', 'rf_ada', 2, 0, 1, 1, { EUR: 1200 }],
        ['2026-11-23', 'rf_bob', 0, 1, 0, 0, {}],
        ['2026-11-23', 'rf_cy', 0, 1, 0, 0, {}],
      ],
    );
    // A member who leaves the community leaves its referrals too: 404, as for any other community.
    const third = await call(ada, 'POST', `/api/communities/${com}/referrals`, body({ toMemberId: m.rf_cy }));
    assert.equal((await call(cy, 'DELETE', `/api/communities/${com}/members/${m.rf_cy}`)).status, 200);
    assert.equal((await call(cy, 'GET', `/api/referrals/${third.body.id}`)).status, 404);
    assert.equal(
      (await call(cy, 'PATCH', `/api/referrals/${third.body.id}`, { status: 'accepted' })).status,
      404,
    );
    assert.equal((await call(ada, 'GET', `/api/referrals/${third.body.id}`)).body.status, 'proposed');
    const outsider = await account(s.ctx, 'rf_dan');
    assert.equal((await call(outsider, 'GET', `/api/communities/${com}/review`)).status, 404);
  });
});
