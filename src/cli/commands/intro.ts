import type { Command } from 'commander';
import type { Runner } from '../runner.js';

export function registerIntro(_program: Command, _r: Runner): void {
  // owned by the intro work; registers its commands here
}
