import { useEffect, useState, type SyntheticEvent } from 'react';
import { api, ApiError } from '../api.js';
import { PasskeySettings } from './passkeys.js';

interface Device {
  id: string;
  userAgent: string | null;
  lastSeenAt: string;
  current: boolean;
}

/** Account settings in team mode: signed-in devices (revoke one), passkeys, password change, sign out. */
export function AccountSettings({ onSignedOut }: { onSignedOut: () => void }) {
  const [devices, setDevices] = useState<Device[]>([]);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [dropPasskeys, setDropPasskeys] = useState(false);
  // Bumped when a password change removed passkeys: the list below is read again.
  const [passkeysShown, setPasskeysShown] = useState(0);
  const [message, setMessage] = useState<string | undefined>();

  const load = async (): Promise<void> => {
    setDevices((await api<{ sessions: Device[] }>('GET', '/api/auth/sessions')).sessions);
  };
  useEffect(() => {
    void load();
  }, []);

  const revoke = async (id: string): Promise<void> => {
    await api('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`);
    await load();
  };
  const change = async (e: SyntheticEvent): Promise<void> => {
    e.preventDefault();
    try {
      const r = await api<{ revoked: number; passkeysRemoved: number }>('POST', '/api/auth/password', {
        current,
        new: next,
        removePasskeys: dropPasskeys,
      });
      setMessage(
        `Password changed; ${r.revoked} other device(s) signed out` +
          (dropPasskeys ? `, ${r.passkeysRemoved} passkey(s) removed.` : '.'),
      );
      setCurrent('');
      setNext('');
      setDropPasskeys(false);
      if (r.passkeysRemoved > 0) setPasskeysShown((n) => n + 1);
      await load();
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'the server did not answer');
    }
  };
  const signOut = async (): Promise<void> => {
    await api('POST', '/api/auth/logout');
    onSignedOut();
  };

  return (
    <section aria-labelledby="account-title" className="account">
      <h2 id="account-title">Account</h2>
      <h3>Devices</h3>
      <ul className="devices">
        {devices.map((d) => (
          <li key={d.id} className="card">
            <span>
              {d.userAgent ?? 'unknown device'} — last seen {d.lastSeenAt.slice(0, 16).replace('T', ' ')}
            </span>
            {d.current ? (
              ' (this device)'
            ) : (
              <button type="button" onClick={() => void revoke(d.id)}>
                Sign out
              </button>
            )}
          </li>
        ))}
      </ul>
      <PasskeySettings key={passkeysShown} />
      <form onSubmit={(e) => void change(e)}>
        <h3>Change password</h3>
        <label>
          Current password
          <input
            type="password"
            value={current}
            onChange={(e) => {
              setCurrent(e.target.value);
            }}
            autoComplete="current-password"
            required
          />
        </label>
        <label>
          New password (at least 10 characters)
          <input
            type="password"
            value={next}
            onChange={(e) => {
              setNext(e.target.value);
            }}
            autoComplete="new-password"
            minLength={10}
            required
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={dropPasskeys}
            onChange={(e) => {
              setDropPasskeys(e.target.checked);
            }}
          />
          Also remove every passkey (if someone else may have added one)
        </label>
        <button type="submit" className="primary">
          Change password
        </button>
        {message !== undefined && <p role="status">{message}</p>}
      </form>
      <button type="button" onClick={() => void signOut()}>
        Sign out
      </button>
    </section>
  );
}
