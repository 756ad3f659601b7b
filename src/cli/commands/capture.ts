import type { Command } from 'commander';
import type { CalendarCaptureSummary } from '../../app/capture-calendar.js';
import type { MailCaptureSummary } from '../../app/capture-mail.js';
import { progressBar } from '../progress.js';
import type { AppContext } from '../../app/context.js';
import { plural, table, type Colors, type Result } from '../output.js';
import type { Opts, Runner } from '../runner.js';
import { examples } from './shared.js';

const num = (n: number): string => n.toLocaleString('en-US');

const skipWords: Record<keyof CalendarCaptureSummary['skipped'], string> = {
  not_ended: 'not over yet',
  cancelled: 'cancelled',
  declined: 'declined by you',
  all_day: 'all-day',
  too_many_attendees: 'too many attendees',
  no_one_else: 'no one else there',
};

/** `tend import calendar FILE` (dispatched from the import command). */
export async function runCalendarImport(
  ctx: AppContext,
  r: Runner,
  file: string,
  opts: Opts,
): Promise<Result> {
  const { importCalendar } = await import('../../app/capture-calendar.js');
  // A bar from 2,000 occurrences on: a calendar of years of meetings takes a moment.
  const progress = progressBar(r.io, opts.json === true, 2000);
  let s: CalendarCaptureSummary;
  try {
    s = await importCalendar(ctx, {
      file,
      dryRun: opts.dryRun === true,
      strict: opts.strict === true,
      onProgress: (done, total) => {
        progress.update('capturing meetings (occurrences)', done, total);
      },
    });
  } finally {
    progress.stop();
  }
  const warnings = [
    ...(s.knowsMe
      ? []
      : [
          {
            code: 'no_my_email',
            message:
              'Tend does not know your email addresses, so it cannot tell which attendee you are nor which invitations you declined: `tend me email ADDRESS`',
          },
        ]),
    ...(s.events === 0
      ? [
          {
            code: 'no_events',
            message: `${file} is a calendar with no events in it: was it exported with them (Google: Settings → Import & export; Outlook: File → Save Calendar, "Whole calendar")?`,
          },
        ]
      : []),
  ];
  return { data: s, warnings, human: (c) => renderCalendar(c, s) };
}

/** `tend import mail FILE` (dispatched from the import command). */
export async function runMailImport(ctx: AppContext, r: Runner, file: string, opts: Opts): Promise<Result> {
  const { importMail } = await import('../../app/capture-mail.js');
  // A bar from 8 MB on: a mailbox that size takes a moment to stream.
  const progress = progressBar(r.io, opts.json === true, 8 << 20);
  let s: MailCaptureSummary;
  try {
    s = await importMail(ctx, {
      file,
      dryRun: opts.dryRun === true,
      strict: opts.strict === true,
      withSubjects: opts.withSubjects === true,
      onProgress: (done, total) => {
        progress.update('reading the mailbox (bytes)', done, total);
      },
    });
  } finally {
    progress.stop();
  }
  const warnings = s.knowsMe
    ? []
    : [
        {
          code: 'no_my_email',
          message:
            'Tend does not know your email addresses, so it cannot tell what you sent: `tend me email ADDRESS`',
        },
      ];
  return {
    data: s,
    warnings,
    human: (c) => {
      const skipped = Object.entries(s.skipped).filter(([, n]) => n > 0);
      return [
        `${s.dryRun ? c.yellow('Dry run, nothing written. ') : ''}Mailbox ${s.file}: ${num(s.messages)} messages, ${num(s.personal)} personal.`,
        c.bold(
          s.changedNothing
            ? `Nothing ${s.dryRun ? 'would change' : 'changed'}: ${num(s.unchanged)} conversations already captured.`
            : `${plural(s.created, 'conversation')} ${s.dryRun ? 'would be ' : ''}added, ${num(s.unchanged)} unchanged.`,
        ),
        ...(skipped.length > 0
          ? [
              c.dim(
                `Not counted: ${skipped.map(([k, n]) => `${num(n)} ${k.replace(/_/g, ' ')}`).join(', ')}.`,
              ),
            ]
          : []),
        ...(s.newStrangers > 0
          ? [
              `${plural(s.newStrangers, 'person', 'people')} you wrote with ${s.newStrangers === 1 ? 'is' : 'are'} not in Tend: \`tend capture review\`.`,
            ]
          : []),
        ...(s.run !== undefined ? [c.dim(`Run ${s.run}: undo it with \`tend sync undo ${s.run}\`.`)] : []),
        ...s.problems.map((p) => `line ${p.line}: ${p.message}`),
      ].join('\n');
    },
  };
}

