import {
  canonicalLinkedIn,
  cleanEmail,
  cleanLine,
  cleanMultiline,
  cleanPhone,
  cleanUrl,
  LIMITS,
  parseBirthday,
  parseConnectedOn,
  phoneKey,
} from './normalise.js';
import type { NumericDateOrder } from './normalise.js';
import type { NameParts } from '../core/types.js';
import type { ImportedPerson, ImportFormat, ImportProblem, ImportProblemCode } from './types.js';

/** Lower ranks sort first: a primary/preferred value gets 0, the rest keep file order. */
export const PRIMARY = 0;
export const ORDINARY = 1_000;

interface Ranked {
  value: string;
  rank: number;
  seq: number;
}

export interface Built {
  person?: ImportedPerson;
  problems: ImportProblem[];
}

type ListField = 'emails' | 'phones' | 'urls' | 'tags' | 'addresses';

/**
 * Collects one record's raw values, cleans and validates each as it arrives (warnings name the
 * field), and decides the display name at the end. A rejected record reports only its error.
 */
export class PersonBuilder {
  private readonly problems: ImportProblem[] = [];
  private rejection: ImportProblem | undefined;
  private name: { value: string; field: string } | undefined;
  private nameParts: NameParts | undefined;
  private company: string | undefined;
  private title: string | undefined;
  private readonly emails: Ranked[] = [];
  private readonly phones: Ranked[] = [];
  private readonly urls: string[] = [];
  private readonly tags: string[] = [];
  private readonly addresses: string[] = [];
  private readonly notes: string[] = [];
  private linkedin: string | undefined;
  private birthday: string | undefined;
  private connectedOn: string | undefined;
  private photo: { mediaType: string; base64: string } | undefined;
  private sourceId: string | undefined;
  private seq = 0;
  private overflowed: Set<ListField> | undefined;

  constructor(
    private readonly source: ImportFormat,
    private readonly ref: string,
  ) {}

  warn(field: string | undefined, code: ImportProblemCode, message: string): void {
    this.problems.push({ ref: this.ref, ...(field ? { field } : {}), severity: 'warning', code, message });
  }

  reject(field: string | undefined, code: ImportProblemCode, message: string): void {
    this.rejection ??= { ref: this.ref, ...(field ? { field } : {}), severity: 'error', code, message };
  }

  private line(raw: string, field: string, limit: number, label: string): string | undefined {
    const c = cleanLine(raw, limit);
    if (c.truncated)
      this.warn(field, 'field_truncated', `${label} longer than ${limit} characters: truncated.`);
    return c.value === '' ? undefined : c.value;
  }

  private roomFor(list: ListField, size: number, field: string): boolean {
    if (size < LIMITS.valuesPerField) return true;
    this.overflowed ??= new Set();
    if (!this.overflowed.has(list)) {
      this.overflowed.add(list);
      this.warn(
        field,
        'too_many_values',
        `More than ${LIMITS.valuesPerField} ${list}: the rest were skipped.`,
      );
    }
    return false;
  }

  /** The first non-empty name wins; later calls are fallbacks of lower priority. */
  setName(raw: string, field: string): void {
    if (this.name) return;
    // Cleaned with a generous limit so an over-long name can be rejected rather than cut.
    const c = cleanLine(raw, LIMITS.name + 1);
    if (c.value !== '') this.name = { value: c.truncated ? c.value + '…' : c.value, field };
  }

  /**
   * The structured name exactly as the source split it (vCard N, Google's name columns,
   * LinkedIn's first/last): each part cleaned to one line, empty parts left out, nothing
   * when every part is empty. Never derived from a display name.
   */
  setNameParts(raw: Partial<Record<keyof NameParts, string>>): void {
    if (this.nameParts) return;
    const parts: NameParts = {};
    let any = false;
    for (const k of ['prefix', 'given', 'additional', 'family', 'suffix'] as const) {
      const v = raw[k];
      if (v === undefined) continue;
      const c = cleanLine(v, LIMITS.name).value;
      if (c !== '') {
        parts[k] = c;
        any = true;
      }
    }
    if (any) this.nameParts = parts;
  }

  hasName(): boolean {
    return this.name !== undefined;
  }

  /** The source's own id for the record (a vCard UID): the first one wins. */
  setSourceId(raw: string, field: string): void {
    this.sourceId ??= this.line(raw, field, LIMITS.url, 'Id');
  }

