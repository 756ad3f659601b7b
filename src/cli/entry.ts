// `dist/tend.cjs`, the `tend` command: a first stage that loads none of the bundle. A read
// (`today`, `show`, `people`, `match PERSON`…) goes to the user's daemon of this build when one
// answers; anything else, or when none does, runs in this process as always
// (docs/decisions/0016-cli-daemon.md). Built as CommonJS, because Node starts a CommonJS file
// faster than an ES module (3–8 ms, a tenth of a bare start): no top-level await here.
import fs from 'node:fs';
import { startDaemon, tellChanged, viaDaemon, type NotServed } from './daemon/client.js';
import { mayWrite, routed, socketPath } from './daemon/protocol.js';

/** Written by scripts/build.mjs: a hash of the bundle, so a new build never talks to an old daemon. */
const BUILD_ID: string = 'TEND_BUILD_ID_00';

const argv = process.argv.slice(2);
const env = process.env;
const entry = import.meta.filename;
/** Run from the bundle (the build wrote its id), not from the sources. */
const built = BUILD_ID !== 'TEND_BUILD_ID_00';
const daemonOn = env.TEND_DAEMON !== 'off' && built;
const wanted = daemonOn && routed(argv);
const socket = wanted ? socketPath(env, BUILD_ID, entry, false) : undefined;

for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });

async function start(): Promise<void> {
  let served: number | NotServed = { start: wanted };
  if (socket !== undefined) served = await viaDaemon(socket, argv);
  let code: number;
  if (typeof served === 'number') code = served;
  else {
    (globalThis as Record<symbol, unknown>)[Symbol.for('tend.build')] = { id: BUILD_ID, entry };
    const { main } = await import('./main.js');
    code = await main(argv);
    if (served.start) {
      const own = socketPath(env, BUILD_ID, entry, true);
      if (own !== undefined) await startDaemon(own, entry);
    } else if (code === 0 && daemonOn && mayWrite(argv)) {
      const own = socketPath(env, BUILD_ID, entry, false);
      if (own !== undefined && fs.existsSync(own)) await tellChanged(own);
    }
  }
  // Every command, `serve` included, has closed what it opened by the time it returns. Ending
  // here, once the output is flushed, instead of when the event loop has drained, spares a command
  // that built a large heap (`today` at full scale) the ~10 ms V8 would spend finishing a garbage
  // collection no one will use. The compile cache is still written on exit.
  await Promise.all([process.stdout, process.stderr].map(flushed));
  process.exit(code);
}
void start();

/** Resolves once everything written to `stream` so far has been handed to the system. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || !stream.writable) return Promise.resolve();
  return new Promise((resolve) => {
    stream.write('', () => {
      resolve();
    });
  });
}
