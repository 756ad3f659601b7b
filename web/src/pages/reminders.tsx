import { useState } from 'react';
import { api } from '../api.js';
import { NotificationsPanel } from '../offline/notify-panel.js';
import { TeamDigestPanel } from '../team/digest-panel.js';
import { useAccount } from '../team/gate.js';
import { CopyField, ErrorNote, PageHead, useLoad } from '../ui.js';

interface FeedStatus {
  active: boolean;
  createdAt?: string;
}

interface Setting {
  key: string;
  value: unknown;
}

const day = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : '');

/** The calendar feed (create, replace, revoke) and where the email digest stands. */
export default function RemindersPage() {
  const feed = useLoad((signal) => api<FeedStatus>('GET', '/api/feed', undefined, signal));
  const config = useLoad((signal) => api<{ settings: Setting[] }>('GET', '/api/config', undefined, signal));
  const [url, setUrl] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const account = useAccount();

  const act = async (method: 'POST' | 'DELETE'): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      if (method === 'POST') setUrl((await api<{ url: string }>('POST', '/api/feed', {})).url);
      else {
        await api('DELETE', '/api/feed');
        setUrl(undefined);
      }
      feed.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const setting = (key: string): unknown => config.data?.settings.find((s) => s.key === key)?.value;
  const to = setting('digest.to');
  const host = setting('smtp.host');
  const daily = setting('digest.daily') === true;
  const hour = setting('digest.hour');

  return (
    <>
      <PageHead title="Reminders" />
      <p className="muted">Tend reaches you where you already look: your calendar and your inbox.</p>

      <section className="panel" aria-labelledby="feed-title">
        <h2 id="feed-title">Calendar feed</h2>
        <p>
          Promises with their due dates, event follow-ups, keep-in-touch dates and birthdays, in any calendar
          app that subscribes to an address (Google Calendar, Apple Calendar, Outlook, Thunderbird).
        </p>
        <ErrorNote error={feed.error ?? error} />
        {feed.data && (
          <p role="status">
            {feed.data.active
              ? `A feed address exists since ${day(feed.data.createdAt)}.`
              : 'No feed address yet.'}
          </p>
        )}
        {url && (
          <div className="feed-url">
            <CopyField
              label="Your private feed address (shown this once: keep it secret)"
              value={url}
              button="Copy address"
            />
          </div>
        )}
        <div className="row">
          <button type="button" className="primary" disabled={busy} onClick={() => void act('POST')}>
            {feed.data?.active ? 'Make a new address' : 'Create a feed address'}
          </button>
          {feed.data?.active && (
            <button type="button" disabled={busy} onClick={() => void act('DELETE')}>
              Revoke the feed
            </button>
          )}
        </div>
        {feed.data?.active && !url && (
          <p className="muted">
            The address was shown once and only a fingerprint of it is kept. A new address stops the old one.
          </p>
        )}
      </section>

      <section className="panel" aria-labelledby="digest-title">
        <h2 id="digest-title">Email digest</h2>
        <p>
          Each morning with something to do, the day&apos;s actions and a draft for each; nothing on quiet
          days.
        </p>
        <ErrorNote error={config.error} />
        {account && config.data && (
          <TeamDigestPanel account={account} setting={setting} reload={config.reload} />
        )}
        {!account && config.data && (
          <p role="status">
            {typeof to === 'string' && to !== '' && typeof host === 'string' && host !== ''
              ? daily
                ? `Sent to ${to} every day from ${String(hour)}:00 while Tend runs.`
                : `Set up for ${to}; daily sending is off.`
              : 'Not set up yet.'}
          </p>
        )}
        {!account && (
          <p className="muted">
            Set it up on the command line: <code>tend config set smtp.host mail.example.org</code>,{' '}
            <code>digest.from</code>, <code>digest.to</code>, then{' '}
            <code>tend config set digest.daily true</code>. The mail password comes from{' '}
            <code>$TEND_SMTP_PASSWORD</code> and is never stored. Try it with{' '}
            <code>tend digest send --dry-run</code>.
          </p>
        )}
      </section>
      <NotificationsPanel />
    </>
  );
}
