import { useEffect, useState } from 'react';
import { Link } from '../router.js';
import { pendingActions, removeAction, retryAction, startQueue, type QueuedAction } from './queue.js';

/** The actions waiting on this device, kept current as the queue changes (in any tab). */
export function usePending(): QueuedAction[] {
  const [actions, setActions] = useState<QueuedAction[]>([]);
  useEffect(() => {
    let live = true;
    const load = (): void => {
      pendingActions()
        .then((a) => {
          if (live) setActions(a);
        })
        .catch(() => undefined);
    };
    load();
    window.addEventListener('tend-queue', load);
    return () => {
      live = false;
      window.removeEventListener('tend-queue', load);
    };
  }, []);
  return actions;
}

/** In the header: how many actions wait to be sent, linking to the list. Nothing when none. */
export function PendingBadge() {
  useEffect(() => {
    startQueue();
  }, []);
  const actions = usePending();
  if (actions.length === 0) return null;
  const refused = actions.filter((a) => a.error !== undefined).length;
  return (
    <Link href="/capture#pending" className={`pending-badge${refused > 0 ? ' refused' : ''}`}>
      {actions.length} pending
      <span className="sr-only">
        : saved on this device, not yet sent{refused > 0 ? `, ${refused} refused` : ''}
      </span>
    </Link>
  );
}

/** Every waiting action, each removable; a refused one shows why and can be retried. */
export function PendingList() {
  const actions = usePending();
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = (): void => {
      setOnline(navigator.onLine);
    };
    window.addEventListener('online', on);
    window.addEventListener('offline', on);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', on);
    };
  }, []);
  return (
    <section className="panel" id="pending" aria-labelledby="h-pending">
      <h2 id="h-pending">Waiting to be sent ({actions.length})</h2>
      <p className="muted small" role="status">
        {online
          ? 'Online: what waits is sent now.'
          : 'Offline: what you save waits on this device and is sent when you are back online.'}
      </p>
      {actions.length === 0 ? (
        <p className="muted">Nothing is waiting: everything you saved is on the server.</p>
      ) : (
        <ul className="items pending-list">
          {actions.map((a) => (
            <li key={a.key}>
              <span>
                {a.label}
                <span className="muted small"> · saved {new Date(a.queuedAt).toLocaleTimeString()}</span>
                {a.error !== undefined && <span className="error-text small">Refused: {a.error}</span>}
              </span>
              <span className="row">
                {a.error !== undefined && (
                  <button type="button" onClick={() => void retryAction(a.key)}>
                    Retry<span className="sr-only"> {a.label}</span>
                  </button>
                )}
                <button type="button" onClick={() => void removeAction(a.key)}>
                  Remove<span className="sr-only"> {a.label}</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
