import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening } from './ports.js';

export const haproxyBin = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find((p) => fs.existsSync(p));

export interface HaProxy {
  port: number;
  url: string;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Debian's HAProxy on a free port, round-robin over `backends` (ports of `tend serve` on
 * 127.0.0.1), each health-checked on `GET /api/health` every 500 ms and taken out after three
 * failures (one slow answer on a busy 2-core machine must not empty the rotation); a request that
 * cannot connect to a dead server is re-dispatched to another at once (`option redispatch`).
 */
export async function startHaProxy(backends: readonly number[]): Promise<HaProxy> {
  if (!haproxyBin) throw new Error('haproxy is not installed: apt-get install haproxy');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-haproxy-'));
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, 'haproxy.cfg'),
    [
      'global',
      '  maxconn 1024',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      '  timeout check 2s',
      '  retries 3',
      '  option redispatch',
      'frontend tend',
      `  bind 127.0.0.1:${port}`,
      '  default_backend servers',
      'backend servers',
      '  balance roundrobin',
      '  option httpchk GET /api/health',
      '  http-check send hdr Host 127.0.0.1',
      ...backends.map((p, i) => `  server s${i + 1} 127.0.0.1:${p} check inter 500 fall 3 rise 1`),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(haproxyBin, ['-db', '-f', path.join(dir, 'haproxy.cfg')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await listening(port, 'haproxy', 20_000, () => child.exitCode !== null);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${out}`);
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    log: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
