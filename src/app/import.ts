import { readFile } from 'node:fs/promises';
import { DomainError } from '../core/errors.js';
import { keysOfPerson, planImport, type RecordPlan } from '../core/import-plan.js';
import type { Person } from '../core/types.js';
import { isMismatch, keysWithRecordKey, parseImport, recordKeys } from '../importers/index.js';
import type { ImportedPerson, ImportFormat, ImportProblem } from '../importers/index.js';
import type { Db } from '../storage/db.js';
import { BulkWriter } from '../storage/repos/bulk.js';
import * as bulk from '../storage/repos/import.js';
import * as peopleRepo from '../storage/repos/people.js';
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
  const w = new BulkWriter(db);
  const total = records.length;
  onProgress?.('saving', 0, total);

  // People added by hand (or by an older Tend) have no keys yet: give them theirs first, so an
  // import meets them by email, LinkedIn URL or name + company like any imported person.
  const keyless = await bulk.peopleWithoutKeys(db);
  await bulk.addKeys(
    w,
    keyless.flatMap((p) => keysOfPerson(p).map((key) => ({ key, personId: p.id }))),
  );

  // Read: records known by their exact content first (a re-import of an unchanged file stops
  // here: no other key is worked out for them); then, for the rest, everyone their keys name. A
  // database that knows no key yet (the first import) has nothing to look up.
  const known = await bulk.anyKeys(db);
  const byRecordKey = recordKeys(records);
  const byKey = known ? await bulk.peopleByKeys(db, byRecordKey) : new Map<string, number[]>();
  const keyed = records.map((record, i) => {
    const key = byRecordKey[i] ?? '';
    return { record, keys: byKey.has(key) ? [key] : keysWithRecordKey(key, record) };
  });
  const pendingKeys = keyed.filter((k) => k.keys.length > 1).map((k) => k.keys.slice(1));
  if (known) for (const [key, ids] of await bulk.peopleByKeys(db, pendingKeys.flat())) byKey.set(key, ids);
  const existingIds = [...new Set(pendingKeys.flatMap((ks) => ks.flatMap((k) => byKey.get(k) ?? [])))];
  const people = new Map<number, Person>();
  for (let i = 0; i < existingIds.length; i += 500)
    for (const p of await peopleRepo.getPeople(db, existingIds.slice(i, i + 500))) people.set(p.id, p);
  const connected = new Set(await bulk.peopleWithInteractionNote(db, [...people.keys()], CONNECTED_NOTE));

  // Decide.
  const plan = planImport(keyed, { byKey, people, connected });
  problems.push(...plan.problems);

  // Write: existing people first (one update each, only if something changed), then new people
  // in multi-row statements, then keys, then the LinkedIn first interactions.
  let saved = 0;
  const connections: { personId: number; date: string; channel: string; nature: string; note: string }[] = [];
  const connection = (personId: number, date: string): (typeof connections)[number] => ({
    personId,
    date,
    channel: 'social',
    nature: 'touch',
    note: CONNECTED_NOTE,
  });
  const refreshContacts: number[] = [];
  for (const u of plan.updates) {
    if (u.connectedOn !== undefined) {
      connections.push(connection(u.personId, u.connectedOn));
      refreshContacts.push(u.personId);
    }
    if (u.changes) {
      if (u.newTags.length > 0) await peopleRepo.addTags(db, u.personId, u.newTags);
      await peopleRepo.updatePerson(db, u.personId, u.changes, now);
      saved++;
      if (saved % SAVE_CHUNK === 0) onProgress?.('saving', saved, total);
    }
  }

  const createdIds: number[] = [];
  for (let i = 0; i < plan.creates.length; i += SAVE_CHUNK) {
    const chunk = plan.creates.slice(i, i + SAVE_CHUNK);
    const ids = await bulk.insertPeople(
      w,
      chunk.map(({ person }) => ({
        ...person,
        uid: ctx.newUid(),
        source: format,
        circle: 'pool',
        tags: [...person.tags].sort(bulk.byCodePoint),
        lastContactOn: person.connectedOn,
      })),
      now,
    );
    chunk.forEach(({ person }, j) => {
      const id = ids[j];
      if (id === undefined) return;
      createdIds[i + j] = id;
      if (person.connectedOn !== undefined) connections.push(connection(id, person.connectedOn));
    });
    saved += chunk.length;
    onProgress?.('saving', Math.min(saved, total), total);
  }

  await bulk.addKeys(w, [
    ...plan.updates.flatMap((u) => u.keys.map((key) => ({ key, personId: u.personId }))),
    ...plan.creates.flatMap((c, i) => {
      const personId = createdIds[i];
      return personId === undefined ? [] : c.keys.map((key) => ({ key, personId }));
    }),
  ]);
  await bulk.insertSoloInteractions(w, connections, now);
  await peopleRepo.refreshContactDays(db, refreshContacts);

  const ids = new Set<number>();
  const existing = new Set<number>();
  for (const r of plan.records) {
    const id = 'id' in r.person ? r.person.id : createdIds[r.person.create];
    if (id === undefined) continue;
    ids.add(id);
    if ('id' in r.person) existing.add(id);
  }
  // The people this import adds have had no real contact yet: only the others are counted.
  const withRealContact = await bulk.countWithRealContact(db, [...existing]);
  onProgress?.('saving', total, total);
  const count = (o: RecordPlan['outcome']): number => plan.records.filter((r) => r.outcome === o).length;
  return {
    created: plan.creates.length,
    merged: count('merged') + count('duplicate'),
    unchanged: count('unchanged'),
    imported: ids.size,
    withRealContact,
    connections: connections.length,
    changedNothing:
      plan.creates.length === 0 &&
      connections.length === 0 &&
      !plan.updates.some((u) => u.changes !== undefined),
  };
}
