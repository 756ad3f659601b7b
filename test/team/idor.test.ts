import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findAccountByEmail } from '../../src/app/team/accounts.js';
import { insertPasskey } from '../../src/storage/team/passkeys.js';
import { withAuth } from '../../src/storage/team/tenant.js';
import { noTeamBackend } from './helpers.js';
import { signUp, teamServer, type TeamServer, type User } from './server.js';

/**
 * The authorisation sweep, driven by the OpenAPI document so that a route added tomorrow is
 * swept the day it is added: for every route with an id in its path, every method, account B
 * asks with account A's ids and gets 404 — never A's data, never a change to it.
 */

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  items?: Schema;
};

/** A small body the route's schema accepts: required fields, plausible values. */
function sample(s: Schema | undefined, key = ''): unknown {
  if (s === undefined) return undefined;
  const alt = s.oneOf?.[0] ?? s.anyOf?.[0];
  if (alt) return sample(alt, key);
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'object': {
      // Required fields; a body whose fields are all optional (a PATCH) gets its first one.
      const keys = s.required?.length ? s.required : Object.keys(s.properties ?? {}).slice(0, 1);
      return Object.fromEntries(keys.map((k) => [k, sample(s.properties?.[k], k)]));
    }
    case 'string':
      return /date|due/i.test(key) ? '2026-11-20' : 'sweep';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [sample(s.items, key)];
    default:
      return 'sweep';
  }
}

