import { useState } from 'react';
import { api } from './api.js';
import { Badge, ErrorNote } from './ui.js';

export type Verdict = 'confirmed' | 'dismissed';

/**
 * "Would help" / "Not relevant" under a shown match: the answer is recorded for the need–offer
 * pair (`POST /api/matches/confirm|dismiss`). A dismissed match leaves (onAnswered lets the
 * card go); a confirmed one is marked.
 */
export function MatchAnswer({
  needId,
  offerId,
  confirmed,
  onAnswered,
}: {
  needId: number;
  offerId: number;
  confirmed?: boolean | undefined;
  onAnswered?: (v: Verdict) => void;
}) {
  const [verdict, setVerdict] = useState<Verdict | undefined>(confirmed ? 'confirmed' : undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const answer = async (v: Verdict): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `/api/matches/${v === 'confirmed' ? 'confirm' : 'dismiss'}`, {
        need: needId,
        offer: offerId,
      });
      setVerdict(v);
      onAnswered?.(v);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="match-answer" role="group" aria-label="Is this match right?">
      {verdict === 'confirmed' ? (
        <Badge tone="good" title="You said this would help">
          confirmed ✓
        </Badge>
      ) : (
        <button type="button" className="small" disabled={busy} onClick={() => void answer('confirmed')}>
          Would help
        </button>
      )}
      {verdict !== 'dismissed' && (
        <button type="button" className="small" disabled={busy} onClick={() => void answer('dismissed')}>
          Not relevant
        </button>
      )}
      <ErrorNote error={error} />
    </span>
  );
}
