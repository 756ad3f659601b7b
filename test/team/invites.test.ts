/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- response bodies are JSON checked by the assertions */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { communityServer, type Res, type Who } from './community-server.js';
import { account, accounts, noTeamBackend } from './helpers.js';

type Acc = Awaited<ReturnType<typeof account>>;

/** Listing and revoking a community's invitations: owners and admins, never the tokens. */
describe('community invitations: list and revoke', { skip: noTeamBackend }, () => {
  let s: Awaited<ReturnType<typeof communityServer>>;
  let call: (who: Who, method: string, path: string, body?: unknown) => Promise<Res>;
  let ada: Acc, bob: Acc, cy: Acc;
  let com = '';
  const base = () => `/api/communities/${com}/invites`;

  before(async () => {
    s = await communityServer();
    call = s.call;
    [ada, bob, cy] = await accounts(s.ctx, 'iv', ['ada', 'bob', 'cy']);
    com = (await call(ada, 'POST', '/api/communities', { name: 'Bergen printers' })).body.id;
  });
  after(async () => {
    await s.app.close();
    await s.ctx.store.close();
  });

  test('the list shows each invitation by id and state, never a token; a used one names who joined', async () => {
    const first = (await call(ada, 'POST', base(), {})).body;
    const second = (await call(ada, 'POST', base(), { expiresInDays: 1 })).body;
    assert.match(first.id, /^inv_[0-9a-f]{24}$/);
    assert.equal((await call(bob, 'POST', `/api/invites/${first.token}/accept`)).status, 200);
    const list = await call(ada, 'GET', base());
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(
      list.body.invites.map((i: { id: string; status: string; usedBy: string | null; createdBy: string }) => [
        i.id,
        i.status,
        i.usedBy,
        i.createdBy,
      ]),
      // Newest first.
      [
        [second.id, 'open', null, 'iv_ada'],
        [first.id, 'used', 'iv_bob', 'iv_ada'],
      ],
    );
    assert.ok(!JSON.stringify(list.body).includes('tinv_'), 'no token in the list');
    // A day later the one-day invitation reads as expired.
    s.clock.advanceDays(2);
    const later = await call(ada, 'GET', base());
    assert.equal(later.body.invites.find((i: { id: string }) => i.id === second.id).status, 'expired');
    s.clock.advanceDays(-2);
  });

  test('a member may neither list nor revoke (403, the role named); another account gets 404', async () => {
    const open = (await call(ada, 'POST', base(), {})).body;
    const listed = await call(bob, 'GET', base());
    assert.equal(listed.status, 403);
    assert.equal(listed.body.error.code, 'role_required');
    const revoked = await call(bob, 'DELETE', `${base()}/${open.id}`);
    assert.equal(revoked.status, 403);
    assert.equal((await call(cy, 'GET', base())).status, 404);
    assert.equal((await call(cy, 'DELETE', `${base()}/${open.id}`)).status, 404);
    // The invitation still admits someone: nothing was revoked.
    assert.equal((await call(cy, 'POST', `/api/invites/${open.token}/accept`)).status, 200);
  });

  test('revoking: the link then admits no one; a used invitation or an unknown id is refused, nothing deleted', async () => {
    const open = (await call(ada, 'POST', base(), {})).body;
    const r = await call(ada, 'DELETE', `${base()}/${open.id}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, { revoked: open.id });
    const dan = await account(s.ctx, 'iv_dan');
    const accept = await call(dan, 'POST', `/api/invites/${open.token}/accept`);
    assert.equal(accept.status, 404);
    assert.equal(accept.body.error.code, 'unknown_invite');
    const ids = (await call(ada, 'GET', base())).body.invites.map((i: { id: string }) => i.id);
    assert.ok(!ids.includes(open.id));

    const used = (await call(ada, 'GET', base())).body.invites.find(
      (i: { status: string }) => i.status === 'used',
    );
    const again = await call(ada, 'DELETE', `${base()}/${used.id}`);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'invite_used');
    assert.match(again.body.error.message, /remove the member instead/);
    for (const bad of ['inv_000000000000000000000000', 'not-an-id'])
      assert.equal((await call(ada, 'DELETE', `${base()}/${bad}`)).status, 404, bad);
    assert.equal((await call(ada, 'GET', base())).body.invites.length, ids.length);
  });
});
