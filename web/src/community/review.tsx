import { api } from '../api.js';
import type { SectionProps } from '../pages/community.js';
import { Empty, ErrorNote, useLoad } from '../ui.js';
import type { ReviewRow } from './types.js';

const money = (v: Record<string, number>): string =>
  Object.entries(v)
    .map(([cur, n]) => `${n.toLocaleString()} ${cur}`)
    .join(', ');

/**
 * Gives and referrals per member per week, by week and then by name: a record of what happened,
 * never a ranking (no totals per member, no order by count).
 */
export function ReviewSection({ community }: SectionProps) {
  const path = `/api/communities/${encodeURIComponent(community.id)}/review`;
  const r = useLoad((signal) => api<{ weeks: ReviewRow[] }>('GET', path, undefined, signal), [community.id]);
  const weeks = [...new Set((r.data?.weeks ?? []).map((w) => w.week))].reverse();
  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">Weekly review</h2>
      <p className="muted">What members gave one another each week, by name: not a ranking.</p>
      <ErrorNote error={r.error} />
      {r.data && weeks.length === 0 && <Empty title="No referrals yet" />}
      {weeks.map((week) => (
        <section key={week} className="card review-week" aria-label={`Week of ${week}`}>
          <h3>Week of {week}</h3>
          <ul>
            {r.data?.weeks
              .filter((w) => w.week === week)
              .map((w) => (
                <li key={w.memberId}>
                  <strong>{w.name}</strong>: gave {w.referralsGiven}, received {w.referralsReceived}
                  {w.closedWon > 0 ? `, ${w.closedWon} closed won` : ''}
                  {w.thanksReceived > 0
                    ? `, thanked ${w.thanksReceived}×${Object.keys(w.thanksValue).length > 0 ? ` (${money(w.thanksValue)})` : ''}`
                    : ''}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
