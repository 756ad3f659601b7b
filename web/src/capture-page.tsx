import { useState } from 'react';
import type { RunRow } from '../../src/storage/repos/capture.js';
import { api } from './api.js';
import { CaptureReview } from './capture-review.js';
import { CaptureRuns } from './capture-runs.js';
import { Link } from './router.js';
import { ErrorNote, PageHead, useLoad } from './ui.js';

/** The Meetings & mail page (`/captured`): who was met but is not in Tend, and every run with its undo. */
export default function CapturePage() {
  const runs = useLoad((s) => api<{ runs: RunRow[] }>('GET', '/api/capture/runs', undefined, s));
  // An undone run takes its review entries with it; an added person makes a run of their own.
  const [refresh, setRefresh] = useState(0);
  const changed = (): void => {
    runs.reload();
    setRefresh((n) => n + 1);
  };
  return (
    <>
      <PageHead title="Meetings & mail" />
      <p className="muted">
        Meetings and personal threads read from your calendars and mailboxes (
        <Link href="/import">import a file</Link>). Only real, small, personal exchanges count.
      </p>
      <ErrorNote error={runs.error} />
      <CaptureReview onChange={runs.reload} refresh={refresh} />
      <CaptureRuns runs={runs.data?.runs} onChange={changed} />
    </>
  );
}
