import type { Command } from 'commander';
import type { Runner } from './runner.js';
import { registerAdmin } from './commands/admin.js';
import { registerCapture } from './commands/capture.js';
import { registerCorrections } from './commands/corrections.js';
import { registerDaemon } from './commands/daemon.js';
import { registerImportExport } from './commands/import-export.js';
import { registerIntro } from './commands/intro.js';
import { registerMatchEval } from './commands/match-eval.js';
import { registerReminders } from './commands/reminders.js';
import { registerServe } from './commands/serve.js';
import { registerSync } from './commands/sync.js';

/** A set of top-level commands and the function that registers them. */
export type Registration = readonly [
  names: readonly string[],
  register: (program: Command, r: Runner) => void,
];

/**
 * Commands whose heavy parts (the web server, importers, the evaluation run) load lazily, inside
 * their actions, so `tend today` never pays for them.
 */
export const extensions: readonly Registration[] = [
  [['admin'], registerAdmin],
  [['rm', 'fix', 'undo'], registerCorrections],
  [['import', 'restore', 'export'], registerImportExport],
  [['intro'], registerIntro],
  [['match-eval'], registerMatchEval],
  [['serve'], registerServe],
  [['capture'], registerCapture],
  [['sync'], registerSync],
  [['feed', 'digest'], registerReminders],
  [['daemon'], registerDaemon],
];
