import { useState, type SubmitEvent } from 'react';
import { api, hasRoute } from './api.js';
import type { SourceView } from '../../src/core/live-sources.js';
import { ErrorNote, useLoad } from './ui.js';

/**
 * The Import page's "Sources" panel (docs/decisions/0018-live-sources.md): connect a CalDAV
 * calendar or an IMAP mailbox, run it (preview first), see its runs, undo one. The password
 * field is write-only: the API never sends it back, and the field is cleared once sent.
 */

interface RunSummary {
  source: string;
  kind: 'calendar' | 'mail';
  dryRun: boolean;
  run?: number;
  read: string[];
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  skipped: Record<string, number>;
  newStrangers: number;
  changedNothing: boolean;
  problems: { line: number; message: string }[];
}

interface RunRow {
  id: number;
  kind: 'calendar' | 'mail';
  startedAt: string;
  counts: Record<string, number>;
  undoneAt?: string;
}

const enc = encodeURIComponent;

function Outcome({ s }: { s: RunSummary }) {
  const would = s.dryRun ? 'would be ' : '';
  return (
    <p role="status">
      <strong>{s.dryRun ? 'Preview, nothing written: ' : `${s.source}: `}</strong>
      {s.changedNothing
        ? `nothing ${s.dryRun ? 'would change' : 'changed'} (${s.unchanged} already captured).`
        : `${s.created} ${would}added, ${s.updated} ${would}updated, ${s.removed} ${would}removed, ${s.unchanged} unchanged.`}{' '}
      {s.newStrangers > 0 && `${s.newStrangers} people not in Tend wait in the review list. `}
      {s.problems.length > 0 &&
        `${s.problems.length} left out: ${s.problems.map((p) => p.message).join('; ')}`}
    </p>
  );
}

