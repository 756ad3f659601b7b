import type { ApiErrorBody } from './types.js';

/** An error the API answered with: its stable code, message and details (as `tend --json`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** JSON in, JSON out; a non-2xx answer becomes an ApiError. */
export async function api<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  if (signal) init.signal = signal;
  const res = await fetch(path, init);
  return read<T>(res);
}

export async function upload<T>(path: string, file: Blob): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/octet-stream' },
    body: file,
  });
  return read<T>(res);
}

/** A response's JSON; a non-2xx answer becomes an ApiError. */
export async function read<T>(res: Response): Promise<T> {
  const text = await res.text();
  const data: unknown = text === '' ? undefined : JSON.parse(text);
  if (!res.ok) {
    const err = (data as Partial<ApiErrorBody> | undefined)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? 'http_error',
      err?.message ?? `${res.status} ${res.statusText}`,
      err?.details ?? {},
    );
  }
  return data as T;
}

export const qs = (params: Record<string, string | number | boolean | undefined>): string => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s === '' ? '' : `?${s}`;
};

/** Whether an optional resource (import, intros) is served yet: read from the OpenAPI document. */
let paths: Promise<Set<string>> | undefined;
export function hasRoute(path: string): Promise<boolean> {
  paths ??= api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json')
    .then((d) => new Set(Object.keys(d.paths)))
    .catch(() => new Set<string>());
  return paths.then((p) => p.has(path));
}
