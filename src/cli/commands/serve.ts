import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../../app/context.js';
import type { RouteModule } from '../../http/routes/types.js';
import { DomainError } from '../../core/errors.js';
import type { Result } from '../output.js';
import type { Opts, Runner } from '../runner.js';
import { examples, int } from './shared.js';

/**
 * `tend serve`: the API and the web app until SIGINT or SIGTERM. The server is imported inside
 * the action so no other command loads Fastify. The action resolves only once the server has
 * closed, so the runner closes the database after the last request, never during one.
 */
export function registerServe(program: Command, r: Runner): void {
  program
    .command('serve')
    .description('start the web app and the HTTP API (on 127.0.0.1 unless told otherwise)')
    .option('--port <n>', 'port (0 picks a free one)', int('--port'), 4321)
    .option('--host <address>', 'address to bind; anything but loopback exposes your network', '127.0.0.1')
    .option('--demo', 'open a realistic sample network in a temporary database')
    .addHelpText('after', examples('tend serve', 'tend serve --port 8080', 'tend serve --demo'))
    .action(async (...all: unknown[]) => {
      const cmd = all[all.length - 1] as Command;
      const o = cmd.optsWithGlobals<Opts>();
      if (!o.demo) return r.act((ctx, _a, opts) => serve(r, ctx, opts))(...all);
      // The demo never touches the user's database: it lives in a temporary file, removed on exit.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-demo-'));
      const { openApp } = await import('../../app/context.js');
      const ctx = await openApp({
        db: path.join(dir, 'demo.db'),
        env: r.io.env,
        ...(r.io.clock ? { clock: r.io.clock } : {}),
      });
      try {
        r.io.stderr.write('Seeding the demo network…\n');
        const { seedDemo } = await import('../demo.js');
        await seedDemo(ctx);
        const { demoRoutes, startOwn } = await import('../../http/routes/demo.js');
        r.io.stderr.write(
          `This is a demo: made-up people in a temporary database, gone when you stop it. Your own network: ${startOwn[0]}\n`,
        );
        r.result = await serve(r, ctx, o, [demoRoutes]);
      } finally {
        await ctx.store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
}

async function serve(
  r: Runner,
  ctx: AppContext,
  o: Opts,
  routes: readonly RouteModule[] = [],
): Promise<Result> {
  const host = typeof o.host === 'string' ? o.host : '127.0.0.1';
  const port = typeof o.port === 'number' ? o.port : 4321;
  if (port < 0 || port > 65535)
    throw new DomainError('invalid_input', `--port must be between 0 and 65535, not ${port}`, {
      problems: [{ path: '--port', message: 'out of range' }],
    });
  // A pooled connection PostgreSQL ends while idle is reported in one line; serving goes on.
  ctx.store.onBackgroundError = (m) => void r.io.stderr.write(`${m}\n`);
  const { buildServer, loopbackHosts } = await import('../../http/server.js');
  const loopback = (loopbackHosts as readonly string[]).includes(host);
  const app = await buildServer(() => ctx, {
    allowedHosts: loopback ? loopbackHosts : 'any',
    log: (m) => void r.io.stderr.write(`${m}\n`),
    routes,
  });
  try {
    await app.listen({ port, host });
  } catch (e) {
    await app.close();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new DomainError('invalid_input', `port ${port} is in use: pick another with --port`, {
        problems: [{ path: '--port', message: 'in use' }],
      });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new DomainError('invalid_input', `cannot bind to ${host}`, {
        problems: [{ path: '--host', message: 'not available' }],
      });
    throw e;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/`;
  const json = Boolean(o.json);
  // With --json, stdout holds one document (written at exit); the address goes to stderr.
  (json ? r.io.stderr : r.io.stdout).write(`Tend is running at ${url}  (Ctrl+C to stop)\n`);
  if (!loopback)
    r.io.stderr.write(
      `warning: bound to ${host}: anyone who can reach this address can read and change your network\n`,
    );

  // The daily digest (`digest.daily`, from `digest.hour`): a timer in this process.
  const { scheduleDigest } = await import('../../app/digest.js');
  const stopDigest = scheduleDigest(ctx, {
    env: r.io.env,
    log: (m) => void r.io.stderr.write(`${m}\n`),
    appUrl: url.replace(/\/$/, ''),
  });

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (s: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(s);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await stopDigest();
  await app.close();
  return { data: { url, stopped: signal }, human: () => 'Stopped.' };
}
