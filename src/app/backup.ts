import { readFile } from 'node:fs/promises';
import { DomainError, invalid } from '../core/errors.js';
import type { Db } from '../storage/db.js';
import {
  backupColumns,
  dumpTable,
  isEmpty,
  loadTable,
  resetSequences,
  schemaVersion,
  type DumpRow,
} from '../storage/repos/backup.js';
import { tableOrder } from '../storage/schema.js';
import { limits } from '../core/text.js';
import type { AppContext } from './context.js';

export const BACKUP_FORMAT = 'tend-backup';
export const BACKUP_VERSION = 1;

type TableName = (typeof tableOrder)[number];

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** The newest migration of the database that wrote it: a restore needs the same schema. */
  schema: string;
  tables: Record<TableName, DumpRow[]>;
}

/**
 * Every row of every table (settings included, ids preserved, blobs as base64), read in one
 * transaction so the backup is a consistent snapshot.
 */
export async function backup(ctx: AppContext): Promise<Backup> {
  return ctx.db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      const tables = {} as Record<TableName, DumpRow[]>;
      for (const t of tableOrder) tables[t] = await dumpTable(trx, t);
      return { format: BACKUP_FORMAT, version: BACKUP_VERSION, schema: await schemaVersion(trx), tables };
    });
}

/**
 * The backup as text: one row per line, keys in a fixed column order, so two backups of the same
 * database are byte-identical and a diff of two backups reads row by row.
 */
export function backupText(b: Backup): string {
  const parts: string[] = [
    `{"format":${JSON.stringify(b.format)},"version":${b.version},"schema":${JSON.stringify(b.schema)},"tables":{`,
  ];
  tableOrder.forEach((t, i) => {
    const rows = b.tables[t];
    const body = rows.map((r) => JSON.stringify(r)).join(',\n');
    parts.push(
      `${JSON.stringify(t)}:[${rows.length > 0 ? `\n${body}\n` : ''}]${i < tableOrder.length - 1 ? ',' : ''}`,
    );
  });
  parts.push('}}\n');
  return parts.join('\n');
}

export async function exportJson(
  ctx: AppContext,
): Promise<{ content: string; counts: Record<string, number> }> {
  const b = await backup(ctx);
  const counts = Object.fromEntries(tableOrder.map((t) => [t, b.tables[t].length]));
  return { content: backupText(b), counts };
}

export interface RestoreSummary {
  file: string;
  schema: string;
  counts: Record<string, number>;
}

/** `tend restore FILE` / `tend import json FILE`: into an EMPTY database only. */
export async function restoreFile(ctx: AppContext, file: string): Promise<RestoreSummary> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw invalid(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const b = parseBackup(text, file);
  const current = await schemaVersion(ctx.db);
  if (b.schema !== current)
    throw invalid(
      `${file} was written by a Tend with database schema ${b.schema}; this one has ${current}. Restore it with the Tend that wrote it, then export again.`,
    );
  return ctx.db.transaction().execute(async (trx) => {
    await requireEmpty(trx, ctx.store.location);
    try {
      for (const t of tableOrder) await loadTable(trx, t, b.tables[t]);
    } catch (e) {
      throw invalid(`${file} is not a consistent backup: ${(e as Error).message}; nothing was restored`);
    }
    const crossed = await crossedAnswer(trx);
    if (crossed)
      throw invalid(
        `${file} is not a consistent backup: an answer to a match pairs ${crossed}; nothing was restored`,
        [{ path: 'tables.match_feedback', message: 'need_id must be a need or goal, offer_id an offer' }],
      );
    await resetSequences(trx, ctx.store.dialect);
    return {
      file,
      schema: b.schema,
      counts: Object.fromEntries(tableOrder.map((t) => [t, b.tables[t].length])),
    };
  });
}

/** An answer whose need is an offer or whose offer is not one (the table's keys cannot say so). */
async function crossedAnswer(db: Db): Promise<string | undefined> {
  const r = await db
    .selectFrom('match_feedback as f')
    .innerJoin('items as n', 'n.id', 'f.need_id')
    .innerJoin('items as o', 'o.id', 'f.offer_id')
    .where((eb) => eb.or([eb('n.side', '=', 'offer'), eb('o.side', '!=', 'offer')]))
    .select(['f.need_id', 'f.offer_id', 'n.side as needSide', 'o.side as offerSide'])
    .executeTakeFirst();
  const a = (side: string): string => (side === 'offer' ? 'an offer' : `a ${side}`);
  return r
    ? `need #${r.need_id} (${a(r.needSide)}) with offer #${r.offer_id} (${a(r.offerSide)})`
    : undefined;
}

