import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { tendBin } from '../helpers/cli.js';
import { ownerClient, teamBackend, noTeamBackend } from './helpers.js';

function run(args: string[], input = '', env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [tendBin, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', TEND_DB: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('tend serve --team on SQLite', () => {
  test('is refused with its own exit code, a message naming --db, and no file created', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-team-'));
    const file = path.join(dir, 'team.db');
    const r = run(['serve', '--team', '--db', file, '--port', '0']);
    assert.equal(r.code, 8, r.stderr);
    assert.match(r.stderr, /needs a PostgreSQL database: --db must be a postgres:\/\/ URL/);
    assert.match(r.stderr, /never runs on SQLite/);
    assert.equal(fs.existsSync(file), false);
    const j = run(['serve', '--team', '--json'], '', { TEND_DB: file });
    assert.equal(j.code, 8);
    assert.equal((JSON.parse(j.stdout) as { error: { code: string } }).error.code, 'team_needs_postgres');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('tend admin refuses SQLite the same way', () => {
    const r = run(['admin', 'migrate', '--db', '/tmp/nowhere.db']);
    assert.equal(r.code, 8);
    assert.match(r.stderr, /never runs on SQLite/);
  });
});

describe('tend admin on PostgreSQL', { skip: noTeamBackend }, () => {
  const url = teamBackend?.fresh() ?? '';
  const schema = new URL(url || 'postgres://x').searchParams.get('schema') ?? '';
  after(async () => {
    const c = await ownerClient('public');
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  });

  test('migrate, then create-owner reads the password from stdin and stores only its argon2id hash', async () => {
    const m = run(['admin', 'migrate', '--db', url, '--json']);
    assert.equal(m.code, 0, m.stderr);
    const done = JSON.parse(m.stdout) as { migrated: boolean; appRole: string; database: string };
    assert.equal(done.migrated, true);
    assert.equal(done.appRole, 'tend_app');
    assert.match(done.database, new RegExp(`schema ${schema}`));
    const password = 'a long enough passphrase';
    const r = run(
      ['admin', 'create-owner', '--db', url, '--email', ' Ada@Example.ORG ', '--password-stdin', '--json'],
      `${password}\n`,
    );
    assert.equal(r.code, 0, r.stderr);
    const acc = (JSON.parse(r.stdout) as { account: { id: string; email: string; isAdmin: boolean } })
      .account;
    assert.match(acc.id, /^acc_[0-9A-Za-z]{22}$/);
    assert.equal(acc.email, 'ada@example.org');
    assert.equal(acc.isAdmin, true);
    const c = await ownerClient(schema);
    const row = await c.query<{ password_hash: string }>('SELECT password_hash FROM accounts');
    await c.end();
    assert.equal(row.rows.length, 1);
    assert.match(row.rows[0]?.password_hash ?? '', /^\$argon2id\$/);
    assert.ok(!(row.rows[0]?.password_hash ?? '').includes(password));
  });

  test('a second owner with the same email, a short password, or no --password-stdin: exit 2, nothing written', async () => {
    const dup = run(
      ['admin', 'create-owner', '--db', url, '--email', 'ada@example.org', '--password-stdin'],
      'another long passphrase\n',
    );
    assert.equal(dup.code, 2);
    assert.match(dup.stderr, /already an account for ada@example.org/);
    const short = run(
      ['admin', 'create-owner', '--db', url, '--email', 'bo@example.org', '--password-stdin'],
      'short\n',
    );
    assert.equal(short.code, 2);
    assert.match(short.stderr, /at least 10 characters/);
    const noStdin = run(['admin', 'create-owner', '--db', url, '--email', 'cy@example.org']);
    assert.equal(noStdin.code, 2);
    assert.match(noStdin.stderr, /--password-stdin/);
    const c = await ownerClient(schema);
    const n = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
    await c.end();
    assert.equal(n.rows[0]?.n, 1);
  });
});
