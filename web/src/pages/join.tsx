import { useState } from 'react';
import { api, ApiError } from '../api.js';
import { communityPath } from '../community/types.js';
import { Link, navigate } from '../router.js';
import { ErrorNote, PageHead } from '../ui.js';
import '../community/community.css';

interface Accepted {
  community: { id: string; name: string };
}

/**
 * `/join/<token>`: an invitation link. The gate has already asked to sign in (the address stays);
 * joining is a deliberate tap, not a side effect of opening a link.
 */
export default function JoinPage({ id: token = '' }: { id?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const accept = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await api<Accepted>('POST', `/api/invites/${encodeURIComponent(token)}/accept`);
      navigate(communityPath(r.community.id));
    } catch (err) {
      // Already a member: the invitation's community is where to go.
      if (
        err instanceof ApiError &&
        err.code === 'already_member' &&
        typeof err.details.community === 'string'
      )
        navigate(communityPath(err.details.community));
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHead title="Join a community" />
      <section className="panel">
        <p>
          You were invited to a community on this Tend. Joining shows your name to its members; your own Tend
          stays private, and you choose later which of your offers and needs they see.
        </p>
        <ErrorNote error={error} />
        <div className="row">
          <button type="button" className="primary" disabled={busy} onClick={() => void accept()}>
            Join the community
          </button>
          <Link href="/communities" className="button">
            Not now
          </Link>
        </div>
      </section>
    </>
  );
}
