import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomainError } from '../core/errors.js';
import { defaultSettings, type Settings } from '../core/settings.js';
import type { Matcher } from '../matching/index.js';
import { openStore, type Db, type Store } from '../storage/db.js';
import { readOverrides } from '../storage/repos/settings.js';
import type { Warm } from './warm.js';

/** The world a use case runs in, passed explicitly: no module-level state. */
export interface AppContext {
  store: Store;
  db: Db;
  clock: () => Date;
  /** A new person's stable UID (a random UUID); tests pass a seeded one, as they pass the clock. */
  newUid: () => string;
  settings: Settings;
  /** Created lazily: a command that matches nothing never pays for the matcher. */
  matcher: () => Promise<Matcher>;
  /**
   * Told how far a long encoding has gone (notes written before a matcher update are re-encoded
   * on first use): the CLI shows a progress bar.
   */
  onEncode?: (done: number, total: number) => void;
  /**
   * What the CLI's daemon keeps between commands on this connection (features, the match index,
   * settings), each checked against the database before use. Absent in-process.
   */
  warm?: Warm | undefined;
  /**
   * Team mode: the read-only use cases that make many statements (Today, a person page) read in
   * one REPEATABLE READ READ ONLY transaction, the tenant set once (src/app/snapshot.ts).
   */
  snapshotReads?: boolean | undefined;
  /**
   * Inside such a snapshot: features encoded while reading, stored once it is over (the
   * transaction cannot write them).
   */
  deferredFeatures?: { itemId: number; version: string; data: Uint8Array }[] | undefined;
}

export interface OpenOptions {
  db?: string | undefined;
  env?: NodeJS.ProcessEnv;
  clock?: () => Date;
  newUid?: () => string;
  matcher?: () => Promise<Matcher>;
}

/** `--db PATH`, else `$TEND_DB`, else the user's data directory (docs/decisions/0001-architecture.md). */
function isExplicit(opts: OpenOptions): boolean {
  const env = opts.env ?? process.env;
  return (
    (opts.db !== undefined && opts.db.trim() !== '') ||
    (env.TEND_DB !== undefined && env.TEND_DB.trim() !== '')
  );
}

export function databaseTarget(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined && flag.trim() !== '') return flag;
  const fromEnv = env.TEND_DB;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv;
  const base =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME !== ''
      ? env.XDG_DATA_HOME
      : path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'tend', 'tend.db');
}

export async function openApp(opts: OpenOptions = {}): Promise<AppContext> {
  const target = databaseTarget(opts.db, opts.env);
  // The default location is Tend's own: create its folder on first use. A path the user named
  // in a missing folder stays an error (it is more likely a typo than a wish).
  if (!isExplicit(opts)) fs.mkdirSync(path.dirname(target), { recursive: true });
  const store = await openStore(target, { env: opts.env ?? process.env });
  try {
    const settings = await loadSettings(store.db);
    let matcherPromise: Promise<Matcher> | undefined;
    const matcher =
      opts.matcher ??
      (() => {
        matcherPromise ??= import('../matching/index.js').then((m) => m.createMatcher());
        return matcherPromise;
      });
    return {
      store,
      db: store.db,
      clock: opts.clock ?? (() => new Date()),
      // The global Web Crypto loads node:crypto on first use, not at start-up.
      newUid: opts.newUid ?? (() => crypto.randomUUID()),
      settings,
      matcher,
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}

export async function loadSettings(db: Db): Promise<Settings> {
  const overrides = await readOverrides(db);
  if (Object.keys(overrides).length === 0) return structuredClone(defaultSettings);
  const merged = structuredClone(defaultSettings) as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) setPath(merged, key, value);
  // Only a database with overrides pays for loading the validator.
  const { settingsSchema } = await import('../core/settings-schema.js');
  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success)
    throw new DomainError(
      'invalid_input',
      `stored settings are invalid: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  return parsed.data;
}

export function setPath(obj: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let cur: Record<string, unknown> = obj;
  for (const p of parts.slice(0, -1)) {
    const next = cur[p];
    if (next === null || typeof next !== 'object') cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (last !== undefined) cur[last] = value;
}

export function getPath(obj: unknown, dotted: string): unknown {
  let cur: unknown = obj;
  for (const p of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export const nowIso = (ctx: AppContext): string => ctx.clock().toISOString();
