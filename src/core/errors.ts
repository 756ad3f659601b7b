/**
 * Every failure the user can cause carries a stable code. The CLI maps codes to exit codes in
 * one place (src/cli/exit-codes.ts) and HTTP maps them to statuses in one place (src/http/errors.ts).
 */
export const errorCodes = {
  // bad usage or bad input: nothing written (exit 2, HTTP 400/404)
  invalid_input: 'bad_input',
  unknown_person: 'not_found',
  ambiguous_person: 'bad_input',
  unknown_item: 'not_found',
  unknown_promise: 'not_found',
  unknown_event: 'not_found',
  unknown_intro: 'not_found',
  unknown_interaction: 'not_found',
  unknown_run: 'not_found',
  unknown_setting: 'bad_input',
  invalid_date: 'bad_input',
  invalid_transition: 'conflict',
  database_unrecognised: 'bad_input',
  import_wrong_format: 'bad_input',
  import_rejected: 'bad_input',
  restore_not_empty: 'conflict',
  person_exists: 'conflict',
  account_exists: 'conflict',
  signup_refused: 'conflict',
  unknown_session: 'not_found',
  unknown_token: 'not_found',
  unknown_passkey: 'not_found',
  // passkeys: an answer to a challenge the server did not issue, or one expired or used (400);
  // an authenticator's registration that does not verify (400); one registered already (409)
  passkey_challenge_invalid: 'bad_input',
  passkey_rejected: 'bad_input',
  passkey_exists: 'conflict',
  // refused by a give-first rule (exit 3, HTTP 409)
  ask_refused: 'refused',
  focus_full: 'refused',
  // the database cannot serve the request now: it does not answer, or it is read-only
  // (exit 2 like other bad targets, HTTP 503: the server is fine, its database is not)
  database_unavailable: 'unavailable',
  database_read_only: 'unavailable',
  // the mail server could not be reached or refused the message (exit 4, HTTP 502)
  mail_failed: 'delivery',
  // a live source (CalDAV, IMAP) could not be reached (exit 4, HTTP 502), or refused our login,
  // or its stored password cannot be decrypted with this machine's key (exit 5, HTTP 502)
  source_unreachable: 'delivery',
  source_auth_failed: 'auth',
  source_secret_unreadable: 'auth',
  unknown_source: 'not_found',
  source_exists: 'conflict',
  // team mode (docs/decisions/0019-teams.md): refused on SQLite (exit 5); sign-in failures (HTTP
  // 401), too many attempts (HTTP 429), an account action not allowed (HTTP 403)
  team_needs_postgres: 'unsupported',
  // passkeys asked for at an address browsers refuse them for (an IP address: HTTP 501)
  passkeys_unavailable: 'unsupported',
  unauthenticated: 'unauthenticated',
  rate_limited: 'rate_limited',
  // communities: another community's (or account's) object is not found, never forbidden
  unknown_community: 'not_found',
  unknown_member: 'not_found',
  unknown_invite: 'not_found',
  unknown_referral: 'not_found',
  invite_expired: 'conflict',
  invite_used: 'conflict',
  already_member: 'conflict',
  last_owner: 'conflict',
  thanks_exists: 'conflict',
  // in one's own community, an action the member's role does not allow (HTTP 403)
  role_required: 'forbidden',
  // adding a passkey with an API token: a script's secret may not become a browser sign-in (403)
  session_required: 'forbidden',
  // adding a passkey: the account's password, asked again, is wrong (403: the session stands)
  password_wrong: 'forbidden',
  // unexpected (exit 1, HTTP 500); a full disk keeps its own code so the cause is not hidden
  database_full: 'internal',
  internal: 'internal',
} as const;

export type ErrorCode = keyof typeof errorCodes;
export type ErrorClass = (typeof errorCodes)[ErrorCode];

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
  get errorClass(): ErrorClass {
    return errorCodes[this.code];
  }
}

/**
 * One problem found while validating input, with where it was found. `path` names a field of
 * the input (`reason`, `tags.0`), never a command-line flag: each transport words it (the CLI
 * shows `--reason`, HTTP shows `reason`).
 */
export interface Problem {
  path: string;
  message: string;
}

/**
 * Bad input. `fields` lists the fields the message itself names (as their field names, e.g.
 * "give at least one filter (tag, from…)") so that the CLI can word them as its flags.
 */
export function invalid(message: string, problems: Problem[] = [], fields: string[] = []): DomainError {
  return new DomainError('invalid_input', message, {
    ...(problems.length > 0 ? { problems } : {}),
    ...(fields.length > 0 ? { fields } : {}),
  });
}
