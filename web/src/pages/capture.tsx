import { useEffect, useState, type InputHTMLAttributes, type SubmitEvent } from 'react';
import { api } from '../api.js';
import { PendingList } from '../offline/pending.js';
import { sendOrQueue } from '../offline/queue.js';
import { ErrorNote, PageHead } from '../ui.js';

/**
 * Quick actions for an event, made for a phone and a bad network: capture someone met with one
 * line, log a touch or a give, add a need. Each is sent at once when the network carries it and
 * otherwise waits on the device (web/src/offline/queue.ts), shown in the list below. People are
 * named, not picked from the server, so that everything works offline; names the app has seen
 * are offered as you type.
 */
const NAMES = 'tend.names';
const EVENTS = 'tend.events';
/** Today's event ("day name"): "Where you met" starts with it, and with nothing on other days. */
const TODAYS_EVENT = 'tend.todaysEvent';

const todaysEvent = (): string => {
  const v = localStorage.getItem(TODAYS_EVENT) ?? '';
  const day = v.slice(0, 10);
  return day === today() ? v.slice(11) : '';
};

const remembered = (key: string): string[] => {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};
const remember = (key: string, values: string[]): void => {
  localStorage.setItem(key, JSON.stringify([...new Set(values)].slice(0, 500)));
};

/** Today on this device's calendar: a queued touch keeps the day it happened, not the day it is sent. */
const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const person = (name: string): string => encodeURIComponent(name.trim());

function useSaver(onSaved: (name: string) => void) {
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const save = async (path: string, body: unknown, label: string, name: string): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    setStatus('');
    try {
      const sent = await sendOrQueue(path, body, label);
      setStatus(
        sent.queued
          ? `Saved on this device: ${label}. It is sent when you are back online.`
          : `Saved: ${label}.`,
      );
      onSaved(name);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { status, error, busy, save };
}

function Status({ text }: { text: string }) {
  return (
    <p className="muted small" role="status">
      {text}
    </p>
  );
}

function MetForm({
  events,
  current,
  onSaved,
}: {
  events: string[];
  current: string;
  onSaved: (name: string) => void;
}) {
  const [name, setName] = useState('');
  const [line, setLine] = useState('');
  // Kept after a save (at an event you meet several people), and in view: never a silent default.
  const [where, setWhere] = useState(current);
  const s = useSaver(onSaved);
  const submit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const n = name.trim();
    const w = where.trim();
    const event = events.find((x) => x.toLowerCase() === w.toLowerCase());
    const ok = event
      ? await s.save(
          `/api/events/${person(event)}/met`,
          { name: n, line: line.trim() || undefined },
          `Met ${n} at ${event}`,
          n,
        )
      : await s.save(
          '/api/people',
          { name: n, met: w || undefined, notes: line.trim() || undefined },
          w ? `Met ${n} (${w})` : `Met ${n}`,
          n,
        );
    if (ok) {
      setName('');
      setLine('');
      document.getElementById('q-met-name')?.focus();
    }
  };
  return (
    <section className="panel" aria-labelledby="h-met">
      <h2 id="h-met">Met someone</h2>
      <form className="grid-form" onSubmit={(e) => void submit(e)}>
        <Field label="Name" value={name} onChange={setName} id="q-met-name" required />
        <Field label="Where you met" value={where} onChange={setWhere} list="q-events" />
        <Field
          label="One line"
          value={line}
          onChange={setLine}
          wide
          placeholder="What they do, what they need"
        />
        <div className="row span">
          <button className="primary" type="submit" disabled={s.busy}>
            Save person
          </button>
        </div>
      </form>
      <Status text={s.status} />
      <ErrorNote error={s.error} />
    </section>
  );
}

