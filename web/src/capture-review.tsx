import { useCallback, useEffect, useRef, useState } from 'react';
import type { StrangerSummary } from '../../src/app/capture-runs.js';
import { api } from './api.js';
import { Link } from './router.js';
import { UNDO_MS } from './undo-toast.js';
import { Badge, Empty, ErrorNote } from './ui.js';

type Toast =
  | { kind: 'ignored'; email: string; label: string }
  | { kind: 'added'; personId: number; label: string; circle: string };

const sourceName = (s: string): string => s.replace(/^.*[\\/]/, '');

/**
 * "Met in meetings, not in Tend": one click adds to the pool or the network (their meetings
 * count from then on), one ignores (with Undo, like every removal in the app).
 */
export function CaptureReview({ onChange, refresh }: { onChange: () => void; refresh: number }) {
  const [people, setPeople] = useState<StrangerSummary[]>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  const [toast, setToast] = useState<Toast>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const load = useCallback(async (): Promise<void> => {
    try {
      setPeople((await api<{ people: StrangerSummary[] }>('GET', '/api/capture/review')).people);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
    return () => {
      clearTimeout(timer.current);
    };
  }, [load, refresh]);

  const show = (t: Toast): void => {
    setToast(t);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setToast(undefined);
    }, UNDO_MS);
  };
  const act = async (email: string, what: () => Promise<Toast>): Promise<void> => {
    setBusy(email);
    setError(undefined);
    try {
      show(await what());
      await load();
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const add = (p: StrangerSummary, circle: 'pool' | 'network') =>
    act(p.email, async () => {
      const r = await api<{ person: { id: number; name: string } }>('POST', '/api/capture/review/add', {
        email: p.email,
        circle,
      });
      return { kind: 'added', personId: r.person.id, label: r.person.name, circle };
    });
  const ignore = (p: StrangerSummary) =>
    act(p.email, async () => {
      await api('POST', '/api/capture/review/ignore', { email: p.email });
      return { kind: 'ignored', email: p.email, label: p.name ?? p.email };
    });
  const unignore = async (email: string): Promise<void> => {
    clearTimeout(timer.current);
    setToast(undefined);
    try {
      await api('POST', '/api/capture/review/unignore', { email });
      await load();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section aria-labelledby="h-met">
      <h2 id="h-met">Met in meetings, not in Tend</h2>
      <ErrorNote error={error} />
      {people?.length === 0 && (
        <Empty title="No one is waiting">
          <p>Everyone you met in the calendars and mailboxes read so far is in Tend, or ignored.</p>
        </Empty>
      )}
      {people && people.length > 0 && (
        <ul className="items" aria-label="Met, not in Tend">
          {people.map((p) => (
            <li key={p.email} aria-label={p.name ?? p.email}>
              <div className="row between">
                <div>
                  <strong>{p.name ?? p.email}</strong> {p.name && <span className="muted">{p.email}</span>}
                  <div className="small muted">
                    {p.count}{' '}
                    {p.kinds.includes('mail') && !p.kinds.includes('calendar') ? 'thread' : 'meeting'}
                    {p.count === 1 ? '' : 's'}, last {p.last}
                    {p.first !== p.last && `, first ${p.first}`} · from {p.sources.map(sourceName).join(', ')}{' '}
                    {p.channels.map((c) => (
                      <Badge key={c}>{c.replace('_', ' ')}</Badge>
                    ))}
                  </div>
                </div>
                <div className="row">
                  <button type="button" disabled={busy !== undefined} onClick={() => void add(p, 'pool')}>
                    Add to pool
                  </button>
                  <button type="button" disabled={busy !== undefined} onClick={() => void add(p, 'network')}>
                    Add to network
                  </button>
                  <button
                    type="button"
                    className="link"
                    disabled={busy !== undefined}
                    onClick={() => void ignore(p)}
                  >
                    Ignore
                  </button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="toast-region" aria-live="polite">
        {toast?.kind === 'ignored' && (
          <div className="toast" role="status">
            <span>Ignored {toast.label}.</span>
            <button type="button" onClick={() => void unignore(toast.email)}>
              Undo
            </button>
          </div>
        )}
        {toast?.kind === 'added' && (
          <div className="toast" role="status">
            <span>
              Added {toast.label} to your {toast.circle}.
            </span>{' '}
            <Link href={`/people/${toast.personId}`}>Open</Link>
          </div>
        )}
      </div>
    </section>
  );
}
