import { useState, type SubmitEvent } from 'react';
import { api } from '../api.js';
import {
  choiceBody,
  choiceReady,
  emptyChoice,
  noMatches,
  PersonPicker,
  type Matches,
  type PersonChoice,
} from '../person-picker.js';
import { Link } from '../router.js';
import type { EventOutcome, EventView } from '../types.js';
import { Badge, Empty, ErrorNote, PageHead, useLoad } from '../ui.js';

const outcome: Record<EventOutcome, { label: string; tone: 'good' | 'warn' | 'bad' | 'plain' }> = {
  succeeded: { label: 'Succeeded: a real follow-up happened', tone: 'good' },
  pending: { label: 'Pending: pick someone and follow up within 7 days', tone: 'warn' },
  missed: { label: 'Missed: no real follow-up within 7 days', tone: 'bad' },
  no_pick: { label: 'No one picked for follow-up', tone: 'plain' },
};

function EventCard({ e, onChange }: { e: EventView; onChange: () => void }) {
  const [who, setWho] = useState<PersonChoice>(emptyChoice);
  const [matches, setMatches] = useState<Matches>(noMatches);
  const [line, setLine] = useState('');
  const [error, setError] = useState<unknown>();
  const url = `/api/events/${e.id}`;
  const capture = async (ev: SubmitEvent): Promise<void> => {
    ev.preventDefault();
    setError(undefined);
    if (!choiceReady(who, matches)) {
      setError(`Choose whom you met: one of the people you have, or “Add new person”.`);
      document.getElementById(`met-name-${e.id}`)?.focus();
      return;
    }
    try {
      await api('POST', `${url}/met`, { ...choiceBody(who), line: line || undefined });
      setWho(emptyChoice);
      setLine('');
      document.getElementById(`met-name-${e.id}`)?.focus();
      onChange();
    } catch (err) {
      setError(err);
    }
  };
  const pick = async (personId: number, on: boolean): Promise<void> => {
    try {
      await api('POST', `${url}/followup`, { people: [String(personId)], off: !on });
      onChange();
    } catch (err) {
      setError(err);
    }
  };
  const o = outcome[e.outcome];
  return (
    <li className="card event">
      <div className="card-top">
        <h2>{e.name}</h2>
        <Badge tone={o.tone}>{e.outcome === 'succeeded' ? 'Success ✓' : e.outcome.replace('_', ' ')}</Badge>
      </div>
      <p className="muted small">
        {e.date}
        {e.place ? ` · ${e.place}` : ''} · {o.label}
      </p>
      {e.people.length > 0 && (
        <fieldset>
          <legend>People met — pick whom to follow up</legend>
          <ul className="items">
            {e.people.map((p) => (
              <li key={p.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={p.followUp}
                    onChange={(ev) => void pick(p.id, ev.target.checked)}
                  />
                  <span>
                    <Link href={`/people/${p.id}`}>{p.name}</Link>
                    {p.line && <span className="muted small"> — {p.line}</span>}
                  </span>
                </label>
                {p.followedUp && <Badge tone="good">followed up</Badge>}
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <form
        className="inline wrap"
        onSubmit={(ev) => void capture(ev)}
        aria-label={`Capture someone met at ${e.name}`}
      >
        <PersonPicker
          inputId={`met-name-${e.id}`}
          label={`Name of someone met at ${e.name}`}
          hideLabel
          placeholder="Name"
          value={who}
          onChange={setWho}
          onMatches={setMatches}
        />
        <label className="grow">
          <span className="sr-only">One line</span>
          <input
            value={line}
            onChange={(ev) => {
              setLine(ev.target.value);
            }}
            placeholder="One line: what they do, what they need"
            autoComplete="off"
          />
        </label>
        <button type="submit" disabled={who.text.trim() === ''}>
          Add
        </button>
      </form>
      <ErrorNote error={error} />
    </li>
  );
}

export default function EventsPage() {
  const { data, error, reload } = useLoad((s) =>
    api<{ events: EventView[] }>('GET', '/api/events', undefined, s),
  );
  const [err, setErr] = useState<unknown>();
  const add = async (ev: SubmitEvent<HTMLFormElement>): Promise<void> => {
    ev.preventDefault();
    const form = ev.currentTarget;
    const f = new FormData(form);
    const text = (k: string): string | undefined => {
      const v = f.get(k);
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    };
    setErr(undefined);
    try {
      await api('POST', '/api/events', {
        name: text('name') ?? '',
        date: text('date'),
        place: text('place'),
      });
      form.reset();
      reload();
    } catch (e) {
      setErr(e);
    }
  };
  return (
    <>
      <PageHead title="Events" />
      <p className="muted">
        Meeting one person worth following up is a success. A name and one line are enough.
      </p>
      <form className="panel inline wrap" onSubmit={(e) => void add(e)} aria-label="New event">
        <label className="grow">
          Event
          <input name="name" required placeholder="Berlin Data Meetup" autoComplete="off" />
        </label>
        <label>
          Date
          <input name="date" placeholder="today" size={12} />
        </label>
        <label>
          Place
          <input name="place" size={14} />
        </label>
        <button type="submit" className="primary">
          Add event
        </button>
      </form>
      <ErrorNote error={error ?? err} />
      {data && data.events.length === 0 && <Empty title="No events yet" />}
      {data && (
        <ol className="cards">
          {data.events.map((e) => (
            <EventCard key={e.id} e={e} onChange={reload} />
          ))}
        </ol>
      )}
    </>
  );
}
