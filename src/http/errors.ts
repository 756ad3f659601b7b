import { DomainError, type ErrorClass } from '../core/errors.js';

/**
 * The one place where error classes become HTTP statuses (the CLI maps the same classes to exit
 * codes in src/cli/exit-codes.ts). Refusals by a give-first rule are 409: the request was
 * understood and valid, but conflicts with the state of the ledger or the focus list.
 */
export const statusOf: Record<ErrorClass, number> = {
  bad_input: 400,
  not_found: 404,
  conflict: 409,
  refused: 409,
  unavailable: 503,
  delivery: 502,
  auth: 502,
  internal: 500,
  unsupported: 501,
  unauthenticated: 401,
  rate_limited: 429,
  forbidden: 403,
};

/** The CLI's `--json` error document, byte for byte the same shape. */
export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

/** Codes that only HTTP can produce (there is no route or body in a command line). */
export type HttpOnlyCode =
  | 'unknown_route'
  | 'method_not_allowed'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'forbidden_origin'
  | 'idempotency_key_reused'
  | 'idempotency_key_in_use';

/** A byte count as a person reads a limit: `1 MB`, `64 MB`, `512 KB`. */
export function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1 && Number.isInteger(mb)) return `${mb} MB`;
  const kb = bytes / 1024;
  return Number.isInteger(kb) ? `${kb} KB` : `${bytes} bytes`;
}

export const errorBody = (
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): ErrorBody => ({
  error: { code, message, details },
});

interface FrameworkError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

const isFrameworkError = (e: unknown): e is FrameworkError => typeof e === 'object' && e !== null;

/**
 * Any thrown value to a status and the error body. Domain errors keep their code; errors the
 * framework raises before a use case runs (body too large, malformed JSON, wrong content type)
 * become `invalid_input`-like codes with a message a person can act on; anything else is a 500
 * whose internals stay in the server log.
 */
export function toHttpError(e: unknown, limitBytes: number = bodyLimit): { status: number; body: ErrorBody } {
  if (e instanceof DomainError)
    return { status: statusOf[e.errorClass], body: errorBody(e.code, e.message, e.details) };
  if (isFrameworkError(e)) {
    const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
    switch (e.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return {
          status: 413,
          body: errorBody(
            'body_too_large',
            `the request body is larger than the ${sizeText(limitBytes)} limit of this route`,
            { limitBytes },
          ),
        };
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return {
          status: 415,
          body: errorBody('unsupported_media_type', 'send the body as JSON (Content-Type: application/json)'),
        };
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return {
          status: 400,
          body: errorBody('invalid_input', 'the body is empty: send a JSON object', {
            problems: [{ path: 'body', message: 'is empty' }],
          }),
        };
      case 'FST_ERR_BAD_URL':
        return {
          status: 400,
          body: errorBody('invalid_input', 'the path is not a valid URL (a malformed %-escape?)', {
            problems: [{ path: 'url', message: 'is not a valid URL' }],
          }),
        };
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return {
          status: 400,
          body: errorBody('invalid_input', 'the body is not valid JSON', {
            problems: [{ path: 'body', message: 'is not valid JSON' }],
          }),
        };
      default:
        if (status >= 400 && status < 500)
          return {
            status,
            body: errorBody('invalid_input', typeof e.message === 'string' ? e.message : 'bad request'),
          };
    }
  }
  return { status: 500, body: errorBody('internal', 'unexpected failure: see the server log') };
}

/** Request bodies above this are refused before any use case runs. */
export const bodyLimit = 1024 * 1024;
