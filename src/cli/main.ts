import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

// Node 22.1+ keeps the V8 code it compiled for the bundle on disk and reuses it on the next run,
// which takes most of the start-up cost off every later `tend` command. It must be switched on
// before the rest of the CLI loads, so everything else is imported below, after it. On Node 20
// the function does not exist and nothing changes; `NODE_DISABLE_COMPILE_CACHE=1` turns it off.
const enableCompileCache = (module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
if (enableCompileCache)
  try {
    enableCompileCache(compileCacheDir(process.env));
  } catch {
    // A cache that cannot be written only costs speed.
  }

/** `$XDG_CACHE_HOME/tend/compile-cache`, else `~/.cache/tend/compile-cache`. */
function compileCacheDir(env: NodeJS.ProcessEnv): string {
  const base =
    env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== ''
      ? env.XDG_CACHE_HOME
      : path.join(os.homedir(), '.cache');
  return path.join(base, 'tend', 'compile-cache');
}

const { run } = await import('./program.js');

// `tend people | head -1` closes the pipe early: the reader has what it wanted. A write to the
// closed pipe (EPIPE, then writes to the destroyed stream) is dropped quietly instead of ending
// the process with a stack trace, and the command still ends with its own exit code.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });

// The only place that ends the process: every command returns its exit code to here.
const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  // Opened only by the command that reads it (`tend me` on a terminal): a stream on stdin costs
  // every other command its set-up.
  get stdin() {
    return process.stdin;
  },
  env: process.env,
});
process.exitCode = code;

// Every command, `serve` included, has closed what it opened by the time `run` returns, and
// what it printed is flushed below. Ending here, instead of when the event loop has drained,
// spares a command that built a large heap (`today` at full scale) the ~10 ms V8 would spend
// finishing a garbage collection no one will use. The compile cache is still written on exit.
await Promise.all([process.stdout, process.stderr].map(flushed));
process.exit(code);

/** Resolves once everything written to `stream` so far has been handed to the system. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || !stream.writable) return Promise.resolve();
  return new Promise((resolve) => {
    stream.write('', () => {
      resolve();
    });
  });
}
