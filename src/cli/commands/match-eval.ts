import type { Command } from 'commander';
import { checkK, formatReport, matchEval, matchEvalReport } from '../../app/match-eval.js';
import type { Runner } from '../runner.js';
import { progressBar } from '../progress.js';
import { examples, int } from './shared.js';

export function registerMatchEval(program: Command, r: Runner): void {
  program
    .command('match-eval')
    .description('rank offers for needs with the product matcher, one JSON line per need (IR evaluation)')
    .requiredOption('--needs <file>', 'needs, one {"id","text"} per line')
    .requiredOption('--offers <file>', 'offers, one {"id","text"} per line')
    .option('--k <n>', 'offers per need', int('--k'), 10)
    .option(
      '--qrels <file>',
      'judgements (need<TAB>offer<TAB>grade): print the evaluation report instead of the rankings (with --feedback, also what the answers do for the needs they do not answer)',
    )
    .option(
      '--feedback <file>',
      'answers to apply before ranking, need<TAB>offer<TAB>1|0 (1 confirmed, 0 dismissed); their pairs are left out',
    )
    .addHelpText(
      'after',
      examples(
        'tend match-eval --needs needs.jsonl --offers offers.jsonl --k 10 > run.jsonl',
        'tend match-eval --needs needs.jsonl --offers offers.jsonl --qrels qrels.tsv',
        'tend match-eval --needs needs.jsonl --offers offers.jsonl --feedback answers.tsv > run.jsonl',
        'tend match-eval --needs needs.jsonl --offers offers.jsonl --qrels qrels.tsv --feedback answers.tsv',
      ),
    )
    .action(
      r.actWithoutDb(async (_a, o) => {
        const { createMatcher } = await import('../../matching/index.js');
        checkK(o.k as number);
        const progress = progressBar(r.io, o.json === true, 100);
        if (typeof o.qrels === 'string') {
          const { defaultSettings } = await import('../../core/settings.js');
          let report;
          try {
            report = await matchEvalReport(
              createMatcher(),
              {
                needs: o.needs as string,
                offers: o.offers as string,
                qrels: o.qrels,
                feedback: typeof o.feedback === 'string' ? o.feedback : undefined,
              },
              defaultSettings.matchThreshold,
              (d, t) => {
                progress.update('encoding needs and offers', d, t);
              },
            );
          } finally {
            progress.stop();
          }
          const { warnings, ...data } = report;
          return { data, warnings, human: () => formatReport(report) };
        }
        let runs;
        try {
          const onProgress = (d: number, t: number): void => {
            progress.update('encoding needs and offers', d, t);
          };
          runs =
            typeof o.feedback === 'string'
              ? await (
                  await import('../../app/match-eval-feedback.js')
                ).matchEvalWithFeedback(
                  createMatcher(),
                  { needs: o.needs as string, offers: o.offers as string, feedback: o.feedback },
                  o.k as number,
                  onProgress,
                )
              : await matchEval(
                  createMatcher(),
                  o.needs as string,
                  o.offers as string,
                  o.k as number,
                  onProgress,
                );
        } finally {
          progress.stop();
        }
        return {
          data: { runs },
          human: () => runs.map((x) => JSON.stringify({ need: x.need, offers: x.offers })).join('\n'),
        };
      }),
    );
}
