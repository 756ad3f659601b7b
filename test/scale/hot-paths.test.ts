/**
 * The hot paths (Today, the people list and search, a person page) read only tables that
 * docs/decisions/0020-scale-out.md classifies for distribution, so a table added to a hot path is
 * classified (by account or by community) the day it is added. Driven through the real HTTP
 * routes on PostgreSQL, with every statement Kysely runs recorded from its query tree.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { openApp, type AppContext } from '../../src/app/context.js';
import { buildServer } from '../../src/http/server.js';
import { fixedClock, postgresBackend } from '../helpers/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const skip = postgresBackend ? false : 'TEND_TEST_POSTGRES_URL is not set';

/** The table of tables in the decision record: name → distribution. */
function classified(): Map<string, string> {
  const doc = fs.readFileSync(path.join(root, 'docs/decisions/0020-scale-out.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| ([a-z_]+) +\| ([a-z ()]+?) +\|$/gm)];
  return new Map(rows.map((m) => [m[1] ?? '', m[2] ?? '']));
}

/** Every table named in a query tree, and in raw SQL fragments (`sql` templates). */
function tablesIn(node: unknown, out: Set<string>): void {
  if (node === null || typeof node !== 'object') return;
  const n = node as { kind?: string; table?: { identifier?: { name?: string } }; sqlFragments?: string[] };
  if (n.kind === 'TableNode' && n.table?.identifier?.name) out.add(n.table.identifier.name);
  if (n.kind === 'RawNode')
    for (const f of n.sqlFragments ?? [])
      for (const m of f.matchAll(/\b(?:from|join|into|update)\s+"?([a-z_]+)"?/gi)) out.add(m[1] ?? '');
  // A column's qualifier (`i.date`, `p.*`) names an alias or a table already counted.
  for (const [k, v] of Object.entries(node))
    if (!(n.kind === 'ReferenceNode' && k === 'table')) tablesIn(v, out);
}

class Recorder implements KyselyPlugin {
  on = false;
  readonly tables = new Set<string>();
  statements = 0;
  transformQuery(args: PluginTransformQueryArgs): ReturnType<KyselyPlugin['transformQuery']> {
    if (this.on) {
      this.statements++;
      tablesIn(args.node, this.tables);
    }
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): ReturnType<KyselyPlugin['transformResult']> {
    return Promise.resolve(args.result);
  }
}

let ctx: AppContext;
let app: FastifyInstance;
const recorder = new Recorder();

before(async () => {
  if (!postgresBackend) return;
  const base = await openApp({ db: postgresBackend.fresh(), clock: fixedClock().now });
  ctx = { ...base, db: base.db.withPlugin(recorder) };
  app = await buildServer(() => ctx, { webRoot: null });
});
after(async () => {
  if (!postgresBackend) return;
  await app.close();
  await ctx.store.close();
});

const call = async (
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
): Promise<Record<string, unknown>> => {
  const res = await app.inject({ method, url, ...(payload ? { payload } : {}) });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<Record<string, unknown>>();
};

test('every table the hot paths read is classified for distribution', { skip }, async () => {
  const added = await call('POST', '/api/people', {
    name: 'Priya Raman',
    circle: 'focus',
    company: 'Northwind',
  });
  const id = String((added.person as { id: number }).id);
  await call('POST', '/api/people', { name: 'Tomás Silva', circle: 'network' });
  await call('POST', `/api/people/${id}/needs`, { text: 'an intro to a fintech investor' });
  await call('POST', `/api/people/${id}/offers`, { text: 'reviews pitch decks' });
  await call('POST', `/api/people/${id}/promises`, { text: 'send the deck', due: '2026-11-27' });
  await call('POST', `/api/people/${id}/interactions`, {
    action: 'give',
    text: 'pricing tips',
  });

  recorder.on = true;
  await call('GET', '/api/today');
  await call('GET', '/api/people');
  await call('GET', '/api/people?search=fintech');
  await call('GET', `/api/people/${id}`);
  recorder.on = false;

  assert.ok(recorder.statements > 5, `only ${recorder.statements} statements were recorded`);
  assert.ok(recorder.tables.has('people') && recorder.tables.has('items'), [...recorder.tables].join(', '));
  const known = classified();
  assert.ok(known.size > 20, 'the table of tables in 0020-scale-out.md was not found');
  const unclassified = [...recorder.tables].filter((t) => !known.has(t)).sort();
  assert.deepEqual(unclassified, [], 'hot-path tables missing from docs/decisions/0020-scale-out.md');
  // Single-user mode has only private tables: none of them may be a community table.
  const community = [...recorder.tables].filter((t) => known.get(t) === 'community');
  assert.deepEqual(community, []);
});
