/**
 * How Tend recognises one person across imports and people added by hand: the keys a person is
 * known by. Pure string work, shared by the importers (which key what they read) and the import
 * plan (which keys what it merges).
 */

const ASCII = /^[\t\n\r\x20-\x7e]*$/;

/**
 * Lower-case, accents stripped (NFD + combining marks removed), whitespace collapsed: the form
 * used to compare names and companies across imports.
 * @example normaliseName('  José  MÜLLER ') === 'jose muller'
 */
export function normaliseName(s: string): string {
  // Plain ASCII has no accents to strip and nothing to compose: the same result, five times faster.
  if (ASCII.test(s)) return s.toLowerCase().replace(/\s+/g, ' ').trim();
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim().normalize('NFC');
}

/** Two spellings of one number (`+1 555 0100`, `+1-555-0100`) share this key. */
export function phoneKey(phone: string): string {
  return phone.replace(/[^\d+x]/gi, '').toLowerCase();
}

/** What `dedupeKeys` reads of a record: an imported person, or a person already in Tend. */
export interface KeyedPerson {
  source?: string | undefined;
  sourceId?: string | undefined;
  name: string;
  company?: string | undefined;
  emails: readonly string[];
  phones?: readonly string[] | undefined;
  linkedin?: string | undefined;
  birthday?: string | undefined;
}

/**
 * Keys under which the app looks for an already-known person: any shared key means "same
 * person, merge". Every key holds more than a name, so two people who only share a name are
 * never merged:
 * - `uid:` the source's own id for the record (a vCard UID), within that source;
 * - `email:` and `linkedin:` name one person;
 * - `namephone:`, `namecompany:`, `namebday:` a name together with a phone number, a company or
 *   a full birthday.
 * @example dedupeKeys(p) // ['email:anna@example.com', 'linkedin:https://www.linkedin.com/in/anna', 'namecompany:anna muller|acme']
 */
export function dedupeKeys(p: KeyedPerson): string[] {
  const keys: string[] = [];
  if (p.sourceId !== undefined && p.sourceId !== '' && p.source !== undefined)
    keys.push(`uid:${p.source}:${p.sourceId}`);
  for (const e of p.emails) keys.push(`email:${e.toLowerCase()}`);
  if (p.linkedin) keys.push(`linkedin:${p.linkedin}`);
  // A contact named by its phone number (it had no name) is known by the number alone, however
  // the number was spaced: "+7 916 555-00-00" and "+79165550000" are one contact.
  const name = /^[\d\s+()./-]+$/.test(p.name) ? 'tel' : normaliseName(p.name);
  if (name !== '') {
    for (const phone of p.phones ?? []) {
      // The last eight digits: the same number written nationally (0905 551 234) and
      // internationally (+84 905 551 234) meets; with the name beside it, that is one person.
      // Fewer digits than a real number (an extension, "112") say nothing about who it is.
      const digits = phone.replace(/\D/g, '');
      if (digits.length >= 5) keys.push(`namephone:${name}|${digits.slice(-8)}`);
    }
    const company = p.company ? normaliseName(p.company) : '';
    if (company !== '') keys.push(`namecompany:${name}|${company}`);
    // Only a birthday with its year: "Anna Müller, 14 April" is two people often enough.
    if (p.birthday !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(p.birthday))
      keys.push(`namebday:${name}|${p.birthday}`);
  }
  return [...new Set(keys)];
}

/** Strong keys first: an id, an email or a LinkedIn URL names one person; the rest suggest it. */
export function keyRank(k: string): number {
  if (k.startsWith('record:')) return 0;
  if (k.startsWith('uid:')) return 1;
  if (k.startsWith('linkedin:')) return 2;
  if (k.startsWith('email:')) return 3;
  return 4;
}

/**
 * The `record:` key of every record of one file, in file order: `record:SOURCE:FINGERPRINT:N`, the
 * N-th record of the file with that exact content (its fingerprint, a hash the importer computes).
 * A record imported before is recognised by it even when it has nothing else to be known by (only
 * a name, or a name and a note), and two identical cards in one file stay two. It is all a
 * re-import needs of a record it knows: the other keys are worked out only for the rest.
 */
export function recordKeysOf<R extends { source: string }>(
  records: readonly R[],
  fingerprint: (r: R) => string,
): string[] {
  const seen = new Map<string, number>();
  return records.map((r) => {
    const fp = fingerprint(r);
    const n = (seen.get(fp) ?? 0) + 1;
    seen.set(fp, n);
    return `record:${r.source}:${fp}:${n}`;
  });
}

/** A record's identity: its `record:` key, then its `dedupeKeys`, strongest first. */
export function keysWithRecordKey(recordKey: string, r: KeyedPerson): string[] {
  return [recordKey, ...dedupeKeys(r).sort((a, b) => keyRank(a) - keyRank(b))];
}

/** The identity of every record of one file, in file order (see `recordKeysOf`, `keysWithRecordKey`). */
export function identityKeysOf<R extends KeyedPerson & { source: string }>(
  records: readonly R[],
  fingerprint: (r: R) => string,
): string[][] {
  const recordKeys = recordKeysOf(records, fingerprint);
  return records.map((r, i) => keysWithRecordKey(recordKeys[i] ?? '', r));
}
