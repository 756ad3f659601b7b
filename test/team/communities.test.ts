/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- response bodies are JSON checked by the assertions */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { withTenant } from '../../src/app/team/context.js';
import { communityServer, type Res, type Who } from './community-server.js';
import type { account } from './helpers.js';
import { accounts, noTeamBackend } from './helpers.js';

type Acc = Awaited<ReturnType<typeof account>>;

describe('communities: invitations, roles, sharing, the directory', { skip: noTeamBackend }, () => {
  let s: Awaited<ReturnType<typeof communityServer>>;
  let ada: Acc, bob: Acc, cy: Acc, dan: Acc;
  let call: (who: Who, method: string, path: string, body?: unknown) => Promise<Res>;
  let com: string;
  const members: Record<string, string> = {};

  before(async () => {
    s = await communityServer();
    call = s.call;
    [ada, bob, cy, dan] = await accounts(s.ctx, 'cm', ['ada', 'bob', 'cy', 'dan']);
  });
  after(async () => {
    await s.app.close();
    await s.ctx.store.close();
  });

  const invite = async (who: Acc): Promise<string> => {
    const r = await call(who, 'POST', `/api/communities/${com}/invites`, {});
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.token as string;
  };

  test('without an account every community route answers 401', async () => {
    assert.equal((await call(null, 'GET', '/api/communities')).status, 401);
    assert.equal((await call(null, 'POST', '/api/communities', { name: 'x' })).status, 401);
  });

  test('a new community has its creator as owner, and a random public id', async () => {
    const r = await call(ada, 'POST', '/api/communities', { name: '  Lisbon founders ' });
    assert.equal(r.status, 201);
    assert.match(r.body.id, /^com_[0-9A-Za-z]{22}$/);
    assert.equal(r.body.name, 'Lisbon founders');
    assert.equal(r.body.role, 'owner');
    com = r.body.id;
    members.ada = r.body.memberId;
    const bad = await call(ada, 'POST', '/api/communities', { name: '' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details.problems[0].path, 'name');
    const list = await call(ada, 'GET', '/api/communities');
    assert.deepEqual(
      list.body.communities.map((c: { id: string; role: string }) => [c.id, c.role]),
      [[com, 'owner']],
    );
    assert.deepEqual((await call(bob, 'GET', '/api/communities')).body.communities, []);
    assert.equal((await call(bob, 'GET', `/api/communities/${com}`)).status, 404);
  });

  test('an invitation admits one person once; unknown, reused and expired tokens say so', async () => {
    const token = await invite(ada);
    assert.match(token, /^tinv_/);
    const ok = await call(bob, 'POST', `/api/invites/${token}/accept`);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.community.id, com);
    assert.equal(ok.body.member.role, 'member');
    members.bob = ok.body.member.id;
    const again = await call(cy, 'POST', `/api/invites/${token}/accept`);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'invite_used');
    const unknown = await call(cy, 'POST', '/api/invites/tinv_nope/accept');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'unknown_invite');
    const late = await invite(ada);
    s.clock.advanceDays(15);
    const expired = await call(cy, 'POST', `/api/invites/${late}/accept`);
    s.clock.advanceDays(-15);
    assert.equal(expired.status, 409);
    assert.equal(expired.body.error.code, 'invite_expired');
    assert.match(expired.body.error.message, /expired/);
    // Expired and refused wrote nothing: cy is still outside.
    assert.equal((await call(cy, 'GET', `/api/communities/${com}`)).status, 404);
    const fresh = await call(cy, 'POST', `/api/invites/${late}/accept`);
    assert.equal(fresh.status, 200);
    members.cy = fresh.body.member.id;
    const twice = await call(cy, 'POST', `/api/invites/${await invite(ada)}/accept`);
    assert.equal(twice.body.error.code, 'already_member');
    const shown = await call(bob, 'GET', `/api/communities/${com}`);
    assert.deepEqual(
      shown.body.members.map((m: { name: string; role: string }) => [m.name, m.role]),
      [
        ['cm_ada', 'owner'],
        ['cm_bob', 'member'],
        ['cm_cy', 'member'],
      ],
    );
  });

  test('members cannot invite, remove or change roles; admins can; the last owner stays', async () => {
    const inv = await call(bob, 'POST', `/api/communities/${com}/invites`, {});
    assert.equal(inv.status, 403);
    assert.equal(inv.body.error.code, 'role_required');
    assert.match(inv.body.error.message, /; you are a member$/);
    assert.equal((await call(bob, 'DELETE', `/api/communities/${com}/members/${members.cy}`)).status, 403);
    assert.equal(
      (await call(bob, 'PATCH', `/api/communities/${com}/members/${members.bob}`, { role: 'admin' })).status,
      403,
    );
    const promote = await call(ada, 'PATCH', `/api/communities/${com}/members/${members.bob}`, {
      role: 'admin',
    });
    assert.equal(promote.status, 200);
    assert.equal(promote.body.member.role, 'admin');
    assert.equal((await call(bob, 'POST', `/api/communities/${com}/invites`, {})).status, 201);
    // An admin neither unmakes nor makes an owner.
    const unmake = await call(bob, 'PATCH', `/api/communities/${com}/members/${members.ada}`, {
      role: 'member',
    });
    assert.equal(unmake.status, 403);
    assert.match(unmake.body.error.message, /; you are an admin$/);
    assert.equal(
      (await call(bob, 'PATCH', `/api/communities/${com}/members/${members.cy}`, { role: 'owner' })).status,
      403,
    );
    const bad = await call(ada, 'PATCH', `/api/communities/${com}/members/${members.cy}`, { role: 'king' });
    assert.equal(bad.status, 400);
    const leave = await call(ada, 'DELETE', `/api/communities/${com}/members/${members.ada}`);
    assert.equal(leave.status, 409);
    assert.equal(leave.body.error.code, 'last_owner');
    const demote = await call(ada, 'PATCH', `/api/communities/${com}/members/${members.ada}`, {
      role: 'admin',
    });
    assert.equal(demote.status, 409);
    assert.equal(demote.body.error.code, 'last_owner');
    // An admin removes a member; the member can come back with a new invitation.
    const removed = await call(bob, 'DELETE', `/api/communities/${com}/members/${members.cy}`);
    assert.equal(removed.status, 200);
    assert.equal((await call(cy, 'GET', `/api/communities/${com}/directory`)).status, 404);
    const back = await call(cy, 'POST', `/api/invites/${await invite(ada)}/accept`);
    assert.equal(back.status, 200);
    assert.equal(back.body.member.role, 'member');
    members.cy = back.body.member.id;
    // A member leaves on their own.
    const self = await call(cy, 'DELETE', `/api/communities/${com}/members/${members.cy}`);
    assert.deepEqual(self.body, { removed: members.cy, left: true });
    const rejoin = await call(cy, 'POST', `/api/invites/${await invite(ada)}/accept`);
    members.cy = rejoin.body.member.id;
    // With a second owner, the first may step down.
    await call(ada, 'PATCH', `/api/communities/${com}/members/${members.bob}`, { role: 'owner' });
    assert.equal(
      (await call(ada, 'PATCH', `/api/communities/${com}/members/${members.ada}`, { role: 'admin' })).status,
      200,
    );
    assert.equal(
      (await call(bob, 'PATCH', `/api/communities/${com}/members/${members.ada}`, { role: 'owner' })).status,
      200,
    );
  });

  test('sharing: only my own offers and needs, only with my communities; the directory shows them', async () => {
    const offer = await call(ada, 'POST', '/api/me/offers', {
      text: 'introductions to seed investors in Berlin',
    });
    const secret = await call(ada, 'POST', '/api/me/needs', { text: 'a divorce lawyer' });
    const need = await call(bob, 'POST', '/api/me/needs', {
      text: 'introductions to seed investors in Berlin',
    });
    const offerId = offer.body.item.id as number;
    const needId = need.body.item.id as number;
    const shared = await call(ada, 'PATCH', `/api/items/${offerId}`, { sharedWith: [com] });
    assert.equal(shared.status, 200, JSON.stringify(shared.body));
    assert.deepEqual(shared.body.sharedWith, [com]);
    assert.equal((await call(bob, 'PATCH', `/api/items/${needId}`, { sharedWith: [com] })).status, 200);
    // Another account's item: not found (row-level security hides it), nothing shared.
    const theirs = await call(dan, 'PATCH', `/api/items/${offerId}`, { sharedWith: [] });
    assert.equal(theirs.status, 404);
    // A community I do not belong to: not found, and the item's shares are unchanged.
    const own = await call(dan, 'POST', '/api/communities', { name: "Dan's circle" });
    const danItem = await call(dan, 'POST', '/api/me/offers', { text: 'tax advice' });
    const foreign = await call(ada, 'PATCH', `/api/items/${offerId}`, { sharedWith: [com, own.body.id] });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error.details.problems[0].path, 'sharedWith.1');
    const none = await call(dan, 'PATCH', `/api/items/${danItem.body.item.id}`, { sharedWith: [com] });
    assert.equal(none.status, 404);
    // What an item of mine is shared with, read back (a client changing one share sends the list).
    assert.deepEqual((await call(ada, 'GET', `/api/items/${offerId}/shares`)).body, { sharedWith: [com] });
    assert.deepEqual((await call(ada, 'GET', `/api/items/${secret.body.item.id}/shares`)).body, {
      sharedWith: [],
    });
    assert.equal((await call(dan, 'GET', `/api/items/${offerId}/shares`)).status, 404);

    const dir = await call(cy, 'GET', `/api/communities/${com}/directory`);
    assert.equal(dir.status, 200);
    const byName = Object.fromEntries(
      dir.body.members.map((m: { name: string; offers: unknown[]; needs: unknown[] }) => [m.name, m]),
    );
    assert.deepEqual(byName.cm_ada.offers, [
      { id: offerId, text: 'introductions to seed investors in Berlin' },
    ]);
    assert.deepEqual(byName.cm_ada.needs, [], 'an unshared need stays private');
    assert.deepEqual(byName.cm_bob.needs, [
      { id: needId, text: 'introductions to seed investors in Berlin' },
    ]);
    assert.ok(!JSON.stringify(dir.body).includes('divorce'));
    assert.ok(!JSON.stringify(dir.body).includes(String(secret.body.item.id) + ',"text"'));
    // Outside the directory, another account's items stay invisible, shared or not.
    const seen = await withTenant(cy.id, async () =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM items`.execute(s.ctx.db),
    );
    assert.equal(seen.rows[0]?.n, 0);
    // Unsharing takes it out of the directory.
    await call(ada, 'PATCH', `/api/items/${offerId}`, { sharedWith: [] });
    const after = await call(cy, 'GET', `/api/communities/${com}/directory`);
    assert.ok(!JSON.stringify(after.body).includes('seed investors in Berlin"}],"needs":[]'));
    assert.deepEqual(after.body.members.find((m: { name: string }) => m.name === 'cm_ada').offers, []);
    await call(ada, 'PATCH', `/api/items/${offerId}`, { sharedWith: [com] });
  });

  test('the matcher across the directory: who could meet my need, whose need my offer meets', async () => {
    const bobs = await call(bob, 'GET', `/api/communities/${com}/matches`);
    assert.equal(bobs.status, 200, JSON.stringify(bobs.body));
    assert.equal(bobs.body.forMyNeeds.length, 1);
    assert.equal(bobs.body.forMyNeeds[0].members[0].name, 'cm_ada');
    const adas = await call(ada, 'GET', `/api/communities/${com}/matches`);
    assert.equal(adas.body.forMyOffers[0].members[0].name, 'cm_bob');
    // Dan is in no community with either: their items never match his.
    assert.equal((await call(dan, 'GET', `/api/communities/${com}/matches`)).status, 404);
  });

  test('a community member cannot reach into the database for another community', async () => {
    const rows = await withTenant(cy.id, async () => {
      const n = async (t: string) =>
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)}`.execute(s.ctx.db)).rows[0]
          ?.n;
      return {
        communities: await n('communities'),
        memberships: await n('memberships'),
        invites: await n('invites'),
      };
    });
    // cy sees the one community, its members, its invitations: not Dan's.
    assert.equal(rows.communities, 1);
    assert.equal(rows.memberships, 3);
    const dir = await withTenant(cy.id, async () =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM tend_directory(
        (SELECT id FROM communities WHERE name = 'Lisbon founders'))`.execute(s.ctx.db),
    );
    assert.equal(dir.rows[0]?.n, 2);
    // Setting the directory's switch by hand opens nothing beyond the shared rows of my communities.
    const peek = await withTenant(dan.id, () =>
      s.ctx.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('tend.scope', 'directory', true)`.execute(tx);
        return sql<{ text: string }>`SELECT text FROM items ORDER BY id`.execute(tx);
      }),
    );
    assert.deepEqual(
      peek.rows.map((r) => r.text),
      ['tax advice'],
    );
  });

  test('single-user mode refuses sharedWith with a clear message, writing nothing', async () => {
    const { buildServer } = await import('../../src/http/server.js');
    const single = await buildServer(() => s.ctx, { webRoot: null });
    const r = await withTenant(ada.id, () =>
      single.inject({
        method: 'PATCH',
        url: '/api/items/1',
        headers: { host: '127.0.0.1' },
        payload: { sharedWith: [] },
      }),
    );
    await single.close();
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /team server/);
  });
});
