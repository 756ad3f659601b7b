import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { registrations } from '../../src/cli/program.js';
import { Runner } from '../../src/cli/runner.js';

/**
 * `tend` registers only the commands of the one being run, found by name in `registrations`:
 * a name missing there, or listed with the wrong function, would leave that command unknown.
 */
test('every top-level command is listed once, with the function that registers it', () => {
  const runner = new Runner({ stdout: process.stdout, stderr: process.stderr, env: {} }, () =>
    Promise.reject(new Error('no database in this test')),
  );
  const seen: string[] = [];
  for (const [names, register] of registrations) {
    const program = new Command('tend');
    register(program, runner);
    assert.deepEqual(
      program.commands.map((c) => c.name()),
      [...names],
      `${register.name} registers other commands than listed`,
    );
    seen.push(...names);
  }
  assert.equal(new Set(seen).size, seen.length, 'a command is listed twice');
});
