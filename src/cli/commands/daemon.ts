import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DomainError } from '../../core/errors.js';
import { STARTING_MS, socketDir, socketName, socketPath } from '../daemon/protocol.js';
import { missReasons, type MissReason } from '../daemon/replies.js';
import type { DaemonStatus } from '../daemon/server.js';
import type { Runner } from '../runner.js';
import { examples } from './shared.js';

/** Set by the entry (`entry.ts`): this bundle's build id and file. Absent when run from source. */
function buildInfo(): { id: string; entry: string | undefined } {
  const b = (globalThis as Record<symbol, unknown>)[Symbol.for('tend.build')] as
    { id: string; entry: string } | undefined;
  return b ?? { id: 'dev', entry: undefined };
}

const defaultIdleMs = 15 * 60_000;

/** The other sockets in the folder (daemons of other builds). */
function socketsIn(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => /^tend-[\w-]+\.sock$/.test(n))
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

/** Whether a command started a daemon in `dir` that has not yet taken or given up its socket. */
function startingIn(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((n) => {
      if (!/^tend-[\w-]+\.sock\.starting$/.test(n)) return false;
      const st = fs.statSync(path.join(dir, n), { throwIfNoEntry: false });
      return st !== undefined && Date.now() - st.mtimeMs < STARTING_MS;
    });
  } catch {
    return false;
  }
}

/** What a reason for computing a read is called in `tend daemon status`. */
const reasonNames: Record<MissReason, string> = {
  cacheOff: 'TEND_DAEMON_CACHE=off',
  firstRead: 'first read',
  otherDay: 'another day',
  otherEnvironment: 'other environment',
  otherTerminal: 'other terminal',
  otherDirectory: 'other directory',
  databaseWritten: 'database written',
  schemaChanged: 'schema changed',
  databaseReopened: 'database reopened',
};

/**
 * The reply cache in `tend daemon status`: how many reads were repeated from a kept reply, how
 * many were computed and why, and the last few computed.
 */
function replyLines(status: DaemonStatus): string[] {
  const r = status.replies;
  const why = missReasons
    .filter((m) => r.computedBecause[m] > 0)
    .map((m) => `${r.computedBecause[m]} ${reasonNames[m]}`);
  return [
    `  replies: ${r.fromCache} from the cache, ${r.computed} computed${why.length > 0 ? ` (${why.join(', ')})` : ''}${r.notKept > 0 ? `, ${r.notKept} not kept` : ''}${r.refreshed > 0 ? `, ${r.refreshed} computed again after a write` : ''}`,
    ...r.recent.map(
      (m) =>
        `    ${m.at.slice(11, 19)} ${m.command}: ${reasonNames[m.reason]}${m.detail ? ` (${m.detail})` : ''}`,
    ),
  ];
}

/** `tend daemon`: the helper that keeps Tend loaded for the next read (docs/decisions/0016-cli-daemon.md). */
export function registerDaemon(program: Command, r: Runner): void {
  const daemon = program
    .command('daemon')
    .description(
      'the helper process that answers reads (today, show, people, match) fast; started by tend itself',
    )
    .addHelpText(
      'after',
      examples('tend daemon status', 'tend daemon stop', 'TEND_DAEMON=off tend today   # never use it'),
    );

  daemon
    .command('status')
    .description("whether this build's daemon is running, and what it holds")
    .addHelpText('after', examples('tend daemon status', 'tend daemon status --json'))
    .action(
      r.actWithoutDb(async () => {
        const { ask } = await import('../daemon/server.js');
        const { id, entry } = buildInfo();
        const env = r.io.env;
        const dir = socketDir(env);
        const own = path.join(dir, socketName(id, entry));
        const status = await ask(own, 'status');
        const others = socketsIn(dir).filter((s) => s !== own);
        const enabled = env.TEND_DAEMON !== 'off';
        return {
          data: {
            enabled,
            running: status !== undefined,
            build: id,
            socket: own,
            daemon: status ?? null,
            others,
          },
          human: (c) =>
            [
              status
                ? `daemon running: pid ${status.pid}, up ${Math.round((Date.now() - Date.parse(status.startedAt)) / 1000)} s, ${status.requests} requests, ${status.rssMb} MB`
                : `no daemon running for this build (${id})`,
              ...(status ? replyLines(status) : []),
              ...(status ? status.databases.map((d) => `  open: ${d}`) : []),
              c.dim(`socket ${own}`),
              ...(others.length > 0 ? [c.dim(`other builds' sockets: ${others.join(', ')}`)] : []),
              ...(enabled ? [] : [c.yellow('TEND_DAEMON=off: commands run in their own process')]),
            ].join('\n'),
        };
      }),
    );

  daemon
    .command('stop')
    .description('stop every daemon of yours (they start again on the next read)')
    .addHelpText('after', examples('tend daemon stop', 'tend daemon stop --json'))
    .action(
      r.actWithoutDb(async () => {
        const { ask } = await import('../daemon/server.js');
        const stopped: DaemonStatus[] = [];
        const dir = socketDir(r.io.env);
        // A daemon a command has just started is stopped too: wait until it holds its socket.
        for (let i = 0; i < 200 && startingIn(dir); i++) await new Promise((ok) => setTimeout(ok, 50));
        for (const s of socketsIn(dir)) {
          const st = await ask(s, 'stop');
          if (st) stopped.push(st);
          else fs.rmSync(s, { force: true }); // nobody behind it
          // Gone once the daemon has finished its last request and removed its socket.
          for (let i = 0; i < 100 && st && fs.existsSync(s); i++)
            await new Promise((ok) => setTimeout(ok, 50));
        }
        return {
          data: { stopped: stopped.map((s) => ({ pid: s.pid, build: s.build })) },
          human: () =>
            stopped.length === 0
              ? 'No daemon was running.'
              : `Stopped ${stopped.map((s) => `pid ${s.pid} (${s.build})`).join(', ')}.`,
        };
      }),
    );

  daemon
    .command('run', { hidden: true })
    .description('serve reads in the foreground until idle (tend starts it on its own)')
    .action(
      r.actWithoutDb(async () => {
        const { serveDaemon } = await import('../daemon/server.js');
        const { id, entry } = buildInfo();
        const env = r.io.env;
        const socket = socketPath(env, id, entry, true);
        if (socket === undefined)
          throw new DomainError(
            'invalid_input',
            `the daemon's folder ${socketDir(env)} must be a directory of yours that no one else can open (mode 0700), with a short path`,
            { path: socketDir(env) },
          );
        const idle = Number(env.TEND_DAEMON_IDLE_MS);
        const outcome = await serveDaemon({
          socket,
          build: id,
          entry,
          idleMs: Number.isFinite(idle) && idle > 0 ? idle : defaultIdleMs,
        });
        return {
          data: { outcome },
          human: () => (outcome === 'taken' ? 'Another daemon of this build is running.' : 'Daemon stopped.'),
        };
      }),
    );
}