async function requireEmpty(db: Db, location: string): Promise<void> {
  const { empty, nonEmpty } = await isEmpty(db);
  if (!empty)
    throw new DomainError(
      'restore_not_empty',
      `the database ${location} is not empty (${nonEmpty.join(', ')} hold rows): restore only into a new, empty database`,
      { tables: nonEmpty },
    );
}

/**
 * Texts that reach the database only through a check of their length (needs, offers, goals and
 * promises are typed, never imported): a backup edited by hand is held to the same limits
 * (README: "Imports use the same limits"). Names and notes are left to what the importers and
 * capture wrote, which a restore must take back as they were.
 */
const TEXT_LIMITS: readonly [TableName, string, number][] = [
  ['items', 'text', limits.text],
  ['promises', 'text', limits.text],
];

function rowProblems(t: TableName, i: number, r: DumpRow): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const [table, col, max] of TEXT_LIMITS) {
    const v = r[col];
    if (table !== t || typeof v !== 'string') continue;
    const length = Array.from(v).length;
    if (length > max)
      out.push({ path: `tables.${t}[${i}].${col}`, message: `is ${length} characters; at most ${max}` });
  }
  // An answer's time orders the answers the matcher learns from (the table's CHECK says nothing of it).
  const at = r.created_at;
  if (
    t === 'match_feedback' &&
    (typeof at !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(at) || Number.isNaN(Date.parse(at)))
  )
    out.push({ path: `tables.${t}[${i}].created_at`, message: 'is not an ISO 8601 time' });
  return out;
}

/** Validates a backup's shape at the edge: every problem with its path, not just the first. */
export function parseBackup(text: string, file: string): Backup {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw invalid(`${file} is not JSON: ${(e as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw invalid(`${file} is not a Tend backup (expected a JSON object with "format": "${BACKUP_FORMAT}")`);
  const o = raw as Record<string, unknown>;
  if (o.format !== BACKUP_FORMAT)
    throw invalid(
      `${file} is not a Tend backup (expected "format": "${BACKUP_FORMAT}", found ${o.format === undefined ? 'none' : JSON.stringify(o.format)})`,
    );
  if (o.version !== BACKUP_VERSION)
    throw invalid(
      `${file} is a version ${JSON.stringify(o.version)} backup; this Tend reads version ${BACKUP_VERSION}`,
    );
  if (typeof o.schema !== 'string') throw invalid(`${file}: "schema" is missing`);
  const tablesRaw = o.tables;
  if (tablesRaw === null || typeof tablesRaw !== 'object' || Array.isArray(tablesRaw))
    throw invalid(`${file}: "tables" is missing or not an object`);
  const problems: { path: string; message: string }[] = [];
  const known = new Set<string>(tableOrder);
  for (const name of Object.keys(tablesRaw))
    if (!known.has(name)) problems.push({ path: `tables.${name}`, message: 'is not a Tend table' });
  const tables = {} as Record<TableName, DumpRow[]>;
  for (const t of tableOrder) {
    const rows = (tablesRaw as Record<string, unknown>)[t] ?? [];
    if (!Array.isArray(rows)) {
      problems.push({ path: `tables.${t}`, message: 'is not a list of rows' });
      continue;
    }
    const cols = new Set<string>(backupColumns[t]);
    const out: DumpRow[] = [];
    rows.forEach((row: unknown, i) => {
      if (problems.length > 50) return;
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        problems.push({ path: `tables.${t}[${i}]`, message: 'is not an object' });
        return;
      }
      const r: DumpRow = {};
      for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
        if (!cols.has(k)) problems.push({ path: `tables.${t}[${i}].${k}`, message: 'is not a column' });
        else if (v !== null && typeof v !== 'string' && typeof v !== 'number')
          problems.push({ path: `tables.${t}[${i}].${k}`, message: 'is not text, a number or null' });
        else r[k] = v;
      }
      problems.push(...rowProblems(t, i, r));
      out.push(r);
    });
    tables[t] = out;
  }
  if (problems.length > 0)
    throw invalid(
      `${file} is not a valid Tend backup: ${problems
        .slice(0, 5)
        .map((p) => `${p.path} ${p.message}`)
        .join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
      problems,
    );
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, schema: o.schema, tables };
}
