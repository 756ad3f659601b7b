import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api.js';

/** The records the API can remove and restore (`DELETE /api/<kind>s/:id`, `POST …/restore`). */
export type RemovableKind = 'interaction' | 'item' | 'promise' | 'event';

interface Removed {
  kind: RemovableKind;
  id: number;
  label: string;
}

/** How long the Undo button stays: long enough to notice, short enough not to linger. */
export const UNDO_MS = 8000;

/**
 * Removal with an undo toast: `remove` deletes at once (soft delete on the server), calls
 * `onChange`, and shows "Removed … Undo" for a few seconds; Undo restores and calls `onChange`.
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

  const undo = useCallback(async (): Promise<void> => {
    if (!removed) return;
    clearTimeout(timer.current);
    try {
      await api('POST', `/api/${removed.kind}s/${removed.id}/restore`, {});
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
          <span>Removed {removed.label}.</span>
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
  return { remove, toast };
}

export type Remove = (kind: RemovableKind, id: number, label: string) => Promise<void>;
