import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { openApp } from '../../src/app/context.js';
import { addItem } from '../../src/app/items.js';
import { createMatcher } from '../../src/matching/index.js';
import { tend } from '../helpers/cli.js';

// In its own process, and through a daemon in a private runtime folder (stopped after): a reply the
// daemon gives again must not report the encoding again.
const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-reencode-run-'));
fs.chmodSync(runtime, 0o700);
const modes = {
  'in its own process': { TEND_DAEMON: 'off' },
  'through the daemon': { TEND_DAEMON: 'on', XDG_RUNTIME_DIR: runtime },
} as const;

/** A read elsewhere starts the daemon; wait until it answers, so that the next read is its. */
async function daemonRunning(env: Record<string, string>): Promise<void> {
  const other = path.join(runtime, 'other.db');
  tend(other, ['today'], { env });
  for (let i = 0; i < 100; i++) {
    const s = tend(other, ['daemon', 'status', '--json'], { env }).json() as { running: boolean };
    if (s.running) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail('the daemon did not start');
}

describe('after a matcher update, the first tend match re-encodes old notes with progress, once', () => {
  after(() => {
    tend(path.join(runtime, 'none.db'), ['daemon', 'stop'], { env: modes['through the daemon'] });
  });
  for (const [mode, env] of Object.entries(modes))
    test(mode, async () => {
      const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tend-reencode-')), 'tend.db');
      // Notes stored by another matcher (the modelless one has another version).
      const old = await openApp({ db, matcher: () => Promise.resolve(createMatcher({ modelless: true })) });
      for (let i = 0; i < 130; i++)
        await addItem(old, {
          side: i % 2 ? 'offer' : 'need',
          text: `bookkeeping and payroll help, note ${i}`,
        });
      await old.store.close();

      if (env.TEND_DAEMON === 'on') await daemonRunning(env);
      const first = tend(db, ['match'], { env: { ...env, TEND_PROGRESS: '1' } });
      assert.equal(first.code, 0, first.stderr);
      const steps = first.stderr.trim().split('\n');
      assert.equal(steps[0], 'matcher: encoding notes 0/130');
      assert.equal(steps.at(-1), 'matcher: encoding notes 130/130');
      for (let i = 0; i < 2; i++) {
        const again = tend(db, ['match'], { env: { ...env, TEND_PROGRESS: '1' } });
        assert.equal(again.code, 0, again.stderr);
        assert.equal(again.stderr, '', 'stored: nothing to encode the second time');
        assert.equal(again.stdout, first.stdout);
      }
    });
});
