import { useState } from 'react';
import type { RunRow } from '../../src/storage/repos/capture.js';
import { api } from './api.js';
import { Badge, Empty, ErrorNote } from './ui.js';

const countNames: [string, string][] = [
  ['created', 'added'],
  ['updated', 'updated'],
  ['removed', 'removed'],
  ['skipped', 'not counted'],
  ['newStrangers', 'to review'],
];

const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** What each run captured, newest first, with "Undo this run" (`tend sync list|undo`). */
export function CaptureRuns({ runs, onChange }: { runs: RunRow[] | undefined; onChange: () => void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<number>();
  const undo = async (id: number): Promise<void> => {
    setBusy(id);
    setError(undefined);
    try {
      await api('POST', `/api/capture/runs/${id}/undo`, {});
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section aria-labelledby="h-runs">
      <h2 id="h-runs">Captured runs</h2>
      <ErrorNote error={error} />
      {runs?.length === 0 && (
        <Empty title="Nothing captured yet">
          <p>Import a calendar or a mailbox on the Import page.</p>
        </Empty>
      )}
      {runs && runs.length > 0 && (
        <ul className="items" aria-label="Runs">
          {runs.map((r) => (
            <li key={r.id} className={r.undoneAt ? 'closed' : undefined} aria-label={`Run ${r.id}`}>
              <div className="row between">
                <div>
                  <strong>
                    Run {r.id}: {r.source.replace(/^.*[\\/]/, '')}
                  </strong>{' '}
                  <Badge tone="info">{r.kind}</Badge>{' '}
                  {r.undoneAt && <Badge tone="warn">undone {when(r.undoneAt)}</Badge>}
                  <div className="small muted">
                    {when(r.startedAt)} ·{' '}
                    {countNames
                      .filter(([k]) => (r.counts[k] ?? 0) > 0)
                      .map(([k, label]) => `${r.counts[k] ?? 0} ${label}`)
                      .join(', ') || 'no changes'}
                  </div>
                </div>
                {!r.undoneAt && (
                  <button type="button" disabled={busy !== undefined} onClick={() => void undo(r.id)}>
                    Undo this run
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
