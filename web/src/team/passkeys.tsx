import { useEffect, useState, type SyntheticEvent } from 'react';
import { api, ApiError } from '../api.js';

interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  synced: boolean;
}

/** What went wrong, in words: the API's message, or the browser's (a cancelled prompt). */
export function passkeyError(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.name === 'NotAllowedError')
    return 'the passkey prompt was cancelled or timed out';
  return err instanceof Error ? err.message : 'the server did not answer: try again';
}

const day = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** Account page: the account's passkeys (add one with this device or a security key, remove one). */
export function PasskeySettings() {
  const [keys, setKeys] = useState<Passkey[]>([]);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const load = async (): Promise<void> => {
    setKeys((await api<{ passkeys: Passkey[] }>('GET', '/api/auth/passkeys')).passkeys);
  };
  useEffect(() => {
    void load();
  }, []);

  const add = async (e: SyntheticEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setMessage(undefined);
    try {
      const { startRegistration } = await import('@simplewebauthn/browser');
      const optionsJSON = await api<Parameters<typeof startRegistration>[0]['optionsJSON']>(
        'POST',
        '/api/auth/passkeys/register/options',
        { password },
      );
      setPassword('');
      const response = await startRegistration({ optionsJSON });
      const trimmed = name.trim();
      const r = await api<{ passkey: Passkey }>('POST', '/api/auth/passkeys/register/verify', {
        response,
        ...(trimmed === '' ? {} : { name: trimmed }),
      });
      setMessage(`Passkey "${r.passkey.name}" added: you can sign in with it.`);
      setName('');
      await load();
    } catch (err) {
      setMessage(passkeyError(err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (k: Passkey): Promise<void> => {
    try {
      await api('DELETE', `/api/auth/passkeys/${encodeURIComponent(k.id)}`);
      setMessage(`Passkey "${k.name}" removed.`);
      await load();
    } catch (err) {
      setMessage(passkeyError(err));
    }
  };

  return (
    <section aria-labelledby="passkeys-title">
      <h3 id="passkeys-title">Passkeys</h3>
      {keys.length === 0 ? (
        <p>No passkeys yet: add one to sign in without your password.</p>
      ) : (
        <ul aria-label="Your passkeys">
          {keys.map((k) => (
            <li key={k.id}>
              {k.name} — added {day(k.createdAt)}
              {k.lastUsedAt !== null ? `, last used ${day(k.lastUsedAt)}` : ', never used'}
              {k.synced ? ' (synced)' : ''}{' '}
              <button type="button" onClick={() => void remove(k)} aria-label={`Remove passkey ${k.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void add(e)}>
        <label>
          Name of the new passkey (optional)
          <input
            value={name}
            maxLength={100}
            onChange={(e) => {
              setName(e.target.value);
            }}
            placeholder="e.g. work laptop"
          />
        </label>
        <label>
          Your password (asked again before a passkey is added)
          <input
            type="password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
            }}
            autoComplete="current-password"
            required
          />
        </label>
        <button type="submit" disabled={busy}>
          Add a passkey
        </button>
      </form>
      {message !== undefined && <p role="status">{message}</p>}
    </section>
  );
}
