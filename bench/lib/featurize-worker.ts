/**
 * A child process that featurizes texts with the product's matcher, so the one-time index build
 * can use every core (the sentence encoder runs on one thread per process).
 * Protocol over IPC (advanced serialisation): in `{ texts: string[] }`, out `{ features: Uint8Array[] }`.
 */
import { createMatcher } from '../../src/matching/index.js';

const matcher = createMatcher();
process.on('message', (msg: { texts: string[] }) => {
  void matcher.featurize(msg.texts).then(
    (features) => process.send?.({ features }),
    (e: unknown) => process.send?.({ error: e instanceof Error ? e.message : String(e) }),
  );
});
process.send?.({ ready: matcher.version });
