import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { unscopedTables } from '../../src/storage/team/scope.js';
import { noTeamBackend } from './helpers.js';
import { signUp, teamServer, type TeamServer, type User } from './server.js';

/**
 * The second wall: the app's use cases, driven through the API, with every statement logged. A
 * SELECT, UPDATE or DELETE that reads a private table without `account_id = <tenant>` for it
 * fails the test, whatever row-level security would have done.
 */
const predicateFor = (ref: string): string =>
  `"${ref}"."account_id" = NULLIF(current_setting('tend.account_id', true), '')::bigint`;

/** Private tables a statement reads or changes, and the name it refers to each by. */
function tablesRead(sql: string): { table: string; ref: string }[] {
  if (/^\s*insert\b/i.test(sql) && !/\bselect\b/i.test(sql)) return [];
  const out: { table: string; ref: string }[] = [];
  for (const m of sql.matchAll(/\b(?:from|join|update)\s+"(\w+)"(?:\s+as\s+"(\w+)")?/gi)) {
    const table = m[1] ?? '';
    if (!unscopedTables.has(table)) out.push({ table, ref: m[2] ?? table });
  }
  return out;
}

describe('every query on a private table names its account', { skip: noTeamBackend }, () => {
  const log: string[] = [];
  let s: TeamServer;
  let ada: User;
  before(async () => {
    s = await teamServer((q) => log.push(q));
    ada = await signUp(s, 'ada');
  });
  after(async () => s.close());

  test('the use cases behind the API, with a query log', async () => {
    const ok = async (m: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) => {
      const r = await ada.call(m, url, body);
      assert.ok(r.statusCode < 300, `${m} ${url}: ${r.statusCode} ${r.body}`);
      return r.json<Record<string, unknown>>();
    };
    log.length = 0;
    const p = (await ok('POST', '/api/people', { name: 'Jonas Berg', tags: ['data'] })) as {
      person: { id: number };
    };
    const q = (await ok('POST', '/api/people', { name: 'Mira Okafor' })) as { person: { id: number } };
    await ok('POST', `/api/people/${p.person.id}/needs`, { text: 'a data engineer in Oslo' });
    await ok('POST', `/api/people/${q.person.id}/offers`, { text: 'introductions to data engineers' });
    await ok('POST', '/api/me/offers', { text: 'SQL tuning' });
    await ok('POST', `/api/people/${p.person.id}/interactions`, { text: 'sent an article', action: 'give' });
    await ok('POST', `/api/people/${p.person.id}/promises`, { text: 'send the report', due: '2026-12-01' });
    await ok('PATCH', `/api/people/${p.person.id}`, { company: 'Fjord Data' });
    await ok('GET', `/api/people/${p.person.id}`);
    await ok('GET', '/api/people?search=fjord');
    await ok('GET', '/api/people');
    await ok('GET', '/api/today');
    await ok('GET', '/api/review');
    await ok('GET', '/api/promises');
    await ok('POST', '/api/events', { name: 'Data Summit', date: '2026-11-20' });
    await ok('GET', '/api/events');
    await ok('POST', '/api/intros', { a: String(p.person.id), b: String(q.person.id), reason: 'data' });
    await ok('GET', '/api/intros');
    await ok('PUT', '/api/config/digest.hour', { value: 7 });
    await ok('PUT', '/api/config/digest.hour', { value: 8 });
    await ok('GET', '/api/config');
    await ok('POST', '/api/focus', { person: String(p.person.id) });
    await ok('GET', '/api/focus');
    await ok('GET', '/api/export?format=json');
    const unscoped: string[] = [];
    let checked = 0;
    for (const sql of log)
      for (const t of tablesRead(sql)) {
        checked++;
        if (!sql.includes(predicateFor(t.ref))) unscoped.push(`${t.table}: ${sql.slice(0, 200)}`);
      }
    assert.ok(checked > 50, `checked ${checked} table references`);
    assert.deepEqual(unscoped, [], 'statements on private tables without their account');
  });

  test('the plugin scopes FROM in WHERE, a LEFT JOIN in its ON, subqueries, updates and deletes', () => {
    const db = s.ctx.db;
    const sel = db
      .selectFrom('people as p')
      .leftJoin('items', 'items.person_id', 'p.id')
      .where('p.id', 'in', db.selectFrom('promises').select('person_id'))
      .select(['p.name', 'items.text'])
      .compile().sql;
    for (const ref of ['p', 'items', 'promises'])
      assert.ok(sel.includes(predicateFor(ref)), `${ref} in ${sel}`);
    assert.match(sel, /left join "items" on .*"items"\."account_id" = /);
    const upd = db.updateTable('people').set({ name: 'x' }).compile().sql;
    assert.ok(upd.includes(predicateFor('people')), upd);
    const del = db.deleteFrom('person_tags').compile().sql;
    assert.ok(del.includes(predicateFor('person_tags')), del);
    const upsert = db
      .insertInto('settings')
      .values({ key: 'k', value: 'v' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: 'v' }))
      .compile().sql;
    assert.match(upsert, /on conflict \("account_id", "key"\)/);
  });
});
