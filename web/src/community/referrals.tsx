import { useState, type SyntheticEvent } from 'react';
import { api } from '../api.js';
import type { SectionProps } from '../pages/community.js';
import { Empty, ErrorNote, useLoad } from '../ui.js';
import { ReferralCard } from './referral-card.js';
import type { Referral } from './types.js';

/** Referrals in this community: make one (with the prospect's consent), those received and given. */
export function ReferralsSection({ community }: SectionProps) {
  const list = useLoad((signal) =>
    api<{ referrals: Referral[] }>('GET', '/api/referrals', undefined, signal),
  );
  const here = (list.data?.referrals ?? []).filter((r) => r.community.id === community.id);
  const received = here.filter((r) => r.direction === 'received');
  const given = here.filter((r) => r.direction === 'given');
  return (
    <section aria-labelledby="referrals-title">
      <h2 id="referrals-title">Referrals</h2>
      <NewReferral {...{ community }} onMade={list.reload} />
      <ErrorNote error={list.error} />
      <h3>Received</h3>
      {list.data && received.length === 0 && <p className="muted">None yet.</p>}
      <ul className="referrals">
        {received.map((r) => (
          <ReferralCard key={r.id} r={r} onChanged={list.reload} />
        ))}
      </ul>
      <h3>Given</h3>
      {list.data && given.length === 0 && <p className="muted">None yet.</p>}
      <ul className="referrals">
        {given.map((r) => (
          <ReferralCard key={r.id} r={r} onChanged={list.reload} />
        ))}
      </ul>
    </section>
  );
}

function NewReferral({ community, onMade }: Pick<SectionProps, 'community'> & { onMade: () => void }) {
  const others = community.members.filter((m) => m.id !== community.memberId);
  // `?to=<member>`: the directory's "Refer someone to …" chose the member.
  const [to, setTo] = useState(() => {
    const asked = new URLSearchParams(location.search).get('to') ?? '';
    return others.some((m) => m.id === asked) ? asked : '';
  });
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [note, setNote] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (others.length === 0)
    return (
      <Empty title="No one to refer to yet">
        <p>Referrals go to other members: invite someone first.</p>
      </Empty>
    );
  const submit = async (e: SyntheticEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const prospect = {
        name,
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
      };
      await api('POST', `/api/communities/${encodeURIComponent(community.id)}/referrals`, {
        toMemberId: to || others[0]?.id,
        prospect,
        consent,
        note,
      });
      setDone(`Referred ${name}.`);
      setName('');
      setEmail('');
      setPhone('');
      setNote('');
      setConsent(false);
      onMade();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const field = (label: string, value: string, set: (v: string) => void, type = 'text', required = false) => (
    <label>
      {label}
      <input
        type={type}
        value={value}
        required={required}
        onChange={(e) => {
          set(e.target.value);
        }}
      />
    </label>
  );
  return (
    <form className="panel grid-form" onSubmit={(e) => void submit(e)} aria-labelledby="refer-title">
      <h3 id="refer-title" className="span">
        Make a referral
      </h3>
      <label>
        To member
        <select
          value={to || others[0]?.id}
          onChange={(e) => {
            setTo(e.target.value);
          }}
        >
          {others.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      {field('Prospect’s name', name, setName, 'text', true)}
      {field('Prospect’s email', email, setEmail, 'email')}
      {field('Prospect’s phone', phone, setPhone, 'tel')}
      <label className="span">
        Note
        <textarea
          rows={2}
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
          }}
        />
      </label>
      <label className="check span">
        <input
          type="checkbox"
          checked={consent}
          onChange={(e) => {
            setConsent(e.target.checked);
          }}
        />
        The prospect agreed to be introduced
      </label>
      <div className="row span">
        <button type="submit" className="primary" disabled={busy || !consent}>
          Refer
        </button>
        {done && <span role="status">{done}</span>}
      </div>
      <div className="span">
        <ErrorNote error={error} />
      </div>
    </form>
  );
}
