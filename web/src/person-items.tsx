/** A person's needs, offers and promises on their page: each listed, editable and removable. */
import { useState, type SubmitEvent } from 'react';
import { api } from './api.js';
import type { Item, Profile } from './types.js';
import { Badge, ErrorNote } from './ui.js';
import { EditForm, Editable } from './person-edit.js';
import type { Remove } from './undo-toast.js';

/** The due field's example: next Friday and a date two weeks on, never a day already past. */
const duePlaceholder = (): string => {
  const d = new Date();
  d.setDate(d.getDate() + 14);
  return `friday, ${d.toISOString().slice(0, 10)}`;
};

export function ItemList({
  title,
  items,
  side,
  id,
  onChange,
  remove,
}: {
  title: string;
  items: Item[];
  side: 'need' | 'offer';
  id: string;
  onChange: () => void;
  remove: Remove;
}) {
  const [error, setError] = useState<unknown>();
  const [text, setText] = useState('');
  const add = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    setError(undefined);
    try {
      await api('POST', `/api/people/${encodeURIComponent(id)}/${side}s`, { text });
      setText('');
      onChange();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="panel" aria-labelledby={`h-${side}`}>
      <h2 id={`h-${side}`}>{title}</h2>
      {items.length === 0 ? (
        <p className="muted">
          {side === 'need' ? 'None known yet: ask what would help them right now.' : 'None known yet.'}
        </p>
      ) : (
        <ul className="items">
          {items.map((i) => (
            <li key={i.id} className={i.status !== 'open' ? 'closed' : undefined}>
              <Editable
                label={`Edit ${side} “${i.text}”`}
                form={(close) => (
                  <EditForm
                    title={`Correct the ${side}`}
                    fields={[{ name: 'text', label: side === 'need' ? 'Need' : 'Offer', value: i.text }]}
                    save={(v) => api('PATCH', `/api/items/${i.id}`, { text: v.text ?? '' })}
                    onDone={() => {
                      close();
                      onChange();
                    }}
                    onCancel={close}
                  />
                )}
              >
                <span className="grow">
                  {i.text} {i.status !== 'open' && <Badge>{i.status}</Badge>}
                </span>
              </Editable>
              <button
                type="button"
                className="link"
                aria-label={`Remove ${side} “${i.text}”`}
                onClick={() => void remove('item', i.id, `the ${side} “${i.text}”`)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline" onSubmit={(e) => void add(e)}>
        <label className="grow">
          <span className="sr-only">New {side}</span>
          <input
            value={text}
            onChange={(e) => {
              setText(e.target.value);
            }}
            placeholder={side === 'need' ? 'What would help them?' : 'What can they give?'}
          />
        </label>
        <button type="submit" disabled={text.trim() === ''}>
          Add {side}
        </button>
      </form>
      <ErrorNote error={error} />
    </section>
  );
}

export function Promises({
  p,
  id,
  onChange,
  remove,
}: {
  p: Profile;
  id: string;
  onChange: () => void;
  remove: Remove;
}) {
  const [error, setError] = useState<unknown>();
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const add = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    setError(undefined);
    try {
      await api('POST', `/api/people/${encodeURIComponent(id)}/promises`, { text, due });
      setText('');
      setDue('');
      onChange();
    } catch (err) {
      setError(err);
    }
  };
  const close = async (pid: number, status: 'kept' | 'broken'): Promise<void> => {
    try {
      await api('PATCH', `/api/promises/${pid}`, { status });
      onChange();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="panel" aria-labelledby="h-promises">
      <h2 id="h-promises">Promises</h2>
      {p.promises.length === 0 && <p className="muted">No promises to {p.person.name.split(' ')[0]}.</p>}
      <ul className="items">
        {p.promises.map((x) => (
          <li key={x.id}>
            <Editable
              label={`Edit promise “${x.text}”`}
              form={(close) => (
                <EditForm
                  title="Correct the promise"
                  fields={[
                    { name: 'text', label: 'Promise', value: x.text },
                    { name: 'due', label: 'Due', value: x.due, type: 'date' },
                  ]}
                  save={(v) =>
                    api('PATCH', `/api/promises/${x.id}`, { text: v.text ?? '', due: v.due ?? '' })
                  }
                  onDone={() => {
                    close();
                    onChange();
                  }}
                  onCancel={close}
                />
              )}
            >
              <span className="grow">
                {x.text} <span className="muted small">due {x.due}</span>{' '}
                {x.status !== 'open' && <Badge tone={x.status === 'kept' ? 'good' : 'bad'}>{x.status}</Badge>}
              </span>
            </Editable>
            <button
              type="button"
              className="link"
              aria-label={`Remove promise “${x.text}”`}
              onClick={() => void remove('promise', x.id, `the promise “${x.text}”`)}
            >
              Remove
            </button>
            {x.status === 'open' && (
              <span className="row">
                <button type="button" onClick={() => void close(x.id, 'kept')}>
                  Kept
                </button>
                <button type="button" onClick={() => void close(x.id, 'broken')}>
                  Broken
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      <form className="inline wrap" onSubmit={(e) => void add(e)}>
        <label className="grow">
          <span className="sr-only">Promise</span>
          <input
            value={text}
            onChange={(e) => {
              setText(e.target.value);
            }}
            placeholder="I will…"
          />
        </label>
        <label>
          <span className="sr-only">Due</span>
          <input
            value={due}
            onChange={(e) => {
              setDue(e.target.value);
            }}
            placeholder={duePlaceholder()}
            size={14}
          />
        </label>
        <button type="submit" disabled={text.trim() === '' || due.trim() === ''}>
          Promise
        </button>
      </form>
      <ErrorNote error={error} />
    </section>
  );
}
