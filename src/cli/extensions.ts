import type { Command } from 'commander';
import type { Runner } from './runner.js';

/**
 * Commands that live in later modules (import, export, serve, match-eval, intro) register here,
 * each loading its heavy parts lazily.
 */
export function registerExtensions(_program: Command, _r: Runner): void {
  // filled in as those capabilities land
}
