import { Command, CommanderError, Option } from 'commander';
import { openApp, type AppContext } from '../app/context.js';
import { DomainError } from '../core/errors.js';
import { exitCodeFor } from './exit-codes.js';
import { colorsFor } from './output.js';
import { Runner, type Io } from './runner.js';
import { registerAgenda } from './commands/agenda.js';
import { registerEvents } from './commands/events.js';
import { registerLedger } from './commands/ledger.js';
import { registerMe } from './commands/me.js';
import { registerPeople } from './commands/people.js';
import { registerExtensions } from './extensions.js';

export const version = '0.1.0';

/**
 * Runs one `tend` invocation and returns its exit code. Everything the command prints goes
 * through here: with --json, stdout holds exactly one JSON document.
 */
export async function run(
  argv: readonly string[],
  io: Io,
  open?: (db: string | undefined) => Promise<AppContext>,
): Promise<number> {
  const json = argv.includes('--json');
  const out = (s: string): void => void io.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
  const err = (s: string): void => void io.stderr.write(s.endsWith('\n') ? s : `${s}\n`);
  const clock = io.clock ?? clockFromEnv(io.env);
  const runner = new Runner(io, open ?? ((db) => openApp({ db, env: io.env, ...(clock ? { clock } : {}) })));
  const program = new Command('tend')
    .version(version, '-V, --version')
    .description(
      'Tend: a give-first networking companion. Give before you ask; focus on a few; make it real.',
    )
    .option('--db <path>', 'database file or postgres:// URL (default: $TEND_DB, else your data folder)')
    .option('--json', 'print one JSON document on stdout')
    .addOption(new Option('--no-color', 'no colour even on a terminal'))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => {
        if (!json) out(s);
      },
      writeErr: () => undefined,
    });
  registerMe(program, runner);
  registerPeople(program, runner);
  registerLedger(program, runner);
  registerEvents(program, runner);
  registerAgenda(program, runner);
  registerExtensions(program, runner);
  for (const c of allCommands(program))
    c.exitOverride().configureOutput({
      writeOut: (s) => {
        if (!json) out(s);
      },
      writeErr: () => undefined,
    });

  const c = colorsFor(io.stdout, argv.includes('--no-color') ? { ...io.env, NO_COLOR: '1' } : io.env, json);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    const result = runner.result;
    if (result) {
      const warnings = result.warnings ?? [];
      if (json) out(JSON.stringify({ ...(result.data as object), warnings }));
      else {
        out(result.human(c));
        const ce = colorsFor(io.stderr, io.env, false);
        for (const w of warnings) err(ce.yellow(`warning: ${w.message}`));
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
      const message = e.message.replace(/^error: /, '');
      if (json)
        out(JSON.stringify({ error: { code: 'invalid_input', message, details: { commander: e.code } } }));
      else err(`tend: ${message}${e.code === 'commander.unknownCommand' ? '' : ' (see --help)'}`);
      return 2;
    }
    const code = exitCodeFor(e);
    if (e instanceof DomainError) {
      if (json) out(JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } }));
      else {
        const ce = colorsFor(io.stderr, io.env, false);
        err(`tend: ${e.message}`);
        const gives = (e.details.gives ?? []) as { text: string }[];
        if (gives.length > 0) err([ce.bold('Give first:'), ...gives.map((g) => `  • ${g.text}`)].join('\n'));
      }
      return code;
    }
    const message = e instanceof Error ? e.message : String(e);
    if (json) out(JSON.stringify({ error: { code: 'internal', message, details: {} } }));
    else
      err(
        `tend: unexpected failure: ${message}${io.env.TEND_DEBUG && e instanceof Error ? `\n${e.stack ?? ''}` : ''}`,
      );
    return 1;
  } finally {
    await runner.close();
  }
}

function allCommands(c: Command): Command[] {
  return c.commands.flatMap((sub) => [sub, ...allCommands(sub)]);
}

/** `TEND_NOW=2026-03-14T09:00:00Z` pins the clock: scripts and tests replay a week deterministically. */
function clockFromEnv(env: NodeJS.ProcessEnv): (() => Date) | undefined {
  const v = env.TEND_NOW;
  if (v === undefined || v === '') return undefined;
  const t = new Date(v);
  if (Number.isNaN(t.getTime())) return undefined;
  return () => new Date(t);
}
