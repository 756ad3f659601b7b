import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from './api.js';
import { Link } from './router.js';

export function Meter({ value, max = 100, label }: { value: number; max?: number; label: string }) {
  const pct = Math.max(0, Math.min(100, (value / max) * 100));
  const tone = pct >= 60 ? 'good' : pct >= 30 ? 'mid' : 'low';
  return (
    <span
      className="meter"
      role="meter"
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.round(value)}
      aria-label={label}
    >
      <span className={`meter-fill ${tone}`} style={{ width: `${pct}%` }} />
    </span>
  );
}

export function Badge({
  tone = 'plain',
  children,
  title,
}: {
  tone?: 'plain' | 'good' | 'warn' | 'bad' | 'info';
  children: ReactNode;
  title?: string;
}) {
  return (
    <span className={`badge ${tone}`} title={title}>
      {children}
    </span>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

/**
 * An error from adding a person. A name you already have is refused by the API (person_exists):
 * say whom it matches, link to them, and offer to add this one as someone else with the same name.
 */
export function AddPersonError({ error, onAnyway }: { error: unknown; onAnyway: () => void }) {
  if (!(error instanceof ApiError) || error.code !== 'person_exists') return <ErrorNote error={error} />;
  const existing = (error.details.existing ?? []) as {
    id: number;
    name: string;
    met?: string;
    company?: string;
  }[];
  return (
    <div className="note bad" role="alert">
      <strong>You already have someone with this name:</strong>
      <ul>
        {existing.map((p) => {
          const where = [p.met && `met ${p.met}`, p.company && `at ${p.company}`].filter(Boolean).join(', ');
          return (
            <li key={p.id}>
              <Link href={`/people/${p.id}`}>{p.name}</Link>
              {where ? ` (${where})` : ''}
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={onAnyway}>
        Add anyway: someone else with the same name
      </button>
    </div>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  // fetch() rejects with a TypeError when no answer came: say what that means, not "Failed to fetch".
  const message =
    error instanceof TypeError && /fetch|network|load failed/i.test(error.message)
      ? 'No connection to the Tend server: this page needs the network. What you save on the Capture page waits on this device.'
      : error instanceof Error
        ? error.message
        : typeof error === 'string'
          ? error
          : 'Something went wrong';
  const problems =
    error instanceof ApiError ? ((error.details.problems ?? []) as { path: string; message: string }[]) : [];
  return (
    <div className="note bad" role="alert">
      <strong>{message}</strong>
      {problems.length > 1 && (
        <ul>
          {problems.map((p) => (
            <li key={p.path + p.message}>
              {p.path}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Loads once per `key` change; `reload` fetches again. Stale answers are dropped. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: unknown[] = []) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    const ac = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    loader
      .current(ac.signal)
      .then((data) => {
        if (!ac.signal.aborted) setState({ data, loading: false });
      })
      .catch((error: unknown) => {
        if (!ac.signal.aborted) setState({ error, loading: false });
      });
    return () => {
      ac.abort();
    };
    // the caller's key is the dependency list
  }, [tick, ...key]);
  return {
    ...state,
    reload: () => {
      setTick((t) => t + 1);
    },
  };
}

/** A value that settles `ms` after the last change: search as you type without a request per key. */
export function useDebounced<T>(value: T, ms = 150): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => {
      setV(value);
    }, ms);
    return () => {
      clearTimeout(t);
    };
  }, [value, ms]);
  return v;
}

export function PageHead({ title, children }: { title: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Tend`;
  }, [title]);
  return (
    <header className="page-head">
      <h1 tabIndex={-1} id="page-title">
        {title}
      </h1>
      {children}
    </header>
  );
}

export const fmtBalance = (b: number): string => (b > 0 ? `+${b}` : `${b}`);
export const pct = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * A value to copy (a private address, an invitation link): a read-only field that selects itself,
 * and a button that copies it. No clipboard outside a secure context (plain http on a LAN
 * address): then the selected field is there to copy by hand.
 */
export function CopyField({ label, value, button }: { label: string; value: string; button: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    setCopied(false);
  }, [value]);
  return (
    <>
      <label>
        {label}
        <input
          type="text"
          readOnly
          value={value}
          onFocus={(e) => {
            e.currentTarget.select();
          }}
        />
      </label>
      <button
        type="button"
        onClick={() => {
          try {
            void navigator.clipboard.writeText(value).then(() => {
              setCopied(true);
            });
          } catch {
            setCopied(false);
          }
        }}
      >
        {copied ? 'Copied' : button}
      </button>
    </>
  );
}

/**
 * The buttons and progress line under an upload form: the preview (the form's submit), then,
 * once a preview is shown, the button that does it for real; while either runs, what it is doing.
 */
export function PreviewConfirm({
  preview,
  confirm,
  canPreview,
  previewed,
  busy,
  onConfirm,
}: {
  preview: string;
  confirm: string;
  canPreview: boolean;
  previewed: boolean;
  busy: string | undefined;
  onConfirm: () => void;
}) {
  return (
    <>
      <div className="row span">
        <button type="submit" className="primary" disabled={!canPreview || busy !== undefined}>
          {preview}
        </button>
        {previewed && (
          <button type="button" className="primary" onClick={onConfirm} disabled={busy !== undefined}>
            {confirm}
          </button>
        )}
      </div>
      {busy && (
        <p role="status" className="muted">
          <progress aria-label={busy} /> {busy}
        </p>
      )}
    </>
  );
}
