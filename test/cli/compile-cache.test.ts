import assert from 'node:assert/strict';
import fs from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { tend } from '../helpers/cli.js';

/**
 * On Node 22.1+ the CLI keeps the code V8 compiled for it in the user's cache folder, so later
 * commands start faster; on Node 20 (no compile cache) it writes nothing there. Either way a
 * cache folder that cannot be written changes nothing a user sees.
 */

const hasCompileCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const now = '2026-03-14T09:00:00Z';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tend-compile-cache-'));
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe('the compile cache', () => {
  test(
    hasCompileCache
      ? 'is written under $XDG_CACHE_HOME/tend and reused: the second run prints the same'
      : 'is not written on a Node without one',
    () => {
      const dir = tempDir();
      const cacheHome = path.join(dir, 'cache');
      const db = path.join(dir, 'tend.db');
      const env = { XDG_CACHE_HOME: cacheHome };
      const first = tend(db, ['today'], { now, env });
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stderr, '');
      const cached = filesUnder(path.join(cacheHome, 'tend', 'compile-cache'));
      if (hasCompileCache) assert.ok(cached.length > 0, 'no compiled code was cached');
      else assert.deepEqual(cached, []);
      const second = tend(db, ['today'], { now, env });
      assert.equal(second.code, 0, second.stderr);
      assert.equal(second.stdout, first.stdout);
      assert.equal(second.stderr, '');
    },
  );

  test('a cache folder that cannot be created costs nothing but speed', () => {
    const dir = tempDir();
    // A file where the cache folder should go: nothing can be created under it.
    const cacheHome = path.join(dir, 'not-a-folder');
    fs.writeFileSync(cacheHome, 'x');
    const db = path.join(dir, 'tend.db');
    const plain = tend(db, ['today'], { now, env: { NODE_DISABLE_COMPILE_CACHE: '1' } });
    const blocked = tend(db, ['today'], { now, env: { XDG_CACHE_HOME: cacheHome } });
    assert.equal(blocked.code, 0, blocked.stderr);
    assert.equal(blocked.stderr, '');
    assert.equal(blocked.stdout, plain.stdout);
    assert.equal(fs.readFileSync(cacheHome, 'utf8'), 'x');
  });

  test('NODE_DISABLE_COMPILE_CACHE=1 writes no cache', () => {
    const dir = tempDir();
    const cacheHome = path.join(dir, 'cache');
    const r = tend(path.join(dir, 'tend.db'), ['--version'], {
      env: { XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '1' },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(filesUnder(path.join(cacheHome, 'tend', 'compile-cache')), []);
  });
});
