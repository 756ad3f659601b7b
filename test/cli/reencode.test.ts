import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openApp } from '../../src/app/context.js';
import { addItem } from '../../src/app/items.js';
import { createMatcher } from '../../src/matching/index.js';
import { tend } from '../helpers/cli.js';

void test('after a matcher update, the first tend match re-encodes old notes with progress, once', async () => {
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tend-reencode-')), 'tend.db');
  // Notes stored by another matcher (the modelless one has another version).
  const old = await openApp({ db, matcher: () => Promise.resolve(createMatcher({ modelless: true })) });
  for (let i = 0; i < 130; i++)
    await addItem(old, { side: i % 2 ? 'offer' : 'need', text: `bookkeeping and payroll help, note ${i}` });
  await old.store.close();

  const first = tend(db, ['match'], { env: { TEND_PROGRESS: '1' } });
  assert.equal(first.code, 0, first.stderr);
  const steps = first.stderr.trim().split('\n');
  assert.equal(steps[0], 'matcher: encoding notes 0/130');
  assert.equal(steps.at(-1), 'matcher: encoding notes 130/130');
  const again = tend(db, ['match'], { env: { TEND_PROGRESS: '1' } });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stderr, '', 'stored: nothing to encode the second time');
  assert.equal(again.stdout, first.stdout);
});
