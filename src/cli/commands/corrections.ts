import { Option, type Command } from 'commander';
import { invalid } from '../../core/errors.js';
import { allKinds, channels, natures } from '../../core/types.js';
import type { Runner } from '../runner.js';
import { examples, int } from './shared.js';

const kinds = ['interaction', 'item', 'promise', 'event'] as const;
type RecordKind = (typeof kinds)[number];

const said = {
  removed: 'Removed',
  restored: 'Restored',
  edited: 'Corrected',
  unedited: 'Put back',
} as const;

/**
 * `tend rm`, `tend fix` and `tend undo`: correct or remove what was added, and take it back
 * (docs/decisions/0014-edit-and-undo.md). Every removal and edit made here is remembered for undo.
 */
export function registerCorrections(program: Command, r: Runner): void {
  program
    .command('rm')
    .description(
      'remove an interaction, a need/offer/goal (item), a promise or an event (tend undo brings it back)',
    )
    .addArgument(program.createArgument('<kind>', 'what to remove').choices(kinds))
    .argument('<id>', 'its id (shown by tend show, tend promises, tend events)', int('ID'))
    .addHelpText('after', examples('tend rm interaction 42', 'tend rm promise 7', 'tend undo'))
    .action(
      r.act(async (ctx, _a, _o, cmd) => {
        const { removeRecord } = await import('../../app/corrections.js');
        const [kind, id] = cmd.processedArgs as [RecordKind, number];
        const res = await removeRecord(ctx, kind, id, { journal: true });
        return {
          data: res,
          human: (c) =>
            `${said[res.done]} ${kind} ${c.dim(`#${id}`)}. ${c.dim('(tend undo brings it back)')}`,
        };
      }),
    );

  const fix = program
    .command('fix')
    .description('correct an interaction or a promise (needs and offers: tend item; people: tend edit)');
  fix
    .command('interaction')
    .description('correct when, how and what an interaction was, or its note')
    .argument('<id>', 'the interaction id', int('ID'))
    .option('--date <date>', 'when: 2026-03-14, yesterday, last friday')
    .addOption(new Option('--via <channel>', 'how').choices(channels))
    .addOption(new Option('--nature <nature>', 'what was exchanged').choices(natures))
    .addOption(
      new Option('--kind <kind>', 'kind of give or ask ("none" clears it)').choices([...allKinds, 'none']),
    )
    .option('--note <text>', 'a line about it ("" clears it)')
    .addHelpText(
      'after',
      examples(
        'tend fix interaction 42 --date yesterday',
        'tend fix interaction 42 --kind intro --note "intro to Lars"',
      ),
    )
    .action(
      r.act(async (ctx, _a, o, cmd) => {
        const { editInteraction } = await import('../../app/corrections.js');
        const { dateText, optText, parse } = await import('../../app/validate.js');
        const { limits } = await import('../../core/text.js');
        const id = cmd.processedArgs[0] as number;
        if ([o.date, o.via, o.nature, o.kind, o.note].every((v) => v === undefined))
          throw invalid('nothing to correct: give --date, --via, --nature, --kind or --note', [
            { path: 'options', message: 'none given' },
          ]);
        const note =
          o.note !== undefined ? (parse(optText(limits.text), o.note, '--note') ?? null) : undefined;
        const res = await editInteraction(
          ctx,
          id,
          {
            date: o.date !== undefined ? parse(dateText, o.date, '--date') : undefined,
            channel: o.via as never,
            nature: o.nature as never,
            kind: o.kind === 'none' ? null : (o.kind as never),
            note,
          },
          { journal: true },
        );
        return { data: res, human: (c) => `${said[res.done]} interaction ${c.dim(`#${id}`)}.` };
      }),
    );
  fix
    .command('promise')
    .description('correct what you promised or by when')
    .argument('<id>', 'the promise id', int('ID'))
    .option('--text <text>', 'what you promised')
    .option('--due <date>', 'by when: friday, 2026-03-14, in 2 weeks')
    .addHelpText(
      'after',
      examples('tend fix promise 7 --due "next friday"', 'tend fix promise 7 --text "send the deck"'),
    )
    .action(
      r.act(async (ctx, _a, o, cmd) => {
        const { editPromise } = await import('../../app/corrections.js');
        const { dateText, parse, text } = await import('../../app/validate.js');
        const { limits } = await import('../../core/text.js');
        const id = cmd.processedArgs[0] as number;
        if (o.text === undefined && o.due === undefined)
          throw invalid('nothing to correct: give --text or --due', [
            { path: 'options', message: 'none given' },
          ]);
        const res = await editPromise(
          ctx,
          id,
          {
            text: o.text !== undefined ? parse(text(limits.text), o.text, '--text') : undefined,
            due: o.due !== undefined ? parse(dateText, o.due, '--due') : undefined,
          },
          { journal: true },
        );
        return { data: res, human: (c) => `${said[res.done]} promise ${c.dim(`#${id}`)}.` };
      }),
    );

  program
    .command('undo')
    .description('take back the last removal or correction made with tend, or restore one removed record')
    .addArgument(program.createArgument('[kind]', 'what to restore').choices(kinds))
    .argument('[id]', 'its id', int('ID'))
    .addHelpText('after', examples('tend undo', 'tend undo interaction 42'))
    .action(
      r.act(async (ctx, _a, _o, cmd) => {
        const { restoreRecord, undoLast } = await import('../../app/corrections.js');
        const [kind, id] = cmd.processedArgs as [RecordKind | undefined, number | undefined];
        if (kind !== undefined && id === undefined)
          throw invalid(`say which ${kind} to restore: tend undo ${kind} ID`, [
            { path: 'ID', message: 'is missing' },
          ]);
        const res =
          kind !== undefined && id !== undefined ? await restoreRecord(ctx, kind, id) : await undoLast(ctx);
        return { data: res, human: (c) => `${said[res.done]} ${res.kind} ${c.dim(`#${res.id}`)}.` };
      }),
    );
}
