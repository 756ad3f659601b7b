import type { Command } from 'commander';
import { exitCodeFor } from '../exit-codes.js';
import type { AppContext } from '../../app/context.js';
import type { LiveRunSummary } from '../../app/live-sources.js';
import { DomainError, invalid } from '../../core/errors.js';
import type { SourceView } from '../../core/live-sources.js';
import { plural, table, type Colors, type Result } from '../output.js';
import { progressBar } from '../progress.js';
import type { Opts, Runner } from '../runner.js';
import { examples, int } from './shared.js';

/**
 * `tend sync`: live sources (CalDAV, IMAP) and every capture run, file or live
 * (docs/decisions/0012-capture.md, 0018-live-sources.md).
 */

async function readStdin(r: Runner): Promise<string> {
  const stdin = r.io.stdin;
  if (stdin === undefined || stdin.isTTY === true)
    throw invalid('--password-stdin reads the password from a pipe: `printf %s "$PW" | tend sync add …`', [
      { path: 'password', message: 'no pipe on stdin' },
    ]);
  let text = '';
  for await (const chunk of stdin)
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return text;
}

async function passwordOf(r: Runner, o: Opts): Promise<string> {
  const fromStdin = o.passwordStdin === true;
  const envVar = typeof o.passwordEnv === 'string' ? o.passwordEnv : undefined;
  if (fromStdin && envVar !== undefined)
    throw invalid('give the password one way: --password-stdin or --password-env VAR, not both', [
      { path: 'password', message: 'given twice' },
    ]);
  if (envVar !== undefined) {
    const v = r.io.env[envVar];
    if (v === undefined || v === '')
      throw invalid(`the environment variable ${envVar} is not set or empty`, [
        { path: 'password', message: `${envVar} is not set` },
      ]);
    return v;
  }
  if (fromStdin) return readStdin(r);
  throw invalid(
    'give the password with --password-stdin (piped) or --password-env VAR: never on the command line',
    [{ path: 'password', message: 'is required' }],
  );
}

const defaultName = (kind: string, host: string): string =>
  /^[a-z0-9.-]+$/i.test(host) ? `${kind}-${host}`.slice(0, 40) : kind;

function renderSource(c: Colors, s: SourceView): string[] {
  return [
    s.name,
    s.kind,
    s.where,
    s.user,
    (s.calendars ?? s.mailboxes ?? []).join(', ') || c.dim('all calendars'),
    s.lastRunAt !== undefined ? s.lastRunAt.slice(0, 16).replace('T', ' ') : c.dim('never'),
  ];
}

function renderRun(c: Colors, s: LiveRunSummary): string {
  const would = s.dryRun ? 'would be ' : '';
  const what = s.kind === 'calendar' ? 'resource' : 'message';
  const lines = [
    `${s.dryRun ? c.yellow('Dry run, nothing written. ') : ''}Source ${s.source} (${s.read.join(', ')}): ${plural(s.fetched, what)} read${s.incremental ? ' (changes only)' : ''}.`,
    c.bold(
      s.changedNothing
        ? `Nothing ${s.dryRun ? 'would change' : 'changed'}: ${s.unchanged} already captured.`
        : `${plural(s.created, 'interaction')} ${would}added, ${s.updated} ${would}updated, ${s.removed} ${would}removed, ${s.unchanged} unchanged.`,
    ),
  ];
  const skipped = Object.entries(s.skipped);
  if (skipped.length > 0)
    lines.push(c.dim(`Not counted: ${skipped.map(([k, n]) => `${n} ${k.replace(/_/g, ' ')}`).join(', ')}.`));
  if (s.resynced.length > 0)
    lines.push(`Read again from the start (the server renumbered them): ${s.resynced.join(', ')}.`);
  if (s.newStrangers > 0)
    lines.push(`${plural(s.newStrangers, 'person', 'people')} not in Tend: \`tend capture review\`.`);
  if (s.run !== undefined) lines.push(c.dim(`Run ${s.run}: undo it with \`tend sync undo ${s.run}\`.`));
  for (const p of s.problems) lines.push(c.dim(`${p.line > 0 ? `line ${p.line}: ` : ''}${p.message}`));
  return lines.join('\n');
}