/** Which of A's objects a path's id names, by the resource it sits under. */
const resourceOf = (path: string): string | undefined => {
  const m = /^\/api\/(auth\/|capture\/)?([a-z-]+)\/\{/.exec(path);
  const r = m?.[2];
  return r === 'focus' ? 'people' : r;
};

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

describe('IDOR sweep over every route with an id', { skip: noTeamBackend }, () => {
  let s: TeamServer;
  let ada: User;
  let bob: User;
  const ids: Record<string, string> = {};
  let keyDir = '';

  before(async () => {
    // The key that encrypts source passwords, private to this run.
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-sweep-key-'));
    process.env.TEND_SECRET_KEY_FILE = path.join(keyDir, 'secret.key');
    s = await teamServer();
    ada = await signUp(s, 'ada');
    bob = await signUp(s, 'bob');
    const made = async (method: 'POST', url: string, body: object): Promise<Record<string, unknown>> => {
      const r = await ada.call(method, url, body);
      assert.ok(r.statusCode < 300, `${url}: ${r.statusCode} ${r.body}`);
      return r.json();
    };
    const p = (await made('POST', '/api/people', { name: 'Jonas Berg' })) as { person: { id: number } };
    const q = (await made('POST', '/api/people', { name: 'Mira Okafor' })) as { person: { id: number } };
    ids.people = String(p.person.id);
    const need = (await made('POST', `/api/people/${ids.people}/needs`, {
      text: 'a data engineer in Oslo',
    })) as {
      item: { id: number };
    };
    ids.items = String(need.item.id);
    await made('POST', `/api/people/${q.person.id}/offers`, { text: 'introductions to data engineers' });
    const promise = (await made('POST', `/api/people/${ids.people}/promises`, {
      text: 'send the report',
      due: '2026-12-20',
    })) as { promise: { id: number } };
    ids.promises = String(promise.promise.id);
    const give = (await made('POST', `/api/people/${ids.people}/interactions`, {
      text: 'sent an article',
      action: 'give',
    })) as { interaction: { id: number } };
    ids.interactions = String(give.interaction.id);
    const event = (await made('POST', '/api/events', { name: 'Data Summit', date: '2026-11-20' })) as {
      event: { id: number };
    };
    ids.events = String(event.event.id);
    const intro = (await made('POST', '/api/intros', {
      a: ids.people,
      b: String(q.person.id),
      reason: 'Mira knows data engineers',
    })) as { intro: { id: number } };
    ids.intros = String(intro.intro.id);
    const sessions = (await ada.call('GET', '/api/auth/sessions')).json<{ sessions: { id: string }[] }>();
    ids.sessions = sessions.sessions[0]?.id ?? '';
    const token = (await made('POST', '/api/auth/tokens', { name: 'script' })) as { token: { id: string } };
    ids.tokens = token.token.id;
    // A passkey of A's. Making one takes an authenticator (test/team/passkeys.test.ts drives
    // Chromium's); the sweep needs only the stored credential, so it is stored as registration does.
    const adaId = (await findAccountByEmail(s.ctx.db, ada.email))?.id ?? 0;
    const key = await withAuth(
      () =>
        insertPasskey(s.ctx.db, {
          accountId: adaId,
          credentialId: 'c3dlZXAtY3JlZGVudGlhbA',
          publicKey: new Uint8Array(77),
          counter: 0,
          transports: ['internal'],
          deviceType: 'singleDevice',
          backedUp: false,
          name: 'Jonas laptop',
          now: new Date('2026-11-26T09:00:00Z'),
        }),
      adaId,
    );
    ids.passkeys = key?.publicId ?? '';
    // A community of A's, with a member (carl) and a referral from A to carl.
    const com = (await made('POST', '/api/communities', { name: 'Oslo data circle' })) as {
      id: string;
      memberId: string;
    };
    ids.communities = com.id;
    ids.members = com.memberId;
    const carl = await signUp(s, 'carl');
    const inv = (await made('POST', `/api/communities/${com.id}/invites`, {})) as { token: string };
    const joined = (await carl.call('POST', `/api/invites/${inv.token}/accept`)).json<{
      member: { id: string };
    }>();
    const ref = (await made('POST', `/api/communities/${com.id}/referrals`, {
      toMemberId: joined.member.id,
      prospect: { name: 'Jonas Berg' },
      consent: true,
      note: 'sweep',
    })) as { id: string };
    ids.referrals = ref.id;
    // An open invitation of A's community (its id; the token is a bearer credential).
    ids.invites = ((await made('POST', `/api/communities/${com.id}/invites`, {})) as { id: string }).id;
    // A capture run (a calendar file uploaded) and a live source of A's.
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//sweep//EN',
      'BEGIN:VEVENT',
      'UID:sweep-1@example.org',
      'DTSTAMP:20261101T090000Z',
      'DTSTART:20261101T090000Z',
      'DTEND:20261101T093000Z',
      'SUMMARY:Coffee',
      `ORGANIZER:mailto:${ada.email}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ada.email}`,
      'ATTENDEE;PARTSTAT=ACCEPTED:mailto:someone.new@example.org',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const up = await ada.call(
      'POST',
      '/api/capture/import?kind=calendar&filename=sweep.ics',
      Buffer.from(ics),
      {
        'content-type': 'application/octet-stream',
      },
    );
    assert.ok(up.statusCode < 300, `upload: ${up.statusCode} ${up.body}`);
    const runs = (await ada.call('GET', '/api/capture/runs')).json<{ runs: { id: number }[] }>();
    ids.runs = String(runs.runs[0]?.id ?? '');
    await made('POST', '/api/sources', {
      kind: 'caldav',
      name: 'work',
      url: 'https://calendar.example.org/dav/',
      user: 'ada',
      password: 'not used by the sweep',
    });
    ids.sources = 'work';
  });
  after(async () => {
    await s.close();
    delete process.env.TEND_SECRET_KEY_FILE;
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  test("B gets 404 for every route × method with A's ids, and A's data is unchanged", async () => {
    const doc = (await ada.call('GET', '/api/openapi.json')).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    const profileBefore = (await ada.call('GET', `/api/people/${ids.people}`)).body;
    const swept: string[] = [];
    const wrong: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.includes('{')) continue;
      // Config keys are names, not objects: each account has its own settings (per-account key).
      if (path.startsWith('/api/config/')) continue;
      // An invitation token is a bearer credential: whoever holds a valid one may join (an
      // unknown one is 404, test/team/communities.test.ts).
      if (path.startsWith('/api/invites/')) continue;
      const resource = resourceOf(path);
      const id = resource !== undefined ? ids[resource] : undefined;
      assert.ok(id !== undefined, `${path}: the sweep has no id of A's for it — add one in before()`);
      const url = path
        .replace('{memberId}', encodeURIComponent(ids.members ?? ''))
        .replace('{inviteId}', encodeURIComponent(ids.invites ?? ''))
        .replace('{run}', encodeURIComponent(ids.runs ?? ''))
        .replace(/\{[^}]+\}/, encodeURIComponent(id));
      for (const [method, op] of Object.entries(methods)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        const body = schema ? sample(schema) : undefined;
        const m = method.toUpperCase() as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
        // The ids are real: A reads each of them.
        if (m === 'GET') assert.equal((await ada.call(m, url)).statusCode, 200, `A's own ${url}`);
        const r = await bob.call(m, url, body);
        swept.push(`${m} ${path}`);
        if (r.statusCode !== 404) wrong.push(`${m} ${url} → ${r.statusCode} ${r.body.slice(0, 160)}`);
        assert.ok(
          !r.body.includes('Jonas') && !r.body.includes('Data Summit') && !r.body.includes('Oslo data'),
          `${m} ${url} leaked`,
        );
      }
    }
    assert.deepEqual(wrong, [], 'routes that did not answer 404 to another account');
    assert.ok(swept.length >= 25, `swept ${swept.length} route × method pairs`);
    assert.equal((await ada.call('GET', `/api/people/${ids.people}`)).body, profileBefore);
    assert.equal((await ada.call('GET', '/api/auth/me')).statusCode, 200, "A's session survived");
    const keys = (await ada.call('GET', '/api/auth/passkeys')).json<{ passkeys: { name: string }[] }>();
    assert.deepEqual(
      keys.passkeys.map((k) => k.name),
      ['Jonas laptop'],
      "A's passkey is neither renamed nor removed",
    );
  });
});
