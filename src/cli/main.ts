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

/**
 * Runs one `tend` command in this process and returns its exit code; the entry (`entry.ts`)
 * flushes the output and ends the process. Commands that stay in this process and the fallback
 * when no daemon answers both come here.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const { run } = await import('./program.js');
  const code = await run(argv, {
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
  return code;
}
