import { useState, type SyntheticEvent } from 'react';
import { api } from '../api.js';
import type { SectionProps } from '../pages/community.js';
import type { Item, MyItems } from '../types.js';
import { Empty, ErrorNote, useLoad } from '../ui.js';
import { Link } from '../router.js';
import { communityPath, type Directory } from './types.js';

/**
 * The directory: each member and the offers and needs they share here. Below, my own open offers
 * and needs, each with a box: ticked, this community sees it. Nothing else of my Tend is shown.
 */
export function DirectorySection({ community }: SectionProps) {
  const path = `/api/communities/${encodeURIComponent(community.id)}/directory`;
  const dir = useLoad((signal) => api<Directory>('GET', path, undefined, signal), [community.id]);
  const mine = useLoad((signal) => api<MyItems>('GET', '/api/me', undefined, signal));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<number>();

  const me = dir.data?.members.find((m) => m.id === dir.data?.memberId);
  const shared = new Set([...(me?.offers ?? []), ...(me?.needs ?? [])].map((i) => i.id));
  const toggle = async (item: Item, on: boolean): Promise<void> => {
    setBusy(item.id);
    setError(undefined);
    try {
      // The list replaces the item's shares everywhere: read it, change this community only.
      const now = await api<{ sharedWith: string[] }>('GET', `/api/items/${item.id}/shares`);
      const rest = now.sharedWith.filter((c) => c !== community.id);
      await api('PATCH', `/api/items/${item.id}`, { sharedWith: on ? [...rest, community.id] : rest });
      dir.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  };
  const open = (items: Item[] | undefined) => (items ?? []).filter((i) => i.status === 'open');
  const others = dir.data?.members.filter((m) => m.id !== dir.data?.memberId) ?? [];

  return (
    <section aria-labelledby="directory-title">
      <h2 id="directory-title">Directory</h2>
      <ErrorNote error={dir.error} />
      {dir.data && others.length === 0 && (
        <Empty title="Only you so far">
          <p>Invite members: their shared offers and needs appear here.</p>
        </Empty>
      )}
      <ul className="directory">
        {others.map((m) => (
          <li key={m.id} className="card">
            <div className="row between">
              <h3>{m.name}</h3>
              <Link
                className="button"
                href={`${communityPath(community.id, 'referrals')}?to=${encodeURIComponent(m.id)}`}
              >
                Refer someone to {m.name}
              </Link>
            </div>
            <div className="dir-cols">
              <div>
                <h4>Offers</h4>
                {m.offers.length === 0 ? (
                  <p className="muted small">none shared</p>
                ) : (
                  <ul>
                    {m.offers.map((i) => (
                      <li key={i.id}>{i.text}</li>
                    ))}
                  </ul>
                )}
              </div>
              <div>
                <h4>Needs</h4>
                {m.needs.length === 0 ? (
                  <p className="muted small">none shared</p>
                ) : (
                  <ul>
                    {m.needs.map((i) => (
                      <li key={i.id}>{i.text}</li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          </li>
        ))}
      </ul>

      <section className="panel" aria-labelledby="share-title">
        <h3 id="share-title">What {community.name} sees of mine</h3>
        <ErrorNote error={mine.error ?? error} />
        {mine.data && open(mine.data.offers).length + open(mine.data.needs).length === 0 && (
          <p className="muted">You have no open offers or needs yet: add one here.</p>
        )}
        {(['offers', 'needs'] as const).map((side) =>
          open(mine.data?.[side]).length === 0 ? null : (
            <fieldset key={side}>
              <legend>My {side}</legend>
              {open(mine.data?.[side]).map((i) => (
                <label key={i.id} className="check share">
                  <input
                    type="checkbox"
                    checked={shared.has(i.id)}
                    disabled={busy !== undefined || !dir.data}
                    onChange={(e) => void toggle(i, e.target.checked)}
                  />
                  {i.text}
                </label>
              ))}
            </fieldset>
          ),
        )}
        <AddMine onAdded={mine.reload} />
      </section>
    </section>
  );
}

/** One more offer or need of mine (kept in my Tend; shared only once ticked above). */
function AddMine({ onAdded }: { onAdded: () => void }) {
  const [side, setSide] = useState<'offers' | 'needs'>('offers');
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const add = async (e: SyntheticEvent): Promise<void> => {
    e.preventDefault();
    setError(undefined);
    try {
      await api('POST', `/api/me/${side}`, { text });
      setText('');
      onAdded();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="inline wrap" onSubmit={(e) => void add(e)}>
      <label>
        Add
        <select
          value={side}
          onChange={(e) => {
            setSide(e.target.value as 'offers' | 'needs');
          }}
        >
          <option value="offers">an offer</option>
          <option value="needs">a need</option>
        </select>
      </label>
      <label className="grow">
        Description
        <input
          value={text}
          onChange={(e) => {
            setText(e.target.value);
          }}
          required
        />
      </label>
      <button type="submit">Add</button>
      <ErrorNote error={error} />
    </form>
  );
}
