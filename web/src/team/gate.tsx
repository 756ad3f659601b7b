import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, hasRoute } from '../api.js';
import { SignIn } from './sign-in.js';
import './team.css';

export interface Account {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** Whether this server sends daily digests (`GET /api/auth/me`): off when no mail server is set up. */
  digests?: 'available' | 'off';
}

/** The signed-in account on a team server; null on a single-user Tend. */
const AccountContext = createContext<Account | null>(null);
export const useAccount = (): Account | null => useContext(AccountContext);

/**
 * A single-user Tend has no `/api/auth/me` in its OpenAPI document: the app shows at once, with
 * no failing request. A team server's answer to it decides: 401 is the sign-in page.
 */
export function TeamGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<'checking' | 'signed-out' | 'in'>('checking');
  const [account, setAccount] = useState<Account | null>(null);
  const check = (): void => {
    hasRoute('/api/auth/me')
      .then((team) =>
        team ? api<{ account: Account; digests: 'available' | 'off' }>('GET', '/api/auth/me') : undefined,
      )
      .then((me) => {
        setAccount(me ? { ...me.account, digests: me.digests } : null);
        setState('in');
      })
      .catch((e: unknown) => {
        setState(e instanceof ApiError && e.status === 401 ? 'signed-out' : 'in');
      });
  };
  useEffect(check, []);
  if (state === 'checking') return null;
  // The address stays as it was (an invitation's /join/… link too): once in, the app opens it.
  if (state === 'signed-out') return <SignIn onSignedIn={check} />;
  return <AccountContext.Provider value={account}>{children}</AccountContext.Provider>;
}
