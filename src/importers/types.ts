import type { NameParts } from '../core/types.js';

export type ImportFormat = 'linkedin' | 'vcard' | 'google';

export interface ImportedPerson {
  source: ImportFormat;
  /** Where it came from: "line 12" / "card 3 (line 40)". */
  ref: string;
  /** The source's own id for this record (a vCard UID), when it has one. */
  sourceId?: string;
  /** Display name, never empty, NFC-normalised, trimmed. */
  name: string;
  /**
   * True when the source gave no name and `name` is a stand-in (its organisation, email address
   * or phone number, with a `name_fallback` warning): a merge should prefer a real name.
   */
  nameFromFallback?: true;
  /** The structured name the source gave (vCard N, Google's name columns, LinkedIn's first/last), if any. */
  nameParts?: NameParts;
  company?: string;
  title?: string;
  /** Lower-cased, validated-looking, de-duplicated, primary first. */
  emails: string[];
  phones: string[];
  /** Canonical profile URL: https://www.linkedin.com/in/<slug> (lower-case slug, no trailing slash, no query). */
  linkedin?: string;
  /** Other websites, all of them. */
  urls: string[];
  /** 'YYYY-MM-DD' or '--MM-DD' when the year is unknown. */
  birthday?: string;
  notes?: string;
  /** Google labels (without "myContacts"), vCard CATEGORIES. */
  tags: string[];
  /** Formatted, one line each. */
  addresses: string[];
  /** LinkedIn 'Connected On' as 'YYYY-MM-DD'. */
  connectedOn?: string;
  /** Only if inline and ≤ 256 KB decoded; otherwise dropped with a warning. */
  photo?: { mediaType: string; base64: string };
}

/**
 * Stable problem codes. `error` codes mean the record was rejected (it is not in `records`);
 * `warning` codes mean the record was kept with something skipped or changed.
 */
export type ImportProblemCode =
  // errors: record rejected
  | 'hidden_profile'
  | 'empty_row'
  | 'no_name'
  | 'name_too_long'
  | 'truncated_card'
  | 'not_a_person'
  | 'unterminated_quote'
  // warnings: record kept
  | 'name_fallback'
  | 'organisation_card'
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_url'
  | 'invalid_date'
  | 'birthday_text'
  | 'field_truncated'
  | 'too_many_values'
  | 'photo_remote'
  | 'photo_too_large'
  | 'photo_invalid'
  | 'column_count'
  | 'unknown_charset'
  | 'malformed_line'
  | 'outside_card';

export interface ImportProblem {
  ref: string;
  field?: string;
  /** error = record rejected (not in records); warning = record kept with something skipped. */
  severity: 'error' | 'warning';
  code: ImportProblemCode;
  message: string;
}

export interface ImportResult {
  format: ImportFormat;
  /** 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' */
  encoding: string;
  /** Records seen in the file: kept + rejected (blank lines are not records). */
  total: number;
  records: ImportedPerson[];
  problems: ImportProblem[];
}

/** The file is not the format asked for (wrong header, binary, empty): refuse up front. */
export interface FormatMismatch {
  ok: false;
  code: 'wrong_format' | 'empty_file' | 'binary_file';
  /** Says what was expected and what was found. */
  message: string;
}

export interface ImportOptions {
  /** Called every PROGRESS_EVERY records and once at the end, so a CLI can draw a bar. */
  onProgress?: (done: number, total: number) => void;
}