function renderCalendar(c: Colors, s: CalendarCaptureSummary): string {
  const would = s.dryRun ? 'would be ' : '';
  const lines = [
    `${s.dryRun ? c.yellow('Dry run, nothing written. ') : ''}Calendar ${s.file}${s.calendar ? ` (${s.calendar})` : ''}: ${num(s.events)} events, ${num(s.occurrences)} occurrences so far.`,
  ];
  if (s.changedNothing)
    lines.push(
      c.bold(
        `Nothing ${s.dryRun ? 'would change' : 'changed'}: ${num(s.unchanged)} meetings already captured.`,
      ),
    );
  else
    lines.push(
      c.bold(
        `${plural(s.created, 'interaction')} ${would}added, ${num(s.updated)} ${would}updated, ${num(s.removed)} ${would}removed, ${num(s.unchanged)} unchanged.`,
      ),
    );
  const skipped = Object.entries(s.skipped).filter(([, n]) => n > 0);
  if (skipped.length > 0)
    lines.push(
      c.dim(
        `Not counted: ${skipped.map(([k, n]) => `${num(n)} ${skipWords[k as keyof typeof skipWords]}`).join(', ')}.`,
      ),
    );
  if (s.newStrangers > 0)
    lines.push(
      `${plural(s.newStrangers, 'person', 'people')} you met ${s.newStrangers === 1 ? 'is' : 'are'} not in Tend: \`tend capture review\`.`,
    );
  if (s.run !== undefined) lines.push(c.dim(`Run ${s.run}: undo it with \`tend sync undo ${s.run}\`.`));
  for (const p of s.problems) lines.push(c.dim(`${p.line > 0 ? `line ${p.line}: ` : ''}${p.message}`));
  return lines.join('\n');
}

export function registerCapture(program: Command, r: Runner): void {
  const cap = program
    .command('capture')
    .description('people met in meetings who are not in Tend')
    .addHelpText(
      'after',
      examples(
        'tend capture review',
        'tend capture add ana@example.com --network',
        'tend capture ignore noreply@zoom.us',
      ),
    );
  cap
    .command('review')
    .description('met in meetings, not in Tend: who, how often, when')
    .action(
      r.act(async (ctx) => {
        const { reviewStrangers } = await import('../../app/capture-runs.js');
        const people = await reviewStrangers(ctx);
        return {
          data: { people },
          human: (c) =>
            people.length === 0
              ? 'No one is waiting: everyone you met is in Tend (or ignored).'
              : [
                  c.bold('Met in meetings, not in Tend'),
                  table(
                    people.map((p) => [p.name ?? '', p.email, `${p.count}×`, `last ${p.last}`]),
                    undefined,
                    c,
                  ),
                  c.dim('Add with `tend capture add EMAIL [--network]`, or `tend capture ignore EMAIL`.'),
                ].join('\n'),
        };
      }),
    );
  cap
    .command('add')
    .description('add someone from the review list (to your pool, or --network); their meetings count')
    .argument('<email>', 'their address as the review list shows it')
    .option('--network', 'into your network instead of the pool')
    .option('--name <name>', 'their name, if the calendar did not give it')
    .action(
      r.act(async (ctx, [email], o) => {
        const { addStranger } = await import('../../app/capture-runs.js');
        const res = await addStranger(ctx, email ?? '', {
          circle: o.network === true ? 'network' : 'pool',
          name: typeof o.name === 'string' ? o.name : undefined,
        });
        return {
          data: res,
          human: () =>
            `Added ${res.person.name} to your ${res.person.circle}, with ${plural(res.meetings, res.kind === 'calendar' ? 'meeting' : 'conversation')}.`,
        };
      }),
    );
  cap
    .command('ignore')
    .description('never list this address again')
    .argument('<email>', 'the address')
    .action(
      r.act(async (ctx, [email]) => {
        const { ignoreStranger } = await import('../../app/capture-runs.js');
        const res = await ignoreStranger(ctx, email ?? '');
        return { data: res, human: () => `${res.email} will not be listed again.` };
      }),
    );
}

/** `tend me email [ADDRESS…] [--remove ADDRESS…]`, registered under `me`. */
export function registerMyEmail(me: Command, r: Runner): void {
  me.command('email')
    .description('your email addresses: which attendee or sender is you')
    .argument('[address...]', 'addresses to add')
    .option('--remove <address...>', 'addresses to remove')
    .addHelpText(
      'after',
      examples(
        'tend me email',
        'tend me email maya@example.com maya@work.example',
        'tend me email --remove old@example.com',
      ),
    )
    .action(
      r.act(async (ctx, args, o) => {
        const { changeMyEmails } = await import('../../app/capture-runs.js');
        const remove = Array.isArray(o.remove) ? (o.remove as string[]) : [];
        const res = await changeMyEmails(ctx, { add: args, remove });
        return {
          data: res,
          human: (c) =>
            [
              ...(res.added.length > 0 ? [`Added ${res.added.join(', ')}.`] : []),
              ...(res.removed.length > 0 ? [`Removed ${res.removed.join(', ')}.`] : []),
              res.emails.length === 0
                ? 'No addresses of yours yet: `tend me email ADDRESS`.'
                : `${c.bold('Your addresses')}\n${res.emails.map((e) => `  ${e}`).join('\n')}`,
            ].join('\n'),
        };
      }),
    );
}
