import type { Command } from 'commander';
import { invalid } from '../../core/errors.js';
import { indent } from '../output.js';
import type { Runner } from '../runner.js';
import { examples } from './shared.js';

const defaultBase = 'http://127.0.0.1:4321';

/** `http://host:port` with no trailing slash, or a clear refusal. */
function baseUrl(raw: unknown): string {
  const s = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : defaultBase;
  let u: URL | undefined;
  try {
    u = new URL(s);
  } catch {
    u = undefined;
  }
  if (u?.protocol !== 'http:' && u?.protocol !== 'https:')
    throw invalid(`url must be an http:// or https:// address, not "${s}"`, [
      { path: 'url', message: 'is not an http(s) address' },
    ]);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

// Use cases are imported inside each action: a command loads only what it runs.
export function registerReminders(program: Command, r: Runner): void {
  const feed = program
    .command('feed')
    .description('a private calendar feed of promises, follow-ups, keep-in-touch dates and birthdays')
    .addHelpText(
      'after',
      `${examples('tend feed create', 'tend feed create --url https://tend.example.org', 'tend feed show', 'tend feed revoke')}
\`tend serve\` serves the feed at the address \`tend feed create\` prints; subscribe to it in your
calendar app. The address is shown once (only a hash of it is kept): create a new one if lost.
Creating a new address, or revoking, stops the old one at once.
`,
    );
  feed
    .command('create')
    .description('a new feed address (any earlier one stops working)')
    .option('--url <base>', `the address tend serve is reached at (default ${defaultBase})`)
    .action(
      r.act(async (ctx, _a, o) => {
        const base = baseUrl(o.url);
        const { createFeed } = await import('../../app/feed.js');
        const f = await createFeed(ctx);
        const url = `${base}${f.path}`;
        return {
          data: { ...f, url },
          human: () =>
            [
              'Your private calendar feed (shown this once; keep it secret):',
              '',
              `  ${url}`,
              '',
              'Subscribe to it in your calendar app while `tend serve` runs. `tend feed revoke` stops it.',
            ].join('\n'),
        };
      }),
    );
  feed
    .command('show')
    .description('whether a feed exists and since when (its address is never stored)')
    .action(
      r.act(async (ctx) => {
        const { feedStatus } = await import('../../app/feed.js');
        const s = await feedStatus(ctx);
        return {
          data: s,
          human: () =>
            s.active
              ? `A calendar feed exists since ${s.createdAt ?? '?'}. Its address was shown once; \`tend feed create\` makes a new one (the old stops working).`
              : 'No calendar feed. `tend feed create` makes one.',
        };
      }),
    );
  feed
    .command('revoke')
    .description('stop the feed: its address answers 404 from now on')
    .action(
      r.act(async (ctx) => {
        const { revokeFeed } = await import('../../app/feed.js');
        const s = await revokeFeed(ctx);
        return {
          data: s,
          human: () => (s.revoked ? 'Calendar feed revoked.' : 'There was no calendar feed to revoke.'),
        };
      }),
    );

  const digest = program
    .command('digest')
    .description("today's agenda by email, only on days with something to do")
    .addHelpText(
      'after',
      `${examples(
        'tend config set smtp.host mail.example.org',
        'tend config set digest.from tend@example.org',
        'tend config set digest.to me@example.org',
        'TEND_SMTP_PASSWORD=… tend digest send',
        'tend digest send --dry-run',
      )}
Settings: smtp.host, smtp.port (587), smtp.security (starttls | tls | none), smtp.user, and the
password from $TEND_SMTP_PASSWORD (smtp.passwordEnv names another variable) or from the file
smtp.passwordFile names; it is never stored. With digest.daily true, \`tend serve\` sends the
digest each day from digest.hour (local time, default 7), once a day.
Exit codes: 0 sent or nothing to do, 2 settings missing, 4 the mail server failed.
`,
    );
  digest
    .command('send')
    .description("send today's digest now (nothing is sent on a day with nothing to do)")
    .option('--dry-run', 'print the message instead of sending it')
    .option('--url <base>', 'the web app address to link to')
    .action(
      r.act(async (ctx, _a, o) => {
        const { sendDigest } = await import('../../app/digest.js');
        const appUrl = typeof o.url === 'string' ? baseUrl(o.url) : undefined;
        const res = await sendDigest(ctx, { env: r.io.env, dryRun: o.dryRun === true, appUrl });
        return {
          data: res,
          human: (c) => {
            if (res.reason === 'nothing_to_do') return `Nothing to do on ${res.date}: no digest sent.`;
            const d = res.digest;
            if (res.reason === 'dry_run' && d)
              return [
                c.dim(`To: ${res.to || '(digest.to not set)'}`),
                c.dim(`Subject: ${d.subject}`),
                '',
                d.text,
                c.dim('(dry run: nothing sent)'),
              ].join('\n');
            return `Digest for ${res.date} sent to ${res.to ?? ''} (${d?.count ?? 0} action${d?.count === 1 ? '' : 's'}).\n${indent(d?.subject ?? '', 2)}`;
          },
        };
      }),
    );
}
