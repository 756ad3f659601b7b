import { useState } from 'react';
import { api } from '../api.js';
import type { SectionProps } from '../pages/community.js';
import { Badge, CopyField, ErrorNote, useLoad } from '../ui.js';

interface Invite {
  id: string;
  token: string;
  expiresAt: string;
}

interface Listed {
  id: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  status: 'open' | 'used' | 'expired';
  usedAt: string | null;
  usedBy: string | null;
}

/**
 * Invitations (owners and admins): a single-use link that expires. Only a fingerprint of the
 * token is kept on the server, so the link is shown this once; the list shows every invitation
 * by state, and an open one can be revoked.
 */
export function InvitationsSection({ community }: SectionProps) {
  const path = `/api/communities/${encodeURIComponent(community.id)}/invites`;
  const list = useLoad((signal) => api<{ invites: Listed[] }>('GET', path, undefined, signal), [path]);
  const [days, setDays] = useState(14);
  const [made, setMade] = useState<(Invite & { link: string })[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const create = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await api<Invite>('POST', path, { expiresInDays: days });
      setMade((m) => [{ ...r, link: `${location.origin}/join/${encodeURIComponent(r.token)}` }, ...m]);
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await api('DELETE', `${path}/${encodeURIComponent(id)}`);
      setMade((m) => m.filter((i) => i.id !== id));
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const tone = { open: 'good', used: 'info', expired: 'plain' } as const;

  return (
    <section aria-labelledby="invites-title">
      <h2 id="invites-title">Invitations</h2>
      <p className="muted">
        Each link admits one person, once. Send it privately: whoever holds it can join until it expires.
      </p>
      <div className="row invite-new">
        <label className="inline-label">
          Valid for
          <select
            value={days}
            onChange={(e) => {
              setDays(Number(e.target.value));
            }}
          >
            {[1, 7, 14, 30, 90].map((d) => (
              <option key={d} value={d}>
                {d} day{d === 1 ? '' : 's'}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" disabled={busy} onClick={() => void create()}>
          Create an invitation link
        </button>
      </div>
      <ErrorNote error={error} />
      {made.length > 0 && (
        <ul className="invite-list">
          {made.map((i) => (
            <li key={i.token} className="card">
              <CopyField
                label={`Invitation link (shown this once; expires ${i.expiresAt.slice(0, 10)})`}
                value={i.link}
                button="Copy link"
              />
            </li>
          ))}
        </ul>
      )}
      <h3>All invitations</h3>
      <ErrorNote error={list.error} />
      {list.data?.invites.length === 0 && <p className="muted">None yet.</p>}
      <ul className="invite-list">
        {list.data?.invites.map((i) => (
          <li key={i.id} className="card" aria-label={`Invitation of ${i.createdAt.slice(0, 10)}`}>
            <span>
              <Badge tone={tone[i.status]}>{i.status}</Badge>{' '}
              <span className="small">
                by {i.createdBy} on {i.createdAt.slice(0, 10)} ·{' '}
                {i.status === 'used'
                  ? `${i.usedBy ?? ''} joined ${i.usedAt?.slice(0, 10) ?? ''}`
                  : `${i.status === 'open' ? 'expires' : 'expired'} ${i.expiresAt.slice(0, 10)}`}
              </span>
            </span>
            {i.status !== 'used' && (
              <button type="button" disabled={busy} onClick={() => void revoke(i.id)}>
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
