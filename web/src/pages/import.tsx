import { useState, type SubmitEvent } from 'react';
import { hasRoute, qs, upload } from '../api.js';
import { CaptureUpload } from '../capture-upload.js';
import { Link } from '../router.js';
import { SourcesPanel } from '../sources.js';
import type { ImportSummary } from '../types.js';
import { Empty, ErrorNote, PageHead, PreviewConfirm, useLoad } from '../ui.js';

const formats = [
  ['linkedin', 'LinkedIn Connections.csv'],
  ['vcard', 'vCard (.vcf)'],
  ['google', 'Google Contacts CSV'],
] as const;

function Summary({ s }: { s: ImportSummary }) {
  return (
    <div className="panel" role="status">
      <h2>{s.dryRun ? 'Dry run: nothing written yet' : 'Imported'}</h2>
      <dl className="kpis">
        <div>
          <dt>In the file</dt>
          <dd>{s.total}</dd>
        </div>
        <div>
          <dt>New</dt>
          <dd>{s.created}</dd>
        </div>
        <div>
          <dt>Merged</dt>
          <dd>{s.merged}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd>{s.unchanged}</dd>
        </div>
        <div>
          <dt>Rejected</dt>
          <dd>{s.rejected}</dd>
        </div>
      </dl>
      <p>
        {s.withRealContact} of {s.imported} have ever had a real conversation with you. Imported people land
        in the pool, never in focus.
      </p>
      {s.problems.length > 0 && (
        <details open={s.problems.length <= 10}>
          <summary>{s.problems.length} problems</summary>
          <ul className="items">
            {s.problems.slice(0, 200).map((p, i) => (
              <li key={i}>
                {p.ref && <strong>{p.ref}</strong>} {p.field && <span className="muted">({p.field})</span>}{' '}
                {p.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

export default function ImportPage() {
  const { data: available } = useLoad(() => hasRoute('/api/import'));
  const [file, setFile] = useState<File>();
  const [format, setFormat] = useState<string>('linkedin');
  const [dry, setDry] = useState<ImportSummary>();
  const [done, setDone] = useState<ImportSummary>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();

  const run = async (dryRun: boolean): Promise<void> => {
    if (!file) return;
    setBusy(dryRun ? 'Reading the file…' : 'Importing…');
    setError(undefined);
    try {
      const s = await upload<ImportSummary>(
        `/api/import${qs({ format, dryRun, filename: file.name })}`,
        file,
      );
      if (dryRun) setDry(s);
      else {
        setDone(s);
        setDry(undefined);
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
    <>
      <PageHead title="Import" />
      {available === false && (
        <Empty title="Import is not available on this server yet">
          <p>
            Meanwhile, add people one by one on the <Link href="/people">People</Link> page, or with{' '}
            <code>tend import linkedin FILE</code>.
          </p>
        </Empty>
      )}
      {available && (
        <>
          <p className="muted">
            See what an import would do before anything is written. Re-importing the same file changes
            nothing.
          </p>
          <form className="panel grid-form" onSubmit={submit} aria-label="Import a file">
            <label>
              Format
              <select
                value={format}
                onChange={(e) => {
                  setFormat(e.target.value);
                }}
              >
                {formats.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
            <label>
              File
              <input
                type="file"
                accept=".csv,.vcf,.vcard,text/csv,text/vcard"
                onChange={(e) => {
                  setFile(e.target.files?.[0]);
                  setDry(undefined);
                }}
              />
            </label>
            <PreviewConfirm
              preview="Dry run"
              confirm="Confirm import"
              canPreview={file !== undefined}
              previewed={dry !== undefined}
              busy={busy}
              onConfirm={() => void run(false)}
            />
          </form>
          <ErrorNote error={error} />
          {dry && <Summary s={dry} />}
          {done && <Summary s={done} />}
        </>
      )}
      <CaptureUpload />
      <SourcesPanel />
    </>
  );
}
