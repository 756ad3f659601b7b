import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { ApiError, read } from '../api.js';

/**
 * The quick actions' queue on this device (IndexedDB, through `idb`). An action the network did
 * not carry — offline, or the request failed on the way — waits here with the idempotency key it
 * was first sent with, and is sent again, in the order it was made, when the network is back. The
 * server keeps each key's first answer (src/http/idempotency.ts), so an action whose answer was
 * lost is not written twice. What waits is shown (PendingBadge, PendingList); a refused one stays,
 * with the server's reason, until the user retries or removes it.
 */
export interface QueuedAction {
  /** The `Idempotency-Key`: a random UUID made when the user acted. */
  key: string;
  /** Order of making (a counter that never goes back). */
  seq: number;
  path: string;
  body: unknown;
  /** What the user did, in words: "Met Jonas Weber at Berlin Data Meetup". */
  label: string;
  queuedAt: string;
  /** Why the server refused it (4xx): it is not sent again until the user retries it. */
  error?: string;
}

interface QueueDb extends DBSchema {
  actions: { key: string; value: QueuedAction; indexes: { seq: number } };
}

let opened: Promise<IDBPDatabase<QueueDb>> | undefined;
const db = (): Promise<IDBPDatabase<QueueDb>> =>
  (opened ??= openDB<QueueDb>('tend-offline', 1, {
    upgrade(d) {
      d.createObjectStore('actions', { keyPath: 'key' }).createIndex('seq', 'seq');
    },
  }));

/** Other tabs of the app hear of changes too. */
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tend-queue') : undefined;
channel?.addEventListener('message', () => {
  window.dispatchEvent(new Event('tend-queue'));
});
function changed(): void {
  window.dispatchEvent(new Event('tend-queue'));
  channel?.postMessage('changed');
}

export async function pendingActions(): Promise<QueuedAction[]> {
  return (await db()).getAllFromIndex('actions', 'seq');
}

export async function removeAction(key: string): Promise<void> {
  await (await db()).delete('actions', key);
  changed();
}

/** Clears a refusal so that the next flush sends the action again. */
export async function retryAction(key: string): Promise<void> {
  const d = await db();
  const a = await d.get('actions', key);
  if (!a) return;
  delete a.error;
  await d.put('actions', a);
  changed();
  void flush();
}

async function enqueue(a: Omit<QueuedAction, 'seq' | 'queuedAt'>): Promise<void> {
  const d = await db();
  const last = (await d.getAllFromIndex('actions', 'seq')).at(-1)?.seq ?? 0;
  await d.put('actions', { ...a, seq: Math.max(Date.now(), last + 1), queuedAt: new Date().toISOString() });
  changed();
  if (navigator.onLine) void flush();
  else scheduleFlush();
}

const post = (path: string, body: unknown, key: string): Promise<Response> =>
  fetch(path, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });

export type Sent<T> = { queued: false; data: T } | { queued: true };

/**
 * Sends a quick action now when the network carries it, else keeps it on the device. Behind
 * actions already waiting it waits too, so that the order the user acted in is kept (a touch
 * with someone captured offline comes after the capture). A refusal (4xx) is thrown as an
 * ApiError, as `api()` does.
 */
export async function sendOrQueue<T>(path: string, body: unknown, label: string): Promise<Sent<T>> {
  const key = crypto.randomUUID();
  if (!navigator.onLine || (await pendingActions()).length > 0) {
    await enqueue({ key, path, body, label });
    return { queued: true };
  }
  let res: Response;
  try {
    res = await post(path, body, key);
  } catch {
    // No answer: the request may or may not have reached the server; the key makes a resend safe.
    await enqueue({ key, path, body, label });
    return { queued: true };
  }
  if (res.status >= 500) {
    await enqueue({ key, path, body, label });
    return { queued: true };
  }
  return { queued: false, data: await read<T>(res) };
}

let running: Promise<void> | undefined;

/** Sends what waits, oldest first; stops at the first action the network does not carry. */
export function flush(): Promise<void> {
  running ??= (async () => {
    try {
      const lock = navigator.locks as LockManager | undefined;
      if (lock) await lock.request('tend-queue', () => drain());
      else await drain();
    } finally {
      running = undefined;
    }
  })();
  return running;
}

async function drain(): Promise<void> {
  if (!navigator.onLine) return;
  for (const a of await pendingActions()) {
    if (a.error !== undefined) continue;
    let res: Response;
    try {
      res = await post(a.path, a.body, a.key);
    } catch {
      scheduleFlush();
      return;
    }
    // The server is failing, or the first send with this key is still running: try later.
    if (res.status >= 500 || res.status === 409) {
      const body = (await res.json().catch(() => undefined)) as { error?: { code?: string } } | undefined;
      if (res.status >= 500 || body?.error?.code === 'idempotency_key_in_use') {
        scheduleFlush();
        return;
      }
      await refuse(a, res.status, body);
      continue;
    }
    if (res.ok) {
      await (await db()).delete('actions', a.key);
      changed();
      continue;
    }
    await refuse(a, res.status, await res.json().catch(() => undefined));
  }
}

async function refuse(a: QueuedAction, status: number, body: unknown): Promise<void> {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  await (
    await db()
  ).put('actions', {
    ...a,
    error:
      typeof message === 'string' ? message : new ApiError(status, 'http_error', `${status}`, {}).message,
  });
  changed();
}

let timer: ReturnType<typeof setTimeout> | undefined;
/** Tries again in 20 s (the `online` event and a visible page try at once). */
function scheduleFlush(): void {
  if (timer !== undefined) return;
  timer = setTimeout(() => {
    timer = undefined;
    void flush();
  }, 20_000);
}

let started = false;
/** Flushes on start, when the network comes back and when the app is shown again. */
export function startQueue(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => void flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flush();
  });
  void flush();
}
