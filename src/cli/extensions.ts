import type { Command } from 'commander';
import type { Runner } from './runner.js';
import { registerCapture } from './commands/capture.js';
import { registerCorrections } from './commands/corrections.js';
import { registerImportExport } from './commands/import-export.js';
import { registerIntro } from './commands/intro.js';
import { registerMatchEval } from './commands/match-eval.js';
import { registerReminders } from './commands/reminders.js';
import { registerServe } from './commands/serve.js';

/**
 * Commands whose heavy parts (the web server, importers, the evaluation run) load lazily, inside
 * their actions, so `tend today` never pays for them.
 */
export function registerExtensions(program: Command, r: Runner): void {
  registerCorrections(program, r);
  registerImportExport(program, r);
  registerIntro(program, r);
  registerMatchEval(program, r);
  registerServe(program, r);
  registerCapture(program, r);
  registerReminders(program, r);
}
