import { invalid } from './errors.js';

/**
 * Settings a team server does not take from an account (docs/decisions/0019-teams.md, "Daily
 * digests per account"): the mail server and the sender are the operator's (`TEND_SMTP_*`,
 * `TEND_DIGEST_FROM`), so an account's `smtp.*` and `digest.from` would never be used.
 */
export const isOperatorSetting = (key: string): boolean =>
  key === 'smtp' || key.startsWith('smtp.') || key === 'digest.from';

const why = 'set by the server operator in team mode (TEND_SMTP_*, TEND_DIGEST_FROM)';

/** Refuses, naming each one, any of `keys` that only the operator sets; nothing is written. */
export function refuseOperatorSettings(keys: readonly string[]): void {
  const refused = keys.filter(isOperatorSetting);
  if (refused.length === 0) return;
  throw invalid(
    `${refused.join(', ')}: ${why}`,
    refused.map((path) => ({ path, message: why })),
  );
}
