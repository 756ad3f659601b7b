import { useState } from 'react';
import { api } from '../api.js';
import type { SectionProps } from '../pages/community.js';
import { navigate } from '../router.js';
import { Badge, ErrorNote } from '../ui.js';
import { canManage, type Member, type Role } from './types.js';

const roles: Role[] = ['owner', 'admin', 'member'];

/**
 * Members and their roles. Owners and admins change roles and remove members (an admin never
 * touches an owner); anyone leaves. The API's refusals — the last owner leaving — are shown as
 * it words them.
 */
export function MembersSection({ community, reload }: SectionProps) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const manager = canManage(community.role);
  const base = `/api/communities/${encodeURIComponent(community.id)}/members/`;

  const act = async (fn: () => Promise<unknown>, after: () => void = reload): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      after();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const setRole = (m: Member, role: Role) =>
    act(() => api('PATCH', base + encodeURIComponent(m.id), { role }));
  const remove = (m: Member) => {
    const self = m.id === community.memberId;
    const question = self
      ? `Leave ${community.name}? You stop seeing it; your offers and needs are no longer shared with it.`
      : `Remove ${m.name} from ${community.name}?`;
    if (!window.confirm(question)) return;
    void act(
      () => api('DELETE', base + encodeURIComponent(m.id)),
      self
        ? () => {
            navigate('/communities');
          }
        : reload,
    );
  };
  // An admin neither makes nor unmakes an owner.
  const editable = (m: Member): boolean =>
    manager && m.id !== community.memberId && (community.role === 'owner' || m.role !== 'owner');

  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <ErrorNote error={error} />
      <ul className="member-list">
        {community.members.map((m) => (
          <li key={m.id} className="card member">
            <div className="member-who">
              <strong>{m.name}</strong>
              {m.id === community.memberId && <span className="muted"> (you)</span>}
              <span className="muted small"> · joined {m.joinedAt.slice(0, 10)}</span>
            </div>
            <div className="row">
              {editable(m) ? (
                <label className="inline-label">
                  <span className="sr-only">Role of {m.name}</span>
                  <select
                    value={m.role}
                    disabled={busy}
                    onChange={(e) => void setRole(m, e.target.value as Role)}
                  >
                    {roles
                      .filter((r) => community.role === 'owner' || r !== 'owner')
                      .map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                  </select>
                </label>
              ) : (
                <Badge tone={m.role === 'member' ? 'plain' : 'info'}>{m.role}</Badge>
              )}
              {m.id === community.memberId ? (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => {
                    remove(m);
                  }}
                >
                  Leave
                </button>
              ) : (
                editable(m) && (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => {
                      remove(m);
                    }}
                  >
                    Remove <span className="sr-only">{m.name}</span>
                  </button>
                )
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
