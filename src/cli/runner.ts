import type { Command } from 'commander';
import type { AppContext } from '../app/context.js';
import type { Result } from './output.js';
import { progressBar, type Progress } from './progress.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /**
   * Where progress goes, when not stderr: the daemon sends it to the client as it happens but
   * keeps it out of a reply it may give again (the work it reports will not happen again).
   */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  clock?: () => Date;
}

export type Opts = Record<string, unknown>;

/** Encodings of at least this many notes (a few seconds) get a progress bar. */
const ENCODE_PROGRESS_FROM = 100;

/**
 * Wires commander actions to use cases: opens the app once per command, keeps the result for
 * main to print, and closes the database whatever happens.
 */
export class Runner {
  result: Result | undefined;
  /** The command that ran: its options word the fields an error names (`reason` → `--reason`). */
  command: Command | undefined;
  private ctx: AppContext | undefined;
  constructor(
    readonly io: Io,
    private readonly open: (dbFlag: string | undefined) => Promise<AppContext>,
  ) {}

  act(fn: (ctx: AppContext, args: string[], opts: Opts, cmd: Command) => Promise<Result>) {
    return async (...all: unknown[]): Promise<void> => {
      const cmd = all[all.length - 1] as Command;
      this.command = cmd;
      const opts = cmd.opts<Opts>();
      const globals = cmd.optsWithGlobals<Opts>();
      const args = cmd.args.slice(0, cmd.registeredArguments.length).flatMap(toArgs);
      const positional = all.slice(0, -2).flatMap(toArgs);
      this.ctx = await this.open(globals.db as string | undefined);
      // Notes written before a matcher update are re-encoded on first use: show how far it is.
      // Each encoding gets its own bar, gone when it ends (a server may encode more than once).
      let progress: Progress | undefined;
      this.ctx.onEncode = (done, total) => {
        progress ??= progressBar(this.io, globals.json === true, ENCODE_PROGRESS_FROM);
        progress.update('matcher: encoding notes', done, total);
        if (done >= total) {
          progress.stop();
          progress = undefined;
        }
      };
      try {
        this.result = await fn(
          this.ctx,
          positional.length > 0 ? positional : args,
          { ...globals, ...opts },
          cmd,
        );
      } finally {
        progress?.stop();
      }
    };
  }

  /** For commands that need no database (e.g. `match-eval`). */
  actWithoutDb(fn: (args: string[], opts: Opts, cmd: Command) => Promise<Result>) {
    return async (...all: unknown[]): Promise<void> => {
      const cmd = all[all.length - 1] as Command;
      this.command = cmd;
      const positional = all.slice(0, -2).flatMap(toArgs);
      this.result = await fn(positional, { ...cmd.optsWithGlobals<Opts>(), ...cmd.opts<Opts>() }, cmd);
    };
  }

  async close(): Promise<void> {
    await this.ctx?.store.close();
    this.ctx = undefined;
  }
}

/** commander hands over positional arguments as strings, string arrays (variadic) or parsed numbers. */
function toArgs(a: unknown): string[] {
  if (Array.isArray(a)) return a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  if (typeof a === 'string') return [a];
  if (typeof a === 'number') return [a.toString()];
  return [];
}