function Runs({ name, onChange }: { name: string; onChange: () => void }) {
  const { data, error, reload } = useLoad(
    (signal) => api<{ runs: RunRow[] }>('GET', `/api/sources/${enc(name)}/runs`, undefined, signal),
    [name],
  );
  const [failed, setFailed] = useState<unknown>();
  const undo = async (id: number): Promise<void> => {
    setFailed(undefined);
    try {
      await api('POST', `/api/sources/${enc(name)}/runs/${id}/undo`, {});
      reload();
      onChange();
    } catch (e) {
      setFailed(e);
    }
  };
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">Loading runs…</p>;
  return (
    <>
      {data.runs.length === 0 ? (
        <p className="muted">No runs that changed anything yet.</p>
      ) : (
        <ul className="items" aria-label={`Runs of ${name}`}>
          {data.runs.map((r) => (
            <li key={r.id}>
              Run {r.id}, {r.startedAt.slice(0, 16).replace('T', ' ')}: +{r.counts.created ?? 0} ~
              {r.counts.updated ?? 0} −{r.counts.removed ?? 0}{' '}
              {r.undoneAt ? (
                <span className="muted">(undone)</span>
              ) : (
                <button type="button" onClick={() => void undo(r.id)}>
                  Undo run {r.id}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={failed} />
    </>
  );
}

function Source({ s, onChange }: { s: SourceView; onChange: () => void }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RunSummary>();
  const [error, setError] = useState<unknown>();
  const [showRuns, setShowRuns] = useState(false);
  const [runsKey, setRunsKey] = useState(0);
  const run = async (dryRun: boolean): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      setOutcome(await api<RunSummary>('POST', `/api/sources/${enc(s.name)}/run`, { dryRun }));
      setRunsKey((k) => k + 1);
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (): Promise<void> => {
    setError(undefined);
    try {
      await api('DELETE', `/api/sources/${enc(s.name)}`);
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li>
      <div className="source">
        <strong>{s.name}</strong> <span className="muted">({s.kind === 'caldav' ? 'calendar' : 'mail'})</span>{' '}
        {s.where} as {s.user}
        {(s.calendars ?? s.mailboxes ?? []).length > 0 &&
          ` · ${(s.calendars ?? s.mailboxes ?? []).join(', ')}`}
        <span className="muted">
          {' '}
          · last run {s.lastRunAt ? s.lastRunAt.slice(0, 16).replace('T', ' ') : 'never'}
        </span>
        <div className="row">
          <button type="button" disabled={busy} onClick={() => void run(true)}>
            Preview {s.name}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void run(false)}>
            Run {s.name} now
          </button>
          <button
            type="button"
            aria-expanded={showRuns}
            onClick={() => {
              setShowRuns((v) => !v);
            }}
          >
            Runs of {s.name}
          </button>
          <button type="button" onClick={() => void remove()}>
            Remove {s.name}
          </button>
        </div>
        {busy && (
          <p role="status" className="muted">
            <progress aria-label={`Reading ${s.name}`} /> Reading {s.name}…
          </p>
        )}
        {outcome && <Outcome s={outcome} />}
        <ErrorNote error={error} />
        {showRuns && <Runs key={runsKey} name={s.name} onChange={onChange} />}
      </div>
    </li>
  );
}

function ConnectForm({ onAdded }: { onAdded: () => void }) {
  const [kind, setKind] = useState<'caldav' | 'imap'>('caldav');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: SubmitEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const str = (k: string): string => (typeof f.get(k) === 'string' ? (f.get(k) as string) : '');
    const list = (k: string): string[] =>
      str(k)
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '');
    const body =
      kind === 'caldav'
        ? {
            kind,
            name: str('name'),
            url: str('url'),
            user: str('user'),
            password: str('password'),
            calendars: list('calendars'),
          }
        : {
            kind,
            name: str('name'),
            server: str('server'),
            user: str('user'),
            password: str('password'),
            ...(list('mailboxes').length > 0 ? { mailboxes: list('mailboxes') } : {}),
            security: str('security'),
          };
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', '/api/sources', body);
      form.reset();
      onAdded();
    } catch (err) {
      setError(err);
      // The password is never kept in the page longer than one attempt.
      const pw = form.elements.namedItem('password');
      if (pw instanceof HTMLInputElement) pw.value = '';
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel grid-form" onSubmit={(e) => void submit(e)} aria-label="Connect a source">
      <label>
        Kind
        <select
          value={kind}
          onChange={(e) => {
            setKind(e.target.value === 'imap' ? 'imap' : 'caldav');
          }}
        >
          <option value="caldav">Calendar (CalDAV)</option>
          <option value="imap">Mail (IMAP)</option>
        </select>
      </label>
      <label>
        Name
        <input
          name="name"
          required
          maxLength={40}
          placeholder={kind === 'caldav' ? 'work-calendar' : 'work-mail'}
        />
      </label>
      {kind === 'caldav' ? (
        <label>
          CalDAV URL
          <input name="url" type="url" required placeholder="https://dav.example.com/" />
        </label>
      ) : (
        <label>
          IMAP server
          <input name="server" required placeholder="imap.example.com or host:port" />
        </label>
      )}
      <label>
        User
        <input name="user" required autoComplete="username" />
      </label>
      <label>
        Password
        <input name="password" type="password" required autoComplete="new-password" />
      </label>
      {kind === 'caldav' ? (
        <label>
          Calendars (optional, comma-separated)
          <input name="calendars" placeholder="all" />
        </label>
      ) : (
        <>
          <label>
            Mailboxes (comma-separated)
            <input name="mailboxes" placeholder="INBOX" />
          </label>
          <label>
            Security
            <select name="security" defaultValue="tls">
              <option value="tls">TLS (port 993)</option>
              <option value="starttls">STARTTLS (port 143)</option>
              <option value="insecure-local">None: a server on this machine only</option>
            </select>
          </label>
        </>
      )}
      <div className="row span">
        <button type="submit" className="primary" disabled={busy}>
          Connect
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}

export function SourcesPanel() {
  const { data: available } = useLoad(() => hasRoute('/api/sources'));
  const { data, error, reload } = useLoad(
    (signal) => api<{ sources: SourceView[] }>('GET', '/api/sources', undefined, signal),
    [],
  );
  if (available !== true) return null;
  return (
    <section aria-labelledby="sources-title">
      <h2 id="sources-title">Sources</h2>
      <p className="muted">
        Connect a calendar or a mailbox: each run reads only what changed since the last one, counts real
        meetings and conversations, and can be undone. Passwords are stored encrypted and never shown again.
      </p>
      <ErrorNote error={error} />
      {data && data.sources.length === 0 && <p>No sources connected yet.</p>}
      {data && data.sources.length > 0 && (
        <ul className="items" aria-label="Connected sources">
          {data.sources.map((s) => (
            <Source key={s.name} s={s} onChange={reload} />
          ))}
        </ul>
      )}
      <ConnectForm onAdded={reload} />
    </section>
  );
}
