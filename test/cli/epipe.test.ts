import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { tend, tendBin } from '../helpers/cli.js';

/**
 * `tend … | head` ends quietly: the reader closing the pipe early is not a failure of Tend, so
 * there is no EPIPE stack trace on stderr and the command keeps its own exit code.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-epipe-'));
const db = path.join(dir, 'tend.db');
const env = { ...process.env, TEND_DB: db, TEND_NOW: '2026-03-14T09:00:00Z', NO_COLOR: '1', TZ: 'UTC' };

/** Runs the built CLI with stdout piped into a reader that takes the first chunk, then closes. */
function readFirstChunkThenClose(
  args: string[],
): Promise<{ code: number | null; first: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tendBin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let first = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString('utf8');
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, first, stderr });
    });
  });
}

describe('a reader that closes the pipe early', () => {
  before(() => {
    // Enough people that a listing and an export are far larger than a pipe's buffer (64 KiB).
    const rows = Array.from(
      { length: 2_500 },
      (_, i) =>
        `Person${i},Surname${i},https://www.linkedin.com/in/person-${i},,Company ${i},Data Engineer,03 Jan 2023`,
    );
    fs.writeFileSync(
      path.join(dir, 'Connections.csv'),
      ['First Name,Last Name,URL,Email Address,Company,Position,Connected On', ...rows, ''].join('\n'),
    );
    const r = tend(db, ['import', 'linkedin', path.join(dir, 'Connections.csv')]);
    assert.equal(r.code, 0, r.stderr);
    const all = tend(db, ['people', '--limit', '3000']);
    assert.ok(all.stdout.length > 150_000, `only ${all.stdout.length} bytes`);
  });

  for (const args of [
    ['people', '--limit', '3000'],
    ['people', '--limit', '3000', '--json'],
    ['export', 'json'],
    ['export', 'csv'],
    ['export', 'vcard'],
  ])
    test(`tend ${args.join(' ')}: no stack trace, exit 0`, async () => {
      const r = await readFirstChunkThenClose(args);
      assert.ok(r.first.length > 0, 'the reader got the beginning of the output');
      assert.equal(r.stderr, '', r.stderr);
      assert.equal(r.code, 0);
    });

  test('through a shell pipe into head', () => {
    for (const [cmd, head] of [
      ['people --limit 3000', 'head -1'],
      ['export json', 'head -c 10'],
    ] as const) {
      const tendCmd = `"${process.execPath}" "${tendBin}" ${cmd}`;
      const r = spawnSync('sh', ['-c', `{ ${tendCmd}; echo "tend=$?" >&2; } | ${head}`], {
        env,
        encoding: 'utf8',
      });
      assert.equal(r.stderr, 'tend=0\n', `${cmd}\n${r.stderr}`);
      assert.ok(r.stdout.length > 0 && r.stdout.length < 200, r.stdout);
    }
  });

  test('an error still gets its exit code when nobody reads stdout', async () => {
    const r = await readFirstChunkThenClose(['ask', 'nobody', 'a favor', '--json']);
    assert.equal(r.code, 2);
    assert.match(r.first, /"unknown_person"/);
  });
});
