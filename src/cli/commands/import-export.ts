import type { Command } from 'commander';
import type { Runner } from '../runner.js';

export function registerImportExport(_program: Command, _r: Runner): void {
  // owned by the import-export work; registers its commands here
}
