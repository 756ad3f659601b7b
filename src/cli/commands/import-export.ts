import { Argument, Option, type Command } from 'commander';
import type { AppContext } from '../../app/context.js';
import type { ExportFormat, ExportResult } from '../../app/export.js';
import type { ImportSummary, ReportProblem } from '../../app/import.js';
import type { RestoreSummary } from '../../app/backup.js';
import { plural, type Colors, type Result } from '../output.js';
import type { Io, Opts, Runner } from '../runner.js';
import { progressBar } from '../progress.js';
import { examples } from './shared.js';

const importFormats = ['linkedin', 'vcard', 'google', 'json', 'calendar', 'mail'] as const;
const exportFormats = ['json', 'vcard', 'csv', 'ics'] as const;

/** Files with more records than this get a progress bar (on a terminal, without --json). */
const PROGRESS_FROM = 2_000;

const num = (n: number): string => n.toLocaleString('en-US');

export function registerImportExport(program: Command, r: Runner): void {
  program
    .command('import')
    .description(
      'import contacts (they land in your pool, merged with people Tend already knows), or meetings and conversations from a calendar or mailbox',
    )
    .addArgument(
      new Argument(
        '<format>',
        'linkedin, vcard, google, json (a Tend backup: same as restore), calendar (an .ics file: meetings) or mail (an .mbox file: conversations)',
      ).choices(importFormats),
    )
    .argument('<file>', 'the file to import (LinkedIn: Connections.csv from your data export)')
    .option('--dry-run', 'show exactly what would happen, write nothing')
    .option('--strict', 'abort, writing nothing, if any record cannot be read')
    .option('--with-subjects', "mail: keep each conversation's subject (never bodies)")
    .addHelpText(
      'after',
      examples(
        'tend import linkedin ~/Downloads/Connections.csv --dry-run',
        'tend import vcard contacts.vcf',
        'tend import google contacts.csv --strict',
        'tend import calendar ~/Downloads/calendar.ics --dry-run',
        'tend import mail "All mail Including Spam and Trash.mbox"',
      ),
    )
    .action(
      r.act(async (ctx, [format, file], opts) => {
        if (format === 'json')
          return restoreResult(await (await import('../../app/backup.js')).restoreFile(ctx, file ?? ''));
        if (format === 'calendar')
          return (await import('./capture.js')).runCalendarImport(ctx, r, file ?? '', opts);
        if (format === 'mail') return (await import('./capture.js')).runMailImport(ctx, r, file ?? '', opts);
        return runImport(ctx, r.io, format as 'linkedin' | 'vcard' | 'google', file ?? '', opts);
      }),
    );

  program
    .command('restore')
    .description('restore a backup made with `tend export json` into an empty database')
    .argument('<file>', 'the backup file')
    .addHelpText('after', examples('tend restore tend-backup.json --db ~/new-tend.db'))
    .action(
      r.act(async (ctx, [file]) =>
        restoreResult(await (await import('../../app/backup.js')).restoreFile(ctx, file ?? '')),
      ),
    );

  program
    .command('export')
    .description('export: json (a complete backup), vcard, csv, or ics (promises and follow-ups)')
    .addOption(new Option('--out <file>', 'write to this file (atomically) instead of stdout'))
    .addArgument(new Argument('<format>', 'json, vcard, csv or ics').choices(exportFormats))
    .addHelpText(
      'after',
      `${examples('tend export json --out tend-backup.json', 'tend export vcard > contacts.vcf', 'tend export ics --out tend.ics')}
Without --out the exported file itself is written to stdout (with --json too: \`export json\`
prints the backup, which is one JSON document; vcard, csv and ics print {"format","count",
"content"}). With --out, stdout holds a summary (human, or JSON with --json).
`,
    )
    .action(async (...all: unknown[]) => {
      await r.act(async (ctx, [format], opts) => runExport(ctx, r.io, format ?? '', opts))(...all);
      // The exported content was written to stdout as it is: nothing more to print.
      if (r.result && (r.result.data as { printed?: boolean }).printed) r.result = undefined;
    });
}

