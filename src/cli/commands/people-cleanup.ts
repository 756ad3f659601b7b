import type { Command } from 'commander';
import { Option } from 'commander';
import { circles, sources, type Circle, type Source } from '../../core/types.js';
import { plural } from '../output.js';
import type { Runner } from '../runner.js';
import { examples } from './shared.js';

/** `tend merge` and `tend move`: tidying the network (duplicates joined, circles changed in bulk). */
export function registerCleanup(program: Command, r: Runner): void {
  program
    .command('merge')
    .description('merge person B into person A: nothing is lost')
    .argument('<a>', 'the person to keep')
    .argument('<b>', 'the duplicate to merge into A')
    .addHelpText('after', examples('tend merge "Jonas Weber" 1234'))
    .action(
      r.act(async (ctx, [a, b]) => {
        const { mergePeople } = await import('../../app/people-cleanup.js');
        const p = await mergePeople(ctx, a ?? '', b ?? '');
        return { data: { person: p }, human: (c) => `Merged into ${c.bold(p.name)} ${c.dim(`#${p.id}`)}.` };
      }),
    );

  program
    .command('move')
    .description('move people between circles in bulk, by filter or by name')
    .argument('[people...]', 'people to move (ids or names)')
    .addOption(new Option('--circle <circle>', 'where to move them').choices(circles).makeOptionMandatory())
    .option('--tag <tag>', 'people with this tag')
    .addOption(new Option('--from <circle>', 'people now in this circle').choices(circles))
    .addOption(new Option('--source <source>', 'people from this source').choices(sources))
    .option('--search <text>', 'people matching this search')
    .option('--tool-only', 'only people you never had a real conversation with')
    .option('--dry-run', 'say who would move, move no one')
    .addHelpText(
      'after',
      examples(
        'tend move --circle network --tag fintech --from pool',
        'tend move --circle archived --source linkedin --tool-only --dry-run',
      ),
    )
    .action(
      r.act(async (ctx, people, o) => {
        const { movePeople } = await import('../../app/people-cleanup.js');
        const res = await movePeople(
          ctx,
          o.circle as Circle,
          {
            tag: o.tag as string | undefined,
            from: o.from as Circle | undefined,
            source: o.source as Source | undefined,
            search: o.search as string | undefined,
            toolOnly: o.toolOnly ? true : undefined,
            people,
          },
          Boolean(o.dryRun),
        );
        return {
          data: { ...res, dryRun: Boolean(o.dryRun), circle: o.circle },
          human: () =>
            `${o.dryRun ? 'Would move' : 'Moved'} ${plural(res.moved, 'person', 'people')} to ${String(o.circle)}.`,
        };
      }),
    );
}
