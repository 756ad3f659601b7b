import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MigrationResultSet } from 'kysely';
import { DomainError } from '../../src/core/errors.js';
import { retryWhileOtherSchemaVanishes } from '../../src/storage/db.js';

/**
 * Kysely's migrator reads the whole database's catalog; a schema another Tend (or a test run)
 * drops at that moment fails the read with PostgreSQL's "schema … does not exist" (3F000), with
 * nothing written. The migration runs again, waiting longer each time, and only for that.
 */

const vanished = (schema: string): MigrationResultSet => ({
  error: Object.assign(new Error(`schema "${schema}" does not exist`), { code: '3F000' }),
});
const done: MigrationResultSet = { results: [] };

/** A migration that fails as `failures` says, in turn, then succeeds; counts its runs. */
function migration(failures: MigrationResultSet[]): {
  run: () => Promise<MigrationResultSet>;
  runs: () => number;
} {
  let n = 0;
  return { run: () => Promise.resolve(failures[n++] ?? done), runs: () => n };
}

test('other schemas dropped one after another under the catalog read: run again until it passes', async () => {
  const m = migration(['t_a_1', 't_a_2', 't_a_3', 't_a_4', 't_a_5'].map(vanished));
  const outcome = await retryWhileOtherSchemaVanishes(m.run, 't_mine');
  assert.equal(outcome.error, undefined);
  assert.equal(m.runs(), 6);
});

test('gives up after eight runs and answers the last failure', async () => {
  const m = migration(Array.from({ length: 20 }, (_, i) => vanished(`t_gone_${i}`)));
  const outcome = await retryWhileOtherSchemaVanishes(m.run, 't_mine');
  assert.equal(m.runs(), 8);
  assert.match((outcome.error as Error).message, /t_gone_7/);
});

test('not run again when our own schema is missing, or for any other failure', async () => {
  for (const failure of [
    vanished('t_mine'),
    { error: Object.assign(new Error('relation "people" already exists'), { code: '42P07' }) },
    { error: new DomainError('database_unavailable', 'the database went away', {}) },
  ]) {
    const m = migration([failure]);
    const outcome = await retryWhileOtherSchemaVanishes(m.run, 't_mine');
    assert.equal(m.runs(), 1);
    assert.equal(outcome, failure);
  }
});