  setCompany(raw: string, field: string): void {
    this.company ??= this.line(raw, field, LIMITS.company, 'Company');
  }

  getCompany(): string | undefined {
    return this.company;
  }

  setTitle(raw: string, field: string): void {
    this.title ??= this.line(raw, field, LIMITS.title, 'Title');
  }

  addEmail(raw: string, field: string, rank = ORDINARY): void {
    if (raw.trim() === '') return;
    const email = cleanEmail(raw);
    if (!email) {
      this.warn(field, 'invalid_email', `Not an email address: "${cleanLine(raw, 80).value}": skipped.`);
      return;
    }
    if (this.emails.some((e) => e.value === email)) {
      // Same address twice: keep the better rank.
      for (const e of this.emails) if (e.value === email) e.rank = Math.min(e.rank, rank);
      return;
    }
    if (this.roomFor('emails', this.emails.length, field))
      this.emails.push({ value: email, rank, seq: this.seq++ });
  }

  addPhone(raw: string, field: string, rank = ORDINARY): void {
    if (raw.trim() === '') return;
    const phone = cleanPhone(raw);
    if (!phone) {
      this.warn(field, 'invalid_phone', `Not a phone number: "${cleanLine(raw, 80).value}": skipped.`);
      return;
    }
    const key = phoneKey(phone);
    const same = this.phones.find((p) => phoneKey(p.value) === key);
    if (same) {
      same.rank = Math.min(same.rank, rank);
      return;
    }
    if (this.roomFor('phones', this.phones.length, field))
      this.phones.push({ value: phone, rank, seq: this.seq++ });
  }

  /** Any web address: a LinkedIn profile becomes `linkedin` (the first one), the rest `urls`. */
  addUrl(raw: string, field: string): void {
    if (raw.trim() === '') return;
    const url = cleanUrl(raw);
    if (!url) {
      this.warn(field, 'invalid_url', `Not a web address: "${cleanLine(raw, 80).value}": skipped.`);
      return;
    }
    const profile = canonicalLinkedIn(url);
    if (profile) {
      if (!this.linkedin) {
        this.linkedin = profile;
        return;
      }
      if (this.linkedin === profile) return;
    }
    // A second, different profile is kept as a URL, in canonical form so it de-duplicates too.
    const kept = profile ?? url;
    if (!this.urls.includes(kept) && this.roomFor('urls', this.urls.length, field)) this.urls.push(kept);
  }

  /** LinkedIn's own URL column: must be a profile; anything else is kept as a plain URL. */
  setLinkedInProfile(raw: string, field: string): void {
    if (raw.trim() === '') return;
    const profile = canonicalLinkedIn(raw);
    if (profile) {
      this.linkedin ??= profile;
      return;
    }
    const url = cleanUrl(raw);
    if (url) this.addUrl(url, field);
    this.warn(field, 'invalid_url', `Not a LinkedIn profile URL: "${cleanLine(raw, 80).value}".`);
  }

  /** Unparseable birthdays are kept in the notes so nothing typed by the user is lost. */
  setBirthday(raw: string, field: string, opts: { omitYear?: number; freeText?: boolean } = {}): void {
    const text = cleanLine(raw, 200).value;
    if (text === '' || this.birthday) return;
    if (!opts.freeText) {
      const date = parseBirthday(text, opts.omitYear);
      if (date) {
        this.birthday = date;
        return;
      }
    }
    this.notes.push(`Birthday: ${text}`);
    if (opts.freeText)
      this.warn(field, 'birthday_text', `Birthday given as text ("${text}"): kept in the notes.`);
    else this.warn(field, 'invalid_date', `Not a date: "${text}": kept in the notes.`);
  }

  setConnectedOn(raw: string, field: string, order?: NumericDateOrder): void {
    const text = cleanLine(raw, 100).value;
    if (text === '') return;
    const date = parseConnectedOn(text, order);
    if (date) this.connectedOn = date;
    else this.warn(field, 'invalid_date', `Not a date like "03 Jan 2023": "${text}": left empty.`);
  }

  addNote(raw: string): void {
    if (raw.trim() !== '') this.notes.push(raw);
  }

