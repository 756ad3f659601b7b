import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { isMismatch } from '../../src/importers/index.js';
import type { FormatMismatch, ImportedPerson, ImportResult } from '../../src/importers/index.js';

const root = fileURLToPath(new URL('../fixtures/import/', import.meta.url));

export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(root + path));
}

export function ok(r: ImportResult | FormatMismatch): ImportResult {
  if (isMismatch(r)) assert.fail(`expected records, got ${r.code}: ${r.message}`);
  return r;
}

export function mismatch(r: ImportResult | FormatMismatch): FormatMismatch {
  if (!isMismatch(r)) assert.fail(`expected a FormatMismatch, got ${r.records.length} records`);
  return r;
}

export function byName(r: ImportResult, name: string): ImportedPerson {
  const p = r.records.find((x) => x.name === name);
  if (!p) assert.fail(`no record named ${name}; have ${r.records.map((x) => x.name).join(', ')}`);
  return p;
}

export function codes(r: ImportResult): string[] {
  return r.problems.map((p) => `${p.ref} ${p.severity} ${p.code}`);
}

/** No replacement character, no typical UTF-8-read-as-Latin-1 mojibake. */
export function assertClean(s: string): void {
  assert.ok(!s.includes('\ufffd'), `replacement character in ${JSON.stringify(s)}`);
  assert.ok(!/Ã.|Å.|Ä.|â€/.test(s), `mojibake in ${JSON.stringify(s)}`);
  assert.equal(s, s.normalize('NFC'));
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// node:test returns promises the runner awaits itself; these wrappers keep lint's
// no-floating-promises rule meaningful everywhere else.
export function suite(name: string, fn: () => void): void {
  void describe(name, fn);
}

export function test(name: string, fn: () => void): void {
  void it(name, fn);
}
