import { DomainError, type ErrorClass } from '../core/errors.js';

/** The one place that turns error classes into exit codes (DESIGN.md, Interfaces). */
export const exitCodeOf: Record<ErrorClass, number> = {
  bad_input: 2,
  not_found: 2,
  conflict: 2,
  refused: 3,
  unavailable: 2,
  delivery: 4,
  auth: 5,
  internal: 1,
  unsupported: 8,
  unauthenticated: 6,
  rate_limited: 7,
  forbidden: 2,
};

export function exitCodeFor(e: unknown): number {
  return e instanceof DomainError ? exitCodeOf[e.errorClass] : 1;
}
