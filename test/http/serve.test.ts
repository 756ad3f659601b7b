import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { seedDemo } from '../../src/cli/demo.js';
import { buildServer } from '../../src/http/server.js';
import { freshApp, sqliteBackend } from '../helpers/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'dist', 'tend.cjs');

/** Runs `tend serve` until it prints its address, calls it, stops it with a signal. */
async function serveOnce(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string; health: unknown; people: unknown }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout);
      if (m) resolve(m[0]);
    });
    child.on('exit', () => {
      reject(new Error(`serve exited early: ${stderr}`));
    });
  });
  const health: unknown = await (await fetch(`${url}api/health`)).json();
  const people: unknown = await (await fetch(`${url}api/people?limit=1`)).json();
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', (c) => {
      resolve(c);
    });
    child.kill('SIGINT');
  });
  return { code, stdout, stderr, health, people };
}

test(
  'tend serve prints its address, answers, and stops cleanly on SIGINT',
  { skip: fs.existsSync(bin) || process.env.CI ? false : 'dist/tend.cjs is not built (npm run build)' },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-serve-'));
    const res = await serveOnce([], { TEND_DB: path.join(dir, 'tend.db') });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /Tend is running at http:\/\/127\.0\.0\.1:\d+\//);
    assert.match(res.stdout, /Stopped\./);
    assert.deepEqual(res.health, { ok: true });
    assert.equal((res.people as { total: number }).total, 0);
    fs.rmSync(dir, { recursive: true, force: true });
  },
);

test(
  'tend serve --demo opens a sample network without touching the real database',
  { skip: fs.existsSync(bin) || process.env.CI ? false : 'dist/tend.cjs is not built (npm run build)' },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-serve-'));
    const real = path.join(dir, 'real.db');
    const res = await serveOnce(['--demo'], { TEND_DB: real });
    assert.equal(res.code, 0, res.stderr);
    assert.ok((res.people as { total: number }).total > 100);
    assert.equal(fs.existsSync(real), false, 'the demo never opens the real database');
    fs.rmSync(dir, { recursive: true, force: true });
  },
);

test('the demo network makes every page alive', async () => {
  const ctx = await freshApp(sqliteBackend);
  try {
    await seedDemo(ctx, { poolSize: 30 });
    const app = await buildServer(() => ctx, { webRoot: null });
    const get = async <T>(url: string): Promise<T> => (await app.inject({ method: 'GET', url })).json<T>();
    assert.ok((await get<{ actions: unknown[] }>('/api/today')).actions.length >= 3);
    assert.equal((await get<{ people: unknown[] }>('/api/focus')).people.length, 8);
    assert.equal((await get<{ total: number }>('/api/people?circle=pool&limit=1')).total, 30);
    const events = await get<{ events: { outcome: string }[] }>('/api/events');
    assert.equal(events.events.length, 2);
    assert.ok(events.events.some((e) => e.outcome === 'succeeded'));
    const review = await get<{ review: { gave: number; asked: number; real: number } }>(
      '/api/review?weeks=8',
    );
    assert.ok(review.review.gave > 0 && review.review.asked > 0 && review.review.real > 0);
    const carla = await app.inject({
      method: 'POST',
      url: '/api/people/Carla/interactions',
      payload: { action: 'ask', text: 'a referral' },
    });
    assert.equal(carla.statusCode, 409, 'the demo shows the ask guard: nothing given to Carla yet');
    await app.close();
  } finally {
    await ctx.store.close();
  }
});
