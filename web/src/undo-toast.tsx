import { createContext, useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api.js';

/** The records the API can remove and restore (`DELETE /api/<kind>s/:id`, `POST …/restore`). */
export type RemovableKind = 'interaction' | 'item' | 'promise' | 'event';

type Removed =
  | { kind: RemovableKind; id: number; label: string }
  /** An edit saved: `restore` writes the values from before it back (the same PATCH). */
  | { kind: 'edit'; restore: () => Promise<unknown> };

/**
 * Given by a page that shows the undo toast: an EditForm inside it offers to undo its save by
 * calling this with a function that writes the previous values back.
 */
export const EditUndo = createContext<((restore: () => Promise<unknown>) => void) | undefined>(undefined);

/** How long the Undo button stays: long enough to notice, short enough not to linger. */
export const UNDO_MS = 8000;

/**
 * Removal and edits with an undo toast: `remove` deletes at once (soft delete on the server),
 * calls `onChange`, and shows "Removed … Undo" for a few seconds; Undo restores and calls
 * `onChange`. `edited` (given to EditForms through EditUndo) shows "Change saved. Undo"; Undo
 * writes the previous values back.
 */
export function useUndo(onChange: () => void) {
  const [removed, setRemoved] = useState<Removed>();
  const [error, setError] = useState<unknown>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
    },
    [],
  );

  const remove = useCallback(
    async (kind: RemovableKind, id: number, label: string): Promise<void> => {
      setError(undefined);
      try {
        await api('DELETE', `/api/${kind}s/${id}`);
        setRemoved({ kind, id, label });
        clearTimeout(timer.current);
        timer.current = setTimeout(() => {
          setRemoved(undefined);
        }, UNDO_MS);
        onChange();
      } catch (e) {
        setError(e);
      }
    },
    [onChange],
  );

  const edited = useCallback((restore: () => Promise<unknown>): void => {
    setError(undefined);
    setRemoved({ kind: 'edit', restore });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setRemoved(undefined);
    }, UNDO_MS);
  }, []);

  const undo = useCallback(async (): Promise<void> => {
    if (!removed) return;
    clearTimeout(timer.current);
    try {
      if (removed.kind === 'edit') await removed.restore();
      else await api('POST', `/api/${removed.kind}s/${removed.id}/restore`, {});
      setRemoved(undefined);
      onChange();
    } catch (e) {
      setError(e);
    }
  }, [removed, onChange]);

  const toast = (
    <div className="toast-region" aria-live="polite">
      {removed && (
        <div className="toast" role="status">
          <span>{removed.kind === 'edit' ? 'Change saved.' : `Removed ${removed.label}.`}</span>
          <button type="button" onClick={() => void undo()}>
            Undo
          </button>
        </div>
      )}
      {error !== undefined && (
        <div className="toast bad" role="alert">
          {error instanceof Error ? error.message : 'Could not do that'}
        </div>
      )}
    </div>
  );
  return { remove, edited, toast };
}

export type Remove = (kind: RemovableKind, id: number, label: string) => Promise<void>;
