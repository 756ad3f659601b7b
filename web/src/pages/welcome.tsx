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
import { Link, navigate } from '../router.js';
import type { MyItems } from '../types.js';
import { AddPersonError, ErrorNote, PageHead, useLoad } from '../ui.js';

const steps = ['What you offer', 'What you need', 'Your first people'] as const;

function AddLine({
  label,
  placeholder,
  onAdd,
  button,
}: {
  label: string;
  placeholder: string;
  button: string;
  /** `anyway`: the user confirmed a refused name is someone else with the same name. */
  onAdd: (text: string, anyway?: boolean) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const add = async (anyway: boolean): Promise<void> => {
    setError(undefined);
    try {
      await onAdd(text, anyway);
      setText('');
    } catch (err) {
      setError(err);
    }
  };
  const submit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    await add(false);
  };
  return (
    <form className="inline wrap" onSubmit={(e) => void submit(e)}>
      <label className="grow">
        {label}
        <input
          value={text}
          onChange={(e) => {
            setText(e.target.value);
          }}
          placeholder={placeholder}
          autoFocus
          autoComplete="off"
        />
      </label>
      <button type="submit" disabled={text.trim() === ''}>
        {button}
      </button>
      <AddPersonError error={error} onAnyway={() => void add(true)} />
    </form>
  );
}

interface Added {
  id: number;
  name: string;
  met?: string | undefined;
  known?: boolean;
}

/**
 * One person at a time: a name (people you already have are offered as you type) and where you
 * met them. Both fields empty again after each person, so where you met one is never given to
 * the next.
 */
function AddFirstPerson({ onAdded }: { onAdded: (p: Added) => void }) {
  const [who, setWho] = useState<PersonChoice>(emptyChoice);
  const [matches, setMatches] = useState<Matches>(noMatches);
  const [met, setMet] = useState('');
  const [error, setError] = useState<unknown>();
  const add = async (anyway: boolean): Promise<void> => {
    setError(undefined);
    const body = choiceBody(who);
    // Exactly the name of someone you have: the API refuses it and says whom it matches.
    if (!anyway && !choiceReady(who, matches) && !matches.exact) {
      setError('Choose one of the people you have, or “Add new person”.');
      return;
    }
    try {
      if (body.person !== undefined && !anyway) onAdded({ id: body.person, name: body.name, known: true });
      else {
        const r = await api<{ person: { id: number; name: string } }>('POST', '/api/people', {
          name: body.name,
          met: met.trim() || undefined,
          ...(anyway || body.new ? { new: true } : {}),
        });
        onAdded({ ...r.person, met: met.trim() || undefined });
      }
      setWho(emptyChoice);
      setMet('');
      document.getElementById('first-person-name')?.focus();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form
      className="inline wrap"
      aria-label="Add a person you know"
      onSubmit={(e: SubmitEvent) => {
        e.preventDefault();
        void add(false);
      }}
    >
      <div className="grow">
        <PersonPicker
          inputId="first-person-name"
          label="A name"
          placeholder="Jonas Weber"
          value={who}
          onChange={setWho}
          onMatches={setMatches}
          autoFocus
        />
      </div>
      <label className="grow">
        Where you met them (optional)
        <input
          value={met}
          onChange={(e) => {
            setMet(e.target.value);
          }}
          placeholder="ex-colleague, PGConf…"
          autoComplete="off"
        />
      </label>
      <button type="submit" disabled={who.text.trim() === ''}>
        Add person
      </button>
      <AddPersonError error={error} onAnyway={() => void add(true)} />
    </form>
  );
}

/** First run: an empty database leads through offers, needs and the first few people. */
export default function WelcomePage() {
  const [step, setStep] = useState(0);
  const { data, reload } = useLoad((s) => api<MyItems>('GET', '/api/me', undefined, s));
  const [people, setPeople] = useState<Added[]>([]);
  const finish = (): void => {
    localStorage.setItem('tend.welcomed', '1');
    navigate('/');
  };
  return (
    <>
      <PageHead title="Welcome to Tend" />
      <p className="lead">
        Give first, focus on a few, make it real. Three short steps and Tend can suggest your first gives.
      </p>
      <ol className="steps" aria-label="Steps">
        {steps.map((s, i) => (
          <li
            key={s}
            aria-current={i === step ? 'step' : undefined}
            className={i < step ? 'done' : i === step ? 'on' : undefined}
          >
            {i + 1}. {s}
          </li>
        ))}
      </ol>
      <section className="panel">
        {step === 0 && (
          <>
            <h2>What can you offer others?</h2>
            <p className="muted">
              Skills, knowledge, connections: what you would gladly give. Tend matches these to what people
              need.
            </p>
            <AddLine
              label="An offer"
              placeholder="SQL tuning, intros to Berlin data engineers…"
              button="Add offer"
              onAdd={async (text) => {
                await api('POST', '/api/me/offers', { text });
                reload();
              }}
            />
            <ul className="items">
              {data?.offers.map((o) => (
                <li key={o.id}>{o.text}</li>
              ))}
            </ul>
          </>
        )}
        {step === 1 && (
          <>
            <h2>What do you need right now?</h2>
            <p className="muted">
              Tend will not push you to ask for it — it shows who could help, once you have given.
            </p>
            <AddLine
              label="A need"
              placeholder="Two new clients in fintech…"
              button="Add need"
              onAdd={async (text) => {
                await api('POST', '/api/me/needs', { text });
                reload();
              }}
            />
            <ul className="items">
              {data?.needs.map((o) => (
                <li key={o.id}>{o.text}</li>
              ))}
            </ul>
          </>
        )}
        {step === 2 && (
          <>
            <h2>Whom do you already know?</h2>
            <p className="muted">
              A name and where you met are enough to start. Contact details can come later.
            </p>
            <AddFirstPerson
              onAdded={(p) => {
                setPeople((ps) => [...ps.filter((x) => x.id !== p.id), p]);
              }}
            />
            <ul className="items">
              {people.map((p) => (
                <li key={p.id}>
                  <span>
                    <Link href={`/people/${p.id}`}>{p.name}</Link>
                    {p.met && <span className="muted small"> — met {p.met}</span>}
                    {p.known && <span className="muted small"> (already in Tend)</span>}
                  </span>
                </li>
              ))}
            </ul>
            <p className="muted">
              Many people? <Link href="/import">Import your LinkedIn connections</Link>: they land in the
              pool, not in focus.
            </p>
          </>
        )}
        <ErrorNote error={undefined} />
        <div className="row between">
          <button type="button" onClick={finish}>
            Skip for now
          </button>
          <div className="row">
            {step > 0 && (
              <button
                type="button"
                onClick={() => {
                  setStep(step - 1);
                }}
              >
                Back
              </button>
            )}
            {step < 2 ? (
              <button
                type="button"
                className="primary"
                onClick={() => {
                  setStep(step + 1);
                }}
              >
                Next
              </button>
            ) : (
              <button type="button" className="primary" onClick={finish}>
                Go to Today
              </button>
            )}
          </div>
        </div>
      </section>
    </>
  );
}
