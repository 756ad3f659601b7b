/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- response bodies are JSON checked by the assertions */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { communityTables } from '../../src/storage/team/community-schema.js';
import { communityServer, type Res, type Who } from './community-server.js';
import type { account } from './helpers.js';
import { accounts, ownerClient, noTeamBackend } from './helpers.js';

type Acc = Awaited<ReturnType<typeof account>>;
interface Operation {
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

/** A body each community route accepts, so that only the ids can make it fail. */
const bodies: Record<string, unknown> = {
  'POST /api/communities/{id}/invites': {},
  'PATCH /api/communities/{id}/members/{memberId}': { role: 'member' },
  'POST /api/communities/{id}/referrals': {
    toMemberId: 'MEMBER',
    prospect: { name: 'Sweep' },
    consent: true,
  },
  'PATCH /api/referrals/{id}': { status: 'declined' },
  'POST /api/referrals/{id}/thanks': { note: 'sweep' },
  'PATCH /api/items/{id}': { sharedWith: [] },
};

/**
 * Every community and referral route, from the OpenAPI document, × every role in another
 * community (owner, admin, member) × this community's ids: 404, no data, nothing changed. And a
 * fellow member who is not party to a referral gets 404 for it too.
 */
describe(
  "community IDOR sweep: every route × role × another community's ids",
  { skip: noTeamBackend },
  () => {
    let s: Awaited<ReturnType<typeof communityServer>>;
    let call: (who: Who, method: string, path: string, body?: unknown) => Promise<Res>;
    let ada: Acc, bob: Acc, cy: Acc, dan: Acc, eve: Acc, fay: Acc;
    const ids: Record<string, string> = {};

    before(async () => {
      s = await communityServer();
      call = s.call;
      [ada, bob, cy, dan, eve, fay] = await accounts(s.ctx, 'ix', ['ada', 'bob', 'cy', 'dan', 'eve', 'fay']);
      const join = async (owner: Acc, com: string, who: Acc): Promise<string> => {
        const inv = await call(owner, 'POST', `/api/communities/${com}/invites`, {});
        return (await call(who, 'POST', `/api/invites/${inv.body.token}/accept`)).body.member.id;
      };
      const c = await call(ada, 'POST', '/api/communities', { name: 'Secret Guild' });
      ids.community = c.body.id;
      ids.member = await join(ada, c.body.id, bob);
      await join(ada, c.body.id, cy);
      const offer = await call(ada, 'POST', '/api/me/offers', { text: 'confidential valuation work' });
      ids.item = String(offer.body.item.id);
      await call(ada, 'PATCH', `/api/items/${ids.item}`, { sharedWith: [c.body.id] });
      const r = await call(ada, 'POST', `/api/communities/${c.body.id}/referrals`, {
        toMemberId: ids.member,
        prospect: { name: 'Quentin Secret' },
        consent: true,
        note: 'x',
      });
      ids.referral = r.body.id;
      ids.invite = (await call(ada, 'POST', `/api/communities/${c.body.id}/invites`, {})).body.id;
      // The other community: dan owns it, eve is an admin, fay a member.
      const d = await call(dan, 'POST', '/api/communities', { name: 'Other Club' });
      const eveId = await join(dan, d.body.id, eve);
      await call(dan, 'PATCH', `/api/communities/${d.body.id}/members/${eveId}`, { role: 'admin' });
      ids.danMember = await join(dan, d.body.id, fay);
    });
    after(async () => {
      await s.app.close();
      await s.ctx.store.close();
    });

    const urlOf = (path: string): string =>
      path
        .replace('{memberId}', ids.member ?? '')
        .replace('{inviteId}', ids.invite ?? '')
        .replace(
          '{id}',
          path.startsWith('/api/referrals')
            ? (ids.referral ?? '')
            : path.startsWith('/api/items')
              ? (ids.item ?? '')
              : (ids.community ?? ''),
        );

    test('owners, admins and members of another community get 404 everywhere', async () => {
      const doc = (await call(ada, 'GET', '/api/openapi.json')).body as {
        paths: Record<string, Record<string, Operation>>;
      };
      const routes = Object.entries(doc.paths).filter(
        ([p]) => p.includes('{') && /^\/api\/(communities|referrals)\/|^\/api\/items\/\{id\}$/.test(p),
      );
      assert.ok(routes.length >= 10, `found ${routes.length} community routes`);
      const before = JSON.stringify([
        (await call(ada, 'GET', `/api/communities/${ids.community}`)).body,
        (await call(ada, 'GET', `/api/referrals/${ids.referral}`)).body,
        (await call(ada, 'GET', `/api/communities/${ids.community}/directory`)).body,
      ]);
      const wrong: string[] = [];
      let swept = 0;
      for (const [path, methods] of routes)
        for (const [method, op] of Object.entries(methods)) {
          const key = `${method.toUpperCase()} ${path}`;
          const hasBody = op.requestBody !== undefined;
          assert.ok(!hasBody || key in bodies, `${key}: give the sweep a valid body`);
          const body = hasBody
            ? JSON.parse(JSON.stringify(bodies[key]).replace('MEMBER', ids.member ?? ''))
            : undefined;
          for (const who of [dan, eve, fay]) {
            const r = await call(who, method.toUpperCase(), urlOf(path), body);
            swept++;
            const text = JSON.stringify(r.body);
            if (r.status !== 404) wrong.push(`${who.name} ${key} → ${r.status} ${text.slice(0, 120)}`);
            assert.ok(!/Secret|confidential|Quentin/.test(text), `${who.name} ${key} leaked: ${text}`);
          }
        }
      assert.deepEqual(wrong, [], 'routes that did not answer 404 to another community');
      assert.ok(swept >= 30, `swept ${swept}`);
      const afterwards = JSON.stringify([
        (await call(ada, 'GET', `/api/communities/${ids.community}`)).body,
        (await call(ada, 'GET', `/api/referrals/${ids.referral}`)).body,
        (await call(ada, 'GET', `/api/communities/${ids.community}/directory`)).body,
      ]);
      assert.equal(afterwards, before, 'nothing changed');
    });

    test("a fellow member outside a referral, and another community's member id, are 404", async () => {
      for (const [m, p, b] of [
        ['GET', `/api/referrals/${ids.referral}`, undefined],
        ['PATCH', `/api/referrals/${ids.referral}`, { status: 'accepted' }],
        ['POST', `/api/referrals/${ids.referral}/thanks`, { note: 'x' }],
      ] as const)
        assert.equal((await call(cy, m, p, b)).status, 404, `${m} ${p}`);
      // Dan's member id inside Ada's community: not a member here.
      const r = await call(ada, 'PATCH', `/api/communities/${ids.community}/members/${ids.danMember}`, {
        role: 'admin',
      });
      assert.equal(r.status, 404);
      const ref = await call(ada, 'POST', `/api/communities/${ids.community}/referrals`, {
        toMemberId: ids.danMember,
        prospect: { name: 'X' },
        consent: true,
      });
      assert.equal(ref.status, 404);
    });

    test('every community table has row-level security forced and policies on the current account', async () => {
      const owner = await ownerClient(s.schema);
      try {
        const r = await owner.query<{ name: string; forced: boolean; policies: string[] }>(
          `SELECT c.relname AS name, c.relrowsecurity AND c.relforcerowsecurity AS forced,
                coalesce(array_agg(pg_get_expr(p.polqual, p.polrelid)) FILTER (WHERE p.polqual IS NOT NULL), '{}') AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_policy p ON p.polrelid = c.oid
         WHERE n.nspname = $1 AND c.relname = ANY($2) GROUP BY c.relname, c.relrowsecurity, c.relforcerowsecurity
         ORDER BY c.relname`,
          [s.schema, [...communityTables, 'shared_items']],
        );
        assert.equal(r.rows.length, communityTables.length + 1);
        for (const t of r.rows) {
          assert.ok(t.forced, `${t.name}: row-level security forced`);
          assert.ok(t.policies.length > 0, `${t.name}: a policy`);
          // Each policy reads the current account, directly or through the membership function.
          for (const p of t.policies)
            assert.match(p, /tend\.account_id|tend_my_communities|FROM referrals/, `${t.name}: ${p}`);
        }
      } finally {
        await owner.end();
      }
    });
  },
);
