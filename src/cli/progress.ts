import type { Presets, SingleBar } from 'cli-progress';
import type { Io } from './runner.js';

interface CliProgress {
  SingleBar: typeof SingleBar;
  Presets: typeof Presets;
}

export interface Progress {
  /** `label` names the phase; a new label restarts the bar at its own total. */
  update: (label: string, done: number, total: number) => void;
  stop: () => void;
}

/**
 * A bar on stderr for long work (on a terminal, without --json), once the work has at least
 * `from` steps. `TEND_PROGRESS=1` forces plain `label done/total` lines instead (for pipes and tests).
 */
export function progressBar(io: Io, json: boolean, from: number): Progress {
  const forced = io.env.TEND_PROGRESS === '1';
  const out = io.progress ?? io.stderr;
  const tty = out.isTTY === true && !json;
  let bar: SingleBar | undefined;
  let phase: string | undefined;
  let stopped = false;
  let loading: Promise<CliProgress> | undefined;
  const update = (p: string, done: number, total: number): void => {
    if (total < from && !forced) return;
    if (forced && !tty) {
      out.write(`${p} ${done}/${total}\n`);
      return;
    }
    if (!tty) return;
    if (!bar) {
      // CommonJS: bundled, its exports sit on `default`; under tsx they are named exports.
      loading ??= import('cli-progress').then((m) => (m as Partial<{ default: CliProgress }>).default ?? m);
      loading
        .then((m) => {
          // The work may be over before the module loaded: a bar started now would never stop.
          if (stopped) return;
          bar ??= new m.SingleBar(
            {
              stream: out,
              format: '{phase} [{bar}] {value}/{total}',
              hideCursor: true,
              clearOnComplete: true,
            },
            m.Presets.shades_classic,
          );
          bar.start(total, done, { phase: p });
          phase = p;
        })
        .catch(() => undefined); // a progress bar is never worth failing the work for
      return;
    }
    if (phase !== p) {
      bar.setTotal(total);
      phase = p;
    }
    bar.update(done, { phase: p });
  };
  return {
    update,
    stop: () => {
      stopped = true;
      bar?.stop();
    },
  };
}
