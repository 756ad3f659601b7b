import type { Command } from 'commander';
import type { Item } from '../../core/types.js';
import type { Colors } from '../output.js';
import type { Runner } from '../runner.js';
import { registerMyEmail } from './capture.js';
import { collect, examples, int } from './shared.js';

const list = (c: Colors, title: string, items: Item[]): string[] => [
  c.bold(title),
  ...(items.length === 0
    ? [c.dim('  none yet')]
    : items.map(
        (i) => `  ${c.dim(`#${i.id}`)} ${i.text}${i.status !== 'open' ? c.dim(` (${i.status})`) : ''}`,
      )),
];

// Use cases are imported inside each action: a command loads only what it runs.
export function registerMe(program: Command, r: Runner): void {
  program
    .command('init')
    .description('set up Tend: what you can offer, what you need, what you are trying to accomplish')
    .option('--offer <text>', 'something you can give (repeatable)', collect, [])
    .option('--need <text>', 'something you need (repeatable)', collect, [])
    .option('--goal <text>', 'something you are trying to accomplish (repeatable)', collect, [])
    .option('--email <address>', 'an email address of yours (repeatable; see `tend me email`)', collect, [])
    .addHelpText(
      'after',
      examples(
        'tend init',
        'tend init --offer "SQL tuning" --offer "intros to Berlin data engineers" --need "two new clients in fintech"',
      ),
    )
    .action(
      r.act(async (ctx, _a, o) => {
        const { addItem, myItems } = await import('../../app/items.js');
        const { itemText, parse } = await import('../../app/validate.js');
        let offers = o.offer as string[];
        let needs = o.need as string[];
        let goals = o.goal as string[];
        const stdin = r.io.stdin;
        if (offers.length + needs.length + goals.length === 0 && stdin?.isTTY && !o.json) {
          const { default: readline } = await import('node:readline/promises');
          const rl = readline.createInterface({ input: stdin, output: r.io.stdout });
          const askList = async (q: string): Promise<string[]> =>
            (await rl.question(q))
              .split(';')
              .map((s) => s.trim())
              .filter(Boolean);
          offers = await askList('What can you offer others? (separate with ;) ');
          needs = await askList('What do you need right now? ');
          goals = await askList('What are you trying to accomplish? ');
          rl.close();
        }
        // Validate everything first: a bad --need after a good --offer writes nothing.
        const wanted = (
          [
            ['offer', offers],
            ['need', needs],
            ['goal', goals],
          ] as const
        ).flatMap(([side, texts]) => texts.map((t) => ({ side, text: parse(itemText, t, `--${side}`) })));
        const emails = o.email as string[];
        if (emails.length > 0) {
          const { changeMyEmails } = await import('../../app/capture-runs.js');
          await changeMyEmails(ctx, { add: emails });
        }
        const added: Item[] = [];
        const unchanged: Item[] = [];
        for (const w of wanted) {
          const { unchanged: had, ...item } = await addItem(ctx, w);
          (had ? unchanged : added).push(item);
        }
        const mine = await myItems(ctx);
        return {
          data: { database: ctx.store.location, ...mine, added, unchanged },
          human: (c) =>
            [
              `Tend is ready: ${c.dim(ctx.store.location)}`,
              ...list(c, 'You offer', mine.offers),
              ...list(c, 'You need', mine.needs),
              ...list(c, 'Your goals', mine.goals),
              ...(unchanged.length > 0
                ? [
                    c.dim(
                      `Already there, unchanged: ${unchanged.map((i) => `#${i.id} "${i.text}"`).join(', ')}.`,
                    ),
                  ]
                : []),
              '',
              'Next: `tend add NAME --met "where"`, `tend import linkedin Connections.csv`, then `tend today`.',
            ].join('\n'),
        };
      }),
    );

  const me = program
    .command('me')
    .description('what you offer, need and are trying to accomplish')
    .addHelpText(
      'after',
      examples(
        'tend me',
        'tend me offer "Postgres performance reviews"',
        'tend me need "a fintech design partner" --goal 3',
        'tend me done 5',
      ),
    )
    .action(
      r.act(async (ctx) => {
        const { myItems } = await import('../../app/items.js');
        const mine = await myItems(ctx);
        return {
          data: mine,
          human: (c) =>
            [
              ...list(c, 'You offer', mine.offers),
              ...list(c, 'You need', mine.needs),
              ...list(c, 'Your goals', mine.goals),
            ].join('\n'),
        };
      }),
    );
  registerMyEmail(me, r);
  for (const side of ['offer', 'need', 'goal'] as const) {
    const cmd = me
      .command(side)
      .description(
        side === 'offer'
          ? 'add something you can give'
          : side === 'need'
            ? 'add something you need'
            : 'add something you are trying to accomplish',
      )
      .argument('<text>', 'in your words');
    if (side === 'need') cmd.option('--goal <id>', 'the goal this need serves', int('--goal'));
    cmd.action(
      r.act(async (ctx, [text], o) => {
        const { addItem } = await import('../../app/items.js');
        const { itemText, parse } = await import('../../app/validate.js');
        const { unchanged, ...item } = await addItem(ctx, {
          side,
          text: parse(itemText, text, 'TEXT'),
          goal: o.goal as number | undefined,
        });
        return {
          data: { item, unchanged: unchanged === true },
          human: (c) =>
            unchanged
              ? `You already have this ${side} open: ${c.dim(`#${item.id}`)} "${item.text}" (unchanged).`
              : `Added your ${side} ${c.dim(`#${item.id}`)}.`,
        };
      }),
    );
  }
  me.command('done')
    .description('mark one of your needs or goals met')
    .argument('<id>', 'item id', int('ID'))
    .action(
      r.act(async (ctx, _a, _o, cmd) => {
        const { setItemStatus } = await import('../../app/items.js');
        const item = await setItemStatus(ctx, cmd.processedArgs[0] as number, 'met');
        return { data: { item }, human: () => `Marked #${item.id} met.` };
      }),
    );

  const config = program
    .command('config')
    .description('every number of the engine is a setting')
    .addHelpText(
      'after',
      examples(
        'tend config get',
        'tend config get focusCap',
        'tend config set focusCap 12',
        'tend config set weights.intro 4',
        'tend config unset focusCap',
      ),
    );
  config
    .command('get')
    .argument('[key]', 'a setting, e.g. focusCap or weights.intro')
    .action(
      r.act(async (ctx, [key]) => {
        const { getSetting } = await import('../../app/config.js');
        const rows = getSetting(ctx, key);
        return {
          data: key !== undefined ? rows[0] : { settings: rows },
          human: () => rows.map((x) => `${x.key} = ${JSON.stringify(x.value)}`).join('\n'),
        };
      }),
    );
  config
    .command('set')
    .argument('<key>', 'a setting')
    .argument('<value>', 'its new value')
    .action(
      r.act(async (ctx, [key, value]) => {
        const { setSetting } = await import('../../app/config.js');
        const res = await setSetting(ctx, key ?? '', value ?? '');
        return { data: res, human: () => `${res.key} = ${JSON.stringify(res.value)}` };
      }),
    );
  config
    .command('unset')
    .description('back to the default')
    .argument('<key>', 'a setting')
    .action(
      r.act(async (ctx, [key]) => {
        const { setSetting } = await import('../../app/config.js');
        const res = await setSetting(ctx, key ?? '', null);
        return { data: res, human: () => `${res.key} = ${JSON.stringify(res.value)} (default)` };
      }),
    );
}
