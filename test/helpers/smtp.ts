import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, listening } from './ports.js';

/**
 * A real SMTP server for tests: Debian's aiosmtpd on a free port of 127.0.0.1, delivering into a
 * Maildir in a temp dir, read back with Python's own mail parser (test/reminders/read_mail.py).
 */
const python = '/usr/bin/python3';
const readMail = path.join(path.dirname(fileURLToPath(import.meta.url)), '../reminders/read_mail.py');

export const hasSmtp =
  fs.existsSync(python) && spawnSync(python, ['-c', 'import aiosmtpd'], { stdio: 'ignore' }).status === 0;

export interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Smtp {
  port: number;
  /** Every message delivered so far. */
  mails(): Mail[];
  stop(): Promise<void>;
}

/**
 * Starts aiosmtpd. `handler` is its `-c` class (default: deliver everything); a handler of the
 * tests' own is found on `pythonPath`.
 */
export async function startSmtp(opts: { handler?: string; pythonPath?: string } = {}): Promise<Smtp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-smtp-'));
  const maildir = path.join(dir, 'Maildir');
  const port = await freePort();
  const child: ChildProcess = spawn(
    python,
    [
      '-m',
      'aiosmtpd',
      '-n',
      '-l',
      `127.0.0.1:${port}`,
      '-c',
      opts.handler ?? 'aiosmtpd.handlers.Mailbox',
      maildir,
    ],
    {
      stdio: 'ignore',
      env: opts.pythonPath === undefined ? process.env : { ...process.env, PYTHONPATH: opts.pythonPath },
    },
  );
  await listening(port, 'aiosmtpd');
  return {
    port,
    mails: () => {
      if (!fs.existsSync(maildir)) return [];
      const r = spawnSync(python, [readMail, maildir], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as Mail[];
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
