import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { decryptSecret, encryptSecret, keyFilePath, loadOrCreateKey } from '../../src/app/secrets.js';
import { DomainError } from '../../src/core/errors.js';
import {
  checkCaldavUrl,
  checkImapServer,
  checkSourceName,
  planCalendarFetch,
  resourceUids,
} from '../../src/core/live-sources.js';

describe('live sources: what to fetch from a calendar', () => {
  const before = {
    '/c/a.ics': { etag: '"1"', uids: ['a'], pending: false },
    '/c/b.ics': { etag: '"1"', uids: ['b'], pending: false },
    '/c/weekly.ics': { etag: '"1"', uids: ['w'], pending: true },
  };
  test('a full listing: new and changed ETags and pending items are fetched; missing ones are gone', () => {
    const etags = new Map([
      ['/c/a.ics', '"1"'],
      ['/c/weekly.ics', '"1"'],
      ['/c/new.ics', '"9"'],
    ]);
    assert.deepEqual(planCalendarFetch(before, { full: true, etags }), {
      fetch: ['/c/new.ics', '/c/weekly.ics'],
      gone: ['/c/b.ics'],
    });
  });
  test('a sync-collection delta: changes, deletions, and pending items', () => {
    const plan = planCalendarFetch(before, {
      full: false,
      changed: new Map([['/c/a.ics', '"2"']]),
      deleted: ['/c/b.ics', '/c/never-seen.ics'],
    });
    assert.deepEqual(plan, { fetch: ['/c/a.ics', '/c/weekly.ics'], gone: ['/c/b.ics'] });
  });
});

describe('live sources: the events a calendar resource holds after a read', () => {
  test('a UID the resource no longer has goes; the others stay', () => {
    assert.deepEqual(resourceUids(['a', 'b'], ['a', 'c'], 0), { uids: ['a', 'c'], gone: ['b'] });
  });
  test('an event of it could not be read: nothing goes, and the UIDs it had are kept for next time', () => {
    assert.deepEqual(resourceUids(['a', 'b'], ['a'], 1), { uids: ['a', 'b'], gone: [] });
    assert.deepEqual(resourceUids(['a'], [], 1), { uids: ['a'], gone: [] });
  });
});

describe('live sources: inputs', () => {
  test('names, URLs and servers are checked, each with what is wrong', () => {
    assert.equal(checkSourceName(' work '), 'work');
    assert.throws(() => checkSourceName('12'), /not a source name/);
    assert.throws(() => checkSourceName('my calendar'), /not a source name/);
    assert.equal(checkCaldavUrl('https://dav.example.com/cal'), 'https://dav.example.com/cal');
    assert.equal(checkCaldavUrl('http://localhost:5232/'), 'http://localhost:5232/');
    assert.throws(() => checkCaldavUrl('http://dav.example.com/'), /sends the password in clear/);
    assert.throws(() => checkCaldavUrl('ftp://x'), /not an http\(s\) URL/);
    assert.throws(() => checkCaldavUrl('https://maya:pw@dav.example.com/'), /not in the URL/);
    assert.deepEqual(checkImapServer('imap.example.com', 'tls'), { host: 'imap.example.com', port: 993 });
    assert.deepEqual(checkImapServer('imap.example.com', 'starttls'), {
      host: 'imap.example.com',
      port: 143,
    });
    assert.deepEqual(checkImapServer('[::1]:1143', 'insecure-local'), { host: '::1', port: 1143 });
    assert.throws(() => checkImapServer('imap.example.com:99999', 'tls'), /out of range/);
    assert.throws(
      () => checkImapServer('imap.example.com', 'insecure-local'),
      /only for a server on this machine/,
    );
  });
});

describe('live sources: secrets', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-secret-'));
  const env = { TEND_SECRET_KEY_FILE: path.join(dir, 'sub', 'secret.key') };
  test('AES-256-GCM under a 0600 key file; bound to the source name; never the plain text', () => {
    const key = loadOrCreateKey(env);
    assert.equal(keyFilePath(env), env.TEND_SECRET_KEY_FILE);
    assert.equal(fs.statSync(env.TEND_SECRET_KEY_FILE).mode & 0o777, 0o600);
    assert.deepEqual(loadOrCreateKey(env), key, 'the key is created once');
    const stored = encryptSecret('hunter2-ü', 'work', key);
    assert.match(stored, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(!stored.includes('hunter2'));
    assert.notEqual(encryptSecret('hunter2-ü', 'work', key), stored, 'a fresh IV each time');
    assert.equal(decryptSecret(stored, 'work', env), 'hunter2-ü');
    assert.throws(
      () => decryptSecret(stored, 'other', env),
      (e: unknown) => e instanceof DomainError && e.code === 'source_secret_unreadable',
    );
    const tampered = stored.slice(0, -2) + (stored.endsWith('A') ? 'BB' : 'AA');
    assert.throws(() => decryptSecret(tampered, 'work', env), /cannot be decrypted/);
    assert.throws(
      () => decryptSecret(stored, 'work', { TEND_SECRET_KEY_FILE: path.join(dir, 'none') }),
      /is missing/,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
