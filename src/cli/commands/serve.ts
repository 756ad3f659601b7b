import type { Command } from 'commander';
import type { Runner } from '../runner.js';

export function registerServe(_program: Command, _r: Runner): void {
  // owned by the serve work; registers its commands here
}
