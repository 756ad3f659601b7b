import type { Command } from 'commander';
import type { EventView } from '../../app/events.js';
import { table, type Colors } from '../output.js';
import type { Runner } from '../runner.js';
import { examples } from './shared.js';

const outcomeMark = (c: Colors, e: EventView): string =>
  e.outcome === 'succeeded'
    ? c.green('success')
    : e.outcome === 'pending'
      ? c.yellow('pending')
      : c.red(e.outcome.replace('_', ' '));

function renderEvent(c: Colors, e: EventView): string {
  return [
    `${c.bold(e.name)} ${c.dim(`#${e.id}`)}  ${e.date}${e.place ? `  ${e.place}` : ''}  ${outcomeMark(c, e)}`,
    ...e.people.map(
      (p) =>
        `  ${p.followUp ? (p.followedUp ? c.green('✓') : c.yellow('→')) : ' '} ${p.name}${p.line ? c.dim(` — ${p.line}`) : ''}`,
    ),
    e.people.length === 0 ? c.dim('  no one captured yet: `tend event met NAME --line "…"`') : '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

// Use cases are imported inside each action: a command loads only what it runs.
export function registerEvents(program: Command, r: Runner): void {
  const event = program
    .command('event')
    .description(
      'events: capture the people you met, pick whom to follow up; one good follow-up is a success',
    )
    .addHelpText(
      'after',
      examples(
        'tend event add "Data Council meetup" --date today',
        'tend event met "Ben Ortiz" --line "building a dbt shop, hiring"',
        'tend event followup ben',
        'tend event list',
      ),
    );
  event
    .command('add')
    .description('add an event')
    .argument('<name>', 'the event')
    .option('--date <date>', 'when (default today)')
    .option('--place <text>', 'where')
    .action(
      r.act(async (ctx, [name], o) => {
        const { addEvent } = await import('../../app/events.js');
        const e = await addEvent(ctx, {
          name: name ?? '',
          date: o.date as string | undefined,
          place: o.place as string | undefined,
        });
        return {
          data: { event: e },
          human: (c) => `Event ${c.bold(e.name)} ${c.dim(`#${e.id}`)} on ${e.date}.`,
        };
      }),
    );
  event
    .command('met')
    .description('capture someone you met: a name and one line is enough')
    .argument('<name>', 'their name (someone you have by exactly this name is linked; else a new person)')
    .option('--line <text>', 'one line: what they do, what they need')
    .option('--event <event>', 'event id or name (default: the latest)')
    .option('--known', 'they are already in Tend: link the person this name or prefix finds')
    .action(
      r.act(async (ctx, [name], o) => {
        const { addMetAtEvent } = await import('../../app/events.js');
        const res = await addMetAtEvent(ctx, {
          event: o.event as string | undefined,
          name: name ?? '',
          line: o.line as string | undefined,
          existing: Boolean(o.known),
        });
        return {
          data: { event: res.event, person: res.person },
          warnings: res.warnings,
          human: (c) =>
            `Met ${c.bold(res.person.name)} at ${res.event.name}${res.person.created ? ' (new person)' : ` ${c.dim(`(#${res.person.id}, already in Tend)`)}`}.`,
        };
      }),
    );
  event
    .command('followup')
    .description('pick people met at an event to follow up')
    .argument('<people...>', 'names or ids of people met there')
    .option('--event <event>', 'event id or name (default: the latest)')
    .option('--off', 'un-pick them')
    .action(
      r.act(async (ctx, people, o) => {
        const { pickFollowUp } = await import('../../app/events.js');
        const e = await pickFollowUp(ctx, {
          event: o.event as string | undefined,
          people,
          off: Boolean(o.off),
        });
        return { data: { event: e }, human: (c) => renderEvent(c, e) };
      }),
    );
  event
    .command('list')
    .description('events, newest first, with whether each succeeded')
    .action(
      r.act(async (ctx) => {
        const { listEvents } = await import('../../app/events.js');
        const events = await listEvents(ctx);
        return {
          data: { events },
          human: (c) =>
            events.length === 0
              ? 'No events yet.'
              : table(
                  events.map((e) => [
                    c.dim(`#${e.id}`),
                    e.date,
                    e.name,
                    `${e.people.length} met`,
                    `${e.people.filter((p) => p.followUp).length} picked`,
                    outcomeMark(c, e),
                  ]),
                  ['id', 'date', 'event', 'met', 'picked', 'outcome'],
                  c,
                ),
        };
      }),
    );
  event
    .command('show')
    .description('one event and the people met there')
    .argument('[event]', 'event id or name (default: the latest)')
    .action(
      r.act(async (ctx, [q]) => {
        const { showEvent } = await import('../../app/events.js');
        const e = await showEvent(ctx, q);
        return { data: { event: e }, human: (c) => renderEvent(c, e) };
      }),
    );
}
