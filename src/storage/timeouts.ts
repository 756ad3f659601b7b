import { DomainError } from '../core/errors.js';

/**
 * How long Tend waits for its database, in milliseconds (docs/decisions/0010-transactions-and-timeouts.md).
 * `busy`: a SQLite writer waiting for another to commit; `connect`: a PostgreSQL connection;
 * `query`: a PostgreSQL statement (server-side `statement_timeout` and client-side read timeout).
 */
export interface Timeouts {
  busy: number;
  connect: number;
  query: number;
}

/** Reads the timeouts from `TEND_DB_BUSY_TIMEOUT_MS`, `TEND_DB_CONNECT_TIMEOUT_MS` and `TEND_DB_QUERY_TIMEOUT_MS`. */
export function timeouts(env: NodeJS.ProcessEnv = process.env): Timeouts {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 3_600_000)
      throw new DomainError(
        'invalid_input',
        `${name} must be a whole number of milliseconds between 1 and 3600000, not "${raw}"`,
        { problems: [{ path: name, message: 'not a timeout in milliseconds' }] },
      );
    return n;
  };
  return {
    busy: read('TEND_DB_BUSY_TIMEOUT_MS', 30_000),
    connect: read('TEND_DB_CONNECT_TIMEOUT_MS', 5_000),
    query: read('TEND_DB_QUERY_TIMEOUT_MS', 30_000),
  };
}

/** A wait as a message says it: `30 s`, `1.5 s`. */
export const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;
