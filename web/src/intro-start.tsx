import { useEffect, useId, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import { api, qs } from './api.js';
import type { Intro, PersonSummary } from './types.js';
import { ErrorNote, useDebounced } from './ui.js';

export interface Picked {
  id: number;
  name: string;
}

interface Options {
  needs: { id: number; text: string; personId: number }[];
  offers: { id: number; text: string; personId: number }[];
  suggested?: { need: number; offer: number };
}

/**
 * A person field that offers the people you already have as you type (an ARIA combobox):
 * only someone picked from the list counts, so an introduction never names a stranger.
 */
export function PersonCombobox({
  label,
  value,
  onChange,
  exclude,
}: {
  label: string;
  value: Picked | undefined;
  onChange: (p: Picked | undefined) => void;
  exclude?: number | undefined;
}) {
  const id = useId();
  const [text, setText] = useState(value?.name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [found, setFound] = useState<{ id: number; name: string; hint: string }[]>([]);
  const query = useDebounced(text, 150);
  useEffect(() => {
    if (!open || query.trim() === '') {
      setFound([]);
      return;
    }
    const ac = new AbortController();
    api<{ people: PersonSummary[] }>(
      'GET',
      `/api/people${qs({ search: query.trim(), limit: 8 })}`,
      undefined,
      ac.signal,
    )
      .then((res) => {
        setFound(
          res.people
            .filter((s) => s.person.id !== exclude)
            .map(({ person: p }) => ({
              id: p.id,
              name: p.name,
              hint: [p.title, p.company].filter(Boolean).join(' at ') || p.met || '',
            })),
        );
        setActive(0);
      })
      .catch(() => undefined);
    return () => {
      ac.abort();
    };
  }, [query, open, exclude]);
  const pick = (p: { id: number; name: string }): void => {
    onChange({ id: p.id, name: p.name });
    setText(p.name);
    setOpen(false);
  };
  const key = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const n = found.length;
      if (n > 0) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter' && open && found[active]) {
      e.preventDefault();
      pick(found[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  };
  const showList = open && found.length > 0;
  const none = open && query.trim() !== '' && query === text && found.length === 0;
  return (
    <div className="combo">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={showList}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={showList ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (value) onChange(undefined);
        }}
        onKeyDown={key}
        onBlur={() => {
          setTimeout(() => {
            setOpen(false);
          }, 150);
        }}
      />
      <span id={`${id}-hint`} className="small muted">
        {value
          ? `${value.name} ✓`
          : none
            ? `No one called “${text}” yet: add them on People first.`
            : 'Type a name and pick from the list.'}
      </span>
      <ul id={`${id}-list`} role="listbox" aria-label={label} className="combo-list" hidden={!showList}>
        {found.map((p, i) => (
          <li
            key={p.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(p);
            }}
          >
            <span>{p.name}</span>
            {p.hint && <span className="small muted"> · {p.hint}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Start an introduction: two people you have, optionally the need and offer it rests on. */
export function StartIntro({ onStarted }: { onStarted: (intro: Intro) => void }) {
  const [a, setA] = useState<Picked>();
  const [b, setB] = useState<Picked>();
  const [options, setOptions] = useState<Options>();
  const [need, setNeed] = useState('');
  const [offer, setOffer] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setOptions(undefined);
    setNeed('');
    setOffer('');
    if (!a || !b) return;
    const ac = new AbortController();
    api<Options>(
      'GET',
      `/api/intros/options${qs({ a: String(a.id), b: String(b.id) })}`,
      undefined,
      ac.signal,
    )
      .then((o) => {
        setOptions(o);
        if (o.suggested) {
          setNeed(String(o.suggested.need));
          setOffer(String(o.suggested.offer));
        }
      })
      .catch((e: unknown) => {
        if (!ac.signal.aborted) setError(e);
      });
    return () => {
      ac.abort();
    };
  }, [a, b]);
  const nameOf = (personId: number): string => (personId === a?.id ? a.name : (b?.name ?? ''));
  const needItem = options?.needs.find((n) => String(n.id) === need);
  const offers = options?.offers.filter((o) => !needItem || o.personId !== needItem.personId) ?? [];
  const submit = async (e: SubmitEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    if (!a || !b) {
      setError(new Error(`Pick ${a ? 'the second' : 'the first'} person from the list of people you have.`));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const res = await api<{ intro: Intro }>('POST', '/api/intros', {
        a: String(a.id),
        b: String(b.id),
        ...(reason.trim() !== '' ? { reason: reason.trim() } : {}),
        ...(need !== '' ? { need: Number(need) } : {}),
        ...(offer !== '' ? { offer: Number(offer) } : {}),
      });
      onStarted(res.intro);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel intro-start" aria-label="Start an introduction" onSubmit={(e) => void submit(e)}>
      <h2>Start an introduction</h2>
      <div className="grid-form">
        <PersonCombobox label="Introduce" value={a} onChange={setA} exclude={b?.id} />
        <PersonCombobox label="To" value={b} onChange={setB} exclude={a?.id} />
        {options && options.needs.length > 0 && (
          <label>
            The need it meets <span className="req">(optional)</span>
            <select
              value={need}
              onChange={(e) => {
                setNeed(e.target.value);
              }}
            >
              <option value="">None in particular</option>
              {options.needs.map((n) => (
                <option key={n.id} value={n.id}>
                  {nameOf(n.personId)}: {n.text}
                </option>
              ))}
            </select>
          </label>
        )}
        {options && offers.length > 0 && (
          <label>
            The offer that meets it <span className="req">(optional)</span>
            <select
              value={offer}
              onChange={(e) => {
                setOffer(e.target.value);
              }}
            >
              <option value="">None in particular</option>
              {offers.map((o) => (
                <option key={o.id} value={o.id}>
                  {nameOf(o.personId)}: {o.text}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="span">
          Why they should meet{' '}
          <span className="req">
            {need !== '' && offer !== '' ? '(optional)' : '(needed without a need and an offer)'}
          </span>
          <input
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
            }}
            autoComplete="off"
            placeholder="Both are building data teams in Berlin"
          />
        </label>
      </div>
      <ErrorNote error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Propose the introduction
        </button>
      </div>
    </form>
  );
}
