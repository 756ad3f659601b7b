import { api } from '../api.js';
import type { SectionProps } from '../pages/community.js';
import { Empty, ErrorNote, pct, useLoad } from '../ui.js';
import type { Matches, MatchedMember, SharedItem } from './types.js';

function MatchList({ rows, verb }: { rows: { item: SharedItem; members: MatchedMember[] }[]; verb: string }) {
  return (
    <ul className="matches">
      {rows.map((r) => (
        <li key={r.item.id} className="card">
          <strong>{r.item.text}</strong>
          <ul>
            {r.members.map((m) => (
              <li key={`${m.memberId}-${m.itemId}`}>
                {m.name} {verb} “{m.text}” <span className="muted small">({pct(m.score)})</span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** The matcher across the directory: my open needs and offers against what members share. */
export function MatchesSection({ community }: SectionProps) {
  const path = `/api/communities/${encodeURIComponent(community.id)}/matches`;
  const m = useLoad((signal) => api<Matches>('GET', path, undefined, signal), [community.id]);
  return (
    <section aria-labelledby="matches-title">
      <h2 id="matches-title">Matches</h2>
      <ErrorNote error={m.error} />
      {m.loading && !m.data && <p className="loading">Matching…</p>}
      {m.data && m.data.forMyNeeds.length + m.data.forMyOffers.length === 0 && (
        <Empty title="No matches yet">
          <p>Matches appear when members share offers and needs close to yours.</p>
        </Empty>
      )}
      {m.data && m.data.forMyNeeds.length > 0 && (
        <>
          <h3>Who could meet my needs</h3>
          <MatchList rows={m.data.forMyNeeds} verb="offers" />
        </>
      )}
      {m.data && m.data.forMyOffers.length > 0 && (
        <>
          <h3>Whose needs my offers could meet</h3>
          <MatchList rows={m.data.forMyOffers} verb="needs" />
        </>
      )}
    </section>
  );
}
