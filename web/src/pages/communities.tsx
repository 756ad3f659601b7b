import { useState, type SyntheticEvent } from 'react';
import { api } from '../api.js';
import { communityPath, type CommunitySummary } from '../community/types.js';
import { Link, navigate } from '../router.js';
import { Badge, Empty, ErrorNote, PageHead, useLoad } from '../ui.js';
import '../community/community.css';

/** `/communities` (team mode): the communities I belong to, and a new one. */
export default function CommunitiesPage() {
  const list = useLoad((signal) =>
    api<{ communities: CommunitySummary[] }>('GET', '/api/communities', undefined, signal),
  );
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const create = async (e: SyntheticEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const c = await api<CommunitySummary>('POST', '/api/communities', { name });
      navigate(communityPath(c.id, 'invitations'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const communities = list.data?.communities ?? [];
  return (
    <>
      <PageHead title="Communities" />
      <p className="muted">
        People who refer business to one another. Your own Tend stays private: a community sees only the
        offers and needs you choose to share with it.
      </p>
      <ErrorNote error={list.error} />
      {list.data && communities.length === 0 && (
        <Empty title="No community yet">
          <p>Start one below, or open the invitation link someone sent you.</p>
        </Empty>
      )}
      {communities.length > 0 && (
        <ul className="community-list">
          {communities.map((c) => (
            <li key={c.id} className="card">
              <Link href={communityPath(c.id)} className="title">
                {c.name}
              </Link>
              <span className="muted small">
                {c.members} member{c.members === 1 ? '' : 's'} · <Badge>{c.role}</Badge>
              </span>
            </li>
          ))}
        </ul>
      )}
      <section className="panel" aria-labelledby="new-community">
        <h2 id="new-community">Start a community</h2>
        <form className="inline wrap" onSubmit={(e) => void create(e)}>
          <label className="grow">
            Name
            <input
              value={name}
              onChange={(e) => {
                setName(e.target.value);
              }}
              maxLength={200}
              required
            />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            Create community
          </button>
        </form>
        <ErrorNote error={error} />
      </section>
    </>
  );
}
