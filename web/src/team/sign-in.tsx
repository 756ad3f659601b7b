import { useState, type SyntheticEvent } from 'react';
import { api, ApiError } from '../api.js';
import { passkeyError } from './passkeys.js';

/**
 * Team mode's door (docs/decisions/0019-teams.md): sign in, or create an account. Shown when
 * `GET /api/auth/me` answers 401; a single-user Tend never shows it.
 */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [mode, setMode] = useState<'login' | 'signup'>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: SyntheticEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'login') await api('POST', '/api/auth/login', { email, password });
      else await api('POST', '/api/auth/signup', { email, password, name });
      onSignedIn();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'the server did not answer: try again');
    } finally {
      setBusy(false);
    }
  };

  const withPasskey = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const { startAuthentication } = await import('@simplewebauthn/browser');
      const optionsJSON = await api<Parameters<typeof startAuthentication>[0]['optionsJSON']>(
        'POST',
        '/api/auth/passkeys/login/options',
      );
      const response = await startAuthentication({ optionsJSON });
      await api('POST', '/api/auth/passkeys/login/verify', { response });
      onSignedIn();
    } catch (err) {
      setError(passkeyError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>Tend</h1>
      {location.pathname.startsWith('/join/') && (
        <p className="note info">Sign in, or create an account, to accept your invitation.</p>
      )}
      <form onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">{mode === 'login' ? 'Sign in' : 'Create your account'}</h2>
        {mode === 'signup' && (
          <label>
            Your name
            <input
              value={name}
              onChange={(e) => {
                setName(e.target.value);
              }}
              autoComplete="name"
              required
            />
          </label>
        )}
        <label>
          Email
          <input
            type="email"
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
            }}
            autoComplete="username"
            required
          />
        </label>
        <label>
          Password{mode === 'signup' ? ' (at least 10 characters)' : ''}
          <input
            type="password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
            }}
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            minLength={mode === 'signup' ? 10 : undefined}
            required
          />
        </label>
        {error !== undefined && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'login' ? 'Sign in' : 'Create account'}
        </button>
        {mode === 'login' && (
          <button type="button" disabled={busy} onClick={() => void withPasskey()}>
            Sign in with a passkey
          </button>
        )}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setMode(mode === 'login' ? 'signup' : 'login');
          }}
        >
          {mode === 'login' ? 'New here? Create an account' : 'I have an account: sign in'}
        </button>
      </form>
    </main>
  );
}
