import { CompiledQuery, SqliteAdapter, type Kysely } from 'kysely';
import type { Db } from '../db.js';

/**
 * Chunked statements for imports and backups. The per-person functions of people.ts cost a
 * handful of round trips each; a 30,000-row import needs chunked lookups and multi-row inserts.
 */

// SQLite binds at most 32,766 parameters per statement and PostgreSQL 65,535: lookups bind at
// most 5,000 (fewer round trips matter on PostgreSQL). Inserts bind 20,000 on PostgreSQL, but
// 1,000 on SQLite: its prepare of a multi-row INSERT grows faster than the rows do (2,000 rows of
// 10 columns take 9 ms to prepare and run slower than twenty statements of 100), and a chunk of
// the usual size is prepared once and kept (`keepStatements`, storage/sqlite.ts).
export const KEYS_PER_LOOKUP = 5_000;
const INSERT_PARAMS = { sqlite: 1_000, postgres: 20_000 } as const;

/** Whether `db` is the SQLite store (its statements and limits differ from PostgreSQL's). */
export const isSqlite = (db: Db): boolean => db.getExecutor().adapter instanceof SqliteAdapter;

export function* chunks<T>(xs: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
}

type Untyped = Kysely<Record<string, Record<string, unknown>>>;
/** Kysely cannot type a table chosen at run time: the bulk writers go through its untyped form. */
export const untyped = (db: Db): Untyped => db as unknown as Untyped;

/**
 * Multi-row INSERT of `rows` (arrays in `columns` order). Compiling a 500-row statement through
 * Kysely's query builder costs more than running it, so the SQL text for each (statement, row
 * count) is compiled once per writer and reused with fresh parameters.
 */
export class BulkWriter {
  private readonly sqlText = new Map<string, string>();
  private readonly params: number;
  constructor(private readonly db: Db) {
    this.params = isSqlite(db) ? INSERT_PARAMS.sqlite : INSERT_PARAMS.postgres;
  }

  async insert(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
    opts: { returningId?: boolean; ignoreConflicts?: readonly string[] } = {},
  ): Promise<number[]> {
    const ids: number[] = [];
    for (const [query, size] of this.statements(table, columns, rows, opts)) {
      const result = await this.db.executeQuery<{ id: unknown }>(query);
      if (opts.returningId) {
        const chunkIds = result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
        if (chunkIds.length !== size)
          throw new Error(`insert into ${table} returned ${chunkIds.length} ids for ${size} rows`);
        ids.push(...chunkIds);
      }
    }
    return ids;
  }

  /** Multi-row INSERT … ON CONFLICT (`conflict`) DO NOTHING: how many of `rows` were new. */
  async insertNew(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
    conflict: readonly string[],
  ): Promise<number> {
    let added = 0;
    for (const [query] of this.statements(table, columns, rows, { ignoreConflicts: conflict }))
      added += Number((await this.db.executeQuery(query)).numAffectedRows ?? 0);
    return added;
  }

  /** One statement per chunk of rows, with how many rows it inserts. */
  private *statements(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
    opts: { returningId?: boolean; ignoreConflicts?: readonly string[] },
  ): Generator<[CompiledQuery, number]> {
    const perChunk = Math.max(1, Math.floor(this.params / columns.length));
    for (const chunk of chunks(rows, perChunk)) {
      const key = `${table}|${columns.join(',')}|${chunk.length}|${String(opts.returningId)}|${opts.ignoreConflicts?.join(',') ?? ''}`;
      let text = this.sqlText.get(key);
      if (text === undefined) {
        const blank = Object.fromEntries(columns.map((c) => [c, 0]));
        let qb = untyped(this.db)
          .insertInto(table)
          .values(chunk.map(() => blank));
        const conflict = opts.ignoreConflicts;
        if (conflict) qb = qb.onConflict((oc) => oc.columns([...conflict]).doNothing());
        text = (opts.returningId ? qb.returning('id').compile() : qb.compile()).sql;
        this.sqlText.set(key, text);
      }
      yield [CompiledQuery.raw(text, flatten(chunk, columns.length)), chunk.length];
    }
  }
}

/** The rows' values in one array, row after row: `Array.prototype.flat` costs ten times this. */
function flatten(rows: readonly (readonly unknown[])[], width: number): unknown[] {
  const out = new Array<unknown>(rows.length * width);
  let k = 0;
  for (const row of rows) for (let j = 0; j < width; j++) out[k++] = row[j];
  return out;
}