export function registerSync(program: Command, r: Runner): void {
  const sync = program
    .command('sync')
    .description('live calendar and mail sources, and every capture run (file or live): list, run, undo')
    .addHelpText(
      'after',
      examples(
        'printf %s "$PW" | tend sync add caldav https://dav.example.com/ --user maya --password-stdin',
        'tend sync add imap imap.example.com --user maya@example.com --password-env IMAP_PW --mailbox INBOX,Sent',
        'tend sync run --all --dry-run',
        'tend sync list',
        'tend sync undo 3',
      ),
    );

  const add = sync
    .command('add')
    .description('connect a live source (the password is stored encrypted)')
    .addHelpText(
      'after',
      examples(
        'printf %s "$PW" | tend sync add caldav https://dav.example.com/ --user maya --password-stdin',
        'tend sync add imap imap.example.com --user maya@example.com --password-env IMAP_PW',
      ),
    );
  add
    .command('caldav')
    .alias('calendar')
    .description('a CalDAV account or calendar (Radicale, Nextcloud, Fastmail, iCloud…)')
    .argument('<url>', 'the server or calendar URL (https; http only to localhost)')
    .requiredOption('--user <user>', 'login')
    .option('--password-stdin', 'read the password from stdin (a pipe)')
    .option('--password-env <var>', 'read the password from this environment variable')
    .option('--calendar <name...>', 'only these calendars (display name or URL segment); default all')
    .option('--name <name>', 'what to call the source (default caldav-HOST)')
    .addHelpText(
      'after',
      examples(
        'printf %s "$PW" | tend sync add caldav https://dav.example.com/ --user maya --password-stdin',
        'tend sync add caldav https://dav.example.com/ --user maya --password-env DAV_PW --calendar Work --name work',
      ),
    )
    .action(
      r.act(async (ctx, [url], o) => {
        const { addSource } = await import('../../app/live-sources.js');
        const raw = url ?? '';
        const host = URL.canParse(raw) ? new URL(raw).hostname : '';
        const s = await addSource(
          ctx,
          {
            kind: 'caldav',
            name: typeof o.name === 'string' ? o.name : defaultName('caldav', host),
            url: raw,
            user: typeof o.user === 'string' ? o.user : '',
            password: await passwordOf(r, o),
            calendars: Array.isArray(o.calendar) ? (o.calendar as string[]).flatMap((x) => x.split(',')) : [],
          },
          r.io.env,
        );
        return added(s);
      }),
    );
  add
    .command('imap')
    .alias('mail')
    .description('an IMAP mailbox: headers only, nothing marked read')
    .argument('<server>', 'HOST or HOST:PORT')
    .requiredOption('--user <user>', 'login')
    .option('--password-stdin', 'read the password from stdin (a pipe)')
    .option('--password-env <var>', 'read the password from this environment variable')
    .option('--mailbox <list>', 'mailboxes to read, comma-separated', 'INBOX')
    .option('--tls', 'TLS from the start (port 993; the default)')
    .option('--starttls', 'plain connection upgraded with STARTTLS (port 143)')
    .option('--insecure-local', 'no TLS at all: only for a server on this machine')
    .option('--name <name>', 'what to call the source (default imap-HOST)')
    .addHelpText(
      'after',
      examples(
        'tend sync add imap imap.example.com --user maya@example.com --password-env IMAP_PW --mailbox INBOX,Sent',
        'printf %s "$PW" | tend sync add imap 127.0.0.1:1143 --user maya --password-stdin --insecure-local',
      ),
    )
    .action(
      r.act(async (ctx, [server], o) => {
        const { addSource } = await import('../../app/live-sources.js');
        const chosen = (['tls', 'starttls', 'insecureLocal'] as const).filter((k) => o[k] === true);
        if (chosen.length > 1)
          throw invalid('choose one of --tls, --starttls, --insecure-local', [
            { path: 'security', message: 'given twice' },
          ]);
        const security = chosen[0] === 'insecureLocal' ? 'insecure-local' : (chosen[0] ?? 'tls');
        const host = (server ?? '').replace(/:\d+$/, '');
        const s = await addSource(
          ctx,
          {
            kind: 'imap',
            name: typeof o.name === 'string' ? o.name : defaultName('imap', host),
            server: server ?? '',
            user: typeof o.user === 'string' ? o.user : '',
            password: await passwordOf(r, o),
            mailboxes: typeof o.mailbox === 'string' ? o.mailbox : undefined,
            security,
          },
          r.io.env,
        );
        return added(s);
      }),
    );

  sync
    .command('run')
    .description('read a live source now (changes since the last run), or --all of them')
    .argument('[source]', 'the source name (see `tend sync list`)')
    .option('--all', 'every source')
    .option('--dry-run', 'show what would change; write nothing')
    .option('--with-subjects', 'keep mail subjects as titles')
    .addHelpText(
      'after',
      `${examples('tend sync run work', 'tend sync run --all --dry-run')}
Exit codes: 0 read; 4 a server that cannot be reached; 5 a server that refuses the login (or a
stored password this machine cannot decrypt); 2 an unknown source or a calendar or mailbox it
does not have. With --all every source is read: when one fails, the others' runs are kept and
printed, and the exit code is the first failure's.
`,
    )
    .action(
      r.act(async (ctx, [source], o) => {
        const live = await import('../../app/live-sources.js');
        // A bar from 500 events or messages on: the server makes that take a moment.
        const progress = progressBar(r.io, o.json === true, 500);
        const opts = {
          dryRun: o.dryRun === true,
          withSubjects: o.withSubjects === true,
          env: r.io.env,
          onProgress: (what: string, done: number, total: number) => {
            progress.update(what, done, total);
          },
        };
        if ((source === undefined) === (o.all !== true))
          throw invalid('name one source, or --all', [{ path: 'source', message: 'name one, or --all' }]);
        if (source !== undefined) {
          const s = await live.runSource(ctx, source, opts).finally(() => {
            progress.stop();
          });
          return { data: s, human: (c) => renderRun(c, s) };
        }
        const res = await live.runAllSources(ctx, opts).finally(() => {
          progress.stop();
        });
        const first = res.failed[0];
        const failure =
          first && new DomainError(first.code as DomainError['code'], first.message, { failed: res.failed });
        if (failure && res.runs.length === 0) throw failure;
        return {
          data: res,
          warnings: res.failed.map((f) => ({ code: f.code, message: f.message })),
          // Some sources failed: the others' runs are printed, and a script or cron sees the failure.
          ...(failure ? { exitCode: exitCodeFor(failure) } : {}),
          human: (c) =>
            res.runs.length === 0
              ? 'No live sources yet: `tend sync add caldav|imap …`.'
              : res.runs.map((s) => renderRun(c, s)).join('\n\n'),
        };
      }),
    );

  sync
    .command('list')
    .description('live sources (never their passwords) and capture runs, newest first')
    .addHelpText('after', examples('tend sync list', 'tend sync list --json'))
    .action(r.act(async (ctx) => listAll(ctx)));

  sync
    .command('remove')
    .description('forget a live source and its password (what it captured stays; undo its runs to drop it)')
    .argument('<source>', 'the source name')
    .addHelpText('after', examples('tend sync remove work'))
    .action(
      r.act(async (ctx, [source]) => {
        const { removeSource } = await import('../../app/live-sources.js');
        const res = await removeSource(ctx, source ?? '');
        return {
          data: res,
          human: () =>
            `Removed source ${res.removed.name}.${res.runs.length > 0 ? ` Its runs (${res.runs.join(', ')}) stay: \`tend sync undo RUN\` drops what one captured.` : ''}`,
        };
      }),
    );

  sync
    .command('undo')
    .description('undo everything one run captured (a live source reads those again on its next run)')
    .argument('<run>', 'run number (see `tend sync list`)', int('RUN'))
    .addHelpText('after', examples('tend sync undo 3'))
    .action(
      r.act(async (ctx, _a, _o, cmd) => {
        const { undoRun } = await import('../../app/capture-runs.js');
        const res = await undoRun(ctx, cmd.processedArgs[0] as number);
        return {
          data: res,
          human: () => `Run ${res.run.id} undone: ${plural(res.reverted, 'change')} reverted.`,
        };
      }),
    );
}

function added(s: SourceView): Result {
  return {
    data: { source: s },
    human: () =>
      `Connected ${s.kind === 'caldav' ? 'CalDAV' : 'IMAP'} source ${s.name} (${s.where}, ${s.user}); the password is stored encrypted. Read it with \`tend sync run ${s.name}\`.`,
  };
}

async function listAll(ctx: AppContext): Promise<Result> {
  const { listRuns } = await import('../../app/capture-runs.js');
  const { listSources } = await import('../../app/live-sources.js');
  const sources = await listSources(ctx);
  const runs = await listRuns(ctx);
  return {
    data: { sources, runs },
    human: (c) =>
      [
        sources.length === 0
          ? c.dim('No live sources: `tend sync add caldav|imap …`.')
          : `${c.bold('Sources')}\n${table(
              sources.map((s) => renderSource(c, s)),
              ['name', 'kind', 'where', 'user', 'reads', 'last run'],
              c,
            )}`,
        runs.length === 0
          ? 'No capture runs yet: `tend import calendar FILE.ics` or `tend sync run SOURCE`.'
          : `${c.bold('Runs')}\n${table(
              runs.map((x) => [
                `${x.id}`,
                x.kind,
                x.startedAt.slice(0, 16).replace('T', ' '),
                `+${x.counts.created ?? 0} ~${x.counts.updated ?? 0} -${x.counts.removed ?? 0}`,
                `${x.source}${x.undoneAt ? c.dim(' (undone)') : ''}`,
              ]),
              ['run', 'kind', 'started', 'changes', 'source'],
              c,
            )}`,
      ].join('\n'),
  };
}
