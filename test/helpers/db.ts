import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, type AppContext } from '../../src/app/context.js';

/** A fixed clock: 2026-11-26 09:00 UTC unless told otherwise; `advance` moves it on. */
export function fixedClock(iso = '2026-11-26T09:00:00.000Z'): {
  now: () => Date;
  set: (iso: string) => void;
  advanceDays: (n: number) => void;
} {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (s) => (t = new Date(s).getTime()),
    advanceDays: (n) => (t += n * 86_400_000),
  };
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty, migrated database target (file path or URL). */
  fresh(): string;
}

let counter = 0;
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-test-'));

export const sqliteBackend: Backend = {
  name: 'sqlite',
  fresh: () => path.join(tmpRoot, `t${process.pid}-${++counter}.db`),
};

/** PostgreSQL, one schema per fresh database, when TEND_TEST_POSTGRES_URL is set (always in CI). */
export const postgresBackend: Backend | undefined = process.env.TEND_TEST_POSTGRES_URL
  ? {
      name: 'postgres',
      fresh: () => {
        const url = new URL(process.env.TEND_TEST_POSTGRES_URL ?? '');
        url.searchParams.set('schema', `t_${process.pid}_${Date.now().toString(36)}_${++counter}`);
        return url.toString();
      },
    }
  : undefined;

/** Every backend the suite runs on: SQLite always, PostgreSQL when configured. */
export const backends: Backend[] = [sqliteBackend, ...(postgresBackend ? [postgresBackend] : [])];

export async function freshApp(b: Backend, clock = fixedClock()): Promise<AppContext & { target: string }> {
  const target = b.fresh();
  const ctx = await openApp({ db: target, clock: clock.now });
  return Object.assign(ctx, { target });
}
