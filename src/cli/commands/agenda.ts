import type { Command } from 'commander';
import { bar, indent, plural, table } from '../output.js';
import type { Runner } from '../runner.js';
import { giveLine, registerMatchFeedback } from './match-feedback.js';
import { examples, int, LIMIT } from './shared.js';

const tierIcon: Record<string, string> = {
  promise: '⚑',
  follow_up: '↻',
  give: '♥',
  reconnect: '☎',
  learn: '?',
};

// Use cases are imported inside each action: a command loads only what it runs.
export function registerAgenda(program: Command, r: Runner): void {
  program
    .command('today')
    .description("today's few actions: promises, follow-ups, gives you can make, people to reconnect with")
    .option('--draft', 'under each action, a message you could send')
    .addHelpText('after', examples('tend today', 'tend today --draft', 'tend today --json'))
    .action(
      r.act(async (ctx, _a, o) => {
        const { today } = await import('../../app/today.js');
        const t = await today(ctx);
        const { engineMs: _e, ...data } = t;
        return {
          data,
          warnings: t.signals.map((s) => ({ code: `shotgun_${s.code}`, message: s.message })),
          human: (c) =>
            [
              c.bold(`Today, ${t.date}`),
              ...(t.actions.length === 0
                ? [
                    c.dim(
                      'Nothing pressing. Gives come from the needs of the people in your focus list: `tend focus add NAME` for someone you can help, `tend need NAME "…"` for what would help them.',
                    ),
                  ]
                : []),
              ...t.actions.map(
                (a, i) =>
                  `${c.dim(`${i + 1}.`)} ${tierIcon[a.tier] ?? '•'} ${a.title}${a.detail ? c.dim(` — ${a.detail}`) : ''}${o.draft === true ? `\n${indent(a.draft)}\n` : ''}`,
              ),
              ...t.signals.map((s) => c.yellow(`! ${s.message}`)),
            ].join('\n'),
        };
      }),
    );

  program
    .command('review')
    .description('how your networking went: give:ask, real:digital, promises, events, intros, focus strength')
    .option('--days <n>', 'period length in days, ending today', int('--days'))
    .option('--since <date>', 'period start')
    .addHelpText(
      'after',
      examples('tend review', 'tend review --days 30', 'tend review --since "last monday" --json'),
    )
    .action(
      r.act(async (ctx, _a, o) => {
        const { review } = await import('../../app/review.js');
        const v = await review(ctx, {
          days: o.days as number | undefined,
          since: o.since as string | undefined,
        });
        const max = Math.max(1, ...v.weeks.map((w) => Math.max(w.gave, w.asked, w.real, w.digital)));
        return {
          data: v,
          human: (c) =>
            [
              c.bold(`Review ${v.from} → ${v.to}`),
              `${plural(v.gave, 'give')}, ${plural(v.asked, 'ask')}${v.unearnedAsks ? c.yellow(` (${v.unearnedAsks} unearned)`) : ''}, ${v.received} received   give:ask ${v.giveAskRatio ?? (v.gave > 0 ? 'no asks yet' : '—')}`,
              `${v.real} real conversations, ${v.digital} digital   real:digital ${v.realDigitalRatio ?? (v.real > 0 ? 'no digital contact yet' : '—')}`,
              `focus ${v.focus.size}/${v.focus.cap}   strength ${v.focusStrength.start} → ${v.focusStrength.end} (${v.focusStrength.change >= 0 ? '+' : ''}${v.focusStrength.change})`,
              `promises: ${v.promises.kept} kept, ${v.promises.broken} broken, ${v.promises.late} late (of ${v.promises.due} due)`,
              `events: ${v.events.succeeded} of ${v.events.total} succeeded   introductions made: ${v.introsMade}`,
              `outcomes: ${v.outcomes.thanks} thanks, ${v.outcomes.ledSomewhere} led somewhere, ${v.outcomes.business} business${v.outcomes.businessValueCents ? ` (${(v.outcomes.businessValueCents / 100).toFixed(2)})` : ''}`,
              ...(v.weeks.length > 1
                ? [
                    '',
                    table(
                      v.weeks.map((w) => [
                        w.week,
                        `gave ${c.green(bar(w.gave, max, 10))} ${w.gave}`,
                        `asked ${c.yellow(bar(w.asked, max, 10))} ${w.asked}`,
                        `real ${bar(w.real, max, 10)} ${w.real}`,
                      ]),
                      ['week', 'gives', 'asks', 'real'],
                      c,
                    ),
                  ]
                : []),
            ].join('\n'),
        };
      }),
    );

  const match = program
    .command('match')
    .description('who you can help and how: your offers and your network’s against their needs')
    .argument('[person]', 'one person (default: your focus list, and the people of your network with a need)')
    .option('--limit <n>', 'how many people', int('--limit', LIMIT), 20)
    .addHelpText(
      'after',
      examples('tend match', 'tend match jonas', 'tend match confirm 12 7', 'tend match dismiss 12 9'),
    );
  registerMatchFeedback(match, r);
  match.action(
    r.act(async (ctx, [person], o) => {
      const { match } = await import('../../app/match.js');
      const res = await match(ctx, person, { limit: o.limit as number });
      return {
        data: { matches: res },
        human: (c) =>
          res.length === 0
            ? c.dim(
                'No matches yet: note what people need (`tend need`) and what you offer (`tend me offer`).',
              )
            : res
                .map((m) =>
                  [
                    `${c.bold(m.person.name)} ${c.dim(`#${m.person.id}`)}  fit ${m.fit.fit.toFixed(2)} (out ${m.fit.helpOut.toFixed(2)}, in ${m.fit.helpIn.toFixed(2)})${m.fit.reach ? c.red(' reach') : ''}`,
                    ...m.gives.slice(0, 5).map((g) => `  • ${giveLine(c, g)}`),
                    ...m.theyCouldHelp.map(
                      (t) =>
                        `  ← "${t.offer}" for your "${t.need}" ${c.dim(t.score.toFixed(2))}${c.dim(` [need #${t.needId}, offer #${t.offerId}]`)}`,
                    ),
                    ...(m.gives.length === 0 && m.fit.needsUnknown
                      ? [c.dim('  needs unknown: ask what could help them')]
                      : []),
                  ].join('\n'),
                )
                .join('\n'),
      };
    }),
  );
}
