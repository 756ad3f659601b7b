import type { Command } from 'commander';
import type { Give } from '../../app/gives.js';
import type { Colors } from '../output.js';
import type { Runner } from '../runner.js';
import { examples } from './shared.js';

/**
 * One shown give: its text, score, whether the user confirmed it or it is only possible, and the
 * need and offer ids that `tend match confirm|dismiss NEED OFFER` take.
 */
export function giveLine(c: Colors, g: Give): string {
  const mark = g.confirmed ? c.green(' ✓ confirmed') : g.possible ? c.yellow(' (possible)') : '';
  const ids =
    g.needId !== undefined && g.offerId !== undefined
      ? c.dim(` [need #${g.needId}, offer #${g.offerId}]`)
      : '';
  return `${g.text} ${c.dim((g.score ?? 0).toFixed(2))}${mark}${ids}`;
}

const verbs = {
  confirm: { verdict: 'confirmed', says: 'would help', done: 'Confirmed' },
  dismiss: { verdict: 'dismissed', says: 'is not relevant', done: 'Dismissed' },
} as const;

/** `tend match confirm|dismiss|forget NEED OFFER`: answering a shown match, and undoing it. */
export function registerMatchFeedback(match: Command, r: Runner): void {
  for (const [name, v] of Object.entries(verbs))
    match
      .command(name)
      .description(
        `say a shown match ${v.says}: ${name === 'dismiss' ? 'the pair is never shown again' : 'the pair is kept and marked'}, and similar pairs ${name === 'dismiss' ? 'fall' : 'rise'}`,
      )
      .argument('<need>', 'the need’s id (as `tend match` and `tend show` list it: need #12)')
      .argument('<offer>', 'the offer’s id (offer #7)')
      .addHelpText(
        'after',
        examples(
          `tend match ${name} 12 7`,
          `tend match ${name} 12 7 --json`,
          'tend match forget 12 7   # undo',
        ),
      )
      .action(
        r.act(async (ctx, [need, offer]) => {
          const { answerMatch } = await import('../../app/feedback.js');
          const a = await answerMatch(ctx, need ?? '', offer ?? '', v.verdict);
          return {
            data: a,
            human: (c) =>
              `${v.done}: "${a.offer.text}" ${c.dim(`#${a.offer.id}`)} for "${a.need.text}" ${c.dim(`#${a.need.id}`)}${a.was && a.was !== a.verdict ? c.dim(` (was ${a.was})`) : ''}`,
          };
        }),
      );
  match
    .command('forget')
    .description('undo confirm or dismiss: the pair is matched as if never answered')
    .argument('<need>', 'the need’s id')
    .argument('<offer>', 'the offer’s id')
    .addHelpText('after', examples('tend match forget 12 7'))
    .action(
      r.act(async (ctx, [need, offer]) => {
        const { forgetMatch } = await import('../../app/feedback.js');
        const a = await forgetMatch(ctx, need ?? '', offer ?? '');
        return {
          data: a,
          human: (c) =>
            a.was
              ? `Forgot that "${a.offer.text}" ${c.dim(`#${a.offer.id}`)} ${a.was === 'confirmed' ? 'would help' : 'is not relevant'} for "${a.need.text}" ${c.dim(`#${a.need.id}`)}`
              : c.dim(`Nothing to forget: #${a.need.id} and #${a.offer.id} were never answered`),
        };
      }),
    );
}
