import { useState, type SubmitEvent } from 'react';
import { api, hasRoute } from '../api.js';
import { StartIntro } from '../intro-start.js';
import { Link } from '../router.js';
import type { Intro } from '../types.js';
import { Empty, ErrorNote, PageHead, useLoad } from '../ui.js';

const columns = [
  ['proposed', 'Proposed'],
  ['asked_a', 'Asked the first'],
  ['asked_b', 'Asked the second'],
  ['made', 'Made'],
  ['outcome', 'Led somewhere'],
] as const;

const first = (name: string): string => name.split(' ')[0] ?? name;

/** Where an introduction stands and what the next step is, for the card. */
function nextStep(i: Intro): string | undefined {
  const [a, b] = [first(i.a.name), first(i.b.name)];
  if (i.state === 'proposed') return `Next: ask ${a} whether they would like to meet ${b}.`;
  if (i.state === 'asked_a') return `Waiting for ${a}. Once ${a} says yes, ask ${b}.`;
  if (i.state === 'asked_b') return `${a} said yes. Waiting for ${b}.`;
  if (i.state === 'made') return 'Introduced. Record what came of it when you hear.';
  return undefined;
}

/** What a button moving `i` to `to` says: what the user did, in their words. */
function actionLabel(i: Intro, to: string): string {
  if (to === 'asked_a') return `Asked ${first(i.a.name)}`;
  if (to === 'asked_b') return `Asked ${first(i.b.name)}`;
  if (to === 'made') return 'Both said yes: introduce them';
  if (to === 'declined') return `${first(i.state === 'asked_b' ? i.b.name : i.a.name)} said no`;
  return 'Record the outcome';
}

function Outcome({ intro, onSaved }: { intro: Intro; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (e: SubmitEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    const text = new FormData(e.currentTarget).get('outcome');
    try {
      await api('PATCH', `/api/intros/${intro.id}`, {
        to: 'outcome',
        outcome: typeof text === 'string' ? text : '',
      });
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  if (!open)
    return (
      <button
        type="button"
        onClick={() => {
          setOpen(true);
        }}
      >
        Record the outcome
      </button>
    );
  return (
    <form
      className="outcome"
      aria-label={`Outcome of introducing ${intro.a.name} and ${intro.b.name}`}
      onSubmit={(e) => void submit(e)}
    >
      <label>
        What came of it?
        <textarea
          name="outcome"
          rows={3}
          required
          autoFocus
          placeholder="Lars starts at Priya's team in March"
        />
      </label>
      <ErrorNote error={error} />
      <div className="row">
        <button type="submit" className="primary">
          Save the outcome
        </button>
        <button
          type="button"
          onClick={() => {
            setOpen(false);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

function Card({ i, onMove, onSaved }: { i: Intro; onMove: (to: string) => void; onSaved: () => void }) {
  return (
    <li className="card intro">
      <strong>
        <Link href={`/people/${i.a.id}`}>{i.a.name}</Link> ↔{' '}
        <Link href={`/people/${i.b.id}`}>{i.b.name}</Link>
      </strong>
      <p className="small muted">{i.reason}</p>
      {i.state === 'outcome' && i.outcome && <p className="small">{i.outcome}</p>}
      {nextStep(i) && <p className="small">{nextStep(i)}</p>}
      {(i.state === 'proposed' || i.state === 'asked_a' || i.state === 'asked_b') && (
        <details>
          <summary>Draft messages</summary>
          {(
            [
              [i.a.name, i.drafts.a],
              [i.b.name, i.drafts.b],
            ] as const
          ).map(([name, draft]) => (
            <label key={name} className="small">
              To {name}
              <textarea
                readOnly
                rows={7}
                value={draft}
                onFocus={(e) => {
                  e.currentTarget.select();
                }}
              />
              <button type="button" onClick={() => void navigator.clipboard.writeText(draft)}>
                Copy the message to {first(name)}
              </button>
            </label>
          ))}
        </details>
      )}
      <div className="row wrap">
        {i.next.map((n) =>
          n === 'outcome' ? (
            <Outcome key={n} intro={i} onSaved={onSaved} />
          ) : (
            <button
              key={n}
              type="button"
              className={n === 'declined' ? 'quiet' : undefined}
              onClick={() => {
                onMove(n);
              }}
            >
              {actionLabel(i, n)}
            </button>
          ),
        )}
      </div>
    </li>
  );
}

/** The double opt-in board: proposed → asked A → asked B → made → outcome. */
export default function IntrosPage() {
  const { data, error, reload } = useLoad(async (s) => {
    if (!(await hasRoute('/api/intros'))) return undefined;
    const res = await api<{ intros: Intro[] } | Intro[]>('GET', '/api/intros', undefined, s);
    return Array.isArray(res) ? res : res.intros;
  });
  const [err, setErr] = useState<unknown>();
  const [starting, setStarting] = useState(false);
  const [started, setStarted] = useState<string>();
  const move = async (i: Intro, to: string): Promise<void> => {
    setErr(undefined);
    setStarted(undefined);
    try {
      await api('PATCH', `/api/intros/${i.id}`, { to });
      reload();
    } catch (e) {
      setErr(e);
    }
  };
  const declined = data?.filter((i) => i.state === 'declined') ?? [];
  return (
    <>
      <PageHead title="Introductions">
        {data !== undefined && (
          <button
            type="button"
            className="primary"
            aria-expanded={starting}
            onClick={() => {
              setStarting((s) => !s);
              setStarted(undefined);
            }}
          >
            {starting ? 'Close' : 'Start an introduction'}
          </button>
        )}
      </PageHead>
      <p className="muted">
        Introduce two people when a need of one meets an offer of the other, and ask each of them first.
        Making an introduction is a give to both.
      </p>
      {starting && (
        <StartIntro
          onStarted={(intro) => {
            setStarting(false);
            setStarted(`Proposed: ${intro.a.name} ↔ ${intro.b.name}. Ask ${first(intro.a.name)} first.`);
            reload();
          }}
        />
      )}
      {started && (
        <p className="note good" role="status">
          {started}
        </p>
      )}
      <ErrorNote error={error ?? err} />
      {data === undefined && !error && (
        <Empty title="No introductions yet">
          <p>
            When someone in your <Link href="/focus">focus list</Link> needs what another person offers, Today
            suggests the introduction. The board of introductions in progress will appear here.
          </p>
        </Empty>
      )}
      {data && data.length === 0 && !starting && (
        <Empty title="No introductions in progress">
          <p>Start one when a need of someone you know meets what another person offers.</p>
        </Empty>
      )}
      {data && data.length > 0 && (
        <div className="board">
          {columns.map(([state, label]) => {
            const items = data.filter((i) => i.state === state);
            return (
              <section key={state} className="column" aria-label={label}>
                <h2>
                  {label} <span className="muted">{items.length}</span>
                </h2>
                <ul>
                  {items.map((i) => (
                    <Card key={i.id} i={i} onMove={(to) => void move(i, to)} onSaved={reload} />
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
      {declined.length > 0 && (
        <details className="declined">
          <summary>Declined ({declined.length})</summary>
          <ul className="items">
            {declined.map((i) => (
              <li key={i.id}>
                {i.a.name} ↔ {i.b.name}
                <span className="small muted">
                  {i.declinedBy === 'b' ? first(i.b.name) : first(i.a.name)} said no
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
