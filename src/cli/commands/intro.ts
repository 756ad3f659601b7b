import type { Command } from 'commander';
import type { IntroView } from '../../app/intros.js';
import { introStates, type IntroState } from '../../core/types.js';
import { invalid } from '../../core/errors.js';
import { indent, table, type Colors } from '../output.js';
import type { Runner } from '../runner.js';
import { examples, int } from './shared.js';

function render(c: Colors, i: IntroView): string {
  return [
    `${c.bold(`${i.a.name} ↔ ${i.b.name}`)} ${c.dim(`#${i.id}`)}  ${i.state.replace('_', ' ')}${i.declinedBy ? ` by ${i.declinedBy === 'a' ? i.a.name : i.b.name}` : ''}`,
    `why: ${i.reason}`,
    ...(i.outcome ? [`outcome: ${i.outcome}`] : []),
    ...(i.next.length > 0 ? [c.dim(`next: tend intro update ${i.id} ${i.next[0] ?? ''}`)] : []),
    '',
    c.bold(`Draft for ${i.a.name}:`),
    indent(i.drafts.a, 2),
    '',
    c.bold(`Draft for ${i.b.name}:`),
    indent(i.drafts.b, 2),
  ].join('\n');
}

// Use cases are imported inside each action: a command loads only what it runs.
export function registerIntro(program: Command, r: Runner): void {
  const intro = program
    .command('intro')
    .description('double opt-in introductions: proposed → asked A → asked B → made → outcome')
    .addHelpText(
      'after',
      examples(
        'tend intro propose priya lars --reason "Priya is hiring data engineers; Lars is looking"',
        'tend intro update 3 asked_a',
        'tend intro list',
        'tend intro show 3',
      ),
    );
  intro
    .command('propose')
    .description('propose introducing A and B (the matcher finds the need and offer if you give none)')
    .argument('<a>', 'first person')
    .argument('<b>', 'second person')
    .option('--reason <text>', 'why they should meet')
    .option('--need <id>', 'the need it meets', int('--need'))
    .option('--offer <id>', 'the offer that meets it', int('--offer'))
    .action(
      r.act(async (ctx, [a, b], o) => {
        const { proposeIntro } = await import('../../app/intros.js');
        const i = await proposeIntro(ctx, {
          a: a ?? '',
          b: b ?? '',
          reason: o.reason as string | undefined,
          need: o.need as number | undefined,
          offer: o.offer as number | undefined,
        });
        return { data: { intro: i }, human: (c) => render(c, i) };
      }),
    );
  intro
    .command('update')
    .description(`move an introduction on: ${introStates.join(', ')}`)
    .argument('<id>', 'introduction id', int('ID'))
    .argument('<state>', 'the new state')
    .option('--outcome <text>', 'what came of it (with state outcome)')
    .action(
      r.act(async (ctx, _args, o, cmd) => {
        const { updateIntro } = await import('../../app/intros.js');
        const i = await updateIntro(
          ctx,
          cmd.processedArgs[0] as number,
          String(cmd.processedArgs[1]).replace('-', '_'),
          { outcome: o.outcome as string | undefined },
        );
        return {
          data: { intro: i },
          human: (c) =>
            `${c.bold(`${i.a.name} ↔ ${i.b.name}`)}: ${i.state.replace('_', ' ')}${i.state === 'made' ? ' — logged as a give to both' : ''}.`,
        };
      }),
    );
  intro
    .command('list')
    .description('introductions, with their state')
    .option('--state <state>', 'only this state')
    .action(
      r.act(async (ctx, _a, o) => {
        const { listIntros } = await import('../../app/intros.js');
        if (o.state !== undefined && !(introStates as readonly string[]).includes(o.state as string))
          throw invalid(`--state must be one of ${introStates.join(', ')}`, [
            { path: '--state', message: 'unknown state' },
          ]);
        const list = await listIntros(ctx, o.state !== undefined ? { states: [o.state as IntroState] } : {});
        return {
          data: { intros: list },
          human: (c) =>
            list.length === 0
              ? 'No introductions yet: `tend match` shows the ones you could make.'
              : table(
                  list.map((i) => [
                    c.dim(`#${i.id}`),
                    i.state.replace('_', ' '),
                    `${i.a.name} ↔ ${i.b.name}`,
                    i.reason,
                  ]),
                  ['id', 'state', 'who', 'why'],
                  c,
                ),
        };
      }),
    );
  intro
    .command('show')
    .description('one introduction with draft messages for both sides')
    .argument('<id>', 'introduction id', int('ID'))
    .action(
      r.act(async (ctx, _a, _o, cmd) => {
        const { showIntro } = await import('../../app/intros.js');
        const i = await showIntro(ctx, cmd.processedArgs[0] as number);
        return { data: { intro: i }, human: (c) => render(c, i) };
      }),
    );
}
