import { Command, CommanderError, Option } from 'commander';
import type { AppContext } from '../app/context.js';
import { DomainError, invalid, type ErrorCode, type Problem } from '../core/errors.js';
import { echo, limits, unicodeProblem } from '../core/text.js';
import { exitCodeFor } from './exit-codes.js';
import { colorsFor, type Warning } from './output.js';
import { Runner, type Io } from './runner.js';
import { registerAgenda } from './commands/agenda.js';
import { registerEvents } from './commands/events.js';
import { registerLedger } from './commands/ledger.js';
import { registerMe } from './commands/me.js';
import { registerPeople } from './commands/people.js';
import { extensions, type Registration } from './extensions.js';

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
  // The app and its storage (Kysely, better-sqlite3, the migrations) load only when a command
  // opens the database: `--help`, `--version` and argument errors never pay for them.
  const runner = new Runner(
    io,
    open ??
      (async (db) => {
        const { openApp } = await import('../app/context.js');
        return openApp({ db, env: io.env, ...(clock ? { clock } : {}) });
      }),
  );
  // commander's errors are worded below from the CommanderError; what it writes to stderr is kept
  // only for the help of a command that needs a subcommand (`tend event` alone).
  let written = '';
  const output = {
    writeOut: (s: string) => {
      if (!json) out(s);
    },
    writeErr: (s: string) => {
      written += s;
    },
  };
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
    .configureOutput(output);
  program.hook('preAction', (_program, action) => {
    checkArguments(action);
  });
  for (const [, register] of registrationsFor(argv)) register(program, runner);
  for (const c of allCommands(program)) c.exitOverride().configureOutput(output);

  const c = colorsFor(io.stdout, argv.includes('--no-color') ? { ...io.env, NO_COLOR: '1' } : io.env, json);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    const result = runner.result;
    if (result) {
      // A use case's own warnings (e.g. a date long ago) are shown even when the command did not pass them on.
      const own = (result.data as { warnings?: unknown } | null)?.warnings;
      const warnings = result.warnings ?? (Array.isArray(own) ? (own as Warning[]) : []);
      if (json) out(JSON.stringify({ ...(result.data as object), warnings }));
      else {
        out(result.human(c));
        const ce = colorsFor(io.stderr, io.env, false);
        for (const w of warnings) err(ce.yellow(`warning: ${w.message}`));
      }
    }
    return result?.exitCode ?? 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // A command that needs a subcommand, typed alone: its help, as bad usage.
      if (e.code === 'commander.help' && e.exitCode !== 0) {
        const usage = /^Usage: (.*)$/m.exec(written)?.[1] ?? 'tend';
        if (json)
          out(
            JSON.stringify({
              error: {
                code: 'invalid_input',
                message: `a command is missing: ${usage}`,
                details: { commander: 'commander.missingCommand' },
              },
            }),
          );
        else err(written.trimEnd());
        return 2;
      }
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
      // commander quotes what was typed: a 100 KB argument must not come back whole.
      const message = e.message
        .replace(/^error: /, '')
        .replace(/'([^']{61,})'/g, (_m, typed: string) => `'${echo(typed)}'`);
      if (json)
        out(JSON.stringify({ error: { code: 'invalid_input', message, details: { commander: e.code } } }));
      else err(`tend: ${message}${e.code === 'commander.unknownCommand' ? '' : ' (see --help)'}`);
      return 2;
    }
    const code = exitCodeFor(e);
    if (e instanceof DomainError) {
      const { message, details } = cliWording(e, runner.command);
      if (json) out(JSON.stringify({ error: { code: e.code, message, details } }));
      else {
        const ce = colorsFor(io.stderr, io.env, false);
        err(`tend: ${message}`);
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

/**
 * Every argument and option value, before any use case runs or any query is built: invalid
 * UTF-8 (decoded as U+FFFD) is refused, and nothing may be longer than the longest field
 * (free notes). Each use case applies its field's own, smaller limit.
 */
function checkArguments(cmd: Command): void {
  const values: [string, unknown][] = [
    ...cmd.registeredArguments.map((a, i): [string, unknown] => [
      a.name().toUpperCase(),
      cmd.processedArgs[i],
    ]),
    ...cmd.options.map((o): [string, unknown] => [o.long ?? o.name(), cmd.getOptionValue(o.attributeName())]),
  ];
  for (const [name, value] of values)
    for (const v of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof v !== 'string') continue;
      const bad = unicodeProblem(v);
      if (bad !== undefined) throw invalid(`${name} ${bad}: "${echo(v)}"`, [{ path: name, message: bad }]);
      const length = Array.from(v).length;
      if (length > limits.notes)
        throw invalid(
          `${name} is too long (${length} characters; no argument takes more than ${limits.notes}): "${echo(v)}"`,
          [{ path: name, message: `at most ${limits.notes} characters` }],
        );
    }
}

/** Where the CLI points after an error that the use case words for every transport. */
const cliHints: Partial<Record<ErrorCode, string>> = {
  unknown_setting: 'see `tend config get`',
  unknown_promise: 'see `tend promise --list`',
  unknown_event: 'see `tend event list`',
  restore_not_empty: 'e.g. `tend restore FILE --db new.db`',
};

/**
 * The use cases name fields (`reason`, `tags.0`); a command line has flags and arguments. The
 * fields an error names (its problems' paths and `details.fields`) become the flags of the
 * command that ran (`reason` → `--reason`, `tags` → `--tag`), in the paths and where the
 * message names them. Fields that are arguments keep their name.
 */
export function cliWording(
  e: DomainError,
  cmd: Command | undefined,
): { message: string; details: Record<string, unknown> } {
  const words = new Map<string, string>();
  for (let c: Command | null = cmd ?? null; c; c = c.parent) {
    for (const o of c.options)
      if (o.long && !words.has(o.attributeName())) words.set(o.attributeName(), o.long);
  }
  const word = (field: string): string | undefined => {
    if (field.startsWith('-') || /^[A-Z]+$/.test(field)) return undefined;
    const found = words.get(field) ?? (field.endsWith('s') ? words.get(field.slice(0, -1)) : undefined);
    return found ?? words.get(field.replace(/_(\w)/g, (_m, ch: string) => ch.toUpperCase()));
  };
  // Problems with a path (import problems carry `ref` and `field` instead, and keep them).
  const problems = Array.isArray(e.details.problems)
    ? (e.details.problems as Partial<Problem>[]).filter((p): p is Problem => typeof p.path === 'string')
    : [];
  const fields = Array.isArray(e.details.fields) ? (e.details.fields as string[]) : [];
  const mapped = (e.details.problems as Partial<Problem>[] | undefined)?.map((p) => {
    if (typeof p.path !== 'string') return p;
    const [head = '', ...rest] = p.path.split('.');
    const w = word(head);
    return w === undefined ? p : { ...p, path: [w, ...rest].join('.') };
  });
  // A message about a file starts with its path, which may hold a field's word (…/strict/cal.ics).
  const file =
    typeof e.details.file === 'string' && e.message.startsWith(e.details.file) ? e.details.file : '';
  let message = e.message.slice(file.length);
  for (const f of new Set([...problems.map((p) => p.path.split('.')[0] ?? ''), ...fields])) {
    const w = word(f);
    if (w === undefined || f === '') continue;
    message = message.replace(
      new RegExp(`(?<![\\w-])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`),
      w,
    );
  }
  message = file + message;
  const hint = cliHints[e.code];
  if (hint !== undefined) message = `${message} (${hint})`;
  const details: Record<string, unknown> = { ...e.details };
  if (mapped !== undefined && Array.isArray(e.details.problems)) details.problems = mapped;
  if (fields.length > 0) details.fields = fields.map((f) => word(f) ?? f);
  return { message, details };
}

/** Every top-level command, by the function that registers it (a test checks the names). */
export const registrations: readonly Registration[] = [
  [['init', 'me', 'config'], registerMe],
  [['add', 'edit', 'people', 'fading', 'show', 'tag', 'merge', 'move', 'focus'], registerPeople],
  [['need', 'offer', 'item', 'log', 'give', 'ask', 'promise', 'promises', 'done', 'outcome'], registerLedger],
  [['event'], registerEvents],
  [['today', 'review', 'match'], registerAgenda],
  ...extensions,
];

/**
 * Only the commands registered with the one being run: setting up all of them costs every
 * command a few milliseconds. Without a known command (`--help`, a typo that commander
 * should suggest a fix for, `help today`), all of them.
 */
function registrationsFor(argv: readonly string[]): readonly Registration[] {
  let i = 0;
  while (
    argv[i] === '--db' ||
    argv[i] === '--json' ||
    argv[i] === '--no-color' ||
    argv[i]?.startsWith('--db=')
  )
    i += argv[i] === '--db' ? 2 : 1;
  const name = argv[i];
  const own = registrations.filter(([names]) => name !== undefined && names.includes(name));
  return own.length > 0 ? own : registrations;
}

function allCommands(c: Command): Command[] {
  return c.commands.flatMap((sub) => [sub, ...allCommands(sub)]);
}

/** `TEND_NOW=2026-03-14T09:00:00Z` pins the clock: scripts and tests replay a week deterministically. */
export function clockFromEnv(env: NodeJS.ProcessEnv): (() => Date) | undefined {
  const v = env.TEND_NOW;
  if (v === undefined || v === '') return undefined;
  const t = new Date(v);
  if (Number.isNaN(t.getTime())) return undefined;
  return () => new Date(t);
}
