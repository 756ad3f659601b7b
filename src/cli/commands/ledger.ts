import { Option, type Command } from 'commander';
import { invalid } from '../../core/errors.js';
import {
  allKinds,
  askKinds,
  channels,
  giveKinds,
  itemStatuses,
  natures,
  outcomeKinds,
  type ItemStatus,
} from '../../core/types.js';
import { table } from '../output.js';
import type { Runner } from '../runner.js';
import { examples, int } from './shared.js';
import { fmtBalance } from '../person-output.js';

const flagNames = {
  people: 'PERSON',
  channel: '--via',
  nature: '--nature',
  kind: '--kind',
  note: '--note',
  date: '--date',
  text: 'TEXT',
  person: 'PERSON',
  due: '--due',
};

// Use cases are imported inside each action: a command loads only what it runs.
export function registerLedger(program: Command, r: Runner): void {
  for (const side of ['need', 'offer'] as const) {
    program
      .command(side)
      .description(
        side === 'need' ? 'note what would help someone right now' : 'note what someone can give others',
      )
      .argument('<person>', 'id or name')
      .argument('<text>', side === 'need' ? 'the need, in their words' : 'the offer, in their words')
      .addHelpText(
        'after',
        examples(
          side === 'need'
            ? 'tend need jonas "a Postgres expert to review our schema"'
            : 'tend offer lars "intros to Berlin data engineers"',
        ),
      )
      .action(
        r.act(async (ctx, [person, raw]) => {
          const { addItem } = await import('../../app/items.js');
          const { itemText, parse } = await import('../../app/validate.js');
          const item = await addItem(ctx, { person, side, text: parse(itemText, raw, 'TEXT') });
          return {
            data: { item },
            human: (c) => `Noted ${side} ${c.dim(`#${item.id}`)} for ${c.bold(item.personName ?? '')}.`,
          };
        }),
      );
  }

  program
    .command('item')
    .description('change a need, offer or goal: mark it met or stale, reopen, reword or delete it')
    .argument('<id>', 'the item id', int('ITEM'))
    .addOption(new Option('--status <status>', 'new status').choices([...itemStatuses, 'deleted']))
    .option('--text <text>', 'new wording')
    .addHelpText(
      'after',
      examples('tend item 12 --status met', 'tend item 12 --text "a Postgres DBA for two weeks"'),
    )
    .action(
      r.act(async (ctx, _a, o, cmd) => {
        const { editItemText, setItemStatus } = await import('../../app/items.js');
        const { itemText, parse } = await import('../../app/validate.js');
        const id = cmd.processedArgs[0] as number;
        if (o.status === undefined && o.text === undefined)
          throw invalid('give --status or --text', [{ path: 'options', message: 'none given' }]);
        const text = o.text !== undefined ? parse(itemText, o.text, '--text') : undefined;
        const { rememberItemEdit, removeRecord } = await import('../../app/corrections.js');
        // Remembered for `tend undo`: a deletion is a removal, restorable; an edit keeps the old words.
        if (o.status === 'deleted') {
          await removeRecord(ctx, 'item', id, { journal: true });
          return {
            data: { item: { id, deleted: true } },
            human: () => `Item #${id} deleted (tend undo brings it back).`,
          };
        }
        await rememberItemEdit(ctx, id);
        let item = text !== undefined ? await editItemText(ctx, id, text) : undefined;
        if (o.status !== undefined) item = await setItemStatus(ctx, id, o.status as ItemStatus);
        return {
          data: { item },
          human: () => `Item #${id} ${o.status === 'deleted' ? 'deleted' : 'updated'}.`,
        };
      }),
    );

  program
    .command('log')
    .description('log an interaction with one or more people')
    .argument('<people...>', 'ids or names')
    .addOption(new Option('--via <channel>', 'how').choices(channels).makeOptionMandatory())
    .addOption(new Option('--nature <nature>', 'what was exchanged').choices(natures).makeOptionMandatory())
    .addOption(new Option('--kind <kind>', 'kind of give or ask').choices(allKinds))
    .option('--note <text>', 'a line about it')
    .option('--date <date>', 'when (default today): 2026-03-14, yesterday, last friday')
    .addHelpText(
      'after',
      examples(
        'tend log jonas --via in_person --nature touch --note "coffee at Oslo Kaffebar"',
        'tend log anna ben --via social --nature touch --date yesterday',
      ),
    )
    .action(
      r.act(async (ctx, people, o) => {
        const { logInteraction } = await import('../../app/interactions.js');
        const { logInput, parse } = await import('../../app/validate.js');
        const input = parse(
          logInput,
          { people, channel: o.via, nature: o.nature, kind: o.kind, note: o.note, date: o.date },
          'input',
          flagNames,
        );
        const res = await logInteraction(ctx, input);
        return {
          data: res,
          warnings: res.warnings,
          human: (c) =>
            `Logged ${res.interaction.nature} (${res.interaction.channel}) with ${res.people.map((p) => c.bold(p.name)).join(', ')} on ${res.interaction.date}.`,
        };
      }),
    );

  program
    .command('give')
    .description('log something you gave: an intro, a referral, advice, a resource, a favor…')
    .argument('<person>', 'id or name')
    .argument('<text>', 'what you gave')
    .addOption(new Option('--kind <kind>', 'kind of give').choices(giveKinds))
    .addOption(new Option('--via <channel>', 'how (default message)').choices(channels))
    .option('--date <date>', 'when (default today)')
    .addHelpText(
      'after',
      examples(
        'tend give jonas "introduced him to Lars" --kind intro',
        'tend give anna "birthday card" --kind gift --via letter',
      ),
    )
    .action(
      r.act(async (ctx, [person, text], o) => {
        const { give } = await import('../../app/interactions.js');
        const { giveInput, parse } = await import('../../app/validate.js');
        const res = await give(
          ctx,
          parse(giveInput, { person, text, kind: o.kind, channel: o.via, date: o.date }, 'input', flagNames),
        );
        return {
          data: res,
          human: (c) =>
            `Gave to ${c.bold(res.people[0]?.name ?? '')}. Balance ${fmtBalance(c, res.ledger.balance)}.`,
        };
      }),
    );

  program
    .command('ask')
    .description('log an ask: refused (exit 3) if you have never given to them, unless --anyway')
    .argument('<person>', 'id or name')
    .argument('<text>', 'what you ask for')
    .addOption(new Option('--kind <kind>', 'kind of ask').choices(askKinds))
    .addOption(new Option('--via <channel>', 'how (default message)').choices(channels))
    .option('--anyway', 'ask even though you never gave (recorded as unearned)')
    .option('--date <date>', 'when (default today)')
    .addHelpText(
      'after',
      examples(
        'tend ask carla "a referral to her CFO" --kind referral',
        'tend ask carla "a quick intro" --anyway',
      ),
    )
    .action(
      r.act(async (ctx, [person, text], o) => {
        const { ask } = await import('../../app/interactions.js');
        const { askInput, parse } = await import('../../app/validate.js');
        const res = await ask(
          ctx,
          parse(
            askInput,
            { person, text, kind: o.kind, channel: o.via, date: o.date, anyway: Boolean(o.anyway) },
            'input',
            flagNames,
          ),
        );
        return {
          data: res,
          warnings: res.warnings,
          human: (c) =>
            [
              `Asked ${c.bold(res.people[0]?.name ?? '')}. Balance ${fmtBalance(c, res.ledger.balance)}.`,
              ...(res.gives.length > 0
                ? [c.bold('Give back:'), ...res.gives.map((g) => `  • ${g.text}`)]
                : []),
            ].join('\n'),
        };
      }),
    );

  program
    .command('promise')
    .description('note something you said you would do for someone, with a due date')
    .argument('<person>', 'id or name')
    .argument('<text>', 'what you promised')
    .requiredOption('--due <date>', 'when: 2026-03-14, friday, in 2 weeks')
    .addHelpText('after', examples('tend promise jonas "send the pgbench notes" --due friday'))
    .action(
      r.act(async (ctx, [person, text], o) => {
        const { makePromise } = await import('../../app/promises.js');
        const { parse, promiseInput } = await import('../../app/validate.js');
        const p = await makePromise(
          ctx,
          parse(promiseInput, { person, text, due: o.due }, 'input', flagNames),
        );
        return {
          data: { promise: p },
          human: (c) => `Promise ${c.dim(`#${p.id}`)} to ${c.bold(p.personName)}, due ${p.due}.`,
        };
      }),
    );

  program
    .command('promises')
    .description('list open promises (all with --all)')
    .option('--all', 'kept and broken ones too')
    .action(
      r.act(async (ctx, _a, o) => {
        const { listPromises } = await import('../../app/promises.js');
        const list = await listPromises(ctx, { all: Boolean(o.all) });
        return {
          data: { promises: list },
          human: (c) =>
            list.length === 0
              ? 'No open promises.'
              : table(
                  list.map((p) => [
                    c.dim(`#${p.id}`),
                    p.due,
                    p.overdue ? c.red('late') : p.status,
                    p.personName,
                    p.text,
                  ]),
                  ['id', 'due', 'status', 'to', 'promise'],
                  c,
                ),
        };
      }),
    );

  program
    .command('done')
    .description('close a promise as kept (or --broken)')
    .argument('<promise>', 'promise id', int('PROMISE'))
    .option('--broken', 'you did not keep it')
    .addHelpText('after', examples('tend done 3', 'tend done 4 --broken'))
    .action(
      r.act(async (ctx, _a, o, cmd) => {
        const { closePromise } = await import('../../app/promises.js');
        const p = await closePromise(ctx, cmd.processedArgs[0] as number, o.broken ? 'broken' : 'kept');
        return {
          data: { promise: p },
          human: (c) =>
            p.status === 'kept'
              ? `Kept promise #${p.id}${p.late ? c.yellow(' (late)') : ''}.`
              : `Promise #${p.id} marked broken.`,
        };
      }),
    );

  program
    .command('outcome')
    .description('what came of a give: a thank-you, something it led to, business closed')
    .argument('<give>', 'the id of the give (interaction)', int('GIVE'))
    .addOption(new Option('--kind <kind>', 'what came of it').choices(outcomeKinds).makeOptionMandatory())
    .option('--value <amount>', 'business value, e.g. 1200 or 1200.50')
    .option('--note <text>', 'a line about it')
    .option('--date <date>', 'when (default today)')
    .addHelpText('after', examples('tend outcome 57 --kind business --value 4800 --note "closed the audit"'))
    .action(
      r.act(async (ctx, _a, o, cmd) => {
        const { recordOutcome } = await import('../../app/interactions.js');
        let valueCents: number | undefined;
        if (o.value !== undefined) {
          const value = typeof o.value === 'string' ? o.value : '';
          if (!/^\d+(\.\d{1,2})?$/.test(value))
            throw invalid(`--value must be an amount like 1200 or 1200.50, not "${value}"`, [
              { path: '--value', message: 'not an amount' },
            ]);
          valueCents = Math.round(Number(value) * 100);
        }
        const res = await recordOutcome(ctx, {
          interactionId: cmd.processedArgs[0] as number,
          kind: o.kind as string,
          valueCents,
          note: o.note as string | undefined,
          date: o.date as string | undefined,
        });
        return { data: res, human: () => `Outcome #${res.id} recorded: giving works.` };
      }),
    );
}
