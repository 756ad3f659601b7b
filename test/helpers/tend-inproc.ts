import { PassThrough } from 'node:stream';
import { run } from '../../src/cli/program.js';

/**
 * Runs `tend` in this process as the binary would (pinned clock, no colour), with a piped stdin
 * when `input` is given and extra environment variables.
 */
export async function tendIn(
  db: string,
  args: string[],
  opts: { input?: string; env?: Record<string, string>; now?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string; json: () => Record<string, unknown> }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  let stdin: PassThrough | undefined;
  if (opts.input !== undefined) {
    stdin = new PassThrough();
    stdin.end(opts.input);
  }
  const code = await run(args, {
    stdout: out,
    stderr: err,
    ...(stdin ? { stdin } : {}),
    env: { ...process.env, TEND_DB: db, NO_COLOR: '1', TZ: 'UTC', ...opts.env },
    clock: () => new Date(opts.now ?? '2026-11-26T09:00:00Z'),
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, unknown> };
}
