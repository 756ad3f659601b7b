import type { Command } from 'commander';
import type { Runner } from '../runner.js';

export function registerMatchEval(_program: Command, _r: Runner): void {
  // owned by the match-eval work; registers its commands here
}
