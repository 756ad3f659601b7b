import { useState, type SyntheticEvent } from 'react';
import { api } from '../api.js';
import { Badge, ErrorNote } from '../ui.js';
import { movesFor, stateLabel, type Referral, type ReferralState } from './types.js';

const moveLabel: Partial<Record<ReferralState, string>> = {
  accepted: 'Accept',
  declined: 'Decline',
  contacted: 'Mark contacted',
  closed_won: 'Closed: won',
  closed_lost: 'Closed: lost',
};

const tone = (s: ReferralState) =>
  s === 'closed_won' ? 'good' : s === 'declined' || s === 'closed_lost' ? 'bad' : 'info';

/**
 * One referral, as its two members see it. The receiver moves it along and, once accepted, thanks
 * the giver (with a value, if any); the giver may withdraw it while it is only proposed.
 */
export function ReferralCard({ r, onChanged }: { r: Referral; onChanged: () => void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [thanking, setThanking] = useState(false);
  const received = r.direction === 'received';
  const moves = movesFor(r.status, received);

  const act = async (fn: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      onChanged();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const move = (status: ReferralState) =>
    act(() => api('PATCH', `/api/referrals/${encodeURIComponent(r.id)}`, { status }));
  const canThank = received && r.thanks === null && r.status !== 'proposed' && r.status !== 'declined';

  return (
    <li className="card referral" aria-label={`Referral of ${r.prospect.name}`}>
      <div className="row between">
        <strong>{r.prospect.name}</strong>
        <Badge tone={tone(r.status)}>{stateLabel[r.status]}</Badge>
      </div>
      <p className="small muted">
        {received ? `from ${r.from.name}` : `to ${r.to.name}`} · {r.createdAt.slice(0, 10)}
        {r.prospect.email ? ` · ${r.prospect.email}` : ''}
        {r.prospect.phone ? ` · ${r.prospect.phone}` : ''}
      </p>
      {r.note && <p className="referral-note">{r.note}</p>}
      {r.thanks && (
        <p className="note good small">
          Thanked {r.thanks.createdAt.slice(0, 10)}
          {r.thanks.amount !== null
            ? ` with ${r.thanks.amount.toLocaleString()} ${r.thanks.currency ?? ''}`
            : ''}
          {r.thanks.note ? `: ${r.thanks.note}` : ''}
        </p>
      )}
      <ErrorNote error={error} />
      {(moves.length > 0 || canThank) && (
        <div className="row">
          {moves.map((s) => (
            <button key={s} type="button" disabled={busy} onClick={() => void move(s)}>
              {!received && s === 'declined' ? 'Withdraw' : moveLabel[s]}
            </button>
          ))}
          {canThank && !thanking && (
            <button
              type="button"
              className="primary"
              onClick={() => {
                setThanking(true);
              }}
            >
              Thank {r.from.name}
            </button>
          )}
        </div>
      )}
      {canThank && thanking && (
        <ThanksForm
          busy={busy}
          onCancel={() => {
            setThanking(false);
          }}
          onSend={(body) =>
            act(() => api('POST', `/api/referrals/${encodeURIComponent(r.id)}/thanks`, body)).then((ok) => {
              if (ok) setThanking(false);
            })
          }
        />
      )}
    </li>
  );
}

interface ThanksBody {
  note: string;
  amount?: number;
  currency?: string;
}

function ThanksForm({
  busy,
  onSend,
  onCancel,
}: {
  busy: boolean;
  onSend: (b: ThanksBody) => Promise<void>;
  onCancel: () => void;
}) {
  const [note, setNote] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const submit = (e: SyntheticEvent): void => {
    e.preventDefault();
    const value =
      amount.trim() === '' ? {} : { amount: Number(amount), currency: currency.trim().toUpperCase() };
    void onSend({ note, ...value });
  };
  return (
    <form className="grid-form thanks-form" onSubmit={submit} aria-label="Thanks">
      <label className="span">
        Thank-you note
        <input
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
          }}
        />
      </label>
      <label>
        Value (optional)
        <input
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          value={amount}
          onChange={(e) => {
            setAmount(e.target.value);
          }}
        />
      </label>
      <label>
        Currency
        <input
          value={currency}
          maxLength={3}
          autoCapitalize="characters"
          onChange={(e) => {
            setCurrency(e.target.value);
          }}
        />
      </label>
      <div className="row span">
        <button type="submit" className="primary" disabled={busy}>
          Send thanks
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
