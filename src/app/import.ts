import { readFile } from 'node:fs/promises';
import { DomainError } from '../core/errors.js';
import { namePartsFit } from '../core/names.js';
import type { NameParts, Person } from '../core/types.js';
import { dedupeKeys, identityKeys, isMismatch, parseImport } from '../importers/index.js';
import type { ImportedPerson, ImportFormat, ImportProblem } from '../importers/index.js';
import { canonicalLinkedIn, phoneKey } from '../importers/normalise.js';
import type { Db } from '../storage/db.js';
import * as bulk from '../storage/repos/import.js';
import * as peopleRepo from '../storage/repos/people.js';
import { limits } from '../core/text.js';
import { nowIso, type AppContext } from './context.js';

/** The first interaction of an imported LinkedIn connection: how a re-import recognises it. */
export const CONNECTED_NOTE = 'connected on LinkedIn';

/** Problem codes for records that are deliberately not people: skipped, not "bad". */
const SKIP_CODES = new Set(['hidden_profile', 'not_a_person', 'empty_row']);

export type ImportPhase = 'reading' | 'saving';

export interface ImportInput {
  format: ImportFormat;
  file: string;
  dryRun?: boolean;
  strict?: boolean;
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
}

export interface ImportSummary {
  format: ImportFormat;
  file: string;
  encoding: string;
  dryRun: boolean;
  /** Records seen in the file. */
  total: number;
  created: number;
  merged: number;
  unchanged: number;
  /** Bad records, not imported: each is in `problems` with severity error. */
  rejected: number;
  /** Records that are not people (hidden LinkedIn profiles, group cards): not imported. */
  skipped: number;
  /** People in the file that are now in Tend (created + merged + unchanged). */
  imported: number;
  /** Of those, how many have ever had a real conversation with you. */
  withRealContact: number;
  /** First interactions added from LinkedIn's "Connected On". */
  connections: number;
  /** Inline photos in the file: Tend does not store photos. */
  photosNotKept: number;
  /** Nothing written, or nothing would be. */
  changedNothing: boolean;
  problems: ReportProblem[];
}

/** A parser's problem, or one the merge found (a duplicate inside the file, an ambiguous match). */
export type ReportProblem =
  ImportProblem | (Omit<ImportProblem, 'code'> & { code: 'duplicate_in_file' | 'ambiguous_match' });

/** What Tend keeps of a person while an import decides: the fields an import may fill. */
interface Draft {
  name: string;
  /** The structured name the source gave. */
  nameParts?: NameParts | undefined;
  company?: string | undefined;
  title?: string | undefined;
  emails: string[];
  phones: string[];
  linkedin?: string | undefined;
  urls: string[];
  birthday?: string | undefined;
  notes?: string | undefined;
  tags: string[];
  /** Date of a "connected on LinkedIn" interaction to add. */
  connectedOn?: string | undefined;
}

interface Target {
  /** Existing person id, or undefined while the person is still to be created. */
  id?: number | undefined;
  draft: Draft;
  /** The database's person before this import (existing only). */
  before?: Person | undefined;
  /** Fields to write (existing people only; new ones are written whole). */
  fieldsChanged: boolean;
  hasConnection: boolean;
  connectionPlanned: boolean;
  /** A person this file adds that a later record of the same file merged into. */
  merged: boolean;
  keys: Set<string>;
  /** First record that created it, for "same as line N" messages. */
  ref: string;
}

/**
 * `tend import FORMAT FILE`: parse the file, then in ONE transaction merge every record into
 * the people Tend already knows (by email, LinkedIn URL, or name + company) or add it to the pool.
 * `dryRun` runs exactly the same writes and rolls them back.
 */
