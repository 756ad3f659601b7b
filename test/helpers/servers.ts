import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, listening as listeningOn } from './ports.js';

export { freePort };

/** Waits until something accepts connections on the port, or the process has died. */
export async function listening(
  port: number,
  child: ChildProcess,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await listeningOn(port, what, timeoutMs, () => child.exitCode !== null);
  } catch (e) {
    const how = child.exitCode !== null ? `exited (${child.exitCode})` : 'did not listen';
    throw new Error(`${what} ${how} on ${port}: ${output}`, { cause: e });
  }
}

/** Stops a server the test started, and waits for it to go. */
export async function stop(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(t);
}

export { spawn };
