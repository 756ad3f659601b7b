import { useEffect, useId, useState } from 'react';
import { api, qs } from './api.js';
import type { PersonSummary } from './types.js';
import { useDebounced } from './ui.js';

/** What the person field holds: the typed text and, once chosen, an existing person or "new". */
export interface PersonChoice {
  text: string;
  /** An existing person (linked by id) or an explicit new one; undefined while only typed. */
  chosen?: { id: number; name: string } | 'new' | undefined;
}

export const emptyChoice: PersonChoice = { text: '' };

/** The request fields a choice stands for: `person` (an existing id), else the name, `new` when chosen so. */
export function choiceBody(c: PersonChoice): { person?: number; name: string; new?: boolean } {
  if (c.chosen && c.chosen !== 'new') return { person: c.chosen.id, name: c.chosen.name };
  return { name: c.text.trim(), ...(c.chosen === 'new' ? { new: true } : {}) };
}

/**
 * Whether a form may be sent with this choice: something chosen, or a typed name that matches
 * no one (a new person is then the only possibility). A name that matches people needs a choice.
 */
export const choiceReady = (c: PersonChoice, m: Matches): boolean =>
  c.chosen !== undefined || (c.text.trim() !== '' && m.count === 0);

/** How many people you have the typed text names, and whether one has exactly that name. */
export interface Matches {
  count: number;
  exact: boolean;
}

export const noMatches: Matches = { count: 0, exact: false };

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Each typed word starts a word of the name: "jon" and "Jonas W" name "Jonas Weber". */
export function namedBy(name: string, typed: string): boolean {
  const words = fold(name).split(/[\s\-'’.]+/);
  return fold(typed)
    .split(/\s+/)
    .filter(Boolean)
    .every((t) => words.some((w) => w.startsWith(t)));
}

interface Option {
  key: string;
  label: string;
  detail?: string | undefined;
  pick: PersonChoice['chosen'];
}

/**
 * A name field that offers the people you already have as you type (an ARIA 1.2 combobox with a
 * list popup): arrows move, Enter chooses, Escape closes. The last option is always the explicit
 * "Add new person '…'": a name you type is never silently taken for someone else, nor a second
 * Jonas made while the first one was on offer.
 */
export function PersonPicker({
  label,
  value,
  onChange,
  onMatches,
  placeholder,
  hideLabel = false,
  autoFocus = false,
  inputId,
}: {
  label: string;
  value: PersonChoice;
  onChange: (v: PersonChoice) => void;
  /** Which existing people the typed text names (for `choiceReady`). */
  onMatches?: (m: Matches) => void;
  placeholder?: string;
  hideLabel?: boolean;
  autoFocus?: boolean;
  inputId?: string;
}) {
  const uid = useId();
  const id = inputId ?? `picker-${uid}`;
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [found, setFound] = useState<PersonSummary[]>([]);
  const query = useDebounced(value.chosen ? '' : value.text.trim(), 120);

  useEffect(() => {
    if (query === '') {
      setFound([]);
      onMatches?.(noMatches);
      return;
    }
    const ac = new AbortController();
    api<{ people: PersonSummary[] }>(
      'GET',
      `/api/people${qs({ search: query, limit: 6 })}`,
      undefined,
      ac.signal,
    )
      .then((r) => {
        // Search reads notes and needs too: offer only people whose name the text names.
        const named = r.people.filter((s) => namedBy(s.person.name, query));
        setFound(named);
        onMatches?.({
          count: named.length,
          exact: named.some((s) => fold(s.person.name).trim() === fold(query)),
        });
      })
      .catch(() => undefined);
    return () => {
      ac.abort();
    };
    // onMatches is a callback from the parent; the query alone decides a new search
  }, [query]);

  const typed = value.text.trim();
  // Until the search for what is typed now answers, the last answer may name other people: only
  // those the typed text still names are offered (never "Wanda" under "Yusuf").
  const current = found.filter((s) => namedBy(s.person.name, typed));
  const options: Option[] = value.chosen
    ? []
    : [
        ...current.map((s) => ({
          key: `p${s.person.id}`,
          label: s.person.name,
          detail: [s.person.title, s.person.company, s.person.met && `met ${s.person.met}`]
            .filter(Boolean)
            .join(' · '),
          pick: { id: s.person.id, name: s.person.name },
        })),
        ...(typed !== '' ? [{ key: 'new', label: `Add new person “${typed}”`, pick: 'new' as const }] : []),
      ];
  const shown = open && options.length > 0;
  const choose = (o: Option): void => {
    onChange({ text: o.pick === 'new' || o.pick === undefined ? value.text : o.pick.name, chosen: o.pick });
    setOpen(false);
    setActive(-1);
  };
  const chosen = value.chosen;
  return (
    <div className="picker">
      <label htmlFor={id} className={hideLabel ? 'sr-only' : undefined}>
        {label}
      </label>
      <input
        id={id}
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={chosen ? `${id}-chosen` : undefined}
        value={value.text}
        placeholder={placeholder}
        autoComplete="off"
        autoFocus={autoFocus}
        onChange={(e) => {
          onChange({ text: e.target.value });
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => {
          setOpen(true);
        }}
        onBlur={() => {
          setOpen(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
            const n = options.length;
            if (n === 0) return;
            setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : a <= 0 ? n - 1 : a - 1));
          } else if (e.key === 'Enter' && shown && active >= 0) {
            const o = options[active];
            if (o) {
              e.preventDefault();
              choose(o);
            }
          } else if (
            e.key === 'Enter' &&
            !choiceReady(value, { count: current.length, exact: false }) &&
            typed !== ''
          ) {
            // A name that matches people you have: open the list and wait for a choice.
            e.preventDefault();
            setOpen(true);
            setActive(0);
          } else if (e.key === 'Escape') {
            setOpen(false);
            setActive(-1);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="People you have" className="picker-list" hidden={!shown}>
        {options.map((o, i) => (
          <li
            key={o.key}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={`${i === active ? 'on' : ''}${o.pick === 'new' ? ' new' : ''}`}
            onMouseDown={(e) => {
              e.preventDefault();
            }}
            onClick={() => {
              choose(o);
            }}
          >
            <span>{o.label}</span>
            {o.detail && <span className="muted small"> {o.detail}</span>}
          </li>
        ))}
      </ul>
      {chosen && (
        <p id={`${id}-chosen`} className="picker-chosen small" role="status">
          {chosen === 'new' ? `A new person: ${typed}` : `Existing person: ${chosen.name}`}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              onChange({ text: value.text });
              setOpen(true);
              document.getElementById(id)?.focus();
            }}
          >
            Change
          </button>
        </p>
      )}
      {!chosen && typed !== '' && current.length > 0 && !open && (
        <p className="small warn-text" role="status">
          {current.length === 1 ? 'Someone you have matches' : `${current.length} people you have match`}:
          choose one, or “Add new person”.
        </p>
      )}
    </div>
  );
}