export async function importFile(ctx: AppContext, input: ImportInput): Promise<ImportSummary> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(input.file);
  } catch (e) {
    throw new DomainError(
      'invalid_input',
      `cannot read ${input.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      {
        file: input.file,
      },
    );
  }
  return importBytes(ctx, { ...input, bytes });
}

class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run: rolled back');
  }
}

export async function importBytes(
  ctx: AppContext,
  input: ImportInput & { bytes: Uint8Array },
): Promise<ImportSummary> {
  const parsed = parseImport(input.format, input.bytes, {
    onProgress: (done, total) => input.onProgress?.('reading', done, total),
  });
  if (isMismatch(parsed))
    throw new DomainError('import_wrong_format', `${input.file}: ${parsed.message}`, {
      file: input.file,
      reason: parsed.code,
      expected: input.format,
    });

  const errors = parsed.problems.filter((p) => p.severity === 'error');
  const rejected = errors.filter((p) => !SKIP_CODES.has(p.code));
  const skipped = errors.length - rejected.length;
  if (input.strict && rejected.length > 0)
    throw new DomainError(
      'import_rejected',
      `${input.file}: ${rejected.length} bad record${rejected.length === 1 ? '' : 's'}; with strict nothing was imported:\n${rejected
        .slice(0, 20)
        .map((p) => `  ${p.ref}${p.field ? ` (${p.field})` : ''}: ${p.message}`)
        .join('\n')}${rejected.length > 20 ? `\n  … and ${rejected.length - 20} more` : ''}`,
      { file: input.file, problems: rejected, fields: ['strict'] },
    );

  const base = {
    format: input.format,
    file: input.file,
    encoding: parsed.encoding,
    dryRun: input.dryRun === true,
    total: parsed.total,
    rejected: rejected.length,
    skipped,
    photosNotKept: parsed.records.filter((r) => r.photo !== undefined).length,
  };
  const problems: ReportProblem[] = [...parsed.problems];

  const run = async (trx: Db): Promise<ImportSummary> => {
    const r = await mergeRecords(ctx, trx, input.format, parsed.records, problems, input.onProgress);
    return { ...base, ...r, problems };
  };

  if (!input.dryRun) return ctx.db.transaction().execute(run);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      throw new DryRunRollback(await run(trx));
    });
  } catch (e) {
    if (e instanceof DryRunRollback) return e.summary;
    throw e;
  }
  throw new DomainError('internal', 'dry run did not roll back');
}

/** Keys of a person as the importers compute them, so manual and imported people meet. */
function keysOfPerson(p: {
  name: string;
  company?: string | undefined;
  emails: readonly string[];
  phones: readonly string[];
  linkedin?: string | undefined;
  birthday?: string | undefined;
}): string[] {
  const linkedin = p.linkedin !== undefined ? (canonicalLinkedIn(p.linkedin) ?? p.linkedin) : undefined;
  return dedupeKeys({ ...p, linkedin });
}

/**
 * A name an importer made up because the record had none (its email address, phone number or
 * organisation): any real name found for the same person replaces it.
 */
function hasStandInName(p: {
  name: string;
  company?: string | undefined;
  emails: readonly string[];
  phones: readonly string[];
}): boolean {
  const n = p.name.trim().toLowerCase();
  return (
    p.emails.some((e) => e.toLowerCase() === n) ||
    p.phones.some((ph) => phoneKey(ph) === phoneKey(n) && /\d/.test(n)) ||
    (p.company !== undefined && p.company.trim().toLowerCase() === n)
  );
}

function notesOf(r: ImportedPerson): string | undefined {
  const parts = [r.notes, ...r.addresses.map((a) => `Address: ${a}`)].filter(
    (x): x is string => x !== undefined && x !== '',
  );
  if (parts.length === 0) return undefined;
  const text = parts.join('\n');
  return text.length > limits.notes ? text.slice(0, limits.notes) : text;
}

function draftOf(r: ImportedPerson): Draft {
  return {
    name: r.name,
    nameParts: r.nameParts,
    company: r.company,
    title: r.title,
    emails: [...r.emails],
    phones: [...r.phones],
    linkedin: r.linkedin,
    urls: [...r.urls],
    birthday: r.birthday,
    notes: notesOf(r),
    tags: [...new Set(r.tags)],
    connectedOn: r.connectedOn,
  };
}

function draftOfPerson(p: Person): Draft {
  return {
    name: p.name,
    nameParts: p.nameParts,
    company: p.company,
    title: p.title,
    emails: [...p.emails],
    phones: [...p.phones],
    linkedin: p.linkedin,
    urls: [...p.urls],
    birthday: p.birthday,
    notes: p.notes,
    tags: [...p.tags],
  };
}

/**
 * Fills what `d` lacks from the record and unions the lists. Never touches a real name, notes Tend
 * already has, or anything the file cannot know (needs, interactions, circle); a stand-in name (an
 * email address used as a name) gives way to a real one. True if changed.
 */
function fill(d: Draft, r: ImportedPerson): boolean {
  let changed = false;
  // Rows merged by a shared email: the name comes from the row that has a real one.
  if (r.name !== d.name && hasStandInName(d) && r.nameFromFallback !== true && !hasStandInName(r)) {
    d.name = r.name;
    d.nameParts = r.nameParts;
    changed = true;
  } else if (d.nameParts === undefined && r.nameParts !== undefined && namePartsFit(r.nameParts, d.name)) {
    // The source's structured name, when it still spells the name Tend has.
    d.nameParts = r.nameParts;
    changed = true;
  }
  const setIfMissing = <K extends 'company' | 'title' | 'linkedin' | 'birthday' | 'notes'>(
    k: K,
    v: Draft[K],
  ): void => {
    if ((d[k] === undefined || d[k] === '') && v !== undefined && v !== '') {
      d[k] = v;
      changed = true;
    }
  };
  setIfMissing('company', r.company);
  setIfMissing('title', r.title);
  setIfMissing('linkedin', r.linkedin);
  setIfMissing('birthday', r.birthday);
  setIfMissing('notes', notesOf(r));
  const union = (list: string[], add: readonly string[], key: (s: string) => string): void => {
    const seen = new Set(list.map(key));
    for (const v of add)
      if (!seen.has(key(v))) {
        seen.add(key(v));
        list.push(v);
        changed = true;
      }
  };
  union(d.emails, r.emails, (s) => s.toLowerCase());
  union(d.phones, r.phones, phoneKey);
  union(d.urls, r.urls, (s) => s);
  union(d.tags, r.tags, (s) => s);
  if (r.connectedOn !== undefined && (d.connectedOn === undefined || r.connectedOn < d.connectedOn))
    d.connectedOn = r.connectedOn;
  return changed;
}

const SAVE_CHUNK = 1_000;

async function mergeRecords(
  ctx: AppContext,
  db: Db,
  format: ImportFormat,
  records: readonly ImportedPerson[],
  problems: ReportProblem[],
  onProgress?: (phase: ImportPhase, done: number, total: number) => void,
): Promise<
  Omit<
    ImportSummary,
    | 'format'
    | 'file'
    | 'encoding'
    | 'dryRun'
    | 'total'
    | 'rejected'
    | 'skipped'
    | 'photosNotKept'
    | 'problems'
  >
> {
  const now = nowIso(ctx);
  const w = new bulk.BulkWriter(db);
  const total = records.length;
  onProgress?.('saving', 0, total);

  // People added by hand (or by an older Tend) have no keys yet: give them theirs first, so an
  // import meets them by email, LinkedIn URL or name + company like any imported person.
  const keyless = await bulk.peopleWithoutKeys(db);
  await bulk.addKeys(
    w,
    keyless.flatMap((p) => keysOfPerson(p).map((key) => ({ key, personId: p.id }))),
  );

  // A record imported before exactly as it is now is recognised by its fingerprint alone and
  // left as it is: nothing the user changed in Tend since is touched, and nothing is re-read.
  const allKeys = identityKeys(records);
  const seen = await bulk.peopleByKeys(
    db,
    allKeys.map((ks) => ks[0] ?? ''),
  );
  const seenIds = new Set<number>();
  const pending: number[] = [];
  allKeys.forEach((ks, i) => {
    const id = seen.get(ks[0] ?? '')?.[0];
    if (id === undefined) pending.push(i);
    else seenIds.add(id);
  });
  const fresh = pending.map((i) => records[i]).filter((r): r is ImportedPerson => r !== undefined);
  const recordKeys = pending.map((i) => allKeys[i] ?? []);
  const known = await bulk.peopleByKeys(db, recordKeys.flat());
  const existingIds = [...new Set([...known.values()].flat())];
  const existing = new Map<number, Target>();
  for (let i = 0; i < existingIds.length; i += 500) {
    const chunk = existingIds.slice(i, i + 500);
    for (const p of await peopleRepo.getPeople(db, chunk))
      existing.set(p.id, {
        id: p.id,
        draft: draftOfPerson(p),
        before: p,
        fieldsChanged: false,
        hasConnection: false,
        connectionPlanned: false,
        merged: false,
        keys: new Set(),
        ref: `#${p.id}`,
      });
  }
  const connected = await bulk.peopleWithInteractionNote(db, [...existing.keys()], CONNECTED_NOTE);
  for (const id of connected) {
    const t = existing.get(id);
    if (t) t.hasConnection = true;
  }

  // Keys seen so far → the target they belong to (existing people and people this file adds).
  const byKey = new Map<string, Target[]>();
  for (const [key, ids] of known)
    byKey.set(
      key,
      ids.map((id) => existing.get(id)).filter((t): t is Target => t !== undefined),
    );

  const created: Target[] = [];
  const touched = new Set<Target>();
  let merged = 0;
  let unchanged = records.length - fresh.length;

  fresh.forEach((r, i) => {
    const keys = recordKeys[i] ?? [];
    let target: Target | undefined;
    const others = new Set<Target>();
    for (const key of keys) {
      for (const t of byKey.get(key) ?? []) {
        // Same name and company but a different LinkedIn profile: two people, not one.
        if (
          key.startsWith('namecompany:') &&
          r.linkedin &&
          t.draft.linkedin &&
          t.draft.linkedin !== r.linkedin
        )
          continue;
        if (!target) target = t;
        else if (t !== target) others.add(t);
      }
    }
    if (others.size > 0 && target)
      problems.push({
        ref: r.ref,
        severity: 'warning',
        code: 'ambiguous_match',
        message: `matches several people (${[target, ...others].map((t) => t.ref).join(', ')}); merged into ${target.ref} only`,
      });
    if (!target) {
      target = {
        draft: draftOf(r),
        fieldsChanged: false,
        hasConnection: false,
        connectionPlanned: false,
        merged: false,
        keys: new Set(keys),
        ref: r.ref,
      };
      created.push(target);
    } else if (target.id === undefined) {
      // A second record of a person this file already adds (LinkedIn never does this; a vCard
      // file merged from two phones does).
      fill(target.draft, r);
      target.merged = true;
      merged++;
      problems.push({
        ref: r.ref,
        severity: 'warning',
        code: 'duplicate_in_file',
        message: `the same person as ${target.ref}: merged into one`,
      });
    } else {
      const changed = fill(target.draft, r);
      if (changed) target.fieldsChanged = true;
      let connects = false;
      if (!target.hasConnection && !target.connectionPlanned && r.connectedOn !== undefined) {
        target.connectionPlanned = true;
        connects = true;
      }
      if (changed || connects) merged++;
      else unchanged++;
    }
    for (const k of keys) target.keys.add(k);
    touched.add(target);
    for (const k of keys) {
      const list = byKey.get(k) ?? [];
      if (!list.includes(target)) list.push(target);
      byKey.set(k, list);
    }
  });

  // Write: existing people first (one update each, only if something changed), then new people
  // in multi-row statements, then keys, then the LinkedIn first interactions.
  let saved = 0;
  const connections: { personId: number; date: string; channel: string; nature: string; note: string }[] = [];
  const refreshContacts: number[] = [];
  for (const t of touched) {
    if (t.id === undefined || !t.before) continue;
    if (t.connectionPlanned && t.draft.connectedOn !== undefined) {
      connections.push({
        personId: t.id,
        date: t.draft.connectedOn,
        channel: 'social',
        nature: 'touch',
        note: CONNECTED_NOTE,
      });
      refreshContacts.push(t.id);
    }
    if (t.fieldsChanged) {
      const b = t.before;
      const d = t.draft;
      const newTags = d.tags.filter((x) => !b.tags.includes(x));
      if (newTags.length > 0) await peopleRepo.addTags(db, t.id, newTags);
      await peopleRepo.updatePerson(
        db,
        t.id,
        {
          ...(d.name !== b.name ? { name: d.name } : {}),
          ...(d.nameParts !== b.nameParts ? { nameParts: d.nameParts } : {}),
          company: d.company,
          title: d.title,
          emails: d.emails,
          phones: d.phones,
          linkedin: d.linkedin,
          urls: d.urls,
          birthday: d.birthday,
          notes: d.notes,
        },
        now,
      );
      saved++;
      if (saved % SAVE_CHUNK === 0) onProgress?.('saving', saved, total);
    }
  }

  for (let i = 0; i < created.length; i += SAVE_CHUNK) {
    const chunk = created.slice(i, i + SAVE_CHUNK);
    const ids = await bulk.insertPeople(
      w,
      chunk.map((t) => ({
        ...t.draft,
        uid: ctx.newUid(),
        source: format,
        circle: 'pool',
        tags: [...t.draft.tags].sort(bulk.byCodePoint),
        lastContactOn: t.draft.connectedOn,
      })),
      now,
    );
    chunk.forEach((t, j) => {
      t.id = ids[j];
      if (t.id !== undefined && t.draft.connectedOn !== undefined)
        connections.push({
          personId: t.id,
          date: t.draft.connectedOn,
          channel: 'social',
          nature: 'touch',
          note: CONNECTED_NOTE,
        });
    });
    saved += chunk.length;
    onProgress?.('saving', Math.min(saved, total), total);
  }

  const keyRows: { key: string; personId: number }[] = [];
  for (const t of touched) {
    if (t.id === undefined) continue;
    // A person whose fields the import changed may now have keys no record carried.
    const all = t.fieldsChanged || t.merged ? new Set([...t.keys, ...keysOfPerson(t.draft)]) : t.keys;
    for (const key of all) if (!(known.get(key) ?? []).includes(t.id)) keyRows.push({ key, personId: t.id });
  }
  await bulk.addKeys(w, keyRows);
  await bulk.insertSoloInteractions(w, connections, now);
  await peopleRepo.refreshContactDays(db, refreshContacts);

  const ids = [
    ...new Set([...seenIds, ...[...touched].map((t) => t.id).filter((id): id is number => id !== undefined)]),
  ];
  const withRealContact = await bulk.countWithRealContact(db, ids);
  onProgress?.('saving', total, total);
  return {
    created: created.length,
    merged,
    unchanged,
    imported: ids.length,
    withRealContact,
    connections: connections.length,
    changedNothing:
      created.length === 0 && connections.length === 0 && ![...touched].some((t) => t.fieldsChanged),
  };
}
