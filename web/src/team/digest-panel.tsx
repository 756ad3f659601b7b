import { useState } from 'react';
import { api } from '../api.js';
import { ErrorNote } from '../ui.js';
import type { Account } from './gate.js';

/**
 * The email digest on a team server (docs/decisions/0019-teams.md, "Daily digests per account"):
 * the server's operator runs the mail server, so a member only turns the daily digest on or off.
 * It goes to `digest.to` when set, else to the account's email.
 */
export function TeamDigestPanel({
  account,
  setting,
  reload,
}: {
  account: Account;
  setting: (key: string) => unknown;
  reload: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const daily = setting('digest.daily') === true;
  const to = setting('digest.to');
  const address = typeof to === 'string' && to !== '' ? to : account.email;
  const hour = setting('digest.hour');
  // Without a mail server from the operator no digest goes out, whatever the switch says.
  const off = account.digests === 'off';

  const toggle = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await api('PUT', '/api/config/digest.daily', { value: !daily });
      reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorNote error={error} />
      <p role="status">
        {off
          ? 'This server does not send digests: its operator has not set up a mail server.'
          : daily
            ? `Sent to ${address} each day with something to do, from ${String(hour)}:00 server time.`
            : 'The daily digest is off.'}
      </p>
      <div className="row">
        <button
          type="button"
          className={daily ? undefined : 'primary'}
          disabled={busy || off}
          onClick={() => void toggle()}
        >
          {daily ? 'Stop the daily digest' : 'Send me the digest each day'}
        </button>
      </div>
      {!off && <p className="muted">The mail comes from this Tend&apos;s server.</p>}
    </>
  );
}
