import type { Command } from 'commander';
import type { Item } from '../../core/types.js';
import { bar } from '../output.js';
import { circleMark, fmtBalance } from '../person-output.js';
import type { Runner } from '../runner.js';
import { giveLine } from './match-feedback.js';
import { examples } from './shared.js';

/** `tend show`: everything about one person, on one screen. */
export function registerShow(program: Command, r: Runner): void {
  program
    .command('show')
    .description('everything about one person: strength, ledger, needs, offers, ways to help, timeline')
    .argument('<person>', 'id or name')
    .addHelpText('after', examples('tend show jonas', 'tend show 42 --json'))
    .action(
      r.act(async (ctx, [person]) => {
        const { showPerson } = await import('../../app/people.js');
        const p = await showPerson(ctx, person ?? '');
        return {
          data: p,
          human: (c) => {
            const itemLine = (n: Item): string =>
              `  ${c.dim(`#${n.id}`)} ${n.text}${n.status !== 'open' ? c.dim(` (${n.status})`) : ''}`;
            const lines = [
              `${c.bold(p.person.name)} ${c.dim(`#${p.person.id}`)}  ${circleMark(c, p.person.circle)}${p.toolOnly ? `  ${c.yellow('tool-only')}` : ''}`,
              [p.person.title, p.person.company].filter(Boolean).join(' at '),
              p.person.met ? `met: ${p.person.met}` : '',
              p.introducedBy ? `introduced by ${p.introducedBy.name}` : '',
              `strength ${bar(p.strength, 100, 20)} ${Math.round(p.strength)}   balance ${fmtBalance(c, p.balance)}  (gave ${p.ledger.gave}, asked ${p.ledger.asked}, received ${p.ledger.received})`,
              `fit ${p.fit.fit.toFixed(2)}  help out ${p.fit.helpOut.toFixed(2)}  help in ${p.fit.helpIn.toFixed(2)}${p.fit.reach ? `  ${c.red('reach')}: find people who benefit from what you know` : ''}`,
              p.keepInTouchOverdue !== undefined
                ? c.yellow(`keep in touch: ${p.keepInTouchOverdue} days overdue`)
                : '',
              p.person.emails.length > 0 ? `email ${p.person.emails.join(', ')}` : '',
              p.person.phones.length > 0 ? `phone ${p.person.phones.join(', ')}` : '',
              p.person.linkedin ?? '',
              p.person.tags.length > 0 ? `tags ${p.person.tags.join(', ')}` : '',
              p.person.notes ? `notes ${p.person.notes}` : '',
              '',
              c.bold('Needs'),
              ...(p.needs.length > 0
                ? p.needs.map(itemLine)
                : [c.dim('  none known: ask what could help them')]),
              c.bold('Offers'),
              ...(p.offers.length > 0 ? p.offers.map(itemLine) : [c.dim('  none known')]),
              c.bold('Ways to help'),
              ...(p.waysToHelp.length > 0
                ? p.waysToHelp.slice(0, 5).map((g) => `  • ${giveLine(c, g)}`)
                : [c.dim('  no match yet')]),
              ...(p.theyCouldHelp.length > 0
                ? [
                    c.bold('They could help you'),
                    ...p.theyCouldHelp.map((t) => `  • "${t.offer}" for your "${t.need}"`),
                  ]
                : []),
              ...(p.promises.filter((x) => x.status === 'open').length > 0
                ? [
                    c.bold('Promises'),
                    ...p.promises
                      .filter((x) => x.status === 'open')
                      .map((x) => `  ${c.dim(`#${x.id}`)} ${x.text} (due ${x.due})`),
                  ]
                : []),
              c.bold('Timeline'),
              ...(p.timeline.length > 0
                ? p.timeline
                    .slice(0, 15)
                    .map(
                      (i) =>
                        `  ${i.date}  ${i.channel.padEnd(9)} ${i.nature.padEnd(8)} ${i.kind ?? ''}${i.note ? ` ${c.dim(i.note)}` : ''}${i.unearned ? c.yellow(' unearned') : ''}${i.source ? c.dim(` (from ${i.source})`) : ''}`,
                    )
                : [c.dim('  nothing logged yet')]),
            ];
            return lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n');
          },
        };
      }),
    );
}
