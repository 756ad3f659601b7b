import { parseGoogle } from '../formats/google/read.js';
import { parseLinkedIn } from '../formats/linkedin/read.js';
import type { FormatMismatch, ImportFormat, ImportOptions, ImportResult } from './types.js';
import { parseVCard } from '../formats/vcard/read.js';

export { dedupeKeys, identityKeys, keysWithRecordKey, recordFingerprint, recordKeys } from './dedupe.js';
export { normaliseName, LIMITS } from './normalise.js';
export type {
  FormatMismatch,
  ImportedPerson,
  ImportFormat,
  ImportOptions,
  ImportProblem,
  ImportProblemCode,
  ImportResult,
} from './types.js';

/**
 * Decode, parse, map and validate one contacts file. Never throws on user data: a file of the
 * wrong kind is a FormatMismatch; a bad record is a problem next to the good records.
 * @example
 * const r = parseImport('linkedin', await readFile('Connections.csv'));
 * if ('ok' in r) console.error(r.message); else save(r.records);
 */
export function parseImport(
  format: ImportFormat,
  bytes: Uint8Array,
  opts?: ImportOptions,
): ImportResult | FormatMismatch {
  switch (format) {
    case 'linkedin':
      return parseLinkedIn(bytes, opts);
    case 'google':
      return parseGoogle(bytes, opts);
    case 'vcard':
      return parseVCard(bytes, opts);
  }
}

/** Narrowing helper: `if (isMismatch(r)) …`. */
export function isMismatch(r: ImportResult | FormatMismatch): r is FormatMismatch {
  return 'ok' in r;
}