function LogForm({ onSaved }: { onSaved: (name: string) => void }) {
  const [who, setWho] = useState('');
  const [mode, setMode] = useState<'touch' | 'give'>('touch');
  const [text, setText] = useState('');
  const s = useSaver(onSaved);
  const submit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const n = who.trim();
    const t = text.trim();
    const body =
      mode === 'touch'
        ? { action: 'log', nature: 'touch', channel: 'in_person', note: t || undefined, date: today() }
        : { action: 'give', text: t, channel: 'in_person', date: today() };
    const label = mode === 'touch' ? `Talked with ${n}` : `Gave ${n}: ${t}`;
    if (await s.save(`/api/people/${person(n)}/interactions`, body, label, n)) setText('');
  };
  return (
    <section className="panel" aria-labelledby="h-qlog">
      <h2 id="h-qlog">Log a touch or a give</h2>
      <form className="grid-form" onSubmit={(e) => void submit(e)}>
        <Field label="With" value={who} onChange={setWho} list="q-names" required />
        <fieldset className="tabs">
          <legend className="sr-only">What happened</legend>
          {(['touch', 'give'] as const).map((m) => (
            <label key={m} className={`tab${mode === m ? ' on' : ''}`}>
              <input
                type="radio"
                name="q-mode"
                checked={mode === m}
                onChange={() => {
                  setMode(m);
                }}
              />
              {m === 'touch' ? 'We talked' : 'I gave'}
            </label>
          ))}
        </fieldset>
        <Field
          label={mode === 'touch' ? 'Note (optional)' : 'What you gave'}
          value={text}
          onChange={setText}
          wide
          required={mode === 'give'}
        />
        <div className="row span">
          <button className="primary" type="submit" disabled={s.busy}>
            {mode === 'touch' ? 'Log the talk' : 'Log the give'}
          </button>
        </div>
      </form>
      <Status text={s.status} />
      <ErrorNote error={s.error} />
    </section>
  );
}

function NeedForm({ onSaved }: { onSaved: (name: string) => void }) {
  const [who, setWho] = useState('');
  const [need, setNeed] = useState('');
  const s = useSaver(onSaved);
  const submit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const n = who.trim();
    const t = need.trim();
    if (await s.save(`/api/people/${person(n)}/needs`, { text: t }, `${n} needs: ${t}`, n)) setNeed('');
  };
  return (
    <section className="panel" aria-labelledby="h-qneed">
      <h2 id="h-qneed">Add a need</h2>
      <form className="grid-form" onSubmit={(e) => void submit(e)}>
        <Field label="Whose" value={who} onChange={setWho} list="q-names" required />
        <Field label="What they need" value={need} onChange={setNeed} wide required />
        <div className="row span">
          <button className="primary" type="submit" disabled={s.busy}>
            Save need
          </button>
        </div>
      </form>
      <Status text={s.status} />
      <ErrorNote error={s.error} />
    </section>
  );
}

export default function CapturePage() {
  const [names, setNames] = useState(() => remembered(NAMES));
  const [events, setEvents] = useState(() => remembered(EVENTS));
  const [current, setCurrent] = useState(todaysEvent);
  // Online, refresh the names and events offered as you type; offline, the last ones seen serve.
  useEffect(() => {
    const ac = new AbortController();
    api<{ people: { person: { name: string } }[] }>('GET', '/api/people?limit=500', undefined, ac.signal)
      .then((r) => {
        const n = r.people.map((p) => p.person.name);
        remember(NAMES, n);
        setNames(n);
      })
      .catch(() => undefined);
    api<{ events: { name: string; date: string }[] }>('GET', '/api/events', undefined, ac.signal)
      .then((r) => {
        const e = r.events.map((x) => x.name).slice(0, 30);
        remember(EVENTS, e);
        setEvents(e);
        const now = r.events.find((x) => x.date === today())?.name ?? '';
        if (now === '') localStorage.removeItem(TODAYS_EVENT);
        else localStorage.setItem(TODAYS_EVENT, `${today()} ${now}`);
        setCurrent(now);
      })
      .catch(() => undefined);
    return () => {
      ac.abort();
    };
  }, []);
  const saved = (name: string): void => {
    if (name === '' || names.includes(name)) return;
    const n = [name, ...names];
    remember(NAMES, n);
    setNames(n);
  };
  return (
    <>
      <PageHead title="Capture" />
      <p className="muted">
        At an event, with a bad network or none: what you save here waits on this device and is sent once you
        are back online, exactly once.
      </p>
      <datalist id="q-names">
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <datalist id="q-events">
        {events.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <MetForm key={current} events={events} current={current} onSaved={saved} />
      <LogForm onSaved={saved} />
      <NeedForm onSaved={saved} />
      <PendingList />
    </>
  );
}

/** One line of text in a quick form: never autocompleted by the browser (names are offered from `list`). */
function Field({
  label,
  value,
  onChange,
  wide = false,
  ...input
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  wide?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  return (
    <label className={wide ? 'span' : undefined}>
      {label}
      <input
        {...input}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
        autoComplete="off"
      />
    </label>
  );
}
