import type { Command } from 'commander';
import { bar, table } from '../output.js';
import type { Runner } from '../runner.js';
import { examples } from './shared.js';

/** `tend focus` and its `add` / `remove`: the short list of people you can really help. */
export function registerFocus(program: Command, r: Runner): void {
  const focus = program
    .command('focus')
    .description(`your focus list: a few people you can really help, with a hard cap`)
    .addHelpText('after', examples('tend focus', 'tend focus add jonas', 'tend focus remove ben'))
    .action(
      r.act(async (ctx) => {
        const { listFocus } = await import('../../app/focus.js');
        const f = await listFocus(ctx);
        return {
          data: f,
          human: (c) =>
            `${c.bold(`Focus ${f.people.length}/${f.cap}`)} ${bar(f.people.length, f.cap, 20)}\n` +
            (f.people.length === 0
              ? c.dim('empty: `tend focus add PERSON` for someone you can really help')
              : table(
                  f.people.map((p) => [
                    c.dim(`#${p.person.id}`),
                    p.person.name,
                    p.fit.fit.toFixed(2),
                    p.fit.helpOut.toFixed(2),
                    p.fit.helpIn.toFixed(2),
                    `${Math.round(p.strength)}`,
                    [
                      p.fit.reach ? c.red('reach') : '',
                      p.fit.needsUnknown ? c.yellow('needs unknown') : '',
                      p.toolOnly ? c.yellow('tool-only') : '',
                    ]
                      .filter(Boolean)
                      .join(' '),
                  ]),
                  ['id', 'name', 'fit', 'out', 'in', 'str', 'flags'],
                  c,
                )),
        };
      }),
    );
  focus
    .command('add')
    .description('add someone to focus (refused when the list is full: trade someone out)')
    .argument('<person>', 'id or name')
    .action(
      r.act(async (ctx, [person]) => {
        const { setFocus } = await import('../../app/focus.js');
        const p = await setFocus(ctx, person ?? '', true);
        return { data: { person: p }, human: (c) => `${c.bold(p.name)} is in your focus list.` };
      }),
    );
  focus
    .command('remove')
    .description('move someone out of focus, back to the network')
    .argument('<person>', 'id or name')
    .action(
      r.act(async (ctx, [person]) => {
        const { setFocus } = await import('../../app/focus.js');
        const p = await setFocus(ctx, person ?? '', false);
        return { data: { person: p }, human: (c) => `${c.bold(p.name)} moved back to the network.` };
      }),
    );
}