async function runExport(ctx: AppContext, io: Io, format: string, opts: Opts): Promise<Result> {
  const { exportTo } = await import('../../app/export.js');
  const out = typeof opts.out === 'string' ? opts.out : undefined;
  const res: ExportResult = await exportTo(ctx, format as ExportFormat, out);
  if (res.content !== undefined) {
    const content =
      opts.json === true && res.format !== 'json'
        ? `${JSON.stringify({ format: res.format, count: res.count, content: res.content })}\n`
        : res.content;
    await new Promise<void>((resolve, reject) => {
      // `tend export vcard | head` closes the pipe early: that reader has what it wanted.
      const onError = (err: NodeJS.ErrnoException): void => {
        if (err.code === 'EPIPE') resolve();
        else reject(err);
      };
      // Stays attached: the stream emits 'error' after the write callback has run.
      io.stdout.on('error', onError);
      io.stdout.write(content, (err) => {
        if (err && (err as NodeJS.ErrnoException).code !== 'EPIPE') reject(err);
        else resolve();
      });
    });
    return { data: { printed: true }, human: () => '' };
  }
  const what = res.format === 'json' ? 'rows' : res.format === 'ics' ? 'calendar events' : 'people';
  return {
    data: { format: res.format, out: res.out, count: res.count, bytes: res.bytes },
    human: (c) =>
      `${c.green('✓')} ${num(res.count)} ${what} written to ${res.out ?? ''} (${num(res.bytes)} bytes)`,
  };
}

function restoreResult(s: RestoreSummary): Result {
  const total = Object.values(s.counts).reduce((a, b) => a + b, 0);
  return {
    data: s,
    human: (c) =>
      `${c.green('✓')} restored ${s.file}: ${num(total)} rows (${num(s.counts.people ?? 0)} people, ${num(s.counts.interactions ?? 0)} interactions)`,
  };
}

async function runImport(
  ctx: AppContext,
  io: Io,
  format: 'linkedin' | 'vcard' | 'google',
  file: string,
  opts: Opts,
): Promise<Result<ImportSummary>> {
  const { importFile } = await import('../../app/import.js');
  const progress = progressBar(io, opts.json === true, PROGRESS_FROM);
  let s: ImportSummary;
  try {
    s = await importFile(ctx, {
      format,
      file,
      dryRun: opts.dryRun === true,
      strict: opts.strict === true,
      onProgress: progress.update,
    });
  } finally {
    progress.stop();
  }
  return { data: s, human: (c) => renderImport(c, s) };
}

const formatName = { linkedin: 'LinkedIn', vcard: 'vCard', google: 'Google Contacts' } as const;

export function renderImport(c: Colors, s: ImportSummary): string {
  const lines: string[] = [];
  const noun = s.format === 'linkedin' ? 'connection' : 'contact';
  lines.push(
    `${s.dryRun ? c.yellow('Dry run, nothing written. ') : ''}${formatName[s.format]} ${s.file} (${s.encoding}): ${num(s.total)} records; ${num(s.created)} new, ${num(s.merged)} merged, ${num(s.unchanged)} unchanged, ${num(s.rejected)} rejected, ${num(s.skipped)} skipped.`,
  );
  const real = `${num(s.withRealContact)} of them ${s.withRealContact === 1 ? 'has' : 'have'} ever had a real conversation with you.`;
  const people = `${num(s.imported)} ${s.imported === 1 ? noun : `${noun}s`}`;
  if (s.imported === 0) lines.push(c.bold(`No one ${s.dryRun ? 'would be' : 'was'} imported.`));
  else if (s.changedNothing)
    lines.push(
      c.bold(
        `Nothing ${s.dryRun ? 'would change' : 'changed'}: the ${people} in this file are already in Tend as the file has them; ${real}`,
      ),
    );
  else lines.push(c.bold(`${people} ${s.dryRun ? 'would be ' : ''}imported; ${real}`));
  if (s.created > 0)
    lines.push(
      c.dim(
        `New people are in your pool, tool-only: move the few you can help into focus with \`tend focus add\`.`,
      ),
    );
  if (s.connections > 0)
    lines.push(
      c.dim(
        `${num(s.connections)} LinkedIn connection date${s.connections === 1 ? '' : 's'} recorded as a first (social) interaction.`,
      ),
    );
  if (s.photosNotKept > 0)
    lines.push(c.dim(`${plural(s.photosNotKept, 'photo')} not kept: Tend does not store photos.`));
  const errors = s.problems.filter((p) => p.severity === 'error');
  const warnings = s.problems.filter((p) => p.severity === 'warning');
  if (errors.length > 0) {
    lines.push(c.bold('Not imported:'));
    for (const p of errors) lines.push(`  ${problemLine(p)}`);
  }
  if (warnings.length > 0) {
    lines.push(c.bold('Imported with changes:'));
    for (const p of warnings.slice(0, 30)) lines.push(`  ${problemLine(p)}`);
    if (warnings.length > 30)
      lines.push(c.dim(`  … and ${num(warnings.length - 30)} more (all of them with --json)`));
  }
  return lines.join('\n');
}

function problemLine(p: ReportProblem): string {
  return `${p.ref}${p.field ? `, ${p.field}` : ''}: ${p.message}`;
}
