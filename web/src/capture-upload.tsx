import { useState, type SubmitEvent } from 'react';
import type { CalendarCaptureSummary } from '../../src/app/capture-calendar.js';
import type { MailCaptureSummary } from '../../src/app/capture-mail.js';
import { qs, upload } from './api.js';
import { Link } from './router.js';
import { ErrorNote, PreviewConfirm } from './ui.js';

type Summary = CalendarCaptureSummary | MailCaptureSummary;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What a run would do or did, in the words of `tend import calendar|mail`. */
function CaptureSummary({ s }: { s: Summary }) {
  const would = s.dryRun ? 'would be' : 'were';
  const skipped = Object.values(s.skipped).reduce((a, b) => a + b, 0);
  return (
    <div className="panel" role="status" aria-label={s.dryRun ? 'Preview' : 'Captured'}>
      <h2>{s.dryRun ? 'Preview: nothing written yet' : 'Captured'}</h2>
      <dl className="kpis">
        <div>
          <dt>{s.kind === 'calendar' ? 'Events' : 'Messages'}</dt>
          <dd>{s.kind === 'calendar' ? s.events : s.messages}</dd>
        </div>
        <div>
          <dt>Interactions added</dt>
          <dd>{s.created}</dd>
        </div>
        {s.kind === 'calendar' && (
          <>
            <div>
              <dt>Updated</dt>
              <dd>{s.updated}</dd>
            </div>
            <div>
              <dt>Removed</dt>
              <dd>{s.removed}</dd>
            </div>
          </>
        )}
        <div>
          <dt>Not counted</dt>
          <dd>{skipped}</dd>
        </div>
        <div>
          <dt>Met, not in Tend</dt>
          <dd>{s.newStrangers}</dd>
        </div>
      </dl>
      <p>
        {s.changedNothing
          ? 'Nothing new: this file was read before.'
          : `${plural(s.created, 'interaction')} ${would} added with people in Tend; ${plural(
              s.newStrangers,
              'person',
              'people',
            )} you met ${s.dryRun ? 'would wait' : 'wait'} in the review list.`}{' '}
        {!s.dryRun && s.newStrangers > 0 && <Link href="/captured">Review who you met</Link>}
      </p>
      {!s.knowsMe && (
        <p className="note">
          Tell Tend your own address (<code>tend me email ADDRESS</code>) so it can tell your declined
          meetings apart.
        </p>
      )}
      {s.problems.length > 0 && (
        <details open={s.problems.length <= 10}>
          <summary>{plural(s.problems.length, 'problem')}</summary>
          <ul className="items">
            {s.problems.slice(0, 200).map((p, i) => (
              <li key={i}>
                <strong>line {p.line}</strong> {p.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/**
 * The Import page's calendar and mailbox upload: a preview first (the CLI's `--dry-run`), then
 * Confirm writes it as one run that the Meetings & mail page can undo.
 */
export function CaptureUpload() {
  const [file, setFile] = useState<File>();
  const [kind, setKind] = useState<'calendar' | 'mail'>('calendar');
  const [preview, setPreview] = useState<Summary>();
  const [done, setDone] = useState<Summary>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();

  const run = async (dryRun: boolean): Promise<void> => {
    if (!file) return;
    setBusy(dryRun ? 'Reading the file…' : 'Capturing…');
    setError(undefined);
    try {
      const s = await upload<Summary>(
        `/api/capture/import${qs({ kind, dryRun, filename: file.name })}`,
        file,
      );
      if (dryRun) setPreview(s);
      else {
        setDone(s);
        setPreview(undefined);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const submit = (e: SubmitEvent): void => {
    e.preventDefault();
    setDone(undefined);
    void run(true);
  };

  return (
    <section aria-labelledby="h-capture-upload">
      <h2 id="h-capture-upload">Meetings and mail</h2>
      <p className="muted">
        A calendar export (.ics) or a mailbox (.mbox): real meetings and personal threads with people in Tend
        become interactions; bodies are never read. Preview first; every run can be undone.
      </p>
      <form className="panel grid-form" onSubmit={submit} aria-label="Capture from a calendar or mailbox">
        <label>
          Kind
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value === 'mail' ? 'mail' : 'calendar');
              setPreview(undefined);
            }}
          >
            <option value="calendar">Calendar (.ics)</option>
            <option value="mail">Mailbox (.mbox)</option>
          </select>
        </label>
        <label>
          Calendar or mailbox file
          <input
            type="file"
            accept={kind === 'calendar' ? '.ics,text/calendar' : '.mbox,application/mbox'}
            onChange={(e) => {
              setFile(e.target.files?.[0]);
              setPreview(undefined);
            }}
          />
        </label>
        <PreviewConfirm
          preview="Preview"
          confirm="Confirm capture"
          canPreview={file !== undefined}
          previewed={preview !== undefined}
          busy={busy}
          onConfirm={() => void run(false)}
        />
      </form>
      <ErrorNote error={error} />
      {preview && <CaptureSummary s={preview} />}
      {done && <CaptureSummary s={done} />}
    </section>
  );
}
