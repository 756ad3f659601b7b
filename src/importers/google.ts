import type { FormatMismatch, ImportOptions, ImportResult } from './types.js';

/** Not yet implemented in this commit. */
export function parseGoogle(_bytes: Uint8Array, _opts?: ImportOptions): ImportResult | FormatMismatch {
  return { ok: false, code: 'wrong_format', message: 'google import is not implemented yet.' };
}
