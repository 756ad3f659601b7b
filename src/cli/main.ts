import { run } from './program.js';

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
  stdin: process.stdin,
  env: process.env,
});
process.exitCode = code;
