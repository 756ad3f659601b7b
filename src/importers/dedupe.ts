import { hash } from 'node:crypto';
import { identityKeysOf, phoneKey, recordKeysOf } from '../core/identity.js';
import type { ImportedPerson } from './types.js';

// The keys themselves are the core's: the import plan keys what it merges the same way.
export { dedupeKeys, keyRank, keysWithRecordKey, type KeyedPerson } from '../core/identity.js';

/**
 * The fingerprint of a record: everything the importer read from it, normalised (so line
 * endings, spacing, case of an email or the order of a list do not matter), hashed. Where it
 * came from in the file (`ref`) is left out: the same card moved elsewhere is the same record; so is
 * the source's id, which some exporters draw anew on every export.
 */
export function recordFingerprint(r: ImportedPerson): string {
  // Most lists of a record are empty or hold one entry: nothing to copy or sort.
  const sorted = (xs: readonly string[]): readonly string[] => (xs.length < 2 ? xs : [...xs].sort());
  const canonical = JSON.stringify([
    r.source,
    r.name.normalize('NFC'),
    r.nameParts ?? {},
    r.company ?? '',
    r.title ?? '',
    sorted(r.emails.map((e) => e.toLowerCase())),
    sorted(r.phones.map(phoneKey)),
    r.linkedin ?? '',
    sorted(r.urls),
    r.birthday ?? '',
    (r.notes ?? '').replace(/\r\n?/g, '\n').trim(),
    sorted(r.tags),
    sorted(r.addresses),
    r.connectedOn ?? '',
  ]);
  // One-shot hashing: a Hash object per record costs twice as much over a 30,000-row file.
  return hash('sha256', canonical, 'base64url').slice(0, 22);
}

/** The identity of every record of one file (see `identityKeysOf`), fingerprinted here. */
export function identityKeys(records: readonly ImportedPerson[]): string[][] {
  return identityKeysOf(records, recordFingerprint);
}

/** The `record:` key of every record of one file (see `recordKeysOf`), fingerprinted here. */
export function recordKeys(records: readonly ImportedPerson[]): string[] {
  return recordKeysOf(records, recordFingerprint);
}
