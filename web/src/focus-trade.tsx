import { useEffect, useRef, useState } from 'react';
import { api } from './api.js';
import { ErrorNote, pct } from './ui.js';

export interface Candidate {
  id: number;
  name: string;
  fit: number;
}

/**
 * The focus list is full: adding someone is a trade. A modal dialog names the weakest-fit
 * members; choosing one moves them back to the network and the new person in, in one request.
 */
export function FocusTrade({
  person,
  name,
  message,
  candidates,
  onDone,
  onCancel,
}: {
  person: string;
  name: string;
  message: string;
  candidates: Candidate[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const trade = async (out: Candidate): Promise<void> => {
    try {
      await api('POST', '/api/focus', { person, replace: String(out.id) });
      dialog.current?.close();
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="trade-title"
      onCancel={onCancel}
      onClose={onCancel}
    >
      <h2 id="trade-title">Your focus list is full</h2>
      <p>{message.replace(/;.*$/, '.')}</p>
      <p>To bring {name} in, move someone back to your network. Weakest fit first:</p>
      <ul className="items">
        {candidates
          .filter((c, i) => candidates.findIndex((d) => d.id === c.id) === i)
          .map((c) => (
            <li key={c.id}>
              <span>
                {c.name} <span className="muted small">fit {pct(c.fit)}</span>
              </span>
              <button type="button" onClick={() => void trade(c)}>
                Move {c.name} out
              </button>
            </li>
          ))}
      </ul>
      <ErrorNote error={error} />
      <div className="row">
        <button type="button" onClick={() => dialog.current?.close()}>
          Keep my list as it is
        </button>
      </div>
    </dialog>
  );
}
