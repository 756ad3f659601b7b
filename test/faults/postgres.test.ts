import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import type { Readable } from 'node:stream';
import { test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { DomainError } from '../../src/core/errors.js';
import { openStore } from '../../src/storage/db.js';
import { tendBin } from '../helpers/cli.js';

const pgUrl = process.env.TEND_TEST_POSTGRES_URL;
const built = fs.existsSync(tendBin);
const needsBin =
  built || process.env.CI ? false : 'dist/tend.cjs is not built (node scripts/build.mjs --cli-only)';
const needsPg = needsBin !== false ? needsBin : pgUrl ? false : 'TEND_TEST_POSTGRES_URL is not set';

type Child = ChildProcessByStdio<null, Readable, Readable>;

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child: Child = spawn(process.execPath, [tendBin, ...args], {
      env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => {
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A TCP server that accepts every connection and never says a word. */
async function silentServer(): Promise<{ port: number; close: () => void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

/**
 * A TCP proxy to PostgreSQL that can be frozen: while frozen, it accepts connections and
 * passes nothing either way (a PostgreSQL that hangs, or a network that drops everything).
 */
async function freezableProxy(
  target: URL,
): Promise<{ port: number; freeze: () => void; thaw: () => void; close: () => void }> {
  let frozen = false;
  const held: (() => void)[] = [];
  const sockets = new Set<net.Socket>();
  const forward = (from: net.Socket, to: net.Socket): void => {
    from.on('data', (d: Buffer) => {
      if (frozen) held.push(() => to.write(d));
      else to.write(d);
    });
    from.on('close', () => to.destroy());
    from.on('error', () => undefined);
  };
  const server = net.createServer((client) => {
    sockets.add(client);
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      frozen = false;
      for (const f of held.splice(0)) f();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

async function startServe(
  db: string,
  env: Record<string, string> = {},
): Promise<{ url: string; child: Child; stderr: () => string }> {
  const child: Child = spawn(process.execPath, [tendBin, 'serve', '--port', '0', '--db', db], {
    env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', () => {
      reject(new Error(`serve exited early: ${err}`));
    });
  });
  return { url, child, stderr: () => err };
}

async function stop(child: Child): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  return new Promise((resolve) => {
    child.on('exit', resolve);
    child.kill('SIGINT');
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function freshSchema(): { name: string; url: (base: string, extra?: Record<string, string>) => string } {
  const name = `t_fault_${process.pid}_${Date.now().toString(36)}`;
  return {
    name,
    url: (base, extra = {}) => {
      const u = new URL(base);
      u.searchParams.set('schema', name);
      for (const [k, v] of Object.entries(extra)) u.searchParams.set(k, v);
      return u.toString();
    },
  };
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

test(
  'a PostgreSQL address that accepts and never answers: the command ends within the timeout, clearly',
  { skip: needsBin },
  async () => {
    const silent = await silentServer();
    try {
      const db = `postgres://tend:s3cret-pw@127.0.0.1:${silent.port}/x`;
      const env = { TEND_DB_CONNECT_TIMEOUT_MS: '1000' };
      const plain = await run(['people', '--db', db], env);
      assert.equal(plain.code, 2, plain.stderr);
      assert.ok(plain.ms < 8000, `took ${plain.ms} ms`);
      assert.match(
        plain.stderr,
        new RegExp(`PostgreSQL at postgres://127\\.0\\.0\\.1:${silent.port}/x did not answer within 1 s`),
      );
      assert.doesNotMatch(plain.stderr + plain.stdout, /s3cret/);
      const json = await run(['people', '--json', '--db', db], env);
      assert.equal(json.code, 2);
      const body = JSON.parse(json.stdout) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'database_unavailable');
      assert.doesNotMatch(json.stdout, /s3cret/);
    } finally {
      silent.close();
    }
  },
);

test('a timeout that is not a number of milliseconds is refused by name', { skip: needsBin }, async () => {
  const r = await run(['people', '--db', 'postgres://127.0.0.1:1/x'], { TEND_DB_CONNECT_TIMEOUT_MS: 'soon' });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /TEND_DB_CONNECT_TIMEOUT_MS must be a whole number of milliseconds/);
});

test(
  'tend serve survives PostgreSQL ending its pooled connections, logs it once, and keeps serving',
  { skip: needsPg, timeout: 60_000 },
  async () => {
    const schema = freshSchema();
    const appName = `tend_fault_${process.pid}`;
    const server = await startServe(schema.url(pgUrl ?? '', { application_name: appName }));
    try {
      const add = await fetch(`${server.url}api/people`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Before Restart' }),
      });
      assert.equal(add.status, 201, await add.text());
      assert.equal(((await (await fetch(`${server.url}api/people`)).json()) as { total: number }).total, 1);

      // Once the background queues have started (their schedule is written): a connection ended
      // while pg-boss is still starting is the start's to report, and it tries again later.
      await admin(async (c) => {
        for (let waited = 0; ; waited += 100) {
          const r = await c
            .query(`SELECT 1 FROM ${schema.name}_jobs.schedule WHERE name = 'tend-digest'`)
            .catch(() => ({ rowCount: 0 }));
          if ((r.rowCount ?? 0) > 0) return;
          assert.ok(waited < 30_000, `the background queues did not start: ${server.stderr()}`);
          await sleep(100);
        }
      });
      await sleep(300);
      const ended = await admin(async (c) => {
        const r = await c.query<{ ok: boolean }>(
          'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1',
          [appName],
        );
        return r.rows.filter((x) => x.ok).length;
      });
      assert.ok(ended >= 1, 'Tend had pooled connections to end');
      // Each ended connection is reported once, in one line naming the database.
      const reports = (): string[] =>
        server
          .stderr()
          .split('\n')
          .filter((l) => /administrator command/.test(l));
      for (let waited = 0; reports().length === 0 && waited < 10_000; waited += 100) await sleep(100);
      await sleep(300);

      assert.equal(server.child.exitCode, null, `serve exited: ${server.stderr()}`);
      const lines = reports();
      assert.ok(lines.length >= 1 && lines.length <= ended, server.stderr());
      for (const line of lines)
        assert.match(
          line,
          /^(warning: PostgreSQL at postgres:\/\/127\.0\.0\.1:5432\/test \(schema t_fault_\w+\) closed a connection|background jobs: cannot reach PostgreSQL at postgres:\/\/127\.0\.0\.1:5432\/test \(schema t_fault_)/,
        );

      // The next requests reconnect and see every acknowledged write.
      const health = await fetch(`${server.url}api/health`);
      assert.equal(health.status, 200);
      const again = await fetch(`${server.url}api/people`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'After Restart' }),
      });
      assert.equal(again.status, 201, await again.text());
      const people = (await (await fetch(`${server.url}api/people`)).json()) as {
        total: number;
        people: { person: { name: string } }[];
      };
      assert.deepEqual(people.people.map((p) => p.person.name).sort(), ['After Restart', 'Before Restart']);
      assert.equal(await stop(server.child), 0, server.stderr());
    } finally {
      await stop(server.child);
      await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema.name} CASCADE`));
    }
  },
);

test(
  'when PostgreSQL stops answering, health and requests answer 503 within the timeouts, and recover',
  { skip: needsPg, timeout: 60_000 },
  async () => {
    const schema = freshSchema();
    const target = new URL(pgUrl ?? '');
    const proxy = await freezableProxy(target);
    // A failure before the server is up must not leave the proxy holding the test process open.
    const closeOnFailure = (e: unknown): never => {
      proxy.close();
      throw e;
    };
    const viaProxy = new URL(schema.url(pgUrl ?? ''));
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    // The schema is created and migrated first, with the usual timeouts: on a loaded machine the
    // migrations alone may take longer than the short timeouts this test is about.
    const migrated = await run(['people', '--db', schema.url(pgUrl ?? '')], {}).catch(closeOnFailure);
    if (migrated.code !== 0) closeOnFailure(new Error(`migrating the schema failed: ${migrated.stderr}`));
    const server = await startServe(viaProxy.toString(), {
      TEND_DB_CONNECT_TIMEOUT_MS: '1500',
      TEND_DB_QUERY_TIMEOUT_MS: '2500',
    }).catch(closeOnFailure);
    try {
      const ok = await fetch(`${server.url}api/health`);
      assert.equal(ok.status, 200);
      assert.deepEqual(await ok.json(), { ok: true });

      proxy.freeze();
      let started = Date.now();
      const health = await fetch(`${server.url}api/health`);
      assert.ok(Date.now() - started < 5000, `health took ${Date.now() - started} ms`);
      assert.equal(health.status, 503);
      const body = (await health.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'database_unavailable');
      assert.match(
        body.error.message,
        new RegExp(`PostgreSQL at postgres://127\\.0\\.0\\.1:${proxy.port}/test`),
      );

      started = Date.now();
      const people = await fetch(`${server.url}api/people`);
      assert.ok(Date.now() - started < 8000, `a request took ${Date.now() - started} ms`);
      assert.equal(people.status, 503, await people.text());
      const write = await fetch(`${server.url}api/people`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'During Outage' }),
      });
      assert.equal(write.status, 503);
      assert.equal(((await write.json()) as { error: { code: string } }).error.code, 'database_unavailable');

      proxy.thaw();
      let healthy = 0;
      for (let i = 0; i < 60 && healthy !== 200; i++) {
        healthy = (await fetch(`${server.url}api/health`)).status;
        if (healthy !== 200) await sleep(250);
      }
      assert.equal(healthy, 200);
      const added = await fetch(`${server.url}api/people`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'After Outage' }),
      });
      assert.equal(added.status, 201, await added.text());
      const list = (await (await fetch(`${server.url}api/people`)).json()) as {
        people: { person: { name: string } }[];
      };
      // Nothing half-written: the refused write is absent, the later one present once.
      assert.deepEqual(
        list.people.map((p) => p.person.name),
        ['After Outage'],
      );
      assert.equal(server.child.exitCode, null);
    } finally {
      await stop(server.child);
      proxy.close();
      await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema.name} CASCADE`));
    }
  },
);

test(
  'a statement over the query timeout is cancelled by PostgreSQL, reported clearly, and the pool stays usable',
  { skip: pgUrl ? false : 'TEND_TEST_POSTGRES_URL is not set' },
  async () => {
    const schema = freshSchema();
    await (await openStore(schema.url(pgUrl ?? ''))).close(); // the schema, migrated
    const store = await openStore(schema.url(pgUrl ?? ''), { env: { TEND_DB_QUERY_TIMEOUT_MS: '300' } });
    try {
      const started = Date.now();
      const err = await sql`SELECT pg_sleep(3)`.execute(store.db).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(Date.now() - started < 2500, `took ${Date.now() - started} ms`);
      assert.ok(err instanceof DomainError, String(err));
      assert.equal(err.code, 'database_unavailable');
      assert.match(err.message, /did not finish a statement within 0\.3 s: nothing was written/);
      const one = await sql<{ n: number }>`SELECT 1 AS n`.execute(store.db);
      assert.equal(one.rows[0]?.n, 1);
      await store.ping(1000);
    } finally {
      await store.close();
      await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema.name} CASCADE`));
    }
  },
);