  addTag(raw: string, field: string): void {
    const tag = this.line(raw, field, LIMITS.tag, 'Tag');
    if (tag && !this.tags.includes(tag) && this.roomFor('tags', this.tags.length, field)) this.tags.push(tag);
  }

  addAddress(raw: string, field: string): void {
    // Addresses arrive multi-line (quoted newlines, vCard \n); one line each, comma-joined.
    const joined = raw
      .split(/\r\n|\r|\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join(', ');
    const address = this.line(joined, field, LIMITS.address, 'Address');
    if (
      address &&
      !this.addresses.includes(address) &&
      this.roomFor('addresses', this.addresses.length, field)
    )
      this.addresses.push(address);
  }

  /** `base64` with whitespace already removed or not; the size is checked before any decoding. */
  setPhoto(mediaType: string, base64: string, field: string): void {
    if (this.photo) return;
    const compact = base64.length > LIMITS.photoBytes * 2 ? base64 : base64.replace(/\s+/g, '');
    const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
    const bytes = Math.floor((compact.length * 3) / 4) - padding;
    if (bytes > LIMITS.photoBytes) {
      this.warn(
        field,
        'photo_too_large',
        `Photo larger than 256 KB (about ${Math.round(bytes / 1024)} KB): dropped.`,
      );
      return;
    }
    if (compact.length === 0 || compact.length % 4 === 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
      this.warn(field, 'photo_invalid', 'Photo is not valid base64: dropped.');
      return;
    }
    this.photo = { mediaType, base64: compact };
  }

  build(): Built {
    if (this.rejection) return { problems: [this.rejection] };
    let name = this.name;
    if (!name) {
      // Decision (docs/decisions/0003-importers.md): a name-less contact is named by its
      // organisation, else its primary email, else its primary phone number (as Google and
      // Apple show it), with a warning; with none of them it is rejected.
      const email = this.sortedValues(this.emails)[0];
      const phone = this.sortedValues(this.phones)[0];
      const fallback = this.company
        ? { value: this.company, field: 'name', what: 'organisation' }
        : email
          ? { value: email, field: 'name', what: 'email address' }
          : phone
            ? { value: phone, field: 'name', what: 'phone number' }
            : undefined;
      if (!fallback) {
        return {
          problems: [
            {
              ref: this.ref,
              field: 'name',
              severity: 'error',
              code: 'no_name',
              message: 'No name, organisation, email address or phone number: skipped.',
            },
          ],
        };
      }
      this.warn('name', 'name_fallback', `No name: named after its ${fallback.what} "${fallback.value}".`);
      name = fallback;
    }
    if (name.value.length > LIMITS.name) {
      return {
        problems: [
          {
            ref: this.ref,
            field: name.field,
            severity: 'error',
            code: 'name_too_long',
            message: `Name longer than ${LIMITS.name} characters: skipped.`,
          },
        ],
      };
    }
    let notes: string | undefined;
    if (this.notes.length > 0) {
      const c = cleanMultiline(this.notes.join('\n\n'), LIMITS.notes);
      if (c.truncated)
        this.warn('notes', 'field_truncated', `Notes longer than ${LIMITS.notes} characters: truncated.`);
      if (c.value !== '') notes = c.value;
    }
    const person: ImportedPerson = {
      source: this.source,
      ref: this.ref,
      name: name.value,
      ...(name === this.name ? {} : { nameFromFallback: true as const }),
      ...(this.nameParts ? { nameParts: this.nameParts } : {}),
      emails: this.sortedValues(this.emails),
      phones: this.sortedValues(this.phones),
      urls: this.urls,
      tags: this.tags,
      addresses: this.addresses,
    };
    if (this.sourceId) person.sourceId = this.sourceId;
    if (this.company) person.company = this.company;
    if (this.title) person.title = this.title;
    if (this.linkedin) person.linkedin = this.linkedin;
    if (this.birthday) person.birthday = this.birthday;
    if (notes) person.notes = notes;
    if (this.connectedOn) person.connectedOn = this.connectedOn;
    if (this.photo) person.photo = this.photo;
    return { person, problems: this.problems };
  }

  private sortedValues(list: readonly Ranked[]): string[] {
    // Most records have zero or one value: skip the copy and sort (GC was the top cost at 30k rows).
    if (list.length < 2) return list.map((r) => r.value);
    return [...list].sort((a, b) => a.rank - b.rank || a.seq - b.seq).map((r) => r.value);
  }
}
